// The matters API over a real server on port 0: clerk → handler → resident, the public page,
// the three rates moving, attachments up and down, the 413/400 answers, and concurrent intake
// answered after the shared commit (deferred answers, also while the server stops).
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"
#include "domain/search_text.hpp"
#include "http/api.hpp"
#include "http/matter_json.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;

class MattersIntegrationTest : public testing::ServerTest {
 protected:
  MattersIntegrationTest() : ServerTest("minqing_matters_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    app::RegionInput county{std::nullopt, "county", "330102000000", "示范县", {}, {}};
    auto c = registry.CreateRegion(system, county);
    app::RegionInput town{c.id, "township", "330102001000", "城关镇", {}, {}};
    auto t = registry.CreateRegion(system, town);
    app::RegionInput village{t.id, "village", "330102001001", "东村", {}, {}};
    auto v = registry.CreateRegion(system, village);
    app::HouseholdInput household;
    household.region_id = v.id;
    household.address = "东村1号";
    app::ResidentInput head;
    head.name = "王景云";
    head.id_card = "11010519491231002X";
    head.phone = "13812345678";
    head.relation = "户主";
    household_ = registry.CreateHousehold(system, household, {head}).id;
    app::UnitInput unit{"社会事务服务中心", "service_centre", t.id, ""};
    unit_ = registry.CreateUnit(system, unit).id;
    app::CategoryInput category;
    category.name = "低保救助";
    category.keywords = "低保 救助";
    category.default_unit_id = unit_;
    category_ = services_->catalogue.CreateCategory(system, category).id;
    auto user = [&](const char* name, const char* role, std::optional<domain::Id> region,
                    std::optional<domain::Id> unit_id) {
      app::UserInput input;
      input.username = name;
      input.display_name = name;
      input.role = role;
      input.password = "password-1";
      input.scope_region_id = region;
      input.scope_unit_id = unit_id;
      services_->auth.CreateUser(system, input);
    };
    user("admin", "admin", std::nullopt, std::nullopt);
    user("clerk", "centre_staff", t.id, std::nullopt);
    user("handler", "unit_handler", std::nullopt, unit_);
    user("leader", "leader", c.id, std::nullopt);
    ServerOptions options = testing::TestServerOptions();
    options.max_body_bytes = 8 << 20;
    options.dev_sms = true;  // The tests read the codes from the outbox.
    StartServer(options);
  }

  std::string Login(const std::string& username) { return LoginAs(username, "password-1"); }
  HttpResult Get(const std::string& target, const std::string& token = "") {
    return SendAs("GET", target, token);
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& token = "") {
    return SendAs("POST", target, token, body.dump());
  }

  // A help request (低保) for the fixture's household, accepted by `token`.
  HttpResult PostReliefMatter(const std::string& token) {
    return Post("/api/v1/matters",
                {{"type", "help"},
                 {"category_id", category_},
                 {"household_id", household_},
                 {"content", "家里困难，想申请低保"}},
                token);
  }

  domain::Id household_ = 0, unit_ = 0, category_ = 0;
};

