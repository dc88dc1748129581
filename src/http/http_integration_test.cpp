#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <array>
// clang-format off
#include <utility>  // Before the Asio headers: g++ 12 with C++20 needs it.
// clang-format on
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "app/actor.hpp"
#include "app/services.hpp"
#include "app/store.hpp"
#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/matter_json.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpClient;
using testing::HttpResult;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr char kAdminPassword[] = "admin-pass-1";
constexpr char kAssistantPassword[] = "assist-pass-1";

std::string LoginBody(const std::string& username, const std::string& password) {
  return Json{{"username", username}, {"password", password}}.dump();
}

app::UserInput UserOf(const std::string& username, const std::string& role,
                      const std::string& password, std::optional<domain::Id> scope_region_id) {
  app::UserInput input;
  input.username = username;
  input.display_name = username;
  input.role = role;
  input.password = password;
  input.scope_region_id = scope_region_id;
  return input;
}

app::RegionInput RegionOf(std::optional<domain::Id> parent_id, const std::string& level,
                          const std::string& code, const std::string& name) {
  app::RegionInput input;
  input.parent_id = parent_id;
  input.level = level;
  input.code = code;
  input.name = name;
  return input;
}

app::HouseholdInput HouseholdOf(domain::Id region_id, const std::string& address) {
  app::HouseholdInput input;
  input.region_id = region_id;
  input.address = address;
  return input;
}

app::ResidentInput HeadOf(const std::string& name, const std::string& id_card,
                          const std::string& phone) {
  app::ResidentInput input;
  input.name = name;
  input.id_card = id_card;
  input.phone = phone;
  input.relation = "户主";
  return input;
}

class HttpIntegrationTest : public testing::ServerTest {
 protected:
  HttpIntegrationTest() : ServerTest("minqing_http_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    std::filesystem::create_directories(dir_ / "web" / "assets");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>民情</title>";
    std::ofstream(dir_ / "web" / "assets" / "app.123.js") << "console.log('minqing')";
    std::ofstream(dir_ / "secret.txt") << "secret";

    app::Actor system = app::SystemActor(NowEpoch());
    services_->auth.CreateUser(system, UserOf("admin", "admin", kAdminPassword, std::nullopt));
    auto& registry = services_->registry;
    auto county =
        registry.CreateRegion(system, RegionOf(std::nullopt, "county", "330102000000", "示范县"));
    auto town =
        registry.CreateRegion(system, RegionOf(county.id, "township", "330102001000", "城关镇"));
    village_a_ =
        registry.CreateRegion(system, RegionOf(town.id, "village", "330102001001", "东村")).id;
    village_b_ =
        registry.CreateRegion(system, RegionOf(town.id, "village", "330102001002", "西村")).id;
    household_a_ = registry
                       .CreateHousehold(system, HouseholdOf(village_a_, "东村1号"),
                                        {HeadOf("王景云", "11010519491231002X", "13812345678")})
                       .id;
    household_b_ = registry
                       .CreateHousehold(system, HouseholdOf(village_b_, "西村2号"),
                                        {HeadOf("李四", "33010219800101123X", "13900001111")})
                       .id;
    services_->auth.CreateUser(
        system, UserOf("assist_a", "village_assistant", kAssistantPassword, village_a_));

    ServerOptions options = testing::TestServerOptions();
    options.web_root = (dir_ / "web").string();
    options.max_body_bytes = 64 * 1024;
    options.idle_timeout = std::chrono::seconds(2);
    StartServer(options);
  }

  HttpResult Get(const std::string& target, const std::string& token) {
    return Call(port_, "GET", target, "", {{"Authorization", "Bearer " + token}});
  }
  HttpResult Post(const std::string& target, const std::string& body, const std::string& token) {
    return Call(port_, "POST", target, body, {{"Authorization", "Bearer " + token}});
  }

  std::string Login(const std::string& username, const std::string& password) {
    return LoginAs(username, password);
  }

  domain::Id village_a_ = 0;
  domain::Id village_b_ = 0;
  domain::Id household_a_ = 0;
  domain::Id household_b_ = 0;
};

