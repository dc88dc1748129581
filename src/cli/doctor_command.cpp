// minqing doctor: checks a deployment and says what to fix, in Chinese and English: the database
// is reachable and migrated to this binary's schema, the search index follows this binary's rules,
// the public base URL is set and not this machine, the PDFs' Chinese font is installed, the web UI
// is built, messaging is configured, and the data and backup directories are writable. It never
// changes the database (app::InspectStore). Exit codes: 0 nothing to fix (warnings may remain),
// 1 something must be fixed.
#include <stdlib.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/pdf_fonts.hpp"
#include "app/public_links.hpp"
#include "app/store_status.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/sms_setup.hpp"
#include "domain/public_url.hpp"
#include "messaging/sms_gateways.hpp"

namespace minqing::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

enum class Level { kOk, kWarn, kFail };

// "V032", as the migration files are named.
std::string Version(std::int64_t version) {
  char text[24];
  std::snprintf(text, sizeof text, "V%03lld", static_cast<long long>(version));
  return text;
}

class Report {
 public:
  // `what` names the check; `fix` says what to do (empty when nothing).
  void Add(Level level, const std::string& what, const std::string& fix = "") {
    static constexpr const char* kTags[] = {"[通过 OK]  ", "[警告 WARN]", "[失败 FAIL]"};
    std::cout << kTags[static_cast<int>(level)] << " " << what << "\n";
    if (!fix.empty()) std::cout << "            修复 fix: " << fix << "\n";
    ++counts_[static_cast<int>(level)];
  }
  int Finish() const {
    std::cout << "doctor: " << counts_[0] << " 项通过，" << counts_[1] << " 项警告，" << counts_[2]
              << " 项需要修复 / " << counts_[0] << " ok, " << counts_[1] << " warnings, "
              << counts_[2] << " to fix\n";
    return counts_[2] > 0 ? 1 : 0;
  }

 private:
  int counts_[3] = {0, 0, 0};
};

// Creates and removes a file in `dir`: the honest test of "writable" (permissions, read-only
// mounts, a full quota all show).
bool Writable(const fs::path& dir, std::string& error) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    error = "不是目录 / not a directory";
    return false;
  }
  std::string name = (dir / ".minqing-doctor-XXXXXX").string();
  int fd = mkstemp(name.data());
  if (fd < 0) {
    error = "无法在其中创建文件 / cannot create a file there";
    return false;
  }
  close(fd);
  unlink(name.c_str());
  return true;
}

void CheckDatabase(Report& report, const std::string& db, const app::StoreStatus& status) {
  if (!status.reachable) {
    report.Add(Level::kFail, "数据库无法打开 / database not reachable: " + status.error,
               status.engine == "sqlite"
                   ? "检查 --db 路径，或先运行 minqing init --db " + db +
                         " / check --db or run minqing init first"
                   : "检查 PostgreSQL 地址、用户和密码，服务器是否运行 / check the URL, user, "
                     "password and that the server runs");
    return;
  }
  report.Add(Level::kOk, "数据库可以打开 / database reachable (" + status.engine + ")");
  if (status.newest_applied > status.newest_known) {
    report.Add(Level::kFail,
               "数据库比本程序新（" + Version(status.newest_applied) + " > " +
                   Version(status.newest_known) + "）/ the database is newer than this binary",
               "升级 minqing 程序 / install the newer minqing binary");
  } else if (!status.pending.empty()) {
    std::string names;
    for (const auto& name : status.pending) names += (names.empty() ? "" : ", ") + name;
    report.Add(Level::kFail,
               "数据库未迁移到本程序的版本，缺少 " + std::to_string(status.pending.size()) +
                   " 个迁移 / database not migrated, missing: " + names,
               "启动一次 minqing serve（启动时自动迁移），或先备份：minqing backup / start "
               "minqing serve once (it migrates on start), after a backup");
  } else {
    report.Add(Level::kOk, "数据库已迁移到 " + Version(status.newest_known) +
                               " / database migrated to this binary's schema");
  }
  if (status.engine == "postgresql" && status.pending.empty()) {
    if (status.tables_without_next_month.empty()) {
      report.Add(Level::kOk, "按月分区已建到下月 / month partitions made for next month");
    } else {
      std::string tables;
      for (const auto& t : status.tables_without_next_month) {
        tables += (tables.empty() ? "" : ", ") + t;
      }
      report.Add(
          Level::kFail,
          "下月的按月分区未建立，下月起这些表的写入会被拒绝 / no partition for next month: " +
              tables,
          "运行 minqing partitions --db " + db +
              "，或保持 minqing serve 运行（每日任务提前三个月建立）/ run minqing "
              "partitions, or keep minqing serve running (its daily job keeps three months "
              "ahead)");
    }
  }
  if (status.pending.empty() && !status.search_index_current) {
    report.Add(
        Level::kWarn, "诉求搜索索引不是本程序的规则建立的 / the matter search index is stale",
        "启动 minqing serve 时会自动重建（大库需几分钟）/ minqing serve rebuilds it on start");
  } else if (status.pending.empty()) {
    report.Add(Level::kOk, "诉求搜索索引是最新的 / matter search index current");
  }
}