TEST_F(MattersIntegrationTest, ClerkHandlerResidentFlowMovesTheRates) {
  std::string clerk = Login("clerk"), handler = Login("handler"), leader = Login("leader"),
              admin = Login("admin");
  auto preview = Get("/api/v1/matters/intake-preview?household_id=" + std::to_string(household_) +
                         "&text=%E4%BD%8E%E4%BF%9D",  // 低保
                     clerk);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.Json()["suggested_categories"][0]["id"], category_);

  auto created = PostReliefMatter(clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  Json matter = created.Json()["matter"];
  Json receipt = created.Json()["receipt"];
  std::string id = std::to_string(matter["id"].get<domain::Id>());
  std::string number = receipt["number"];
  std::string token = receipt["token"];
  EXPECT_EQ(matter["caller_phone_masked"], "138****5678");
  EXPECT_EQ(matter["status"], "accepted");

  auto dispatched = Post("/api/v1/matters/" + id + "/dispatch", Json::object(), clerk);
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  EXPECT_EQ(dispatched.Json()["unit_id"], unit_);
  auto inbox = Get("/api/v1/matters?inbox=true", handler);
  ASSERT_EQ(inbox.status, 200);
  EXPECT_EQ(inbox.Json()["total"], 1);
  EXPECT_EQ(Post("/api/v1/matters/" + id + "/accept", Json::object(), handler).status, 200);
  EXPECT_EQ(Post("/api/v1/matters/" + id + "/steps", {{"text", "内部核查记录"}, {"internal", true}},
                 handler)
                .status,
            200);
  auto replied =
      Post("/api/v1/matters/" + id + "/reply", {{"text", "已受理低保申请，正在公示"}}, handler);
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_EQ(replied.Json()["status"], "replied");
  // Wrong state: a second reply is refused with a stable code.
  auto again = Post("/api/v1/matters/" + id + "/reply", {{"text", "x"}}, handler);
  ExpectProblem(again, 409, "matter.bad_state");

  // The resident's public page: no login, no internal notes.
  auto page = Get("/api/v1/public/matters/" + number + "?token=" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.Json()["can_confirm"].get<bool>());
  EXPECT_EQ(page.body.find("内部核查"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/public/matters/" + number + "?token=bad").status, 404);
  auto code = Post("/api/v1/public/matters/" + number + "/code", {{"token", token}});
  ASSERT_EQ(code.status, 200) << code.body;
  auto sms = Get("/api/v1/dev/sms", admin);
  ASSERT_EQ(sms.status, 200);
  std::string text = sms.Json()["items"][0]["text"];
  std::string digits = text.substr(text.find("验证码为") + std::string("验证码为").size(), 6);
  auto bad = Post("/api/v1/public/matters/" + number + "/confirm",
                  {{"token", token},
                   {"code", digits == "000000" ? "111111" : "000000"},
                   {"solved", true},
                   {"rating", 5}});
  ExpectProblem(bad, 400, "sign_off.bad_code");
  auto confirmed = Post(
      "/api/v1/public/matters/" + number + "/confirm",
      {{"token", token}, {"code", digits}, {"solved", true}, {"rating", 5}, {"comment", "很满意"}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.Json()["status"], "closed");

  auto rates = Get("/api/v1/rates?dimension=unit", leader);
  ASSERT_EQ(rates.status, 200) << rates.body;
  Json row = rates.Json()["items"][0];
  EXPECT_EQ(row["name"], "社会事务服务中心");
  EXPECT_EQ(row["counters"]["received"], 1);
  EXPECT_DOUBLE_EQ(row["satisfaction_rate"].get<double>(), 1.0);
  auto rates_csv = Get("/api/v1/rates/export?dimension=unit&format=csv", leader);
  ASSERT_EQ(rates_csv.status, 200) << rates_csv.body;
  EXPECT_NE(rates_csv.body.find("社会事务服务中心,1,"), std::string::npos) << rates_csv.body;
  EXPECT_NE(rates_csv.body.find("\r\n合计,1,"), std::string::npos) << rates_csv.body;
  EXPECT_EQ(Get("/api/v1/rates/export?dimension=weather", leader).status, 400);
  auto dashboard = Get("/api/v1/dashboard", leader);
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  EXPECT_EQ(dashboard.Json()["totals"]["received"], 1);
  EXPECT_EQ(dashboard.Json()["breakdown_level"], "township");  // One county: by township.
  auto detail = Get("/api/v1/matters/by-number/" + number, clerk);
  ASSERT_EQ(detail.status, 200);
  EXPECT_GE(detail.Json()["events"].size(), 6u);
  // Search finds two-character queries.
  EXPECT_EQ(Get("/api/v1/matters?q=%E4%BD%8E%E4%BF%9D", clerk).Json()["total"], 1);
  EXPECT_EQ(Get("/api/v1/openapi.json").Json()["paths"].contains("/api/v1/matters/{id}/dispatch"),
            true);
}

// Issue 13: the receipt number, its date and serial find a matter; public steps are searchable
// once added, internal notes never; a search matching more than 10,000 matters answers
// total 10000 with total_capped, and its export is refused rather than cut short.
TEST_F(MattersIntegrationTest, SearchFindsNumbersAndStepsAndCapsBroadCounts) {
  const std::string clerk = Login("clerk"), handler = Login("handler"), admin = Login("admin");
  auto created = PostReliefMatter(clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["matter"]["id"].get<domain::Id>());
  const std::string number = created.Json()["receipt"]["number"];
  for (const std::string& q : {number, number.substr(0, 8), number.substr(9)}) {
    auto found = Get("/api/v1/matters?q=" + q, clerk);
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(found.Json()["total"], 1) << q;
    EXPECT_EQ(found.Json()["total_capped"], false);
  }
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/dispatch", Json::object(), clerk).status, 200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/accept", Json::object(), handler).status, 200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/steps", {{"text", "已到现场核实"}}, handler).status,
            200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/steps", {{"text", "内部核查记录"}, {"internal", true}},
                 handler)
                .status,
            200);
  EXPECT_EQ(Get("/api/v1/matters?q=%E7%8E%B0%E5%9C%BA%E6%A0%B8%E5%AE%9E", clerk)  // 现场核实
                .Json()["total"],
            1);
  EXPECT_EQ(Get("/api/v1/matters?q=%E5%86%85%E9%83%A8%E6%A0%B8%E6%9F%A5", clerk)  // 内部核查
                .Json()["total"],
            0);

  // 10,050 more matters, written straight to the store, all with 批量 in the title.
  {
    auto tx = services_->store->Begin();
    auto household = tx->Registry().FindHousehold(household_);
    ASSERT_TRUE(household.has_value());
    const domain::Epoch now = NowEpoch();
    for (int i = 0; i < domain::kMatterSearchCountCap + 50; ++i) {
      domain::Matter m;
      m.id = domain::NewId();
      m.number = "20200101-" + std::to_string(100000 + i);
      m.region_id = household->region_id;
      m.region_path = household->region_path;
      m.title = "批量诉求";
      m.accepted_by = 1;
      m.accepted_at = now - 86400 - i;
      m.response_due_at = m.due_at = m.updated_at = m.accepted_at;
      tx->Matters().InsertMatter(m);
      tx->Matters().IndexMatterText(m.id, domain::MatterSearchDocument(m, {}));
    }
    tx->Commit();
  }
  auto broad = Get("/api/v1/matters?q=%E6%89%B9%E9%87%8F", admin);  // 批量
  ASSERT_EQ(broad.status, 200) << broad.body;
  EXPECT_EQ(broad.Json()["total"], 10000);
  EXPECT_EQ(broad.Json()["total_capped"], true);
  EXPECT_EQ(broad.Json()["items"].size(), 20u);
  // The list without a text stops counting at the cap too; the home page's figures stay exact.
  auto all = Get("/api/v1/matters", admin);
  EXPECT_EQ(all.Json()["total"], 10000);
  EXPECT_EQ(all.Json()["total_capped"], true);
  EXPECT_EQ(all.Json()["items"].size(), 20u);
  auto open = Get("/api/v1/matters?status=accepted&status=dispatched&status=in_progress", admin);
  EXPECT_EQ(open.Json()["total_capped"], true);
  auto workload = Get("/api/v1/matters/workload", admin);
  ASSERT_EQ(workload.status, 200) << workload.body;
  EXPECT_GE(workload.Json()["open"].get<std::int64_t>(), 10050);
  // Every one of them is overdue: the overdue list shows the most overdue first.
  auto overdue = Get("/api/v1/matters?overdue=true&page_size=2", admin);
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  EXPECT_EQ(overdue.Json()["total_capped"], true);
  EXPECT_EQ(overdue.Json()["items"][0]["number"], "20200101-110049");
  EXPECT_EQ(overdue.Json()["items"][1]["number"], "20200101-110048");
  auto few = Get("/api/v1/matters?status=closed", admin);  // Under the cap: exact.
  EXPECT_EQ(few.Json()["total_capped"], false);
  EXPECT_LT(few.Json()["total"].get<std::int64_t>(), 10);
  ExpectProblem(Get("/api/v1/matters/export?format=csv&q=%E6%89%B9%E9%87%8F", admin), 400,
                "export.too_many");
}