TEST_F(HttpIntegrationTest, HealthNeedsNoLoginAndCarriesSecurityHeaders) {
  HttpResult result = Call(port_, "GET", "/api/v1/health");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.Json(), (Json{{"status", "ok"}, {"engine", "sqlite"}}));
  EXPECT_EQ(result.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(result.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(result.Header("x-frame-options"), "DENY");
  EXPECT_NE(result.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
}

// The roster in the browser: export a village as a spreadsheet, check an upload without writing,
// then import what is valid.
TEST_F(HttpIntegrationTest, RosterExportsAndImportsThroughTheApi) {
  std::string admin = Login("admin", kAdminPassword);
  HttpResult exported =
      Get("/api/v1/roster/export?format=csv&region_id=" + std::to_string(village_a_), admin);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(exported.Header("content-disposition").find("filename=\"roster-"), std::string::npos);
  EXPECT_NE(exported.body.find("王景云"), std::string::npos);
  EXPECT_NE(exported.body.find("11010519491231002X"), std::string::npos) << "full ID numbers";
  EXPECT_EQ(exported.body.find("李四"), std::string::npos) << "another village";
  EXPECT_EQ(Get("/api/v1/roster/export", admin).Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  const std::string csv =
      "户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系\r\n"
      "H-NEW-1,330102001002,西村9号,,赵六,,," +
      domain::MakeIdCard("110105", "19700101", 5) +
      ",13700001111,户主\r\n"
      "H-NEW-2,330102001002,西村10号,,钱七,,,110105194912310000,13700002222,户主\r\n";
  auto upload = [&](const std::string& mode, const std::string& file_name = "花名册.csv") {
    return Post(
        "/api/v1/roster/import",
        Json{{"file_name", file_name}, {"data_base64", EncodeBase64(csv)}, {"mode", mode}}.dump(),
        admin);
  };
  HttpResult dry = upload("dry_run");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.Json()["rows"], 2);
  EXPECT_EQ(dry.Json()["written"], false);
  ASSERT_FALSE(dry.Json()["problems"].empty()) << dry.body;
  EXPECT_EQ(dry.Json()["problems_total"], dry.Json()["problems"].size());
  const Json report = dry.Json();
  std::set<int> bad_rows;
  for (const auto& p : report["problems"]) bad_rows.insert(p["row"].get<int>());
  EXPECT_TRUE(bad_rows.contains(3)) << dry.body;  // The bad ID number; the header is row 1.
  HttpResult all = upload("all_or_nothing");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json()["written"], false) << "a problem stops the whole file";
  HttpResult some = upload("skip_invalid");
  ASSERT_EQ(some.status, 200) << some.body;
  EXPECT_EQ(some.Json()["written"], true);
  EXPECT_EQ(some.Json()["households_skipped"], 1);

  EXPECT_EQ(upload("now").status, 400);
  HttpResult pdf = upload("dry_run", "花名册.pdf");
  ExpectProblem(pdf, 400, "file.format");
  std::string assistant = Login("assist_a", kAssistantPassword);
  EXPECT_EQ(Get("/api/v1/roster/export", assistant).status, 403);
}

// A re-import of an exported village: the preview lists the changed address and the new resident
// with before and after, writes nothing; the apply then changes the household.
TEST_F(HttpIntegrationTest, RosterReimportPreviewListsChangesThenApplies) {
  std::string admin = Login("admin", kAdminPassword);
  HttpResult exported =
      Get("/api/v1/roster/export?format=csv&region_id=" + std::to_string(village_a_), admin);
  ASSERT_EQ(exported.status, 200) << exported.body;
  std::string csv = exported.body;
  const auto line = csv.find("\r\n") + 2;
  const std::string number = csv.substr(line, csv.find(',', line) - line);
  ASSERT_FALSE(number.empty());
  const auto at = csv.find("东村1号");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, std::string("东村1号").size(), "东村8号");
  csv += number + ",330102001001,东村8号,,王小云,女,," +
         domain::MakeIdCard("110105", "20010101", 8) + ",,女\r\n";
  auto upload = [&](const std::string& mode) {
    return Post(
        "/api/v1/roster/import",
        Json{{"file_name", "花名册.csv"}, {"data_base64", EncodeBase64(csv)}, {"mode", mode}}
            .dump(),
        admin);
  };
  HttpResult dry = upload("dry_run");
  ASSERT_EQ(dry.status, 200) << dry.body;
  const Json preview = dry.Json();
  EXPECT_EQ(preview["written"], false);
  EXPECT_EQ(preview["households_changed"], 1) << dry.body;
  EXPECT_EQ(preview["residents_created"], 1);
  EXPECT_EQ(preview["residents_changed"], 0);
  EXPECT_EQ(preview["residents_moved_out"], 0);
  const Json& changed = preview["changes"]["households_changed"];
  ASSERT_EQ(changed.size(), 1u) << dry.body;
  EXPECT_EQ(changed[0]["household_number"], number);
  EXPECT_EQ(changed[0]["changes"][0]["column"], "地址");
  EXPECT_EQ(changed[0]["changes"][0]["before"], "东村1号");
  EXPECT_EQ(changed[0]["changes"][0]["after"], "东村8号");
  const Json& added = preview["changes"]["residents_added"];
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0]["name"], "王小云");
  EXPECT_EQ(preview["changes"]["residents_moved_out"].size(), 0u);
  EXPECT_EQ(Get("/api/v1/households/" + std::to_string(household_a_), admin)
                .Json()["household"]["address"],
            "东村1号");

  std::string assistant = Login("assist_a", kAssistantPassword);
  EXPECT_EQ(Post("/api/v1/roster/import",
                 Json{{"file_name", "花名册.csv"},
                      {"data_base64", EncodeBase64(csv)},
                      {"mode", "all_or_nothing"}}
                     .dump(),
                 assistant)
                .status,
            403);
  HttpResult applied = upload("all_or_nothing");
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.Json()["written"], true);
  HttpResult detail = Get("/api/v1/households/" + std::to_string(household_a_), admin);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.Json()["household"]["address"], "东村8号");
  EXPECT_NE(detail.body.find("王小云"), std::string::npos);
}