void CheckPublicUrl(Report& report, const app::StoreStatus& status) {
  if (!status.reachable) return;
  const std::string how =
      "用 minqing serve --public-url https://你的域名 启动，或由管理员在 系统设置 → 对外网址 "
      "中填写 "
      "/ start serve with --public-url or set it in the browser (系统设置)";
  if (status.public_url.empty()) {
    report.Add(Level::kWarn,
               "对外网址未设置，二维码和链接将指向 " + std::string(app::PublicLinks::kDefaultBase) +
                   "，群众手机打不开 / public URL unset: QR codes point at this machine",
               how);
  } else if (domain::IsLoopbackPublicUrl(status.public_url)) {
    report.Add(Level::kWarn,
               "对外网址指向本机（" + status.public_url + "）/ public URL is a loopback address",
               how);
  } else {
    report.Add(Level::kOk, "对外网址 / public URL: " + status.public_url);
  }
}

void CheckFont(Report& report) {
  app::PdfFontStatus font = app::CheckPdfFont();
  const std::string wanted = app::kPdfFontFamily;
  if (font.exact) {
    report.Add(Level::kOk, "PDF 中文字体已安装 / PDF font installed: " + wanted);
  } else if (font.covers_chinese) {
    report.Add(Level::kWarn,
               "PDF 字体 " + wanted + " 未安装，将用 " + font.family + " 代替 / substituted by " +
                   font.family,
               "apt-get install fonts-wqy-microhei");
  } else {
    report.Add(Level::kFail,
               "没有可用的中文字体，联系卡等 PDF 中的中文会显示为方框 / no Chinese font for PDFs",
               "apt-get install fonts-wqy-microhei");
  }
}

void CheckWeb(Report& report, const std::string& requested) {
  std::string root = FindWebRoot(requested);
  std::error_code ec;
  if (root.empty()) {
    report.Add(Level::kFail, "未找到网页文件（index.html）/ web UI not found",
               "构建网页：cd web && npm run build，再用 serve --web DIR 指定 / build the web UI "
               "and pass serve --web DIR");
  } else if (!fs::exists(fs::path(root) / "public.html", ec)) {
    report.Add(Level::kFail,
               "网页目录缺少 public.html（群众扫码页面）/ " + root + " lacks public.html",
               "重新构建网页 / rebuild the web UI: cd web && npm run build");
  } else {
    report.Add(Level::kOk, "网页文件 / web UI: " + root);
  }
}