TEST_F(MattersIntegrationTest, WorkloadAndTheResidentsOwnMatters) {
  const std::string clerk = Login("clerk"), handler = Login("handler");
  ASSERT_EQ(PostReliefMatter(clerk).status, 201);
  auto dispatched = PostReliefMatter(clerk);
  ASSERT_EQ(dispatched.status, 201);
  const domain::Id id = dispatched.Json()["matter"]["id"];
  ASSERT_EQ(
      Post("/api/v1/matters/" + std::to_string(id) + "/dispatch", Json::object(), clerk).status,
      200);

  auto window = Get("/api/v1/matters/workload", clerk);
  ASSERT_EQ(window.status, 200) << window.body;
  EXPECT_EQ(window.Json()["to_dispatch"], 1);
  EXPECT_TRUE(window.Json()["to_sign"].is_null());
  EXPECT_EQ(window.Json()["open"], 2);
  EXPECT_EQ(window.Json()["accepted_today"], 2);
  EXPECT_EQ(window.Json()["callbacks_open"], 0);
  EXPECT_EQ(window.Json()["most_urgent"].size(), 2u);
  auto unit = Get("/api/v1/matters/workload", handler).Json();
  EXPECT_EQ(unit["to_sign"], 1);
  EXPECT_EQ(unit["handling"], 0);
  EXPECT_TRUE(unit["to_dispatch"].is_null());
  EXPECT_EQ(unit["most_urgent"][0]["id"], id);
  EXPECT_EQ(Get("/api/v1/matters/workload").status, 401);

  // The resident reports through the contact card's QR code and follows both matters of the
  // household, each with the link to its public page; staff lists carry no such link.
  app::Actor system = app::SystemActor(NowEpoch());
  app::UserInput input;
  input.username = "resident";
  input.role = "resident";
  input.password = "password-1";
  input.resident_id = services_->registry.GetHousehold(system, household_).members.at(0).id;
  services_->auth.CreateUser(system, input);
  const std::string resident = Login("resident");
  auto own = Post("/api/v1/matters",
                  {{"type", "suggestion"},
                   {"household_id", household_},
                   {"channel", "qr_code"},
                   {"content", "建议村口增设路灯"}},
                  resident);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.Json()["matter"]["channel"], "qr_code");
  auto list = Get("/api/v1/matters?page_size=10", resident);
  ASSERT_EQ(list.status, 200);
  const Json listed = list.Json();
  ASSERT_EQ(listed["total"], 3);
  for (const auto& item : listed["items"]) {
    const std::string path = item["receipt"]["public_path"];
    EXPECT_EQ(path.rfind("/p/" + item["number"].get<std::string>() + "?t=", 0), 0u) << path;
    EXPECT_EQ(Get("/api/v1/public/matters/" + item["number"].get<std::string>() +
                  "?token=" + item["receipt"]["token"].get<std::string>())
                  .status,
              200);
  }
  EXPECT_FALSE(Get("/api/v1/matters", clerk).Json()["items"][0].contains("receipt"));
  EXPECT_EQ(Get("/api/v1/matters/workload", resident).Json()["open"], 3);
}