// A roster check reports how far it has got under the key the browser chose, to that user only.
TEST_F(HttpIntegrationTest, RosterUploadReportsItsProgressUnderItsKey) {
  std::string admin = Login("admin", kAdminPassword);
  std::string csv =
      "户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系\r\n";
  for (int i = 0; i < 5; ++i) {
    csv += "H-P-" + std::to_string(i) + ",330102001002,西村" + std::to_string(i) + "号,,赵六" +
           std::to_string(i) + ",,," + domain::MakeIdCard("110105", "19700101", 10 + i) +
           ",,户主\r\n";
  }
  const std::string key = "check-0123456789";
  EXPECT_EQ(Get("/api/v1/roster/import/progress/" + key, admin).status, 404);
  HttpResult dry = Post("/api/v1/roster/import",
                        Json{{"file_name", "花名册.csv"},
                             {"data_base64", EncodeBase64(csv)},
                             {"mode", "dry_run"},
                             {"progress_key", key}}
                            .dump(),
                        admin);
  ASSERT_EQ(dry.status, 200) << dry.body;
  HttpResult progress = Get("/api/v1/roster/import/progress/" + key, admin);
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(progress.Json()["stage"], "done");
  EXPECT_EQ(progress.Json()["processed"], 5);
  EXPECT_EQ(progress.Json()["total"], 5);
  ExpectProblem(Get("/api/v1/roster/import/progress/other-key-000", admin), 404,
                "roster.progress_not_found");
  std::string assistant = Login("assist_a", kAssistantPassword);
  EXPECT_EQ(Get("/api/v1/roster/import/progress/" + key, assistant).status, 403);
  HttpResult bad_key = Post("/api/v1/roster/import",
                            Json{{"file_name", "花名册.csv"},
                                 {"data_base64", EncodeBase64(csv)},
                                 {"mode", "dry_run"},
                                 {"progress_key", "../x"}}
                                .dump(),
                            admin);
  ExpectProblem(bad_key, 400, "request.bad_param");
}

// The probe's upload: a small XLSX with cells at column XFD made the server allocate gigabytes
// and answer 500, and the body was decoded before the permission check. Now someone who may not
// import is refused before the body is read (403 even for a body that is not valid base64), and
// the oversized sheet is a clear 400.
TEST_F(HttpIntegrationTest, RosterUploadChecksPermissionFirstAndRefusesOversizedSheets) {
  std::string assistant = Login("assist_a", kAssistantPassword);
  HttpResult garbage =
      Post("/api/v1/roster/import", R"({"file_name":"a.xlsx","data_base64":"!!! not base64 !!!"})",
           assistant);
  EXPECT_EQ(garbage.status, 403) << garbage.body;
  HttpResult not_json = Post("/api/v1/roster/import", "{not json", assistant);
  EXPECT_EQ(not_json.status, 403) << not_json.body;

  // 2,000 rows with a cell at column XFD: about 20 KB compressed, 32,000,000 cells once padded.
  std::string sheet = R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>户编号)"
                      R"(</t></is></c></row>)";
  for (int r = 2; r <= 2000; ++r) {
    const std::string n = std::to_string(r);
    sheet += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c><c r=\"XFD" + n +
             "\"><v>1</v></c></row>";
  }
  sheet += "</sheetData></worksheet>";
  std::string bytes;
  {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
    ASSERT_NE(out, nullptr);
    zip_source_keep(out);
    zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr);
    zip_source_t* member = zip_source_buffer(archive, sheet.data(), sheet.size(), 0);
    ASSERT_GE(zip_file_add(archive, "xl/worksheets/sheet1.xml", member, 0), 0);
    ASSERT_EQ(zip_close(archive), 0);
    zip_stat_t stat;
    ASSERT_EQ(zip_source_stat(out, &stat), 0);
    ASSERT_EQ(zip_source_open(out), 0);
    bytes.resize(stat.size);
    ASSERT_EQ(zip_source_read(out, bytes.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_source_close(out);
    zip_source_free(out);
  }
  ASSERT_LT(bytes.size(), 40000u);
  const std::string body = Json{
      {"file_name", "花名册.xlsx"},
      {"data_base64", EncodeBase64(bytes)},
      {"mode", "dry_run"}}.dump();
  HttpResult refused = Post("/api/v1/roster/import", body, assistant);
  EXPECT_EQ(refused.status, 403) << refused.body;
  std::string admin = Login("admin", kAdminPassword);
  HttpResult too_large = Post("/api/v1/roster/import", body, admin);
  ASSERT_EQ(too_large.status, 400) << too_large.body;
  EXPECT_EQ(too_large.Json()["error"]["code"], "table.too_large");
  EXPECT_NE(too_large.Json()["error"]["message"].get<std::string>().find("表格过大"),
            std::string::npos);
}

TEST_F(HttpIntegrationTest, BearerLoginAuthenticatesRequests) {
  std::string token = Login("admin", kAdminPassword);
  ASSERT_FALSE(token.empty());
  HttpResult me = Get("/api/v1/auth/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["user"]["username"], "admin");
  EXPECT_EQ(me.Json()["user"]["role"], "admin");
  EXPECT_TRUE(me.Json()["user"]["id"].is_number_integer());
  EXPECT_FALSE(me.Json()["csrf_token"].get<std::string>().empty());
  // Bearer writes need no CSRF token.
  HttpResult created =
      Post("/api/v1/regions",
           R"({"parent_id":)" + std::to_string(village_a_) + R"(,"level":"group","name":"一组"})",
           token);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["level"], "group");
}

