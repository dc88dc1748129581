// serve, init, user and backup: the commands that wire the composition root.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "app/audit.hpp"
#include "app/id_node_lease.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/sms_setup.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/work_calendar.hpp"
#include "http/server.hpp"
#include "log/log.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

// Waits `seconds` or until `stop` is requested, whichever comes first (a periodic job's pause).
void PauseUnlessStopped(const std::stop_token& stop, int seconds) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, std::chrono::seconds(seconds), [] { return false; });
}

constexpr int kDefaultSlowQueryMs = 200;

// The log format and the slow-statement threshold from serve's options or, when an option is not
// given, the environment (MINQING_LOG_FORMAT, MINQING_SLOW_QUERY_MS). Bad values stop the start.
void ConfigureLogging(const po::variables_map& vm) {
  std::string format = vm["log-format"].as<std::string>();
  if (format.empty()) {
    const char* env = std::getenv("MINQING_LOG_FORMAT");
    format = env != nullptr && *env != '\0' ? env : "text";
  }
  const std::optional<log::Format> parsed = log::ParseFormat(format);
  if (!parsed) {
    throw domain::InvalidInput("serve.log_format",
                               "日志格式只能是 text 或 json / --log-format must be text or json");
  }
  log::SetFormat(*parsed);
  int slow_ms = vm["slow-query-ms"].as<int>();
  const char* env_slow = std::getenv("MINQING_SLOW_QUERY_MS");
  if (vm["slow-query-ms"].defaulted() && env_slow != nullptr && *env_slow != '\0') {
    try {
      std::size_t used = 0;
      slow_ms = std::stoi(env_slow, &used);
      if (used != std::string_view(env_slow).size()) throw std::invalid_argument(env_slow);
    } catch (const std::exception&) {
      throw domain::InvalidInput("serve.slow_query_ms",
                                 "MINQING_SLOW_QUERY_MS 应为整数毫秒 / must be whole milliseconds");
    }
  }
  log::SetSlowStatementThreshold(
      slow_ms < 0 ? std::nullopt
                  : std::optional<std::chrono::microseconds>(std::chrono::milliseconds(slow_ms)));
}

}  // namespace

std::string FindWebRoot(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* env = std::getenv("MINQING_WEB_ROOT")) return env;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates = {"web/dist"};
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.parent_path();
         dir = dir.parent_path()) {
      candidates.push_back(dir / "web/dist");
      candidates.push_back(dir / "share/minqing/web");
    }
  }
  for (const auto& c : candidates) {
    if (fs::exists(c / "index.html", ec)) return fs::absolute(c, ec).string();
  }
  return "";
}

std::string DefaultDatabaseUrl() {
  if (const char* env = std::getenv("MINQING_DB")) return env;
  return "minqing.db";
}