// Issue 11's forgery from the handler's side, over HTTP: the staff page carries no token, the
// token alone does not sign off, nor does a callback or a code typed in by anyone who handled the
// matter (before or after a transfer), a party member or another household's resident. The
// household's own account does, and the matter says which proof it carries.
TEST_F(MattersIntegrationTest, SignOffNeedsAProofTheHandlersDoNotHold) {
  app::Actor system = app::SystemActor(NowEpoch());
  auto& registry = services_->registry;
  const auto household = registry.GetHousehold(system, household_);
  app::UnitInput second_unit{"经济发展服务中心", "service_centre",
                             household.region->parent_id.value_or(0), ""};
  const domain::Id unit2 = registry.CreateUnit(system, second_unit).id;
  auto user = [&](const char* name, const char* role, std::optional<domain::Id> region,
                  std::optional<domain::Id> unit, std::optional<domain::Id> resident) {
    app::UserInput input;
    input.username = name;
    input.role = role;
    input.password = "password-1";
    input.scope_region_id = region;
    input.scope_unit_id = unit;
    input.resident_id = resident;
    services_->auth.CreateUser(system, input);
    return Login(name);
  };
  app::HouseholdInput other_household;
  other_household.region_id = household.household.region_id;
  other_household.address = "东村2号";
  app::ResidentInput other_head;
  other_head.name = "李秀英";
  other_head.id_card = domain::MakeIdCard("110105", "19800202", 22);
  other_head.phone = "13900001111";
  other_head.relation = "户主";
  const domain::Id other_id = registry.CreateHousehold(system, other_household, {other_head}).id;
  const std::string clerk = Login("clerk"), handler = Login("handler"), leader = Login("leader");
  const std::string handler2 = user("handler2", "unit_handler", std::nullopt, unit2, std::nullopt);
  const std::string member =
      user("member", "party_member", household.household.region_id, std::nullopt, std::nullopt);
  const std::string resident =
      user("resident", "resident", std::nullopt, std::nullopt, household.members.at(0).id);
  const std::string neighbour = user("neighbour", "resident", std::nullopt, std::nullopt,
                                     registry.GetHousehold(system, other_id).members.at(0).id);

  auto created = PostReliefMatter(clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["matter"]["id"].get<domain::Id>());
  const std::string number = created.Json()["receipt"]["number"];
  const std::string token = created.Json()["receipt"]["token"];
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/dispatch", Json::object(), clerk).status, 200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/accept", Json::object(), handler).status, 200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/transfer",
                 {{"unit_id", unit2},
                  {"reason", "属于经济发展服务中心"},
                  {"reason_code", "需要其他单位主办"}},
                 handler)
                .status,
            200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/accept", Json::object(), handler2).status, 200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/reply", {{"text", "已办理"}}, handler2).status, 200);

  // The staff page and its preview carry no token; the preview offers the handler nothing.
  for (const auto& staff : {handler, handler2, clerk}) {
    auto page = Get("/api/v1/matters/" + id, staff);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(page.Json()["receipt"].is_null());
    EXPECT_EQ(page.body.find(token), std::string::npos);
    EXPECT_EQ(page.Json()["sign_off_options"],
              Json::array({"sms_code", "resident_account", "callback"}));
  }
  auto preview = Get("/api/v1/matters/" + id + "/public-preview", handler2);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.body.find(token), std::string::npos);
  EXPECT_TRUE(preview.Json()["preview"].get<bool>());
  EXPECT_FALSE(preview.Json()["rights"]["callback"].get<bool>());
  EXPECT_FALSE(preview.Json()["rights"]["enter_code"].get<bool>());
  EXPECT_TRUE(Get("/api/v1/matters/" + id + "/public-preview", leader)
                  .Json()["rights"]["callback"]
                  .get<bool>());

  // The handler with the token (from the receipt): refused, and told what is needed.
  const Json five_stars = {{"token", token}, {"solved", true}, {"rating", 5}};
  auto forged = Post("/api/v1/public/matters/" + number + "/confirm", five_stars);
  ExpectProblem(forged, 403, "sign_off.proof_required");
  EXPECT_NE(forged.body.find("138****5678"), std::string::npos) << forged.body;
  // Callbacks by the handler, the former handler before the transfer, a party member: their roles
  // may not make callbacks at all (the permission matrix refuses them before the matter is read).
  const Json solved = {{"solved", true}, {"rating", 5}};
  for (const auto& [who, code] : std::vector<std::pair<std::string, std::string>>{
           {handler2, "auth.forbidden"}, {handler, "auth.forbidden"}, {member, "auth.forbidden"}}) {
    auto callback = Post("/api/v1/matters/" + id + "/callback", solved, who);
    ExpectProblem(callback, 403, code);
  }
  // The handling unit's staff typing in the resident's code.
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/sign-off-code", Json::object(), handler2).status, 200);
  auto sms = Get("/api/v1/dev/sms", Login("admin")).Json()["items"][0]["text"].get<std::string>();
  const std::string digits = sms.substr(sms.find("验证码为") + std::string("验证码为").size(), 6);
  auto typed = Post("/api/v1/matters/" + id + "/confirm-code",
                    {{"code", digits}, {"solved", true}, {"rating", 5}}, handler2);
  ExpectProblem(typed, 403, "sign_off.code_by_handler");
  // Another household's resident.
  auto foreign = Post("/api/v1/matters/" + id + "/confirm", solved, neighbour);
  ExpectProblem(foreign, 403, "sign_off.not_your_household");
  // Nothing counted.
  auto rates = Get("/api/v1/rates?dimension=unit", leader).Json();
  for (const auto& row : rates["items"]) EXPECT_EQ(row["counters"]["rated"], 0) << row.dump();

  // The household's own account signs off.
  auto mine = Get("/api/v1/matters/" + id, resident);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.Json()["receipt"]["token"], token);
  auto confirmed = Post("/api/v1/matters/" + id + "/confirm", solved, resident);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.Json()["status"], "closed");
  EXPECT_EQ(confirmed.Json()["confirmed_via"], "resident_account");
  EXPECT_EQ(confirmed.Json()["confirmed_via_label"], "本户居民账户");
  auto page = Get("/api/v1/public/matters/" + number + "?token=" + token).Json();
  EXPECT_EQ(page["confirmed_via"], "resident_account");
  EXPECT_NE(page["timeline"].back()["text"].get<std::string>().find("凭本户居民账户"),
            std::string::npos);
  rates = Get("/api/v1/rates?dimension=unit", leader).Json();
  std::int64_t rated = 0;
  for (const auto& row : rates["items"]) rated += row["counters"]["rated"].get<std::int64_t>();
  EXPECT_EQ(rated, 1);
}