// The server here has one I/O thread. A write that waits for the database's write lock runs on a
// worker, so that thread goes on answering reads on other connections meanwhile.
TEST_F(HttpIntegrationTest, AWriteWaitingForTheLockDoesNotHoldUpReads) {
  std::string token = Login("admin", kAdminPassword);
  auto holder = services_->store->Begin();  // Holds SQLite's write lock until released below.
  std::future<HttpResult> write = std::async(std::launch::async, [&] {
    return Post(
        "/api/v1/regions",
        R"({"parent_id":)" + std::to_string(village_a_) + R"(,"level":"group","name":"二组"})",
        token);
  });
  // Give the write time to reach the server and wait there. Both reads must then be answered
  // while it is still waiting (the client gives up after 10 s; the lock is released after them).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  HttpResult health = Call(port_, "GET", "/api/v1/health");
  EXPECT_EQ(health.status, 200);
  HttpResult region = Get("/api/v1/regions/" + std::to_string(village_a_), token);
  EXPECT_EQ(region.status, 200) << region.body;
  EXPECT_EQ(write.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  holder.reset();  // Rolls back and releases the lock.
  HttpResult created = write.get();
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST_F(HttpIntegrationTest, MissingOrUnknownTokenIs401) {
  HttpResult anonymous = Call(port_, "GET", "/api/v1/households");
  ExpectProblem(anonymous, 401, "auth.required");
  HttpResult unknown = Get("/api/v1/households", "not-a-token");
  ExpectProblem(unknown, 401, "auth.required");
  HttpResult wrong = Call(port_, "POST", "/api/v1/auth/login", LoginBody("admin", "nope-nope"));
  ExpectProblem(wrong, 401, "auth.invalid_credentials");
}

TEST_F(HttpIntegrationTest, CookieSessionWritesNeedCsrfToken) {
  HttpResult login = Call(port_, "POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string set_cookie = login.Header("set-cookie");
  EXPECT_EQ(set_cookie.rfind("mq_session=" + login.Json()["token"].get<std::string>(), 0), 0u);
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(set_cookie.find("Path=/"), std::string::npos);
  EXPECT_NE(set_cookie.find("Max-Age="), std::string::npos);
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  std::string csrf = login.Json()["csrf_token"];
  std::string body =
      R"({"parent_id":)" + std::to_string(village_a_) + R"(,"level":"group","name":"二组"})";

  HttpResult read = Call(port_, "GET", "/api/v1/regions", "", {{"Cookie", cookie}});
  EXPECT_EQ(read.status, 200) << read.body;
  HttpResult without = Call(port_, "POST", "/api/v1/regions", body, {{"Cookie", cookie}});
  ExpectProblem(without, 403, "auth.csrf");
  HttpResult wrong =
      Call(port_, "POST", "/api/v1/regions", body, {{"Cookie", cookie}, {"X-CSRF-Token", "wrong"}});
  EXPECT_EQ(wrong.ErrorCode(), "auth.csrf");
  HttpResult with =
      Call(port_, "POST", "/api/v1/regions", body, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(with.status, 201) << with.body;

  HttpResult logout =
      Call(port_, "POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(logout.status, 204);
  EXPECT_NE(logout.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Call(port_, "GET", "/api/v1/auth/me", "", {{"Cookie", cookie}}).status, 401);
}

TEST_F(HttpIntegrationTest, RepeatedWrongPasswordsAreRateLimited) {
  int first_limited = 0;
  for (int attempt = 1; attempt <= 8 && first_limited == 0; ++attempt) {
    HttpResult result =
        Call(port_, "POST", "/api/v1/auth/login", LoginBody("admin", "wrong-password"));
    if (result.status == 429) {
      EXPECT_EQ(result.ErrorCode(), "auth.rate_limited");
      EXPECT_FALSE(result.Header("retry-after").empty());
      first_limited = attempt;
    } else {
      EXPECT_EQ(result.status, 401);
      // The error says how many attempts are left before a wait.
      Json details = result.Json()["error"]["details"];
      ASSERT_FALSE(details.empty()) << result.body;
      EXPECT_EQ(details[0]["field"], "attempts_left");
      EXPECT_EQ(details[0]["message"], std::to_string(5 - attempt));
    }
  }
  EXPECT_EQ(first_limited, 6);
  // Even the right password is refused while limited.
  HttpResult right = Call(port_, "POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword));
  EXPECT_EQ(right.status, 429);
}

TEST_F(HttpIntegrationTest, HouseholdListLooksUpByPinyinInitials) {
  std::string token = Login("admin", kAdminPassword);
  HttpResult all = Get("/api/v1/households?page=1&page_size=10", token);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json()["total"], 2);
  EXPECT_EQ(all.Json()["page"], 1);
  EXPECT_EQ(all.Json()["page_size"], 10);

  HttpResult found = Get("/api/v1/households?q=wjy", token);
  ASSERT_EQ(found.status, 200) << found.body;
  Json page = found.Json();
  ASSERT_EQ(page["total"], 1) << found.body;
  EXPECT_EQ(page["items"][0]["id"], household_a_);
  EXPECT_EQ(page["items"][0]["head_name"], "王景云");
  EXPECT_EQ(page["items"][0]["region_name"], "东村");
  EXPECT_EQ(page["page_size"], 20);

  EXPECT_EQ(Get("/api/v1/households?page=abc", token).status, 400);
  EXPECT_EQ(Get("/api/v1/households?region_id=x", token).ErrorCode(), "request.bad_param");
}

TEST_F(HttpIntegrationTest, VillageAssistantSeesOnlyOwnVillage) {
  std::string token = Login("assist_a", kAssistantPassword);
  HttpResult own = Get("/api/v1/households/" + std::to_string(household_a_), token);
  EXPECT_EQ(own.status, 200) << own.body;
  HttpResult other = Get("/api/v1/households/" + std::to_string(household_b_), token);
  ExpectProblem(other, 403, "auth.forbidden");
  HttpResult list = Get("/api/v1/households", token);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["total"], 1);
}

// The home page's overview in one request: the scope's counts and each charted region's counts.
// The county (one root with children) charts its townships; a region_id charts its children.
TEST_F(HttpIntegrationTest, OverviewWithRegionsCountsEachChartedRegion) {
  std::string admin = Login("admin", kAdminPassword);
  HttpResult county = Get("/api/v1/overview?regions=true", admin);
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_EQ(county.Json()["households"], 2);
  ASSERT_EQ(county.Json()["regions"].size(), 1u);
  EXPECT_EQ(county.Json()["regions"][0]["name"], "城关镇");
  EXPECT_EQ(county.Json()["regions"][0]["counts"]["households"], 2);
  EXPECT_EQ(county.Json()["regions"][0]["counts"]["residents"], 2);

  const auto town_id = county.Json()["regions"][0]["id"].get<domain::Id>();
  HttpResult town =
      Get("/api/v1/overview?regions=true&region_id=" + std::to_string(town_id), admin);
  ASSERT_EQ(town.status, 200) << town.body;
  ASSERT_EQ(town.Json()["regions"].size(), 2u);
  EXPECT_EQ(town.Json()["regions"][0]["name"], "东村");
  EXPECT_EQ(town.Json()["regions"][0]["counts"]["households"], 1);
  EXPECT_EQ(town.Json()["regions"][1]["counts"]["households"], 1);
  // Without the flag, the counts alone, as before.
  EXPECT_FALSE(Get("/api/v1/overview", admin).Json().contains("regions"));

  // A village assistant's scope is their village (without groups): it charts that village alone.
  std::string assistant = Login("assist_a", kAssistantPassword);
  HttpResult own = Get("/api/v1/overview?regions=true", assistant);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json()["households"], 1);
  ASSERT_EQ(own.Json()["regions"].size(), 1u);
  EXPECT_EQ(own.Json()["regions"][0]["name"], "东村");
  EXPECT_EQ(own.Json()["regions"][0]["counts"]["households"], 1);
  ExpectProblem(
      Get("/api/v1/overview?regions=true&region_id=" + std::to_string(town_id), assistant), 403,
      "auth.forbidden");
}

// A login is audited with the channel it came through: the web UI says "client": "web".
TEST_F(HttpIntegrationTest, LoginAuditRecordsTheClientChannel) {
  HttpResult api = Call(port_, "POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword));
  ASSERT_EQ(api.status, 200) << api.body;
  std::string token = api.Json()["token"];
  std::string admin_id = std::to_string(api.Json()["user"]["id"].get<domain::Id>());
  Json web = Json::parse(LoginBody("admin", kAdminPassword));
  web["client"] = "web";
  ASSERT_EQ(Call(port_, "POST", "/api/v1/auth/login", web.dump()).status, 200);
  HttpResult audit = Get("/api/v1/audit?entity=user&entity_id=" + admin_id, token);
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::multiset<std::string> channels;
  const Json entries = audit.Json()["items"];
  for (const auto& entry : entries) {
    if (entry["action"] == "user.login") channels.insert(entry["channel"].get<std::string>());
  }
  EXPECT_EQ(channels, (std::multiset<std::string>{"api", "web"})) << audit.body;
}

TEST_F(HttpIntegrationTest, RevealShowsNumbersAndIsAudited) {
  std::string token = Login("admin", kAdminPassword);
  HttpResult detail = Get("/api/v1/households/" + std::to_string(household_a_), token);
  ASSERT_EQ(detail.status, 200) << detail.body;
  Json member = detail.Json()["members"][0];
  EXPECT_EQ(member["id_card_masked"], "110***********002X");
  EXPECT_EQ(member["phone_masked"], "138****5678");
  EXPECT_EQ(member["sex"], "female");
  EXPECT_FALSE(member.contains("id_card"));
  EXPECT_EQ(detail.Json()["household"]["id"], household_a_);
  std::string resident_id = std::to_string(member["id"].get<domain::Id>());

  HttpResult revealed = Post("/api/v1/residents/" + resident_id + "/reveal", "", token);
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_card"], "11010519491231002X");
  EXPECT_EQ(revealed.Json()["phone"], "13812345678");

  HttpResult audit = Get("/api/v1/audit?entity=resident&entity_id=" + resident_id, token);
  ASSERT_EQ(audit.status, 200) << audit.body;
  bool seen = false;
  Json entries = audit.Json()["items"];
  for (const auto& entry : entries) {
    if (entry["action"] == "resident.reveal") {
      seen = true;
      EXPECT_EQ(entry["username"], "admin");
      EXPECT_EQ(entry["channel"], "api");
    }
  }
  EXPECT_TRUE(seen) << audit.body;
}

// Staff household pages are rendered once and reused while nothing is written: a write shows at
// once, and a caller outside the household's region is refused even when the page is ready.
TEST_F(HttpIntegrationTest, HouseholdPageShowsWritesAtOnceAndIsAuthorisedEveryTime) {
  std::string admin = Login("admin", kAdminPassword);
  std::string path = "/api/v1/households/" + std::to_string(household_b_);
  HttpResult before = Get(path, admin);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["members"].size(), 1u);
  ASSERT_EQ(Get(path, admin).body, before.body);
  HttpResult added = Post(path + "/residents", R"({"name":"李小五","relation":"子"})", admin);
  ASSERT_EQ(added.status, 201) << added.body;
  HttpResult after = Get(path, admin);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.Json()["members"].size(), 2u) << after.body;

  std::string assistant = Login("assist_a", kAssistantPassword);  // Village A only.
  EXPECT_EQ(Get(path, assistant).status, 403);
  EXPECT_EQ(Get("/api/v1/households/" + std::to_string(household_a_), assistant).status, 200);
}

// With quick routes off the I/O threads (PostgreSQL's setting) a quick read is first tried on its
// I/O thread, where it may not wait for the database: the first read of a household page needs
// the database and is handed to the workers, which answer it in full; the same page again comes
// from the cache on the I/O thread. A write is seen at once, scopes hold either way, and a route
// without login goes to the workers before its address is counted, so none is counted twice.
TEST_F(HttpIntegrationTest, QuickReadsTriedOnTheIoThreadAreHandedOnAtTheirFirstDatabaseWait) {
  server_.reset();
  ServerOptions options = testing::TestServerOptions();
  options.quick_routes_on_io_threads = false;
  options.public_rate = {1, 5};  // Five requests without login, then refused for a minute.
  StartServer(options);
  auto handed = [&] {
    return testing::MetricSamples(Call(port_, "GET", "/metrics").body)
        .at("minqing_http_reads_handed_to_workers_total");
  };
  std::string admin = Login("admin", kAdminPassword);
  std::string assistant = Login("assist_a", kAssistantPassword);
  std::string path = "/api/v1/households/" + std::to_string(household_b_);
  const double start = handed();
  HttpResult first = Get(path, admin);
  ASSERT_EQ(first.status, 200) << first.body;
  const double after_first = handed();
  EXPECT_GE(after_first, start + 1);
  EXPECT_EQ(Get(path, admin).body, first.body);
  EXPECT_EQ(handed(), after_first);  // Answered from the cache, on the I/O thread.
  ASSERT_EQ(Post(path + "/residents", R"({"name":"李小五","relation":"子"})", admin).status, 201);
  HttpResult after = Get(path, admin);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.Json()["members"].size(), 2u) << after.body;
  EXPECT_EQ(Get(path, assistant).status, 403);
  EXPECT_EQ(Get(path, assistant).status, 403);  // Cached for the admin, refused for her still.
  // Two logins and three health checks are the five; each health check was handed on once.
  const double before_health = handed();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Call(port_, "GET", "/api/v1/health").status, 200) << i;
  EXPECT_EQ(handed(), before_health + 3);
  EXPECT_EQ(Call(port_, "GET", "/api/v1/health").status, 429);
}