int RunServe(const Args& args) {
  po::options_description options("minqing serve");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库：SQLite 文件路径或 postgresql://... / database")(
      "address", po::value<std::string>()->default_value("127.0.0.1"), "监听地址 / listen address")(
      "port", po::value<int>()->default_value(8080), "端口（0 为任意空闲端口）/ port")(
      "web", po::value<std::string>()->default_value(""), "网页目录 / built web UI directory")(
      "io-threads", po::value<int>()->default_value(0), "I/O 线程数（0：CPU 核数）/ I/O threads")(
      "workers", po::value<int>()->default_value(0),
      "写入与慢请求的线程数（0：SQLite 为核数，PostgreSQL 为4倍核数）/ worker threads")(
      "escalation-interval", po::value<int>()->default_value(60),
      "逾期检查间隔秒数（0 为关闭，测试用）/ seconds between escalation runs, 0 = off")(
      "port-file", po::value<std::string>()->default_value(""),
      "把实际端口写入此文件 / write the bound port to this file")(
      "secure-cookies", po::bool_switch(),
      "会话 Cookie 加 Secure（经 HTTPS 访问时必须开启）/ mark the session cookie Secure (HTTPS)")(
      "trust-proxy", po::bool_switch(),
      "在本机反向代理之后：以 X-Forwarded-For 最后一跳为客户端地址 / behind a reverse proxy: "
      "the client address is the last X-Forwarded-For hop")(
      "trusted-proxy",
      po::value<std::vector<std::string>>()->multitoken()->default_value({"127.0.0.1", "::1"},
                                                                         "127.0.0.1 ::1"),
      "只相信这些地址发来的 X-Forwarded-For（反向代理的地址）/ addresses whose X-Forwarded-For "
      "is believed (the reverse proxy)")(
      "public-rate", po::value<int>()->default_value(120),
      "免登录接口每个地址每分钟请求数（0 为不限）/ requests per minute per address to routes "
      "without login, 0 = unlimited")("public-burst", po::value<int>()->default_value(60),
                                      "免登录接口每个地址的突发请求数 / burst per address")(
      "public-url", po::value<std::string>()->default_value(""),
      "对外网址，二维码和链接的前缀（指定后覆盖并保存系统设置）/ public base URL of QR codes and "
      "links, e.g. https://minqing.example.gov.cn (stored as the setting; pinned while running)")(
      "dev-sms", po::bool_switch(),
      "开发模式：短信不真正发出，写入发件箱并可由管理员查看（GET /api/v1/dev/sms），切勿用于生产 / "
      "development: the SMS outbox is readable by administrators; never in production")(
      "sms-config", po::value<std::string>()->default_value(""),
      "短信通道配置文件（JSON；也可用 MINQING_SMS_CONFIG 和 MINQING_SMS_* "
      "环境变量），密钥只放在这里 / "
      "SMS gateway configuration file (or MINQING_SMS_CONFIG and MINQING_SMS_* variables)")(
      "sms-interval-ms", po::value<int>()->default_value(500),
      "短信发件箱检查间隔毫秒 / milliseconds between SMS outbox runs")(
      "sms-retry-seconds", po::value<int>()->default_value(30),
      "短信首次重试等待秒数（之后每次加倍，最多1小时）/ seconds before the first retry (doubling)")(
      "replica-url", po::value<std::string>()->default_value(""),
      "PostgreSQL 流复制只读副本（也可用 MINQING_REPLICA_URL）：列表、工作台、大屏和导出从副本读，"
      "刚写过的会话读主库，副本不可用时读主库 / a streaming replica of the PostgreSQL database "
      "(or MINQING_REPLICA_URL) for lists, dashboards and exports; a session that has just "
      "written, and every read while the replica is down, goes to the primary")(
      "log-format", po::value<std::string>()->default_value(""),
      "日志格式：text（默认，便于人读）或 json（每行一个对象，写到 stderr，含每个请求一行；"
      "也可用 MINQING_LOG_FORMAT）/ log format: text (default) or json (one object per line on "
      "stderr, with a line per request; or MINQING_LOG_FORMAT)")(
      "slow-query-ms", po::value<int>()->default_value(kDefaultSlowQueryMs),
      "慢语句阈值毫秒，达到即记日志（0 记录全部语句，负数关闭；也可用 MINQING_SLOW_QUERY_MS）/ "
      "log statements taking at least this many ms (0: every statement, negative: off; or "
      "MINQING_SLOW_QUERY_MS)");
  po::variables_map vm;
  if (!ParseOptions(args, options, vm, "启动服务 / run the server: minqing serve --db minqing.db"))
    return 0;
  std::string replica_url = vm["replica-url"].as<std::string>();
  if (const char* env = std::getenv("MINQING_REPLICA_URL"); replica_url.empty() && env) {
    replica_url = env;
  }

  ConfigureLogging(vm);

  // Block the stop signals before any thread starts, so that only sigwait() below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The SMS gateway's configuration is checked before anything starts: a broken one stops here.
  const messaging::SmsGatewayConfig sms_config =
      LoadSmsConfig(SmsConfigPath(vm["sms-config"].as<std::string>()), vm["dev-sms"].as<bool>());
  app::Services services(app::OpenStore(vm["db"].as<std::string>(), replica_url));
  app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(vm["port"].as<int>()), Now);
  if (!replica_url.empty()) {
    std::cout << "只读副本 / read replica: 列表、工作台、大屏和导出从副本读 / lists, dashboards "
                 "and exports read from the replica"
              << std::endl;
  }
  if (const auto& public_url = vm["public-url"].as<std::string>(); !public_url.empty()) {
    services.links.Pin(public_url, Now());
  }
  http::ServerOptions server_options;
  server_options.address = vm["address"].as<std::string>();
  server_options.port = static_cast<std::uint16_t>(vm["port"].as<int>());
  // SQLite work is CPU-bound and short: as many workers as cores. PostgreSQL work waits on the
  // network, so more workers keep the cores busy.
  int cores = std::max(1u, std::thread::hardware_concurrency());
  int io_threads = vm["io-threads"].as<int>();
  int workers = vm["workers"].as<int>();
  server_options.io_threads = io_threads > 0 ? io_threads : cores;
  const bool sqlite = services.store->Engine() == "sqlite";
  server_options.worker_threads = workers > 0 ? workers : (sqlite ? cores : 4 * cores);
  // SQLite reads never wait (WAL), so they are answered on the I/O threads.
  server_options.quick_routes_on_io_threads = sqlite;
  server_options.web_root = FindWebRoot(vm["web"].as<std::string>());
  server_options.secure_cookies = vm["secure-cookies"].as<bool>();
  server_options.trust_forwarded_for = vm["trust-proxy"].as<bool>();
  server_options.trusted_proxies = vm["trusted-proxy"].as<std::vector<std::string>>();
  server_options.public_rate = {vm["public-rate"].as<int>(), vm["public-burst"].as<int>()};
  server_options.dev_sms = vm["dev-sms"].as<bool>();
  // A secret: from the environment only, never from the command line (seen in `ps`).
  if (const char* token = std::getenv("MINQING_METRICS_TOKEN"))
    server_options.metrics_token = token;
  http::Server server(services, server_options);
  std::uint16_t port = server.Start();
  std::string host = server_options.address == "0.0.0.0" ? "127.0.0.1" : server_options.address;
  log::Info("minqing 已启动 / listening on http://" + host + ":" + std::to_string(port) + "/  (" +
            services.store->Engine() + ")");
  services.links.SetFallback("http://" +
                             (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                             std::to_string(port));
  if (app::PublicUrlInfo links = services.links.Info();
      links.source == app::PublicUrlSource::kUnset || links.loopback) {
    const bool unset = links.source == app::PublicUrlSource::kUnset;
    log::Warn(std::string("警告：对外网址") + (unset ? "未设置" : "指向本机") + "（" + links.url +
              "），联系卡和回执二维码在群众手机上打不开；请用 serve --public-url https://… "
              "或在 系统设置 中设置 / warning: the public URL is " +
              (unset ? "unset" : "a loopback address") + " (" + links.url +
              "): QR codes will not open on residents' phones; set serve --public-url or the "
              "setting in the browser");
  }
  std::shared_ptr<app::SmsGateway> gateway = InstallSmsGateway(services, sms_config);
  if (!gateway) {
    log::Warn(
        "警告：未配置短信通道，验证码和提醒短信会排队但发不出去；请用 serve --sms-config "
        "或 MINQING_SMS_* 环境变量配置 / warning: no SMS gateway configured, messages wait in the "
        "outbox");
  } else {
    log::Info("短信通道 / SMS gateway: " + sms_config.Describe());
    if (auto missing = gateway->MissingTemplates(); !missing.empty()) {
      log::Warn("警告：" + std::to_string(missing.size()) +
                " 种短信未配置模板，这些短信会发送失败（minqing doctor 列出）/ warning: " +
                std::to_string(missing.size()) + " message kinds have no template");
    }
  }
  app::SmsDispatchOptions sms_options;
  sms_options.first_backoff_seconds = std::max(1, vm["sms-retry-seconds"].as<int>());
  services.sms_dispatcher.SetOptions(sms_options);
  app::SmsSenderThread sms_sender(services.sms_dispatcher,
                                  std::chrono::milliseconds(vm["sms-interval-ms"].as<int>()),
                                  [] { return Now(); });
  if (server_options.dev_sms) {
    log::Info(
        "开发模式：短信不会真正发出，验证码可在 /api/v1/dev/sms 查看（切勿用于生产）/ "
        "development mode: messages go to the outbox, never to phones");
  }
  if (server_options.web_root.empty()) {
    log::Info("注意：未找到网页目录 web/dist，只提供 API / no web UI found, API only");
  }
  const auto& port_file = vm["port-file"].as<std::string>();
  if (!port_file.empty()) {
    std::filesystem::path tmp = port_file + ".tmp";
    {
      std::ofstream out(tmp);
      out << port << "\n";
    }
    std::filesystem::rename(tmp, port_file);
  }
  // The periodic jobs run in one server process of a deployment at a time, the one holding the
  // job's lease (job_leases): it renews the lease each round, and when it stops or dies another
  // process takes the lease over once it has expired (three rounds).
  const std::string lease_holder = ProcessLeaseHolder(port);
  auto holds_lease = [&services, &lease_holder](const char* job, int round_seconds) {
    try {
      const domain::Epoch now = Now();
      auto tx = services.store->Begin();
      const bool held = tx->Settings().TakeJobLease(job, lease_holder, now,
                                                    now + 3 * std::max(round_seconds, 20));
      tx->Commit();
      return held;
    } catch (const std::exception& e) {
      log::Error("minqing: 任务租约失败 job lease failed", {{"error", std::string_view(e.what())}});
      return false;
    }
  };
  // Escalation, callback tasks and reminders every interval (idempotent); stops with the server.
  // Tests that drive escalation with their own clock turn it off.
  const int interval = vm["escalation-interval"].as<int>();
  std::jthread escalation([&services, interval, &holds_lease](const std::stop_token& stop) {
    if (interval <= 0) return;
    while (!stop.stop_requested()) {
      if (!holds_lease("escalation", interval)) {
        PauseUnlessStopped(stop, interval);
        continue;
      }
      try {
        services.handling.RunEscalation(app::SystemActor(Now(), domain::Channel::kSystem));
      } catch (const std::exception& e) {
        log::Error("minqing: 逾期升级失败 escalation failed",
                   {{"error", std::string_view(e.what())}});
      }
      // Notices due within 2 days and tomorrow's appointments (once each).
      try {
        services.reminders.Run(Now());
      } catch (const std::exception& e) {
        log::Error("minqing: 提醒失败 reminders failed", {{"error", std::string_view(e.what())}});
      }
      PauseUnlessStopped(stop, interval);
    }
  });
  // This process's id node, renewed each minute, well within its lease.
  std::jthread id_node_renewal([&id_node](const std::stop_token& stop) {
    for (;;) {
      PauseUnlessStopped(stop, 60);
      if (stop.stop_requested()) return;
      id_node.Renew();
    }
  });
  // The day's audit chain head, published (kept in the database, shown on the public board) and
  // logged at start and then once per China day; PostgreSQL's month partitions ahead, the login
  // throttle's expired rows and last month's ranking report when missing (cheap checks each
  // minute).
  std::jthread chain_publisher([&services, &holds_lease](const std::stop_token& stop) {
    std::string logged_day;
    while (!stop.stop_requested()) {
      if (!holds_lease("daily", 60)) {
        PauseUnlessStopped(stop, 60);
        continue;
      }
      try {
        domain::Epoch now = Now();
        std::string day = domain::FormatDate(domain::ChinaDay(now));
        if (day != logged_day) {
          auto head = app::PublishTodaysChainHead(*services.store, now);
          if (head) {
            log::Info("minqing 审计链头 / audit chain head " + head->day + ": #" +
                      std::to_string(head->seq) + " " + head->hash);
          } else {
            log::Info(
                "minqing 审计链未建立 / audit log never chained: minqing verify --start-chain");
          }
          logged_day = day;
        }
      } catch (const std::exception& e) {
        log::Error("minqing: 发布审计链头失败 publishing the chain head failed",
                   {{"error", std::string_view(e.what())}});
      }
      // PostgreSQL's month partitions (V062), three months ahead of the month writing into.
      try {
        if (int made = services.store->EnsureMonthPartitions(Now(), 3); made > 0) {
          log::Info("minqing 新建按月分区 / month partitions made: " + std::to_string(made));
        }
      } catch (const std::exception& e) {
        log::Error("minqing: 建立按月分区失败 making month partitions failed",
                   {{"error", std::string_view(e.what())}});
      }
      // The login throttle's rows that no longer count (an indexed delete, each minute).
      try {
        services.auth.PruneThrottle(Now());
      } catch (const std::exception& e) {
        log::Error("minqing: 清理登录失败记录失败 pruning the login throttle failed",
                   {{"error", std::string_view(e.what())}});
      }
      // The shared request limits' windows that are over.
      try {
        services.request_limits.Prune(Now());
      } catch (const std::exception& e) {
        log::Error("minqing: 清理请求计数失败 pruning the request windows failed",
                   {{"error", std::string_view(e.what())}});
      }
      // Last month's ranking report (月度通报), made once when missing: on the 1st, or on the
      // first check of a server started later in the month.
      try {
        auto report = services.monthly_reports.GenerateMissing(Now());
        if (report.generated) {
          log::Info("minqing 月度通报 / monthly report " + report.month + ": " + report.summary);
        }
      } catch (const std::exception& e) {
        log::Error("minqing: 生成月度通报失败 monthly report failed",
                   {{"error", std::string_view(e.what())}});
      }
      PauseUnlessStopped(stop, 60);
    }
  });
  int received = 0;
  sigwait(&signals, &received);
  log::Info("minqing 正在停止 / stopping");
  chain_publisher.request_stop();
  chain_publisher.join();
  id_node_renewal.request_stop();
  id_node_renewal.join();
  escalation.request_stop();
  escalation.join();
  // A lease this process holds ends now (renewed until now), so another process takes the jobs
  // over at its next round instead of after three.
  try {
    const domain::Epoch now = Now();
    auto tx = services.store->Begin();
    for (const char* job : {"escalation", "daily"}) {
      tx->Settings().TakeJobLease(job, lease_holder, now, now);
    }
    tx->Commit();
  } catch (const std::exception& e) {
    log::Error("minqing: 释放任务租约失败 releasing the job leases failed",
               {{"error", std::string_view(e.what())}});
  }
  server.Stop();
  return 0;
}

