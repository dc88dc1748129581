// `minqing accounts`: accounts in bulk from the command line (app/account_import.hpp): import an
// accounts sheet, print activation letters, deactivate, reactivate or reassign the accounts a
// sheet names (its 用户名 column).
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/account_import.hpp"
#include "app/id_node_lease.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/import_report.hpp"
#include "cli/options.hpp"
#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "formats/table.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

void AddCommonOptions(po::options_description& options) {
  AddDbOption(options);
  options.add_options()(
      "public-url", po::value<std::string>(),
      "对外网址，同 serve --public-url，会保存为设置 / public base URL, stored as the setting like "
      "serve --public-url");
}

void ApplyPublicUrl(app::Services& services, const po::variables_map& vm) {
  if (vm.count("public-url")) services.links.Pin(vm["public-url"].as<std::string>(), Now());
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw domain::StorageError("file.unwritable", "无法写入文件 / cannot write " + path);
}

// The usernames of a sheet's 用户名 column.
std::vector<std::string> UsernamesOf(const std::string& file) {
  formats::Table table = formats::ReadTable(file);
  int column = -1;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    if (domain::TrimWide(table.header[i]) == "用户名") column = static_cast<int>(i);
  }
  if (column < 0) {
    throw domain::InvalidInput("cli.bad_sheet",
                               "表格缺少“用户名”列 / the sheet has no 用户名 column");
  }
  std::vector<std::string> names;
  for (const auto& row : table.rows) {
    std::string name = domain::TrimWide(row[static_cast<std::size_t>(column)]);
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

int PrintLetters(app::Services& services, const app::Actor& actor, const std::vector<app::Id>& ids,
                 const std::string& out, bool sms) {
  app::LetterOptions options;
  options.sms = sms;
  app::AccountLetters letters = services.accounts.IssueLetters(actor, ids, options);
  WriteFile(out, letters.pdf);
  std::printf(
      "已生成 %lld 封激活通知书 / letters written: %s（旧激活码已作废 / older codes revoked）\n",
      static_cast<long long>(letters.count), out.c_str());
  return 0;
}

int Import(const Args& args) {
  po::options_description options("minqing accounts import");
  AddCommonOptions(options);
  options.add_options()("file", po::value<std::string>()->required(), "账号表 .csv 或 .xlsx")(
      "dry-run", "只校验不写入 / validate only")(
      "skip-invalid", "跳过有错误的行，导入其余 / import the valid rows, skip the others")(
      "letters", po::value<std::string>(),
      "导入后为这些账号生成激活通知书 PDF / then write their activation letters to this PDF")(
      "sms", "同时用短信发送激活码 / also send each code by SMS");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  std::string usage = "导入账号表，列为 / import an accounts sheet with the columns:\n  ";
  for (const auto& column : app::AccountColumns()) usage += column + " ";
  usage +=
      "\n新账号没有密码，凭激活通知书上的激活码首次登录并设置密码。\n"
      "用法 usage: minqing accounts import --db minqing.db 账号.xlsx [--dry-run] [--skip-invalid] "
      "[--letters 激活通知书.pdf]";
  if (!ParseOptions(args, options, vm, usage.c_str(), &positional)) return 0;
  if (vm.count("dry-run") && (vm.count("skip-invalid") || vm.count("letters"))) {
    throw domain::InvalidInput(
        "cli.bad_arguments", "--dry-run 不能与 --skip-invalid 或 --letters 同时使用 / choose one");
  }
  formats::Table table = formats::ReadTable(vm["file"].as<std::string>());
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  ApplyPublicUrl(services, vm);
  const app::Actor actor = app::SystemActor(Now(), domain::Channel::kImport);
  const app::ImportMode mode = ImportModeOption(vm);
  app::AccountImportReport report = services.accounts.Import(actor, table, mode);
  if (!report.problems.empty()) {
    std::cout << "发现 " << report.problems.size() << " 个问题 / problems found:\n";
    PrintProblemsTabbed(report.problems);
  }
  std::printf("共 %lld 行，有错误 %lld 行；%s：新账号 %lld，更新 %lld，跳过 %lld\n",
              static_cast<long long>(report.rows), static_cast<long long>(report.invalid_rows),
              report.written ? "已导入 imported" : "可导入 importable",
              static_cast<long long>(report.created), static_cast<long long>(report.updated),
              static_cast<long long>(report.skipped));
  if (!report.written) {
    return FinishImport(false, mode, report.invalid_rows,
                        "有错误，未导入任何账号。修正后重试，或用 --skip-invalid。\n"
                        "Nothing imported because of the problems above.\n",
                        nullptr);
  }
  if (vm.count("letters") && !report.account_ids.empty()) {
    return PrintLetters(services, actor, report.account_ids, vm["letters"].as<std::string>(),
                        vm.count("sms") > 0);
  }
  return 0;
}

int Letters(const Args& args) {
  po::options_description options("minqing accounts letters");
  AddCommonOptions(options);
  options.add_options()("out", po::value<std::string>()->required(), "输出 PDF / output PDF")(
      "username", po::value<std::vector<std::string>>(), "账号（可重复）/ username (repeatable)")(
      "sheet", po::value<std::string>(), "含“用户名”列的表格 / a sheet with a 用户名 column")(
      "sms", "同时用短信发送激活码 / also send each code by SMS");
  po::variables_map vm;
  const char* usage =
      "为账号生成新的激活码并写出激活通知书 PDF（旧激活码作废）/ issue activation letters\n"
      "用法 usage: minqing accounts letters --db minqing.db --out 激活通知书.pdf "
      "(--username U ... | --sheet 账号.xlsx)";
  if (!ParseOptions(args, options, vm, usage)) return 0;
  std::vector<std::string> names;
  if (vm.count("username")) names = vm["username"].as<std::vector<std::string>>();
  if (vm.count("sheet")) {
    auto more = UsernamesOf(vm["sheet"].as<std::string>());
    names.insert(names.end(), more.begin(), more.end());
  }
  if (names.empty()) {
    throw domain::InvalidInput("cli.bad_arguments", "请用 --username 或 --sheet 指定账号");
  }
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  ApplyPublicUrl(services, vm);
  const app::Actor actor = app::SystemActor(Now(), domain::Channel::kCli);
  return PrintLetters(services, actor, services.accounts.IdsOfUsernames(names),
                      vm["out"].as<std::string>(), vm.count("sms") > 0);
}

int Bulk(const Args& args, app::BulkChange::Kind kind, const char* name) {
  po::options_description options(std::string("minqing accounts ") + name);
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database URL")("sheet", po::value<std::string>()->required(),
                                                 "含“用户名”列的表格 / a sheet with 用户名");
  if (kind == app::BulkChange::Kind::kReassign) {
    options.add_options()("region", po::value<std::string>(), "新的管辖区域代码 / new region code")(
        "unit", po::value<std::string>(), "新的所属单位名称 / new unit (unit handlers)");
  }
  po::positional_options_description positional;
  positional.add("sheet", 1);
  po::variables_map vm;
  const std::string usage =
      std::string("批量") +
      (kind == app::BulkChange::Kind::kDeactivate   ? "停用账号（其会话立即失效）"
       : kind == app::BulkChange::Kind::kReactivate ? "启用账号"
                                                    : "调整账号的管辖区域或所属单位") +
      "\n用法 usage: minqing accounts " + name + " --db minqing.db 账号.xlsx" +
      (kind == app::BulkChange::Kind::kReassign ? " (--region 代码 | --unit 单位名称)" : "");
  if (!ParseOptions(args, options, vm, usage.c_str(), &positional)) return 0;
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  const app::Actor actor = app::SystemActor(Now(), domain::Channel::kCli);
  app::BulkChange change;
  change.kind = kind;
  if (kind == app::BulkChange::Kind::kReassign) {
    auto tx = services.store->BeginRead();
    if (vm.count("region")) {
      auto region = tx->Registry().FindRegionByCode(vm["region"].as<std::string>());
      if (!region)
        throw domain::NotFound("region.not_found", "区域代码不存在 / unknown region code");
      change.region_id = region->id;
    }
    if (vm.count("unit")) {
      for (const auto& unit : tx->Registry().ListUnits()) {
        if (unit.name == vm["unit"].as<std::string>()) change.unit_id = unit.id;
      }
      if (!change.unit_id) throw domain::NotFound("unit.not_found", "单位不存在 / unknown unit");
    }
  }
  const auto ids = services.accounts.IdsOfUsernames(UsernamesOf(vm["sheet"].as<std::string>()));
  const std::int64_t changed = services.accounts.Apply(actor, ids, change);
  std::printf("已处理 %lld 个账号 / accounts changed: %lld\n", static_cast<long long>(changed),
              static_cast<long long>(changed));
  return 0;
}

}  // namespace

int RunAccounts(const Args& args) {
  const std::string usage =
      "用法 usage: minqing accounts <import|letters|deactivate|reactivate|reassign> ... --help\n"
      "  import FILE [--dry-run] [--skip-invalid] [--letters OUT.pdf]  导入账号表\n"
      "  letters --out OUT.pdf (--username U | --sheet FILE)           打印激活通知书\n"
      "  deactivate FILE                                               批量停用\n"
      "  reactivate FILE                                               批量启用\n"
      "  reassign FILE (--region CODE | --unit NAME)                   批量调整管辖\n";
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << usage;
    return args.empty() ? 2 : 0;
  }
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "import") return Import(rest);
  if (args[0] == "letters") return Letters(rest);
  if (args[0] == "deactivate") return Bulk(rest, app::BulkChange::Kind::kDeactivate, "deactivate");
  if (args[0] == "reactivate") return Bulk(rest, app::BulkChange::Kind::kReactivate, "reactivate");
  if (args[0] == "reassign") return Bulk(rest, app::BulkChange::Kind::kReassign, "reassign");
  std::cerr << usage;
  return 2;
}

}  // namespace minqing::cli