TEST_F(HttpIntegrationTest, BadJsonAndInvalidInputAre400WithDetails) {
  std::string token = Login("admin", kAdminPassword);
  HttpResult bad_json = Post("/api/v1/households", "{not json", token);
  ExpectProblem(bad_json, 400, "request.bad_json");

  HttpResult bad_card =
      Post("/api/v1/households/" + std::to_string(household_a_) + "/residents",
           R"({"name":"张三","id_card":"110105194912310021","relation":"子"})", token);
  ASSERT_EQ(bad_card.status, 400) << bad_card.body;
  bool has_field = false;
  Json details = bad_card.Json()["error"]["details"];
  for (const auto& detail : details) {
    has_field = has_field || detail["field"] == "id_card";
  }
  EXPECT_TRUE(has_field) << bad_card.body;

  HttpResult wrong_type = Post("/api/v1/regions", R"({"name":5,"level":"group"})", token);
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.Json()["error"]["details"][0]["field"], "name");
}

TEST_F(HttpIntegrationTest, UnknownPathsAndBadIdsAreJsonErrors) {
  std::string token = Login("admin", kAdminPassword);
  HttpResult unknown = Get("/api/v1/nothing-here", token);
  ExpectProblem(unknown, 404, "api.not_found");
  HttpResult bad_id = Get("/api/v1/households/abc", token);
  ExpectProblem(bad_id, 400, "request.bad_param");
  HttpResult missing = Get("/api/v1/households/12345", token);
  ExpectProblem(missing, 404, "household.not_found");
}