int RunInit(const Args& args) {
  po::options_description options("minqing init");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")(
      "admin-username", po::value<std::string>()->default_value("admin"), "管理员用户名")(
      "admin-password-stdin", po::bool_switch(),
      "从标准输入第一行读取管理员密码（也可用环境变量 MINQING_ADMIN_PASSWORD）/ read the admin "
      "password from stdin (or MINQING_ADMIN_PASSWORD)")("admin-password", po::value<std::string>(),
                                                         "已停用：密码不能写在命令行上 / refused")(
      "county-name", po::value<std::string>()->default_value(""), "县/区名称 / county name")(
      "county-code", po::value<std::string>()->default_value(""), "县/区区划代码 / county code")(
      "levels", po::value<std::string>()->default_value(""),
      "区域层级名称，自上而下，如 市,区,街道,社区,网格（默认 县,乡镇,村,组）/ level names")(
      "levels-en", po::value<std::string>()->default_value(""), "英文层级名称 / English names");
  po::variables_map vm;
  if (!ParseOptions(args, options, vm, "初始化数据库 / create the schema and the first admin"))
    return 0;
  RefusePasswordArgument(vm, "admin-password", "admin-password-stdin", "MINQING_ADMIN_PASSWORD");
  std::optional<std::string> admin_password =
      ReadPassword(vm["admin-password-stdin"].as<bool>(), "MINQING_ADMIN_PASSWORD", false, "");
  auto now = Now();
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  std::cout << "数据库已就绪 / schema ready (" << services.store->Engine() << ")\n";
  auto actor = app::SystemActor(now);
  if (!vm["levels"].as<std::string>().empty()) {
    auto levels = services.regions.SetLevels(actor, vm["levels"].as<std::string>(),
                                             vm["levels-en"].as<std::string>());
    std::cout << "区域层级 / region levels:";
    for (const auto& l : levels.levels) std::cout << " " << l.name;
    std::cout << "\n";
  }
  if (!vm["county-name"].as<std::string>().empty()) {
    // The top region of the configured levels: the county, or the city above a district.
    app::RegionInput region;
    region.level = domain::RegionLevelCode(services.regions.Levels().Top());
    region.name = vm["county-name"].as<std::string>();
    region.code = vm["county-code"].as<std::string>();
    auto created = services.registry.CreateRegion(actor, region);
    std::cout << "已创建区域 / region created: " << created.name << " (id " << created.id << ")\n";
  }
  if (admin_password) {
    app::UserInput admin;
    admin.username = vm["admin-username"].as<std::string>();
    admin.display_name = "系统管理员";
    admin.role = "admin";
    admin.password = *admin_password;
    services.auth.CreateUser(actor, admin);
    std::cout << "已创建管理员 / admin created: " << admin.username << "\n";
  }
  return 0;
}

