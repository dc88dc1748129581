#include "app/account_import.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

// The codes printed in a letters PDF, in page order, read as a person reads the letter
// (pdftotext, poppler-utils).
std::vector<std::string> CodesInPdf(const std::string& pdf, const std::filesystem::path& dir) {
  const auto path = dir / "letters.pdf";
  const auto text_path = dir / "letters.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << pdf;
  }
  const std::string cmd =
      "pdftotext -layout -enc UTF-8 '" + path.string() + "' '" + text_path.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) is needed";
  std::ifstream in(text_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> codes;
  static const std::regex kCode("激活码\\s+([2-9A-HJKMNP-Z]{8})");
  for (std::sregex_iterator it(text.begin(), text.end(), kCode), end; it != end; ++it) {
    codes.push_back((*it)[1]);
  }
  return codes;
}

class AccountImportTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东关村党支部";
    branch.region_id = village_a_.id;
    auto org = services_->registry.CreatePartyOrg(admin_, branch);
    PartyMemberInput member;
    member_id_card_ = domain::MakeIdCard("131124", "19700101", 11);
    resident_id_card_ = domain::MakeIdCard("131124", "19800202", 22);
    member_resident_ =
        services_->store->BeginRead()->Registry().FindResidentByIdCard(member_id_card_)->id;
    member.resident_id = member_resident_;
    member.org_id = org.id;
    member.status = "full";
    member.joined_on = "2001-07-01";
    services_->registry.CreatePartyMember(admin_, member);
  }

  formats::Table Sheet(std::vector<std::vector<std::string>> rows) {
    formats::Table table;
    table.header = AccountColumns();
    for (auto& row : rows) {
      row.resize(table.header.size());
      table.rows.push_back(std::move(row));
    }
    return table;
  }

  formats::Table GoodSheet() {
    return Sheet({{"王景云", "党员", "wangjy", "131124100001", "", "13900000001", member_id_card_},
                  {"张助理", "村级事务助理", "", "131124100002", "", "13900000002", ""},
                  {"李秀英", "群众", "", "", "", "", resident_id_card_}});
  }

  std::string member_id_card_, resident_id_card_;
  Id member_resident_ = 0;
};

TEST_F(AccountImportTest, ImportsAccountsThatWaitForActivation) {
  auto dry = services_->accounts.Import(admin_, GoodSheet(), ImportMode::kDryRun);
  EXPECT_TRUE(dry.problems.empty()) << dry.problems.at(0).reason;
  EXPECT_EQ(dry.created, 3);
  EXPECT_FALSE(dry.written);
  EXPECT_FALSE(services_->store->BeginRead()->Accounts().FindUserByUsername("wangjy"));

  auto report = services_->accounts.Import(admin_, GoodSheet(), ImportMode::kAllOrNothing);
  ASSERT_TRUE(report.written);
  EXPECT_EQ(report.created, 3);
  auto tx = services_->store->BeginRead();
  auto member = tx->Accounts().FindUserByUsername("wangjy");
  ASSERT_TRUE(member);
  EXPECT_EQ(member->role, domain::Role::kPartyMember);
  EXPECT_EQ(member->resident_id, member_resident_);
  EXPECT_FALSE(member->password_set);
  // The username of a row without one comes from the phone.
  auto assistant = tx->Accounts().FindUserByUsername("13900000002");
  ASSERT_TRUE(assistant);
  EXPECT_EQ(assistant->scope_region_id, village_b_.id);
  // ... or else from the name's pinyin.
  EXPECT_TRUE(tx->Accounts().FindUserByUsername("lixiuying"));
  // No password works before activation.
  EXPECT_THROW(services_->auth.Login("wangjy", "", "10.0.0.1", kNow), domain::Unauthenticated);
}