// 每日诉求量（按分类）: a leader whose scope is the county region (and a township leader) sees the
// day's volume by category, as the administrator does (whose scope is the whole database).
TEST_F(MattersIntegrationTest, DashboardVolumesByCategoryForLeadersAsForTheAdministrator) {
  std::string clerk = Login("clerk");
  ASSERT_EQ(PostReliefMatter(clerk).status, 201);
  ASSERT_EQ(PostReliefMatter(clerk).status, 201);
  app::UserInput town_leader;
  town_leader.username = "town_leader";
  town_leader.display_name = "镇领导";
  town_leader.role = "leader";
  town_leader.password = "password-1";
  auto township = services_->store->BeginRead()->Registry().ListRegionsUnder(
      "", domain::RegionLevel::kTownship);
  ASSERT_EQ(township.size(), 1u);
  town_leader.scope_region_id = township[0].id;
  services_->auth.CreateUser(app::SystemActor(NowEpoch()), town_leader);

  for (const char* who : {"admin", "leader", "town_leader"}) {
    auto dashboard = Get("/api/v1/dashboard", Login(who));
    ASSERT_EQ(dashboard.status, 200) << who << dashboard.body;
    std::int64_t total = 0, by_category = 0;
    std::set<std::string> names;
    const Json body = dashboard.Json();
    for (const auto& day : body["volumes"]) {
      total += day["total"].get<std::int64_t>();
      for (const auto& c : day["by_category"]) {
        by_category += c["count"].get<std::int64_t>();
        names.insert(c["name"].get<std::string>());
      }
    }
    EXPECT_EQ(total, 2) << who;
    EXPECT_EQ(by_category, 2) << who;
    EXPECT_EQ(names, std::set<std::string>{"低保救助"}) << who;
  }
}

