// The one-box look-up over a real server on port 0: households found through a member who is
// not the head say who matched, and receipt numbers (in full, their date or serial part) find
// matters only within the reader's scope.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "app/services.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::HttpResult;

// Percent-encodes a query value (UTF-8 bytes).
std::string Encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class LookupIntegrationTest : public testing::ServerTest {
 protected:
  LookupIntegrationTest() : ServerTest("minqing_lookup_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    auto c =
        registry.CreateRegion(system, {std::nullopt, "county", "330102000000", "示范县", {}, {}});
    auto east_town =
        registry.CreateRegion(system, {c.id, "township", "330102001000", "城关镇", {}, {}});
    auto west_town =
        registry.CreateRegion(system, {c.id, "township", "330102002000", "西镇", {}, {}});
    auto east =
        registry.CreateRegion(system, {east_town.id, "village", "330102001001", "东村", {}, {}});
    auto west =
        registry.CreateRegion(system, {west_town.id, "village", "330102002001", "西村", {}, {}});
    auto household = [&](domain::Id region, std::string address,
                         std::vector<std::pair<std::string, std::string>> people) {
      app::HouseholdInput input;
      input.region_id = region;
      input.address = std::move(address);
      std::vector<app::ResidentInput> members;
      for (auto& [name, relation] : people) {
        app::ResidentInput r;
        r.name = name;
        r.relation = relation;
        r.sex = relation == "配偶" ? "female" : "male";
        r.birth_date = "1970-01-01";
        members.push_back(r);
      }
      return registry.CreateHousehold(system, input, members).id;
    };
    east_household_ = household(east.id, "东村1号", {{"刘凯", "户主"}, {"韩彩素", "配偶"}});
    west_household_ = household(west.id, "西村1号", {{"赵磊", "户主"}});
    app::UnitInput unit{"社会事务服务中心", "service_centre", east_town.id, ""};
    auto unit_id = registry.CreateUnit(system, unit).id;
    app::CategoryInput category;
    category.name = "低保救助";
    category.keywords = "低保 救助";
    category.default_unit_id = unit_id;
    category_ = services_->catalogue.CreateCategory(system, category).id;
    auto user = [&](const char* name, const char* role, std::optional<domain::Id> region) {
      app::UserInput input;
      input.username = name;
      input.display_name = name;
      input.role = role;
      input.password = "password-1";
      input.scope_region_id = region;
      services_->auth.CreateUser(system, input);
    };
    user("admin", "admin", std::nullopt);
    user("clerk", "centre_staff", east_town.id);
    user("west_leader", "leader", west_town.id);
    StartServer(testing::TestServerOptions());
  }

  HttpResult Get(const std::string& target, const std::string& token = "") {
    return SendAs("GET", target, token);
  }
  // A matter for `household` accepted by the administrator: its number.
  std::string Accept(domain::Id household, const std::string& admin) {
    Json body = {{"type", "help"},
                 {"category_id", category_},
                 {"household_id", household},
                 {"content", "家里困难，想申请低保"}};
    auto created = SendAs("POST", "/api/v1/matters", admin, body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json()["matter"]["number"];
  }
  static std::vector<std::string> Numbers(const HttpResult& result) {
    std::vector<std::string> out;
    const Json body = result.Json();
    for (const auto& m : body["items"]) out.push_back(m["number"]);
    return out;
  }

  domain::Id east_household_ = 0, west_household_ = 0, category_ = 0;
};

TEST_F(LookupIntegrationTest, HouseholdFoundThroughAMemberSaysWhoMatched) {
  const std::string clerk = LoginAs("clerk", "password-1");
  auto spouse = Get("/api/v1/households?q=" + Encode("韩彩素"), clerk);
  ASSERT_EQ(spouse.status, 200) << spouse.body;
  ASSERT_EQ(spouse.Json()["items"].size(), 1u);
  EXPECT_EQ(spouse.Json()["items"][0]["head_name"], "刘凯");
  EXPECT_EQ(spouse.Json()["items"][0]["matched_member"],
            (Json{{"name", "韩彩素"}, {"relation", "配偶"}}));
  auto head = Get("/api/v1/households?q=" + Encode("刘凯"), clerk);
  ASSERT_EQ(head.Json()["items"].size(), 1u);
  EXPECT_TRUE(head.Json()["items"][0]["matched_member"].is_null());
}

// A look-up matching more households than app::kHouseholdLookupCountCap says "1000+"; the same
// list without a look-up counts every household.
TEST_F(LookupIntegrationTest, ALookUpOfVeryManyHouseholdsIsCountedToTheCap) {
  const std::string admin = LoginAs("admin", "password-1");
  app::Actor system = app::SystemActor(NowEpoch());
  const domain::Id village =
      services_->registry.GetHousehold(system, east_household_).household.region_id;
  for (std::int64_t i = 0; i <= app::kHouseholdLookupCountCap; ++i) {
    app::HouseholdInput input;
    input.region_id = village;
    input.address = "东村" + std::to_string(100 + i) + "号";
    app::ResidentInput head;
    head.name = "王" + std::string(i % 2 == 0 ? "伟" : "芳");
    head.relation = "户主";
    head.sex = "male";
    head.birth_date = "1970-01-01";
    services_->registry.CreateHousehold(system, input, {head});
  }
  auto many = Get("/api/v1/households?page_size=20&q=" + Encode("王"), admin);
  ASSERT_EQ(many.status, 200) << many.body;
  EXPECT_EQ(many.Json()["total"], app::kHouseholdLookupCountCap);
  EXPECT_EQ(many.Json()["total_capped"], true);
  EXPECT_EQ(many.Json()["items"].size(), 20u);
  auto all = Get("/api/v1/households?page_size=20", admin);
  EXPECT_EQ(all.Json()["total"], app::kHouseholdLookupCountCap + 3);
  EXPECT_EQ(all.Json()["total_capped"], false);
  auto one = Get("/api/v1/households?q=" + Encode("刘凯"), admin);
  EXPECT_EQ(one.Json()["total"], 1);
  EXPECT_EQ(one.Json()["total_capped"], false);
}

TEST_F(LookupIntegrationTest, ReceiptNumbersFindMattersWithinTheReadersScope) {
  const std::string admin = LoginAs("admin", "password-1");
  const std::string clerk = LoginAs("clerk", "password-1");
  const std::string west_leader = LoginAs("west_leader", "password-1");
  const std::string east_number = Accept(east_household_, admin);
  const std::string west_number = Accept(west_household_, admin);
  const std::string date = east_number.substr(0, 8);
  auto lookup = [&](const std::string& q, const std::string& token) {
    return Get("/api/v1/matters/number-lookup?q=" + Encode(q), token);
  };

  auto full = lookup(east_number, clerk);
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(Numbers(full), std::vector<std::string>{east_number});
  EXPECT_FALSE(full.Json()["items"][0]["status"].get<std::string>().empty());
  // The matter of another township stays hidden from the clerk, in full or in part.
  EXPECT_TRUE(Numbers(lookup(west_number, clerk)).empty());
  EXPECT_EQ(Numbers(lookup(date, clerk)), std::vector<std::string>{east_number});
  EXPECT_EQ(Numbers(lookup(west_number.substr(9), clerk)), std::vector<std::string>{});
  EXPECT_EQ(Numbers(lookup(east_number.substr(9), clerk)), std::vector<std::string>{east_number});
  // And the east matter from the west township's leader.
  EXPECT_EQ(Numbers(lookup(date, west_leader)), std::vector<std::string>{west_number});
  // The county sees both, newest first; a name is no number.
  EXPECT_EQ(Numbers(lookup(date, admin)), (std::vector<std::string>{west_number, east_number}));
  EXPECT_TRUE(Numbers(lookup("刘凯", admin)).empty());
  EXPECT_EQ(lookup(east_number, "").status, 401);
}

}  // namespace
}  // namespace minqing::http