TEST_F(AccountImportTest, EveryBadRowIsListedAndNothingIsWritten) {
  auto sheet = Sheet({
      {"王景云", "党员", "wangjy", "131124100001", "", "", member_id_card_},
      {"赵助理", "村级事务助理", "zhaozl", "", "", "", ""},                   // needs a region
      {"钱窗口", "中心窗口人员", "qianck", "999999999999", "", "", ""},       // unknown region
      {"孙群众", "群众", "sunqz", "", "", "", "110101199003074514"},          // no such resident
      {"李秀英", "党员", "lixy", "131124100002", "", "", resident_id_card_},  // not a member
      {"周某", "县长", "zhoum", "131124100001", "", "", ""},                  // unknown role
      {"吴单位", "承办单位人员", "wudw", "", "不存在的局", "", ""},           // unknown unit
  });
  auto report = services_->accounts.Import(admin_, sheet, ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.invalid_rows, 6);
  std::map<std::int64_t, std::string> columns;
  for (const auto& p : report.problems) columns[p.row] = p.column;
  EXPECT_EQ(columns[3], "管辖区域代码");
  EXPECT_EQ(columns[4], "管辖区域代码");
  EXPECT_EQ(columns[5], "关联身份证号");
  EXPECT_EQ(columns[6], "关联身份证号");
  EXPECT_EQ(columns[7], "角色");
  EXPECT_EQ(columns[8], "所属单位");
  EXPECT_FALSE(services_->store->BeginRead()->Accounts().FindUserByUsername("wangjy"));

  auto skipped = services_->accounts.Import(admin_, sheet, ImportMode::kSkipInvalid);
  EXPECT_TRUE(skipped.written);
  EXPECT_EQ(skipped.created, 1);
  EXPECT_EQ(skipped.skipped, 6);
  EXPECT_TRUE(services_->store->BeginRead()->Accounts().FindUserByUsername("wangjy"));
}

TEST_F(AccountImportTest, ReimportUpdatesInsteadOfDuplicating) {
  ASSERT_TRUE(services_->accounts.Import(admin_, GoodSheet(), ImportMode::kAllOrNothing).written);
  auto again = Sheet(
      {{"王景云", "党员", "", "131124100002", "", "13900000009", member_id_card_},  // by ID card
       {"张助理", "村级事务助理", "13900000002", "131124100001", "", "", ""}});     // by username
  auto report = services_->accounts.Import(admin_, again, ImportMode::kAllOrNothing);
  ASSERT_TRUE(report.written) << (report.problems.empty() ? "" : report.problems[0].reason);
  EXPECT_EQ(report.created, 0);
  EXPECT_EQ(report.updated, 2);
  auto tx = services_->store->BeginRead();
  auto member = tx->Accounts().FindUserByUsername("wangjy");
  EXPECT_EQ(member->scope_region_id, village_b_.id);
  EXPECT_EQ(member->phone, "13900000009");
  EXPECT_EQ(tx->Accounts().FindUserByUsername("13900000002")->scope_region_id, village_a_.id);
  EXPECT_EQ(tx->Accounts().ListUsers({0, 100, ""}).total, 4);  // three imported + the assistant
}

TEST_F(AccountImportTest, AnActivationCodeWorksOnceAndANewLetterRevokesTheOld) {
  ASSERT_TRUE(services_->accounts.Import(admin_, GoodSheet(), ImportMode::kAllOrNothing).written);
  const Id id = services_->accounts.IdsOfUsernames({"wangjy"}).at(0);
  auto first = services_->accounts.IssueLetters(admin_, {id});
  auto old_codes = CodesInPdf(first.pdf, dir_);
  ASSERT_EQ(old_codes.size(), 1u);
  auto second = services_->accounts.IssueLetters(admin_, {id});
  auto codes = CodesInPdf(second.pdf, dir_);
  ASSERT_EQ(codes.size(), 1u);
  ASSERT_NE(codes[0], old_codes[0]);
  // The old letter no longer works.
  EXPECT_THROW(services_->auth.Activate("wangjy", old_codes[0], "new-pass-123", "10.0.0.1", kNow),
               domain::Unauthenticated);
  // A weak password costs no attempt and does not use the code.
  EXPECT_THROW(services_->auth.Activate("wangjy", codes[0], "123", "10.0.0.1", kNow),
               domain::InvalidInput);
  auto result = services_->auth.Activate("wangjy", codes[0], "new-pass-123", "10.0.0.1", kNow);
  EXPECT_FALSE(result.token.empty());
  EXPECT_TRUE(services_->auth.Authenticate(result.token, kNow));
  EXPECT_NO_THROW(services_->auth.Login("wangjy", "new-pass-123", "10.0.0.1", kNow));
  try {
    services_->auth.Activate("wangjy", codes[0], "other-pass-456", "10.0.0.2", kNow);
    FAIL() << "a used code worked twice";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "activation.used");
  }
  EXPECT_THROW(services_->auth.Login("wangjy", "other-pass-456", "10.0.0.1", kNow),
               domain::Unauthenticated);
}