int RunUser(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << "用法 Usage: minqing user add --db URL --username U --role ROLE\n"
                 "  [--password-stdin] [--display-name N] [--scope-region CODE] [--unit-id ID]\n"
                 "  [--resident-id ID]\n"
                 "密码 password: --password-stdin（标准输入第一行）、环境变量 MINQING_PASSWORD，\n"
                 "  或在终端中输入 / stdin, MINQING_PASSWORD, or typed at the prompt\n"
                 "角色 roles: admin leader centre_staff unit_handler village_assistant "
                 "party_member resident\n";
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "add") {
    throw domain::InvalidInput("cli.bad_arguments", "未知子命令 unknown subcommand: " + args[0]);
  }
  Args rest(args.begin() + 1, args.end());
  po::options_description options("minqing user add");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")("username", po::value<std::string>()->required(),
                                             "用户名")(
      "password-stdin", po::bool_switch(),
      "从标准输入第一行读取密码（也可用环境变量 MINQING_PASSWORD 或终端输入）/ read the password "
      "from stdin (or MINQING_PASSWORD, or the prompt)")("password", po::value<std::string>(),
                                                         "已停用：密码不能写在命令行上 / refused")(
      "role", po::value<std::string>()->required(), "角色 / role code")(
      "display-name", po::value<std::string>()->default_value(""), "姓名 / display name")(
      "scope-region", po::value<std::string>()->default_value(""),
      "管辖区域的区划代码 / scope region code")(
      "unit-id", po::value<std::int64_t>(), "所属单位 id")("resident-id", po::value<std::int64_t>(),
                                                           "关联居民 id")(
      "phone", po::value<std::string>()->default_value(""), "电话");
  po::variables_map vm;
  if (!ParseOptions(rest, options, vm, "添加用户 / add a user")) return 0;
  RefusePasswordArgument(vm, "password", "password-stdin", "MINQING_PASSWORD");
  std::optional<std::string> password =
      ReadPassword(vm["password-stdin"].as<bool>(), "MINQING_PASSWORD", true, "密码 / password: ");
  if (!password) {
    throw domain::InvalidInput(
        "cli.password_required",
        "请提供密码：--password-stdin、环境变量 MINQING_PASSWORD 或终端输入 "
        "/ give the password on stdin, in MINQING_PASSWORD or at the prompt");
  }
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  app::UserInput input;
  input.username = vm["username"].as<std::string>();
  input.password = *password;
  input.role = vm["role"].as<std::string>();
  input.display_name = vm["display-name"].as<std::string>();
  input.phone = vm["phone"].as<std::string>();
  const auto& code = vm["scope-region"].as<std::string>();
  if (!code.empty()) {
    auto tx = services.store->BeginRead();
    auto region = tx->Registry().FindRegionByCode(code);
    if (!region) throw domain::NotFound("region.not_found", "区划代码不存在: " + code);
    input.scope_region_id = region->id;
  }
  if (vm.count("unit-id")) input.scope_unit_id = vm["unit-id"].as<std::int64_t>();
  if (vm.count("resident-id")) input.resident_id = vm["resident-id"].as<std::int64_t>();
  auto user = services.auth.CreateUser(app::SystemActor(Now()), input);
  std::cout << "已添加用户 / user added: " << user.username << " (" << domain::RoleLabel(user.role)
            << ", id " << user.id << ")\n";
  return 0;
}