TEST_F(MattersIntegrationTest, ExportDownloadsTheFilteredListAsXlsxOrCsv) {
  std::string clerk = Login("clerk"), leader = Login("leader"), handler = Login("handler");
  auto created = PostReliefMatter(clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string number = created.Json()["receipt"]["number"];

  auto csv = Get("/api/v1/matters/export?format=csv&status=accepted", leader);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.Header("content-disposition").find("attachment; filename=\"matters-"),
            std::string::npos);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF工单号,受理时间,")) << csv.body.substr(0, 40);
  EXPECT_NE(csv.body.find(number), std::string::npos);
  EXPECT_NE(csv.body.find("138****5678"), std::string::npos);
  EXPECT_EQ(csv.body.find("13812345678"), std::string::npos) << "phones are masked";
  // Filters apply: nothing is closed yet, so only the header row.
  auto closed = Get("/api/v1/matters/export?format=csv&status=closed", leader);
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(closed.body.find(number), std::string::npos);

  auto xlsx = Get("/api/v1/matters/export", leader);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(xlsx.body.starts_with("PK")) << "a zip archive";

  auto bad = Get("/api/v1/matters/export?format=pdf", leader);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["details"][0]["code"], "export.format");
  // A handler exports their unit's matters only: this one is not dispatched yet.
  auto mine = Get("/api/v1/matters/export?format=csv", handler);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body.find(number), std::string::npos);
  EXPECT_EQ(Get("/api/v1/matters/export").status, 401);
}

