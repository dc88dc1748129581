// Open311 GeoReport v2 on a real server (port 0): an administrator creates an API key (a clerk and
// a leader cannot), an outside application lists the services, reads a definition, files matters
// placed by a point, an address and a household number, reads them back without personal data,
// lists them with the standard filters, and resolves a token; every error the spec names comes
// back as its list of {code, description} with the spec's status, and leaves the matter count as
// it was; a revoked key stops working. Every answer, JSON and XML, is checked against the schemas
// written from the spec (src/http/testdata/open311) with ajv and xmllint --schema.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

using Fields = std::vector<std::pair<std::string, std::string>>;

// Sets (or adds) one form field.
void Set(Fields& fields, const std::string& name, const std::string& value) {
  for (auto& f : fields) {
    if (f.first == name) {
      f.second = value;
      return;
    }
  }
  fields.emplace_back(name, value);
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&name, &value}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          char buffer[4];
          std::snprintf(buffer, sizeof buffer, "%%%02X", c);
          out += buffer;
        }
      }
      if (part == &name) out += '=';
    }
  }
  return out;
}

class Open311IntegrationTest : public testing::ServerTest {
 protected:
  Open311IntegrationTest() : ServerTest("minqing_open311_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(kNow);
    county_ = AddRegion(std::nullopt, "county", "饶阳县", "131124000000");
    auto township = AddRegion(county_.id, "township", "饶阳镇", "131124100000");
    app::RegionInput east;
    east.parent_id = township.id;
    east.level = "village";
    east.name = "东关村";
    east.code = "131124100001";
    east.lat = 38.2350;
    east.lng = 115.7260;
    east_ = services_->registry.CreateRegion(system, east);
    west_ = AddRegion(township.id, "village", "西关村", "131124100002");
    group_ = AddRegion(west_.id, "group", "西关村三组");
    app::HouseholdInput household;
    household.region_id = group_.id;
    household.address = "西关村三组7号";
    household.number = "131124100002007";
    app::ResidentInput head;
    head.name = "王景云";
    head.id_card = domain::MakeIdCard("131124", "19700101", 11);
    head.phone = "13812345678";
    head.relation = "户主";
    household_ = services_->registry.CreateHousehold(system, household, {head});
    app::CategoryInput category;
    category.name = "路灯照明";
    category.keywords = "路灯 照明";
    category_ = services_->catalogue.CreateCategory(system, category).id;
    AddUser("admin", "admin");
    AddUser("leader", "leader");
    AddUser("clerk", "centre_staff", county_.id);
    StartServer();
    admin_ = LoginAs("admin");
    HttpResult created =
        SendAs("POST", "/api/v1/open311/keys", admin_, Json{{"name", "街道随手拍"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    key_ = created.Json().value("secret", "");
    key_id_ = created.Json().value("id", "");
  }

  // Keeps an answer for the schema check at the end of the test.
  void Keep(const std::string& definition, const HttpResult& r, bool xml) {
    kept_.push_back({definition, xml, r.body});
  }

  HttpResult Get(const std::string& target, const std::string& definition) {
    HttpResult r = Call(port_, "GET", target);
    const bool xml = target.find(".xml") != std::string::npos;
    Keep(definition, r, xml);
    EXPECT_EQ(r.Header("content-type").rfind(xml ? "text/xml" : "application/json", 0), 0u)
        << target;
    return r;
  }

  HttpResult Post(const std::vector<std::pair<std::string, std::string>>& fields,
                  const std::string& format = "json") {
    HttpResult r = Call(port_, "POST", "/open311/v2/requests." + format, FormEncode(fields),
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
    Keep(r.status == 200 ? "post_answer" : "errors", r, format == "xml");
    return r;
  }

  std::vector<std::pair<std::string, std::string>> GoodRequest() {
    return {{"api_key", key_},
            {"jurisdiction_id", "131124000000"},
            {"service_code", std::to_string(category_)},
            {"lat", "38.2351"},
            {"long", "115.7262"},
            {"description", "村口路灯坏了一周，晚上看不见路"},
            {"attribute[matter_type]", "help"}};
  }

  std::int64_t MatterCount() {
    auto tx = services_->store->BeginRead();
    domain::PageRequest page;
    page.limit = 1;
    return tx->Matters().ListMatters({}, page).total;
  }

  // One Open311 error: the status, and the spec's list of {code, description} (JSON or XML).
  static void ExpectOpen311Error(const HttpResult& r, int status, const std::string& says) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.body.find(says), std::string::npos) << r.body;
    if (r.body.rfind("<?xml", 0) == 0) {
      EXPECT_NE(r.body.find("<errors><error><code>" + std::to_string(status) + "</code>"),
                std::string::npos)
          << r.body;
      return;
    }
    Json body = r.Json();
    ASSERT_TRUE(body.is_array()) << r.body;
    ASSERT_FALSE(body.empty()) << r.body;
    EXPECT_EQ(body[0].value("code", 0), status) << r.body;
  }

  // Every kept answer against the published schemas: JSON with ajv, XML with xmllint.
  void ValidateKept() {
    const std::filesystem::path out = dir_ / "answers";
    std::filesystem::create_directories(out);
    std::string json_files, xml_files;
    for (std::size_t i = 0; i < kept_.size(); ++i) {
      const auto& k = kept_[i];
      const auto file = out / (k.definition + "-" + std::to_string(i) + (k.xml ? ".xml" : ".json"));
      std::ofstream(file) << k.body;
      (k.xml ? xml_files : json_files) += " '" + file.string() + "'";
    }
    const std::string source = MINQING_SOURCE_DIR;
    const std::string fixtures = source + "/src/http/testdata/open311/";
    ASSERT_FALSE(json_files.empty());
    ASSERT_FALSE(xml_files.empty());
    const std::string ajv = "node '" + source + "/web/test-support/validate-open311.mjs' '" +
                            fixtures + "georeport-v2.schema.json'" + json_files + " 2>&1";
    EXPECT_EQ(std::system(ajv.c_str()), 0) << ajv;
    const std::string xsd =
        "xmllint --noout --schema '" + fixtures + "georeport-v2.xsd'" + xml_files + " 2>&1";
    EXPECT_EQ(std::system(xsd.c_str()), 0) << xsd;
  }

  struct KeptAnswer {
    std::string definition;
    bool xml = false;
    std::string body;
  };

  domain::Region county_, east_, west_, group_;
  domain::Household household_;
  domain::Id category_ = 0;
  std::string admin_, key_, key_id_;
  std::vector<KeptAnswer> kept_;
};

TEST_F(Open311IntegrationTest, OnlyAdministratorsManageKeysAndTheSecretIsShownOnce) {
  ASSERT_EQ(key_.rfind("o311_", 0), 0u);
  for (const char* who : {"clerk", "leader"}) {
    std::string token = LoginAs(who);
    ExpectProblem(SendAs("POST", "/api/v1/open311/keys", token, Json{{"name", "x"}}.dump()), 403,
                  "auth.forbidden");
    ExpectProblem(SendAs("GET", "/api/v1/open311/keys", token), 403, "auth.forbidden");
    ExpectProblem(SendAs("POST", "/api/v1/open311/keys/" + key_id_ + "/revoke", token), 403,
                  "auth.forbidden");
  }
  ExpectProblem(SendAs("POST", "/api/v1/open311/keys", admin_, Json{{"name", " "}}.dump()), 400,
                "validation.failed");
  HttpResult list = SendAs("GET", "/api/v1/open311/keys", admin_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  Json item = list.Json()["items"][0];
  EXPECT_EQ(item.value("name", ""), "街道随手拍");
  EXPECT_EQ(key_.rfind(item.value("prefix", "x"), 0), 0u);
  EXPECT_EQ(item.value("owner_name", ""), "admin");
  EXPECT_EQ(list.body.find(key_), std::string::npos) << "the secret is never listed";
  EXPECT_EQ(item.value("request_count", -1), 0);

  ASSERT_EQ(Post(GoodRequest()).status, 200);
  list = SendAs("GET", "/api/v1/open311/keys", admin_);
  EXPECT_EQ(list.Json()["items"][0].value("request_count", -1), 1);
  EXPECT_FALSE(list.Json()["items"][0]["last_used_at"].is_null());

  // Revoked: the key no longer files anything.
  ASSERT_EQ(SendAs("POST", "/api/v1/open311/keys/" + key_id_ + "/revoke", admin_).status, 200);
  ExpectProblem(SendAs("POST", "/api/v1/open311/keys/" + key_id_ + "/revoke", admin_), 409,
                "open311.key_revoked");
  const auto before = MatterCount();
  ExpectOpen311Error(Post(GoodRequest()), 403, "api_key");
  EXPECT_EQ(MatterCount(), before);
}

TEST_F(Open311IntegrationTest, DiscoveryServicesAndDefinitions) {
  for (const char* format : {"json", "xml"}) {
    const std::string f = format;
    HttpResult discovery = Get("/open311/v2/discovery." + f, "discovery");
    EXPECT_EQ(discovery.status, 200) << discovery.body;
    EXPECT_NE(discovery.body.find("GeoReport_v2"), std::string::npos);
    HttpResult services =
        Get("/open311/v2/services." + f + "?jurisdiction_id=131124000000", "services");
    EXPECT_EQ(services.status, 200) << services.body;
    EXPECT_NE(services.body.find("路灯照明"), std::string::npos);
    HttpResult definition =
        Get("/open311/v2/services/" + std::to_string(category_) + "." + f, "service_definition");
    EXPECT_EQ(definition.status, 200) << definition.body;
    EXPECT_NE(definition.body.find("matter_type"), std::string::npos);
    EXPECT_NE(definition.body.find("household_number"), std::string::npos);
    ExpectOpen311Error(Get("/open311/v2/services/999999." + f, "errors"), 404,
                       "open311.service_not_found");
    ExpectOpen311Error(Get("/open311/v2/services." + f + "?jurisdiction_id=110000", "errors"), 404,
                       "jurisdiction_id");
  }
  Json services = Call(port_, "GET", "/open311/v2/services.json").Json();
  bool found = false;
  for (const auto& s : services) {
    if (s.value("service_code", "") != std::to_string(category_)) continue;
    found = true;
    EXPECT_TRUE(s.value("metadata", false));
    EXPECT_EQ(s.value("type", ""), "realtime");
    EXPECT_EQ(s.value("keywords", ""), "路灯,照明");
  }
  EXPECT_TRUE(found);
  Json definition =
      Call(port_, "GET", "/open311/v2/services/" + std::to_string(category_) + ".json").Json();
  ASSERT_EQ(definition["attributes"].size(), 3u);
  EXPECT_TRUE(definition["attributes"][0].value("required", false));
  EXPECT_EQ(definition["attributes"][0]["values"].size(), 5u);
  EXPECT_EQ(Call(port_, "GET", "/open311/v2/services.csv").status, 404);
  ValidateKept();
}

TEST_F(Open311IntegrationTest, FiledMattersGoThroughIntakeAndReadBackWithoutPersonalData) {
  // By a point: the nearest village with coordinates (东关村).
  HttpResult by_point = Post(GoodRequest());
  ASSERT_EQ(by_point.status, 200) << by_point.body;
  const std::string id = by_point.Json()[0].value("service_request_id", "");
  EXPECT_EQ(by_point.Json()[0].value("token", ""), id);
  auto tx = services_->store->BeginRead();
  auto matter = tx->Matters().FindMatterByNumber(id);
  ASSERT_TRUE(matter);
  EXPECT_EQ(matter->region_id, east_.id);
  EXPECT_EQ(matter->channel, domain::MatterChannel::kOnline);
  EXPECT_EQ(matter->category_id, category_);
  tx.reset();

  // By the household number: its group's village, and its name and phone stay private.
  auto by_household = GoodRequest();
  by_household.erase(by_household.begin() + 3, by_household.begin() + 5);  // No lat/long.
  by_household.push_back({"attribute[household_number]", household_.number});
  by_household.push_back({"attribute[urgency]", "urgent"});
  by_household.push_back({"media_url", "https://img.example.org/lamp.jpg"});
  Set(by_household, "description", "路灯坏了，请联系 13812345678");
  HttpResult filed = Post(by_household, "xml");
  ASSERT_EQ(filed.status, 200) << filed.body;
  const auto start = filed.body.find("<service_request_id>") + 20;
  const std::string household_id =
      filed.body.substr(start, filed.body.find("</service_request_id>") - start);

  for (const char* format : {"json", "xml"}) {
    const std::string f = format;
    HttpResult one = Get("/open311/v2/requests/" + household_id + "." + f, "requests");
    ASSERT_EQ(one.status, 200) << one.body;
    for (const std::string& secret :
         {std::string("王景云"), std::string("13812345678"), household_.number,
          std::string("西关村三组7号"), std::string("西关村三组")}) {
      EXPECT_EQ(one.body.find(secret), std::string::npos) << secret << " in " << one.body;
    }
    EXPECT_NE(one.body.find("饶阳镇西关村"), std::string::npos) << one.body;
    EXPECT_NE(one.body.find("lamp.jpg"), std::string::npos) << one.body;
    EXPECT_NE(one.body.find("+08:00"), std::string::npos) << one.body;
  }
  Json read = Call(port_, "GET", "/open311/v2/requests/" + id + ".json").Json();
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].value("status", ""), "open");
  EXPECT_EQ(read[0].value("service_code", ""), std::to_string(category_));
  EXPECT_EQ(read[0].value("address", ""), "饶阳镇东关村");
  EXPECT_FALSE(read[0]["expected_datetime"].is_null());
  EXPECT_DOUBLE_EQ(read[0].value("lat", 0.0), 38.2350);

  // By an address naming a village; a complaint's text is withheld.
  auto complaint = GoodRequest();
  complaint.erase(complaint.begin() + 3, complaint.begin() + 5);
  complaint.push_back({"address_string", "西关村大街口"});
  Set(complaint, "description", "村干部张三态度恶劣");
  Set(complaint, "attribute[matter_type]", "complaint");
  HttpResult filed_complaint = Post(complaint);
  ASSERT_EQ(filed_complaint.status, 200) << filed_complaint.body;
  const std::string complaint_id = filed_complaint.Json()[0].value("service_request_id", "");
  HttpResult private_one = Get("/open311/v2/requests/" + complaint_id + ".json", "requests");
  EXPECT_EQ(private_one.body.find("张三"), std::string::npos) << private_one.body;
  EXPECT_EQ(private_one.Json()[0].value("address", ""), "饶阳镇西关村");

  // Tokens: filing is synchronous, so a token is the request's own id.
  for (const char* format : {"json", "xml"}) {
    HttpResult token = Get("/open311/v2/tokens/" + id + "." + format, "tokens");
    EXPECT_EQ(token.status, 200) << token.body;
    EXPECT_NE(token.body.find(id), std::string::npos);
  }
  ExpectOpen311Error(Get("/open311/v2/tokens/20990101-00001.json", "errors"), 404, "token");
  ExpectOpen311Error(Get("/open311/v2/requests/20990101-00001.json", "errors"), 404,
                     "service_request_id");
  ExpectOpen311Error(Get("/open311/v2/requests/20990101-00001.xml", "errors"), 404,
                     "service_request_id");

  // Lists with the standard filters.
  Json all = Get("/open311/v2/requests.json", "requests").Json();
  EXPECT_EQ(all.size(), 3u);
  Json listed =
      Get("/open311/v2/requests.json?service_request_id=" + id + "," + complaint_id, "requests")
          .Json();
  EXPECT_EQ(listed.size(), 2u);
  EXPECT_EQ(Get("/open311/v2/requests.xml?status=open&service_code=" + std::to_string(category_),
                "requests")
                .status,
            200);
  EXPECT_EQ(Get("/open311/v2/requests.json?status=closed", "requests").Json().size(), 0u);
  EXPECT_EQ(
      Get("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z", "requests").Json().size(),
      0u);
  EXPECT_EQ(Get("/open311/v2/requests.json?page_size=2&page=2", "requests").Json().size(), 1u);
  ExpectOpen311Error(Get("/open311/v2/requests.json?status=pending", "errors"), 400, "status");
  ExpectOpen311Error(Get("/open311/v2/requests.json?start_date=yesterday", "errors"), 400,
                     "start_date");
  ValidateKept();
}

TEST_F(Open311IntegrationTest, EveryRefusedRequestLeavesNoMatter) {
  const auto before = MatterCount();
  auto without = [&](const std::string& name) {
    auto fields = GoodRequest();
    std::erase_if(fields, [&](const auto& f) { return f.first == name; });
    return fields;
  };
  auto with = [&](const std::string& name, const std::string& value) {
    auto fields = without(name);
    fields.push_back({name, value});
    return fields;
  };
  for (const char* format : {"json", "xml"}) {
    ExpectOpen311Error(Post(without("api_key"), format), 403, "api_key");
    ExpectOpen311Error(Post(with("api_key", "o311_0000"), format), 403, "api_key");
    ExpectOpen311Error(Post(with("service_code", "424242"), format), 404,
                       "open311.service_not_found");
    ExpectOpen311Error(Post(without("service_code"), format), 400, "service_code");
    auto nowhere = without("lat");
    std::erase_if(nowhere, [](const auto& f) { return f.first == "long"; });
    ExpectOpen311Error(Post(nowhere, format), 400, "open311.location_required");
    auto far = with("lat", "30.0");
    ExpectOpen311Error(Post(far, format), 400, "open311.location_unresolved");
    // An address_id that names no region is only a hint: the point still places the request.
    EXPECT_EQ(Post(with("address_id", "999"), format).status, 200);
  }
  EXPECT_EQ(MatterCount(), before + 2) << "address_id 999 falls back to the point";
  const auto after_fallbacks = MatterCount();
  for (const char* format : {"json", "xml"}) {
    ExpectOpen311Error(Post(without("attribute[matter_type]"), format), 400,
                       "open311.attribute_required");
    ExpectOpen311Error(Post(with("attribute[matter_type]", "gossip"), format), 400,
                       "open311.attribute_invalid");
    ExpectOpen311Error(Post(with("attribute[colour]", "red"), format), 400,
                       "open311.attribute_unknown");
    ExpectOpen311Error(
        Post(with("media_url", "https://img.example.org/" + std::string(1100, 'a')), format), 400,
        "media_url.too_long");
    ExpectOpen311Error(Post(with("media_url", "javascript:alert(1)"), format), 400,
                       "media_url.invalid");
    ExpectOpen311Error(Post(with("jurisdiction_id", "110000"), format), 404, "jurisdiction_id");
    ExpectOpen311Error(Post(with("lat", "north"), format), 400, "lat");
    ExpectOpen311Error(Post(without("description"), format), 400, "open311.description_required");
    ExpectOpen311Error(Post(with("attribute[household_number]", "NO-SUCH"), format), 400,
                       "open311.household_not_found");
  }
  EXPECT_EQ(MatterCount(), after_fallbacks);
  ValidateKept();
}

}  // namespace
}  // namespace minqing::http
