// Accounts in bulk over HTTP: a sheet upload, activation letters (PDF), the public activation,
// bulk deactivation; and the refusals: a clerk (no users.manage) is refused before the upload is
// decoded or a PDF drawn, a township-scoped administrator cannot print letters outside the
// township, no route hands out an existing letter's code, a wrong code is throttled, a used code
// fails, a deactivated account's session stops at once.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/matter_json.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;

constexpr char kPassword[] = "pass-word-1";

class AccountsApiTest : public testing::ServerTest {
 protected:
  AccountsApiTest() : ServerTest("minqing_accounts_") {}

  void SetUp() override {
    ServerTest::SetUp();
    system_ = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    auto county = AddRegion(std::nullopt, "county", "示范县", "330102000000");
    town_a_ = AddRegion(county.id, "township", "城关镇", "330102001000").id;
    village_a_ = AddRegion(town_a_, "village", "东村", "330102001001").id;
    town_b_ = AddRegion(county.id, "township", "河西乡", "330102002000").id;
    village_b_ = AddRegion(town_b_, "village", "西村", "330102002001").id;
    app::HouseholdInput h;
    h.region_id = village_a_;
    h.address = "东村1号";
    app::ResidentInput head;
    head.name = "王党员";
    head.id_card = domain::MakeIdCard("330102", "19700101", 11);
    head.relation = "户主";
    member_id_card_ = head.id_card;
    auto household = registry.CreateHousehold(system_, h, {head});
    app::PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东村党支部";
    branch.region_id = village_a_;
    app::PartyMemberInput member;
    member.resident_id = registry.GetHousehold(system_, household.id).members.at(0).id;
    member.org_id = registry.CreatePartyOrg(system_, branch).id;
    member.status = "full";
    registry.CreatePartyMember(system_, member);
    User("admin", "admin", std::nullopt);
    User("clerk", "centre_staff", town_a_);
    User("admin_a", "admin", town_a_);
    StartServer();
    admin_ = LoginAs("admin", kPassword);
  }

  void User(const std::string& name, const char* role, std::optional<domain::Id> region) {
    app::UserInput in;
    in.username = name;
    in.role = role;
    in.password = kPassword;
    in.scope_region_id = region;
    services_->auth.CreateUser(system_, in);
  }

  HttpResult Post(const std::string& target, const std::string& token, const Json& body) {
    return SendAs("POST", target, token, body.dump());
  }

  HttpResult Upload(const std::string& token, const std::string& csv, const std::string& mode) {
    return Post(
        "/api/v1/users/import", token,
        {{"file_name", "accounts.csv"}, {"data_base64", EncodeBase64(csv)}, {"mode", mode}});
  }

  std::string Sheet() const {
    return "姓名,角色,用户名,管辖区域代码,所属单位,手机号,关联身份证号\n"
           "王党员,党员,wangdy,330102001001,,13900000001," +
           member_id_card_ +
           "\n"
           "李助理,村级事务助理,lizl,330102002001,,13900000002,\n";
  }

  std::vector<std::string> CodesIn(const std::string& pdf) {
    const auto path = dir_ / "letters.pdf";
    const auto text = dir_ / "letters.txt";
    {
      std::ofstream out(path, std::ios::binary);
      out << pdf;
    }
    const std::string cmd =
        "pdftotext -layout -enc UTF-8 '" + path.string() + "' '" + text.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) is needed";
    std::ifstream in(text);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> codes;
    static const std::regex kCode("激活码\\s+([2-9A-HJKMNP-Z]{8})");
    for (std::sregex_iterator it(content.begin(), content.end(), kCode), end; it != end; ++it) {
      codes.push_back((*it)[1]);
    }
    return codes;
  }

  domain::Id IdOf(const std::string& username) {
    return services_->store->BeginRead()->Accounts().FindUserByUsername(username)->id;
  }

  HttpResult Activate(const std::string& username, const std::string& code,
                      const std::string& password) {
    return Call(port_, "POST", "/api/v1/auth/activate",
                Json{{"username", username}, {"code", code}, {"password", password}}.dump());
  }

  app::Actor system_;
  domain::Id town_a_ = 0, village_a_ = 0, town_b_ = 0, village_b_ = 0;
  std::string member_id_card_;
  std::string admin_;
};