TEST_F(MattersIntegrationTest, AttachmentsUploadDownloadAndLimits) {
  std::string clerk = Login("clerk");
  auto created =
      Post("/api/v1/matters",
           {{"type", "help"}, {"household_id", household_}, {"content", "路灯坏了"}}, clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = std::to_string(created.Json()["matter"]["id"].get<domain::Id>());
  std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  auto up = Post("/api/v1/matters/" + id + "/attachments",
                 {{"file_name", "现场.png"},
                  {"content_type", "image/png"},
                  {"data_base64", EncodeBase64(png)}},
                 clerk);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.Json()["size"], 16);
  auto down =
      Get("/api/v1/attachments/" + std::to_string(up.Json()["id"].get<domain::Id>()), clerk);
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, png);
  EXPECT_EQ(down.Header("content-type"), "image/png");

  auto wrong = Post("/api/v1/matters/" + id + "/attachments",
                    {{"file_name", "a.exe"},
                     {"content_type", "image/png"},
                     {"data_base64", EncodeBase64("MZ\x90\x00 not an image")}},
                    clerk);
  ExpectProblem(wrong, 400, "attachment.bad_type");
  std::string big = "%PDF-" + std::string((5 << 20) + 10, 'x');
  auto large = Post("/api/v1/matters/" + id + "/attachments",
                    {{"file_name", "big.pdf"},
                     {"content_type", "application/pdf"},
                     {"data_base64", EncodeBase64(big)}},
                    clerk);
  ExpectProblem(large, 413, "attachment.too_large");

  // A handler of a unit the matter was never sent to may attach to none of it: refused before the
  // upload is decoded, whether the data is valid or not.
  std::string outsider = Login("handler");
  for (const std::string& data : {EncodeBase64(png), std::string(1 << 20, '!')}) {
    auto foreign = Post(
        "/api/v1/matters/" + id + "/attachments",
        {{"file_name", "x.png"}, {"content_type", "image/png"}, {"data_base64", data}}, outsider);
    ExpectProblem(foreign, 403, "matter.forbidden_unit");
  }
}

