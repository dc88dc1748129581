#include "http/json_mapping.hpp"

#include <gtest/gtest.h>

namespace minqing::http {
namespace {

TEST(JsonMappingTest, ResidentExposesOnlyMaskedNumbers) {
  domain::Resident resident;
  resident.id = 9007199254740991;
  resident.household_id = 5;
  resident.name = "王景云";
  resident.sex = domain::Sex::kFemale;
  resident.id_card = "11010519491231002X";
  resident.phone = "13812345678";
  Json json = ResidentJson(resident);
  EXPECT_EQ(json["id"], 9007199254740991);
  EXPECT_EQ(json["id_card_masked"], "110***********002X");
  EXPECT_EQ(json["phone_masked"], "138****5678");
  EXPECT_EQ(json["sex"], "female");
  EXPECT_EQ(json["sex_label"], "女");
  EXPECT_FALSE(json.contains("id_card"));
  EXPECT_FALSE(json.contains("phone"));
  EXPECT_EQ(ResidentJson(domain::Resident{})["household_id"], nullptr);
}

TEST(JsonMappingTest, AuditBeforeAfterBecomeJsonValues) {
  domain::AuditEntry entry;
  entry.before_json = "";
  entry.after_json = R"({"name":"东村"})";
  Json json = AuditJson(entry);
  EXPECT_EQ(json["before"], nullptr);
  EXPECT_EQ(json["after"]["name"], "东村");
  entry.after_json = "not json";
  EXPECT_EQ(AuditJson(entry)["after"], "not json");
}

TEST(JsonMappingTest, EnumsAreCodesWithLabels) {
  domain::Region region;
  region.level = domain::RegionLevel::kVillage;
  Json json = RegionJson(region, domain::DefaultRegionLevels());
  EXPECT_EQ(json["level"], "village");
  EXPECT_EQ(json["level_label"], "村");
  std::string error;
  auto community = domain::ParseRegionLevels("区,街道,社区,网格", "", &error);
  ASSERT_TRUE(community) << error;
  EXPECT_EQ(RegionJson(region, *community)["level_label"], "社区");
  EXPECT_EQ(json["parent_id"], nullptr);
  domain::User user;
  user.role = domain::Role::kVillageAssistant;
  EXPECT_EQ(UserJson(user)["role"], "village_assistant");
  EXPECT_FALSE(UserJson(user).contains("password_hash"));
}

TEST(JsonMappingTest, ErrorShape) {
  Json json = ErrorJson("validation.failed", "输入有误", {{"id_card", "id_card.checksum", "错"}});
  EXPECT_EQ(json["error"]["code"], "validation.failed");
  EXPECT_EQ(json["error"]["details"][0]["field"], "id_card");
  EXPECT_TRUE(ErrorJson("x", "y")["error"]["details"].is_array());
}

TEST(JsonMappingTest, BadBodiesThrowBadJson) {
  for (const char* body : {"{nope", "[1,2]", "", "42"}) {
    try {
      ParseJsonObject(body);
      FAIL() << body;
    } catch (const domain::InvalidInput& e) {
      EXPECT_EQ(e.code(), "request.bad_json");
    }
  }
}

TEST(JsonMappingTest, ReaderCollectsEveryTypeProblem) {
  Json body = Json::parse(
      R"({"region_id":"x","address":3,"tags":["低保",1],"members":[{"name":"甲","id_card":7}]})");
  std::vector<app::ResidentInput> members;
  try {
    HouseholdInputFromJson(body, &members);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "validation.failed");
    std::vector<std::string> fields;
    for (const auto& problem : e.problems()) fields.push_back(problem.field);
    EXPECT_EQ(fields,
              (std::vector<std::string>{"region_id", "address", "tags", "members[0].id_card"}));
  }
}

TEST(JsonMappingTest, ReadsHouseholdWithMembers) {
  Json body = Json::parse(
      R"({"region_id":12,"address":"东村1号","lat":30.5,"lng":null,"tags":["低保"],
          "members":[{"name":"王景云","id_card":"11010519491231002X","relation":"户主"}]})");
  std::vector<app::ResidentInput> members;
  app::HouseholdInput input = HouseholdInputFromJson(body, &members);
  EXPECT_EQ(input.region_id, 12);
  EXPECT_EQ(input.lat, 30.5);
  EXPECT_EQ(input.lng, std::nullopt);
  EXPECT_EQ(input.tags, (std::vector<std::string>{"低保"}));
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].relation, "户主");
}

TEST(JsonMappingTest, PagesCarryPagingFields) {
  domain::Page<domain::Unit> page;
  page.items.resize(2);
  page.total = 7;
  Json json = PageJson(page, 2, 2, UnitJson);
  EXPECT_EQ(json["items"].size(), 2u);
  EXPECT_EQ(json["total"], 7);
  EXPECT_EQ(json["page"], 2);
  EXPECT_EQ(json["page_size"], 2);
}

}  // namespace
}  // namespace minqing::http