TEST_F(AccountsApiTest, ImportLettersActivateOnce) {
  HttpResult dry = Upload(admin_, Sheet(), "dry_run");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.Json()["created"], 2);
  EXPECT_EQ(dry.Json()["written"], false);
  HttpResult done = Upload(admin_, Sheet(), "all_or_nothing");
  ASSERT_EQ(done.status, 200) << done.body;
  ASSERT_EQ(done.Json()["written"], true);
  Json ids = done.Json()["account_ids"];
  ASSERT_EQ(ids.size(), 2u);

  // Re-importing updates the same two accounts.
  HttpResult again = Upload(admin_, Sheet(), "all_or_nothing");
  EXPECT_EQ(again.Json()["updated"], 2) << again.body;
  EXPECT_EQ(again.Json()["created"], 0);

  HttpResult users = SendAs("GET", "/api/v1/users?page_size=50", admin_);
  bool pending_seen = false;
  Json items = users.Json()["items"];
  for (const auto& u : items) {
    if (u["username"] == "wangdy") pending_seen = u["activated"] == false;
  }
  EXPECT_TRUE(pending_seen) << users.body;

  HttpResult letters = Post("/api/v1/users/letters", admin_, {{"user_ids", ids}});
  ASSERT_EQ(letters.status, 200) << letters.body;
  EXPECT_EQ(letters.Header("content-type"), "application/pdf");
  EXPECT_EQ(letters.body.rfind("%PDF", 0), 0u);
  auto codes = CodesIn(letters.body);
  ASSERT_EQ(codes.size(), 2u);

  // No route returns a code: the user list and the user's page carry none, and the audit entry
  // of the letter holds its expiry only.
  EXPECT_EQ(users.body.find(codes[0]), std::string::npos);
  HttpResult audit = SendAs("GET", "/api/v1/audit?entity=user&page_size=100", admin_);
  EXPECT_EQ(audit.status, 200);
  EXPECT_EQ(audit.body.find(codes[0]), std::string::npos);
  EXPECT_NE(audit.body.find("user.activation_letter"), std::string::npos);

  ExpectProblem(Activate("wangdy", codes[0], "123"), 400, "validation.failed");
  HttpResult ok = Activate("wangdy", codes[0], "new-pass-123");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_NE(ok.Header("set-cookie").find("mq_session="), std::string::npos);
  const std::string token = ok.Json()["token"];
  EXPECT_EQ(SendAs("GET", "/api/v1/auth/me", token).status, 200);
  ExpectProblem(Activate("wangdy", codes[0], "other-pass-456"), 409, "activation.used");
  EXPECT_EQ(LoginAs("wangdy", "new-pass-123").empty(), false);

  // A re-issued letter revokes the unused code of the other account.
  HttpResult reissue = Post("/api/v1/users/letters", admin_, {{"user_ids", {IdOf("lizl")}}});
  ASSERT_EQ(reissue.status, 200);
  ExpectProblem(Activate("lizl", codes[1], "new-pass-123"), 401, "activation.invalid_code");
}

TEST_F(AccountsApiTest, WrongCodesAreThrottled) {
  ASSERT_EQ(Upload(admin_, Sheet(), "all_or_nothing").status, 200);
  HttpResult letters = Post("/api/v1/users/letters", admin_, {{"user_ids", {IdOf("lizl")}}});
  auto codes = CodesIn(letters.body);
  ASSERT_EQ(codes.size(), 1u);
  for (int i = 0; i < 5; ++i) {
    ExpectProblem(Activate("lizl", "ABCDEFGH", "new-pass-123"), 401, "activation.invalid_code");
  }
  HttpResult waiting = Activate("lizl", codes[0], "new-pass-123");
  ExpectProblem(waiting, 429, "auth.rate_limited");
  EXPECT_FALSE(waiting.Header("retry-after").empty());
}

TEST_F(AccountsApiTest, OutsidersAreRefusedBeforeAnyWork) {
  ASSERT_EQ(Upload(admin_, Sheet(), "all_or_nothing").status, 200);
  const std::string clerk = LoginAs("clerk", kPassword);
  // Not even decoded: the body is not base64, the answer is still 403.
  HttpResult upload = Post("/api/v1/users/import", clerk,
                           {{"file_name", "a.csv"}, {"data_base64", "%%%"}, {"mode", "dry_run"}});
  ExpectProblem(upload, 403, "auth.forbidden");
  ExpectProblem(Post("/api/v1/users/letters", clerk, {{"user_ids", {IdOf("wangdy")}}}), 403,
                "auth.forbidden");
  ExpectProblem(
      Post("/api/v1/users/bulk", clerk, {{"action", "deactivate"}, {"user_ids", {IdOf("wangdy")}}}),
      403, "auth.forbidden");
  // An administrator of township A: letters for an account of township B are refused, and
  // nothing is issued (B's pending state is unchanged: no activation row).
  const std::string admin_a = LoginAs("admin_a", kPassword);
  HttpResult foreign =
      Post("/api/v1/users/letters", admin_a, {{"user_ids", {IdOf("wangdy"), IdOf("lizl")}}});
  ExpectProblem(foreign, 403, "auth.forbidden");
  EXPECT_FALSE(services_->store->BeginRead()->Accounts().FindActivation(IdOf("wangdy")));
  HttpResult own = Post("/api/v1/users/letters", admin_a, {{"user_ids", {IdOf("wangdy")}}});
  EXPECT_EQ(own.status, 200) << own.body;
}

TEST_F(AccountsApiTest, DeactivatedSessionsStopAtOnce) {
  ASSERT_EQ(Upload(admin_, Sheet(), "all_or_nothing").status, 200);
  auto codes =
      CodesIn(Post("/api/v1/users/letters", admin_, {{"user_ids", {IdOf("wangdy")}}}).body);
  ASSERT_EQ(codes.size(), 1u);
  HttpResult ok = Activate("wangdy", codes[0], "new-pass-123");
  ASSERT_EQ(ok.status, 200) << ok.body;
  const std::string token = ok.Json()["token"];
  ASSERT_EQ(SendAs("GET", "/api/v1/auth/me", token).status, 200);
  HttpResult bulk = Post("/api/v1/users/bulk", admin_,
                         {{"action", "deactivate"}, {"user_ids", {IdOf("wangdy")}}});
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_EQ(bulk.Json()["changed"], 1);
  ExpectProblem(SendAs("GET", "/api/v1/auth/me", token), 401, "auth.required");
  HttpResult reassign =
      Post("/api/v1/users/bulk", admin_,
           {{"action", "reassign"}, {"region_id", village_b_}, {"user_ids", {IdOf("lizl")}}});
  EXPECT_EQ(reassign.status, 200) << reassign.body;
}

}  // namespace
}  // namespace minqing::http