TEST_F(HttpIntegrationTest, TooLargeBodyIs413) {
  std::string body = R"({"name":")" + std::string(100 * 1024, 'x') + R"("})";
  HttpResult result = Call(port_, "POST", "/api/v1/auth/login", body);
  ExpectProblem(result, 413, "request.too_large");
}

TEST_F(HttpIntegrationTest, OpenApiListsEveryRegisteredRoute) {
  HttpResult result = Call(port_, "GET", "/api/v1/openapi.json");
  ASSERT_EQ(result.status, 200);
  Json document = result.Json();
  EXPECT_EQ(document["openapi"], "3.0.3");
  EXPECT_TRUE(document["components"]["securitySchemes"].contains("bearerAuth"));
  EXPECT_TRUE(document["components"]["securitySchemes"].contains("cookieAuth"));
  EXPECT_TRUE(document["components"]["schemas"].contains("Error"));
  Api api(*services_, {});
  ASSERT_GT(api.router().routes().size(), 30u);
  for (const auto& route : api.router().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(document["paths"].contains(route.pattern) &&
                document["paths"][route.pattern].contains(method))
        << route.method << " " << route.pattern;
  }
}

TEST_F(HttpIntegrationTest, ServesStaticFilesWithSpaFallback) {
  HttpResult index = Call(port_, "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("民情"), std::string::npos);
  HttpResult script = Call(port_, "GET", "/assets/app.123.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(script.Header("cache-control").find("immutable"), std::string::npos);
  HttpResult route = Call(port_, "GET", "/households/42");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  EXPECT_EQ(Call(port_, "GET", "/assets/missing.js").status, 404);
  EXPECT_EQ(Call(port_, "GET", "/../secret.txt").body.find("secret"), std::string::npos);
  EXPECT_EQ(Call(port_, "GET", "/%2e%2e/secret.txt").body.find("secret"), std::string::npos);
}

// The web build's precompressed siblings go out as they are, with the headers a browser and a
// cache need; the residents' pages get their own entry page.
TEST_F(HttpIntegrationTest, SendsPrecompressedAssetsAndThePublicEntry) {
  std::ofstream(dir_ / "web" / "assets" / "app.123.js.gz") << "gzip bytes";
  std::ofstream(dir_ / "web" / "assets" / "app.123.js.br") << "brotli bytes";
  std::ofstream(dir_ / "web" / "public.html") << "<!doctype html><title>民情 public</title>";
  HttpClient client(port_);
  HttpResult br =
      client.Send("GET", "/assets/app.123.js", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "brotli bytes");
  EXPECT_EQ(br.Header("content-encoding"), "br");
  EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
  EXPECT_EQ(br.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.Header("content-length"), std::to_string(std::string("brotli bytes").size()));
  EXPECT_NE(br.Header("cache-control").find("immutable"), std::string::npos);
  HttpResult gz = client.Send("GET", "/assets/app.123.js", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.body, "gzip bytes");
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  HttpResult plain = client.Send("GET", "/assets/app.123.js");
  EXPECT_EQ(plain.body, "console.log('minqing')");
  EXPECT_EQ(plain.Header("content-encoding"), "");
  EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");
  HttpResult receipt = client.Send("GET", "/p/20261202-00001?t=abc");
  EXPECT_EQ(receipt.status, 200);
  EXPECT_NE(receipt.body.find("public"), std::string::npos);
  EXPECT_EQ(receipt.Header("cache-control"), "no-cache");
  EXPECT_EQ(client.Send("GET", "/h/AB12CD").body, receipt.body);
  EXPECT_EQ(client.Send("GET", "/households/42").body.find("public"), std::string::npos);
}

// HEAD answers carry the headers GET would, Content-Length included, and no body; the
// connection stays usable afterwards.
TEST_F(HttpIntegrationTest, HeadReportsTheLengthGetWouldSend) {
  HttpResult index = Call(port_, "GET", "/");
  HttpClient client(port_);
  HttpResult head = client.Send("HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), std::to_string(index.body.size()));
  EXPECT_EQ(head.Header("content-type"), index.Header("content-type"));
  HttpResult health = client.Send("HEAD", "/api/v1/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_TRUE(health.body.empty());
  EXPECT_EQ(health.Header("content-length"),
            std::to_string(Call(port_, "GET", "/api/v1/health").body.size()));
  EXPECT_EQ(client.Send("GET", "/api/v1/health").Json()["status"], "ok");
}

TEST_F(HttpIntegrationTest, StalledClientDoesNotBlockOthers) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket slow(io);
  slow.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
  testing::SetSocketTimeout(slow.native_handle(), 6);
  std::string half = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  boost::asio::write(slow, boost::asio::buffer(half));

  auto start = std::chrono::steady_clock::now();
  HttpResult other = Call(port_, "GET", "/api/v1/health");
  EXPECT_EQ(other.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));

  // The server drops the stalled client after its idle timeout (2 s in this fixture).
  char byte = 0;
  boost::system::error_code error;
  slow.read_some(boost::asio::buffer(&byte, 1), error);
  EXPECT_TRUE(error == boost::asio::error::eof || error == boost::asio::error::connection_reset)
      << error.message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(HttpIntegrationTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpClient client(port_);
  for (int i = 0; i < 3; ++i) {
    HttpResult result = client.Send("GET", "/api/v1/health");
    EXPECT_EQ(result.status, 200);
    EXPECT_NE(result.Header("connection"), "close");
  }
  std::string token =
      client.Send("POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword)).Json()["token"];
  EXPECT_EQ(client.Send("GET", "/api/v1/tags", "", {{"Authorization", "Bearer " + token}}).status,
            200);
}

TEST_F(HttpIntegrationTest, ChangingThePasswordLogsOutTheOtherSessions) {
  std::string here = Login("admin", kAdminPassword);
  std::string elsewhere = Login("admin", kAdminPassword);
  HttpResult changed = Post(
      "/api/v1/auth/password",
      Json{{"old_password", kAdminPassword}, {"new_password", "Neues-Pass-2026"}}.dump(), here);
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(Get("/api/v1/auth/me", elsewhere).status, 401);
  EXPECT_EQ(Get("/api/v1/auth/me", here).status, 200);
  HttpResult weak =
      Post("/api/v1/auth/password",
           Json{{"old_password", "Neues-Pass-2026"}, {"new_password", "11111111"}}.dump(), here);
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.Json()["error"]["details"][0]["code"], "user.password_weak") << weak.body;
}

TEST_F(HttpIntegrationTest, TheDevelopmentOutboxIsOffUnlessAskedFor) {
  std::string admin = Login("admin", kAdminPassword);
  HttpResult outbox = Get("/api/v1/dev/sms", admin);
  ExpectProblem(outbox, 404, "api.not_found");
  EXPECT_FALSE(Call(port_, "GET", "/api/v1/health").Json().contains("dev_sms"));

  ServerOptions options;
  options.port = 0;
  options.dev_sms = true;
  Server dev(*services_, options);
  std::uint16_t port = dev.Start();
  EXPECT_EQ(Call(port, "GET", "/api/v1/dev/sms", "", {{"Authorization", "Bearer " + admin}}).status,
            200);
  EXPECT_EQ(Call(port, "GET", "/api/v1/health").Json()["dev_sms"], true);
}

TEST_F(HttpIntegrationTest, SessionCookieIsSecureWhenAskedFor) {
  HttpResult plain = Call(port_, "POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword));
  EXPECT_EQ(plain.Header("set-cookie").find("Secure"), std::string::npos);
  ServerOptions options;
  options.port = 0;
  options.secure_cookies = true;
  Server secure(*services_, options);
  std::uint16_t port = secure.Start();
  HttpResult login = Call(port, "POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_NE(login.Header("set-cookie").find("; Secure"), std::string::npos);
}

TEST_F(HttpIntegrationTest, RoutesWithoutLoginAreRateLimitedPerAddress) {
  std::string admin = Login("admin", kAdminPassword);
  ServerOptions options;
  options.port = 0;
  options.public_rate = RateLimit{6, 5};
  options.trust_forwarded_for = true;
  Server server(*services_, options);
  std::uint16_t port = server.Start();
  // Card codes, receipt tokens and passwords are guessed at full speed: the sixth is refused.
  std::vector<int> statuses;
  HttpResult refused;
  for (int i = 0; i < 8; ++i) {
    HttpResult result = Call(port, "GET", "/api/v1/health", "", {{"X-Forwarded-For", "10.1.1.1"}});
    statuses.push_back(result.status);
    if (result.status == 429) refused = result;
  }
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 5);
  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.ErrorCode(), "rate_limited");
  EXPECT_FALSE(refused.Header("retry-after").empty());
  // The login is a route without login too.
  EXPECT_EQ(Call(port, "POST", "/api/v1/auth/login", LoginBody("admin", kAdminPassword),
                 {{"X-Forwarded-For", "10.1.1.1"}})
                .status,
            429);
  // Another client behind the same proxy, and signed-in requests, are not held up.
  EXPECT_EQ(Call(port, "GET", "/api/v1/health", "", {{"X-Forwarded-For", "10.1.1.2"}}).status, 200);
  EXPECT_EQ(Call(port, "GET", "/api/v1/auth/me", "",
                 {{"X-Forwarded-For", "10.1.1.1"}, {"Authorization", "Bearer " + admin}})
                .status,
            200);
}

// With no file descriptor left, accept() fails at once, again and again: the loop must pause
// and log once, not spin writing a line per failure, and serve again when descriptors return.
TEST_F(HttpIntegrationTest, AcceptBacksOffWhenFileDescriptorsRunOut) {
#ifdef __SANITIZE_ADDRESS__
  // The asan preset also checks vptrs (UBSan), and that check probes memory through a pipe: with
  // every descriptor taken it calls std::cerr in the server's log line a bad object and ends the
  // process. The normal build runs this test.
  GTEST_SKIP() << "needs free file descriptors under the sanitizers";
#endif
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket client(io);
  client.open(asio::ip::tcp::v4());
  rlimit original{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &original), 0);
  const int lowest_free = dup(0);
  ASSERT_GE(lowest_free, 0);
  close(lowest_free);
  ::testing::internal::CaptureStderr();
  rlimit lowered = original;
  lowered.rlim_cur = static_cast<rlim_t>(lowest_free);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  // The kernel completes the handshake; the server cannot take the connection.
  client.connect({asio::ip::make_address("127.0.0.1"), port_});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &original), 0);
  std::string log = ::testing::internal::GetCapturedStderr();
  std::size_t lines = 0;
  for (std::size_t at = log.find("accept failed"); at != std::string::npos;
       at = log.find("accept failed", at + 1)) {
    ++lines;
  }
  EXPECT_GE(lines, 1u) << log;
  EXPECT_LE(lines, 2u) << log.substr(0, 2000);
  // Descriptors are back: the waiting connection is served.
  std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  asio::write(client, asio::buffer(request));
  std::string answer;
  boost::system::error_code error;
  std::array<char, 4096> chunk{};
  testing::SetSocketTimeout(client.native_handle(), 5);
  for (;;) {
    std::size_t n = client.read_some(asio::buffer(chunk), error);
    answer.append(chunk.data(), n);
    if (error) break;
  }
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
}

}  // namespace
}  // namespace minqing::http