void CheckDirectories(Report& report, const std::string& db, const app::StoreStatus& status,
                      const std::string& backup_dir) {
  std::vector<std::pair<std::string, fs::path>> dirs;
  if (status.engine == "sqlite") {
    fs::path data = fs::absolute(fs::path(db)).parent_path();
    dirs.emplace_back("数据目录 / data directory", data);
  }
  if (!backup_dir.empty()) {
    dirs.emplace_back("备份目录 / backup directory", fs::path(backup_dir));
  } else if (status.engine == "sqlite") {
    report.Add(Level::kWarn, "未指定备份目录 / no backup directory given",
               "定期运行 minqing backup --db " + db +
                   " /备份目录/minqing-日期.db，并用 doctor --backup-dir 检查 / schedule "
                   "minqing backup and check it with --backup-dir");
  }
  for (const auto& [label, dir] : dirs) {
    std::string error;
    if (Writable(dir, error)) {
      std::string line = label;
      line += " 可写 / writable: ";
      line += dir.string();
      report.Add(Level::kOk, line);
    } else {
      std::string line = label;
      line += " 不可写 / not writable: ";
      line += dir.string();
      line += "（";
      line += error;
      line += "）";
      report.Add(Level::kFail, line,
                 "检查目录是否存在及运行 minqing 的用户的写权限 / check it exists and the minqing "
                 "user may write it");
    }
  }
}

// The SMS gateway: its configuration loads, a provider is named, every kind has a template.
void CheckSms(Report& report, const std::string& option) {
  messaging::SmsGatewayConfig config;
  try {
    config = LoadSmsConfig(SmsConfigPath(option), false);
  } catch (const std::exception& e) {
    report.Add(
        Level::kFail, std::string("短信通道配置有误 / SMS configuration is broken: ") + e.what(),
        "改正配置文件或 MINQING_SMS_* 环境变量 / fix the file or the MINQING_SMS_* variables");
    return;
  }
  if (config.provider.empty()) {
    report.Add(Level::kWarn,
               "未配置短信通道：验证码和提醒短信会排队但发不出去 / no SMS gateway configured: "
               "codes and reminders wait in the outbox",
               "serve --sms-config /etc/minqing/sms.json 或 MINQING_SMS_PROVIDER 等环境变量（见 "
               "README「短信」）/ configure a provider (README, \"SMS\")");
    return;
  }
  std::shared_ptr<app::SmsGateway> gateway;
  try {
    gateway = messaging::MakeSmsGateway(config);
  } catch (const std::exception& e) {
    report.Add(Level::kFail, std::string("短信通道无法使用 / SMS gateway unusable: ") + e.what());
    return;
  }
  const auto missing = gateway ? gateway->MissingTemplates() : std::vector<std::string>{};
  if (missing.empty()) {
    report.Add(Level::kOk, "短信通道 / SMS gateway: " + config.Describe());
    return;
  }
  std::string list;
  for (const auto& kind : missing) {
    const app::SmsKindInfo* info = app::FindSmsKind(kind);
    list += (list.empty() ? "" : "、") + (info ? info->label : kind) + "(" + kind + ")";
  }
  report.Add(Level::kFail,
             "短信模板未配置，这些短信会发送失败 / message kinds without a template: " + list,
             "在配置文件 templates 中或用 MINQING_SMS_TEMPLATE_<KIND> 填写服务商审核通过的模板号 / "
             "add the provider's approved template ids");
}

}  // namespace

int RunDoctor(const Args& args) {
  po::options_description options("minqing doctor");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")("web", po::value<std::string>()->default_value(""),
                                             "网页目录 / built web UI directory")(
      "backup-dir", po::value<std::string>()->default_value(""),
      "备份目录（检查可写）/ backup directory (checked writable)")(
      "sms-config", po::value<std::string>()->default_value(""),
      "短信通道配置文件（同 serve）/ SMS gateway configuration, as for serve");
  po::variables_map vm;
  if (!ParseOptions(args, options, vm,
                    "检查部署 / check a deployment: minqing doctor --db URL [--web DIR] "
                    "[--backup-dir DIR]\n退出码 exit code: 0 无需修复 nothing to fix, 1 需要修复 "
                    "something to fix")) {
    return 0;
  }
  const std::string db = vm["db"].as<std::string>();
  Report report;
  app::StoreStatus status = app::InspectStore(db);
  CheckDatabase(report, db, status);
  CheckPublicUrl(report, status);
  CheckFont(report);
  CheckWeb(report, vm["web"].as<std::string>());
  CheckSms(report, vm["sms-config"].as<std::string>());
  CheckDirectories(report, db, status, vm["backup-dir"].as<std::string>());
  return report.Finish();
}

}  // namespace minqing::cli