TEST_F(AccountImportTest, WrongCodesAreThrottledAndExpiredCodesRefused) {
  ASSERT_TRUE(services_->accounts.Import(admin_, GoodSheet(), ImportMode::kAllOrNothing).written);
  const Id id = services_->accounts.IdsOfUsernames({"wangjy"}).at(0);
  auto codes = CodesInPdf(services_->accounts.IssueLetters(admin_, {id}).pdf, dir_);
  ASSERT_EQ(codes.size(), 1u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_THROW(services_->auth.Activate("wangjy", "ABCDEFGH", "new-pass-123", "10.0.0.1", kNow),
                 domain::Unauthenticated);
  }
  // Now even the right code waits, from that address.
  EXPECT_THROW(services_->auth.Activate("wangjy", codes[0], "new-pass-123", "10.0.0.1", kNow),
               domain::RateLimited);
  try {
    services_->auth.Activate("wangjy", codes[0], "new-pass-123", "10.0.0.2",
                             kNow + kActivationValidSeconds + 1);
    FAIL() << "an expired code worked";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "activation.expired");
  }
}

TEST_F(AccountImportTest, DeactivatingEndsSessionsAndOnlyInScope) {
  ASSERT_TRUE(services_->accounts.Import(admin_, GoodSheet(), ImportMode::kAllOrNothing).written);
  const Id id = services_->accounts.IdsOfUsernames({"wangjy"}).at(0);
  auto codes = CodesInPdf(services_->accounts.IssueLetters(admin_, {id}).pdf, dir_);
  auto session = services_->auth.Activate("wangjy", codes.at(0), "new-pass-123", "10.0.0.1", kNow);
  ASSERT_TRUE(services_->auth.Authenticate(session.token, kNow));

  // A township clerk may not; an administrator scoped to village B may not touch village A.
  Actor clerk = UserActor("clerk_t", "centre_staff", township_.id);
  EXPECT_THROW(services_->accounts.Apply(clerk, {id}, {}), domain::Forbidden);
  EXPECT_THROW(services_->accounts.IssueLetters(clerk, {id}), domain::Forbidden);
  EXPECT_THROW(services_->accounts.Import(clerk, GoodSheet(), ImportMode::kDryRun),
               domain::Forbidden);
  Actor village_admin = UserActor("admin_b", "admin", village_b_.id);
  EXPECT_THROW(services_->accounts.IssueLetters(village_admin, {id}), domain::Forbidden);
  EXPECT_THROW(services_->accounts.Apply(village_admin, {id}, {}), domain::Forbidden);
  auto report = services_->accounts.Import(village_admin, GoodSheet(), ImportMode::kDryRun);
  EXPECT_GT(report.invalid_rows, 0);  // village A's rows are outside the scope
  EXPECT_TRUE(services_->auth.Authenticate(session.token, kNow));

  BulkChange reassign;
  reassign.kind = BulkChange::Kind::kReassign;
  reassign.region_id = village_b_.id;
  EXPECT_EQ(services_->accounts.Apply(admin_, {id}, reassign), 1);
  EXPECT_EQ(services_->store->BeginRead()->Accounts().FindUser(id)->scope_region_id, village_b_.id);
  auto again = services_->auth.Login("wangjy", "new-pass-123", "10.0.0.1", kNow);
  EXPECT_EQ(services_->accounts.Apply(admin_, {id}, {}), 1);
  EXPECT_FALSE(services_->auth.Authenticate(again.token, kNow));
  EXPECT_THROW(services_->auth.Login("wangjy", "new-pass-123", "10.0.0.1", kNow),
               domain::Unauthenticated);
}

}  // namespace
}  // namespace minqing::app