int RunBackup(const Args& args) {
  po::options_description options("minqing backup");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")("dest", po::value<std::string>()->required(),
                                             "备份文件 / destination file")(
      "force", po::bool_switch(),
      "覆盖已有的备份文件（从不覆盖数据库本身）/ replace an existing file (never the database)");
  po::positional_options_description positional;
  positional.add("dest", 1);
  po::variables_map vm;
  if (!ParseOptions(args, options, vm,
                    "在线备份 / consistent backup: minqing backup --db URL DEST [--force]",
                    &positional)) {
    return 0;
  }
  namespace fs = std::filesystem;
  const std::string db = vm["db"].as<std::string>();
  const fs::path dest = vm["dest"].as<std::string>();
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    // The live database and its journal files are refused even with --force.
    const bool sqlite = db.rfind("postgres", 0) != 0;
    bool live = false;
    if (sqlite) {
      for (const std::string& file : {db, db + "-wal", db + "-shm", db + "-journal"}) {
        std::error_code same_ec;
        if (fs::equivalent(dest, file, same_ec) && !same_ec) live = true;
      }
    }
    if (live) {
      throw domain::Conflict("backup.live_database",
                             "备份目标就是正在使用的数据库文件，拒绝覆盖 / the destination is the "
                             "live database: refused");
    }
    if (!vm["force"].as<bool>()) {
      throw domain::Conflict("backup.exists",
                             "备份文件已存在：" + dest.string() +
                                 "（确需覆盖请加 --force）/ the file exists: add --force to "
                                 "replace it");
    }
    if (!fs::is_regular_file(dest, ec)) {
      throw domain::Conflict("backup.exists",
                             "备份目标不是普通文件 / not a regular file: " + dest.string());
    }
  }
  app::Services services(app::OpenStore(db));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  if (vm["force"].as<bool>()) fs::remove(dest, ec);
  services.store->Backup(dest.string());
  std::cout << "备份完成 / backup written: " << dest.string() << "（仅所有者可读 / mode 0600）\n";
  return 0;
}

}  // namespace minqing::cli