// The rendered matter page is reused only while nothing has been written: a step recorded
// between two reads in the same second shows at once, and a user without access is refused
// even when the page is at hand.
TEST_F(MattersIntegrationTest, MatterPageReflectsWritesAtOnceAndStaysAuthorised) {
  const std::string clerk = Login("clerk");
  auto created =
      Post("/api/v1/matters",
           Json{{"type", "help"}, {"household_id", household_}, {"content", "页面缓存"}}, clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path =
      "/api/v1/matters/" + std::to_string(created.Json()["matter"]["id"].get<domain::Id>());
  const std::string handler = Login("handler");
  ASSERT_EQ(Get(path, clerk).status, 200);
  // Not yet given to the handler's unit: refused although the page is at hand.
  EXPECT_EQ(Get(path, handler).status, 403);
  struct Write {
    std::string action, token;
    Json body;
  };
  for (const auto& write : {Write{"dispatch", clerk, Json{{"unit_id", unit_}}},
                            Write{"accept", handler, Json::object()},
                            Write{"steps", handler, Json{{"text", "入户核查"}}}}) {
    auto before = Get(path, clerk);
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_EQ(Get(path, clerk).body, before.body);  // Nothing written: the same page.
    auto done = Post(path + "/" + write.action, write.body, write.token);
    ASSERT_EQ(done.status, 200) << write.action << ": " << done.body;
    auto after = Get(path, clerk);
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(after.Json()["events"].size(), before.Json()["events"].size() + 1) << write.action;
  }
  EXPECT_NE(Get(path, handler).body.find("入户核查"), std::string::npos);
}

// Intake answers are deferred to the shared commit: many keep-alive connections posting at
// once each get their own receipt, every acknowledged matter is readable at once, and bad input
// is still refused before anything is queued.
TEST_F(MattersIntegrationTest, ConcurrentIntakeIsAnsweredAfterTheSharedCommit) {
  const std::string clerk = Login("clerk");
  constexpr int kClients = 12, kPerClient = 15;
  std::mutex mutex;
  std::set<std::string> numbers;
  std::vector<std::pair<std::string, std::string>> acknowledged;  // id, number
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      testing::HttpClient client(port_);  // One connection, reused: keep-alive after a deferral.
      for (int i = 0; i < kPerClient; ++i) {
        Json body{{"type", "help"},
                  {"household_id", household_},
                  {"content", "并发受理 " + std::to_string(c) + "-" + std::to_string(i)}};
        auto r = client.Send(
            "POST", "/api/v1/matters", body.dump(),
            {{"Authorization", "Bearer " + clerk}, {"Content-Type", "application/json"}});
        std::lock_guard lock(mutex);
        EXPECT_EQ(r.status, 201) << r.body;
        EXPECT_EQ(r.Header("cache-control"), "no-store");
        auto json = r.Json();
        if (r.status != 201 || json.is_discarded()) continue;
        numbers.insert(json["receipt"]["number"].get<std::string>());
        acknowledged.emplace_back(std::to_string(json["matter"]["id"].get<domain::Id>()),
                                  json["receipt"]["number"].get<std::string>());
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kClients * kPerClient));
  for (const auto& [id, number] : acknowledged) {
    auto r = Get("/api/v1/matters/" + id, clerk);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Json()["matter"]["number"], number);
  }
  auto bad =
      Post("/api/v1/matters", Json{{"type", "nonsense"}, {"household_id", household_}}, clerk);
  ExpectProblem(bad, 400, "validation.failed");
  EXPECT_EQ(bad.Header("cache-control"), "no-store");
  auto list = Get("/api/v1/matters?page_size=1", clerk);
  EXPECT_EQ(list.Json()["total"], kClients * kPerClient);
}

// Stopping the server while intakes are in flight: every client gets its answer or a closed
// connection, nothing hangs or crashes, and every acknowledged matter is stored.
TEST_F(MattersIntegrationTest, StoppingWhileIntakesAreInFlightKeepsAcknowledgedMatters) {
  const std::string clerk = Login("clerk");
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      try {
        testing::HttpClient client(port_);
        while (!stop.load()) {
          Json body{{"type", "help"}, {"household_id", household_}, {"content", "停机前受理"}};
          auto r = client.Send(
              "POST", "/api/v1/matters", body.dump(),
              {{"Authorization", "Bearer " + clerk}, {"Content-Type", "application/json"}});
          if (r.status != 201) break;
          std::lock_guard lock(mutex);
          acknowledged.push_back(std::to_string(r.Json()["matter"]["id"].get<domain::Id>()));
        }
      } catch (const std::exception&) {
        // The server went away mid-request: the connection is closed or reset.
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server_.reset();  // Stops and closes every connection.
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_FALSE(acknowledged.empty());
  auto tx = services_->store->BeginRead();
  for (const auto& id : acknowledged) {
    EXPECT_TRUE(tx->Matters().FindMatter(std::stoll(id)).has_value()) << id;
  }
}

}  // namespace
}  // namespace minqing::http
