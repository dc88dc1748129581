#include "app/party_roster.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

class PartyRosterTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    ResidentInput input;
    input.name = "张建国";
    input.id_card = kZhang;
    input.relation = "子";
    services_->registry.AddResident(admin_, household_a_.id, input);
  }

  PartyImportReport Import(const formats::Table& table, ImportMode mode,
                           const Actor* actor = nullptr) {
    return services_->party_roster.Import(actor ? *actor : admin_, table, mode);
  }

  std::vector<domain::PartyMember> Members() {
    auto tx = services_->store->BeginRead();
    return tx->Registry().ListPartyMembers({}, {0, 100, ""}).items;
  }
  std::vector<domain::PartyOrg> Orgs() {
    return services_->store->BeginRead()->Registry().ListPartyOrgsUnder("");
  }
  std::optional<domain::PartyOrg> OrgNamed(const std::string& name) {
    for (auto& org : Orgs()) {
      if (org.name == name) return org;
    }
    return std::nullopt;
  }
  std::optional<domain::PartyMember> MemberNamed(const std::string& name) {
    for (auto& m : Members()) {
      if (m.name == name) return m;
    }
    return std::nullopt;
  }
  std::int64_t AuditCount(const std::string& action) {
    AuditFilter filter;
    filter.entity = "party_roster";
    std::int64_t n = 0;
    auto tx = services_->store->BeginRead();
    const auto log = tx->ListAudit(filter, {});
    for (const auto& e : log.items) {
      n += e.action == action ? 1 : 0;
    }
    return n;
  }

  // Problems of one row, as "column:reason" strings.
  static std::vector<std::string> ProblemsOf(const PartyImportReport& report, std::int64_t row) {
    std::vector<std::string> out;
    for (const auto& p : report.problems) {
      if (p.row == row) out.push_back(p.column + ":" + p.reason);
    }
    return out;
  }

  const std::string kWang = domain::MakeIdCard("131124", "19700101", 11);   // Village A.
  const std::string kLi = domain::MakeIdCard("131124", "19800202", 22);     // Village B.
  const std::string kZhang = domain::MakeIdCard("131124", "19950505", 33);  // Village A.

  formats::Table Good() {
    formats::Table table;
    table.header = PartyRosterColumns();
    table.rows = {
        {"饶阳镇党委/东关村党支部/一组党小组", "王景云", kWang, "2001-07-01", "正式", "否", "",
         "是", "8", "", "是"},
        {"饶阳镇党委/东关村党支部", "张建国", kZhang, "2020/7/1", "预备", "是", "北京市朝阳区",
         "否", "", "13900001111", "否"},
        {"饶阳镇党委/西关村党支部", "李秀英", kLi, "", "", "", "", "", "", "", ""},
    };
    return table;
  }
};

TEST_F(PartyRosterTest, GoodSheetCreatesPathsMembersAndLeadersWithOneAuditEntry) {
  PartyImportReport report = Import(Good(), ImportMode::kAllOrNothing);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front().reason;
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.orgs_created, 4);
  EXPECT_EQ(report.members_created, 3);
  EXPECT_EQ(report.leaders_set, 1);
  EXPECT_EQ(report.phones_updated, 1);

  auto committee = OrgNamed("饶阳镇党委");
  auto branch = OrgNamed("东关村党支部");
  auto group = OrgNamed("一组党小组");
  auto west = OrgNamed("西关村党支部");
  ASSERT_TRUE(committee && branch && group && west);
  EXPECT_EQ(committee->kind, domain::PartyOrgKind::kBranch);
  EXPECT_FALSE(committee->parent_id);
  EXPECT_EQ(committee->region_id, township_.id);  // 饶阳镇 by name.
  EXPECT_EQ(branch->parent_id, committee->id);
  EXPECT_EQ(branch->region_id, village_a_.id);  // 东关村 by name.
  EXPECT_EQ(west->region_id, village_b_.id);
  EXPECT_EQ(group->kind, domain::PartyOrgKind::kGroup);
  EXPECT_EQ(group->parent_id, branch->id);
  EXPECT_EQ(group->region_id, village_a_.id);  // No region 一组: the branch's.

  auto wang = MemberNamed("王景云");
  auto zhang = MemberNamed("张建国");
  auto li = MemberNamed("李秀英");
  ASSERT_TRUE(wang && zhang && li);
  EXPECT_EQ(group->leader_member_id, wang->id);
  EXPECT_EQ(wang->org_id, group->id);
  EXPECT_EQ(wang->capacity, 8);
  EXPECT_EQ(wang->joined_on, "2001-07-01");
  EXPECT_EQ(zhang->status, domain::MemberStatus::kProbationary);
  EXPECT_TRUE(zhang->away);
  EXPECT_EQ(zhang->away_to, "北京市朝阳区");
  EXPECT_FALSE(zhang->can_take_households);
  EXPECT_EQ(zhang->joined_on, "2020-07-01");
  EXPECT_EQ(zhang->phone, "13900001111");  // The resident's phone, from the sheet.
  EXPECT_EQ(li->status, domain::MemberStatus::kFull);
  EXPECT_EQ(li->capacity, 10);
  EXPECT_EQ(AuditCount("party_roster.import"), 1);
}

formats::Table WithBadRows(formats::Table table, const std::string& unknown_id) {
  const auto& ok = table.rows[2];
  auto row = [&](std::vector<std::string> r) { table.rows.push_back(std::move(r)); };
  // Row 5: a path element that does not exist and is no known kind of org (and row 4's ID card).
  row({"饶阳镇党委/东关村第二片", "李秀英", ok[2], "", "", "", "", "", "", "", ""});
  // Row 6: bad date, unknown status, capacity not a number.
  row({"饶阳镇党委/西关村党支部", "某甲", unknown_id, "2001-13-01", "积极分子", "", "", "", "十",
       "", ""});
  // Row 7: row 2's ID card again.
  row({"饶阳镇党委/东关村党支部", "王静云", domain::MakeIdCard("131124", "19700101", 11), "", "",
       "", "", "", "", "", ""});
  // Row 8: a group at the top; a flag that is not yes/no.
  row({"一组党小组", "张建国", domain::MakeIdCard("131124", "19950505", 33), "", "", "也许", "", "",
       "", "", ""});
  return table;
}

TEST_F(PartyRosterTest, EveryBadRowIsListedAndNothingIsImported) {
  const std::string unknown = domain::MakeIdCard("131124", "19660606", 44);
  PartyImportReport report = Import(WithBadRows(Good(), unknown), ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.rows, 7);
  EXPECT_EQ(report.invalid_rows, 4);
  auto r5 = ProblemsOf(report, 5);
  ASSERT_FALSE(r5.empty());
  EXPECT_NE(r5[0].find("党组织路径:党组织「东关村第二片」不存在"), std::string::npos) << r5[0];
  auto r6 = ProblemsOf(report, 6);
  ASSERT_EQ(r6.size(), 4u);
  EXPECT_NE(r6[0].find("身份证号:户籍登记中没有此身份证号的居民：请先在户籍花名册中导入该居民"),
            std::string::npos)
      << r6[0];
  EXPECT_EQ(r6[1], "党员状态:党员状态应为正式或预备，不能是「积极分子」");
  EXPECT_NE(r6[2].find("入党日期:"), std::string::npos);
  EXPECT_NE(r6[3].find("联系户数上限:"), std::string::npos);
  auto r7 = ProblemsOf(report, 7);
  ASSERT_EQ(r7.size(), 1u);
  EXPECT_NE(r7[0].find("身份证号与第 2 行重复"), std::string::npos) << r7[0];
  auto r8 = ProblemsOf(report, 8);
  ASSERT_EQ(r8.size(), 3u);
  EXPECT_NE(r8[0].find("必须隶属于党支部"), std::string::npos) << r8[0];
  EXPECT_EQ(r8[2], "是否流动:是否流动应填写是或否");
  EXPECT_TRUE(Members().empty());
  EXPECT_TRUE(Orgs().empty());
  EXPECT_EQ(AuditCount("party_roster.import"), 0);
}

TEST_F(PartyRosterTest, NameDifferentFromTheRegistryIsARowError) {
  formats::Table table = Good();
  table.rows[0][1] = "王静云";
  PartyImportReport report = Import(table, ImportMode::kAllOrNothing);
  auto r2 = ProblemsOf(report, 2);
  ASSERT_EQ(r2.size(), 1u);
  EXPECT_EQ(r2[0],
            "姓名:姓名与户籍登记不一致：此身份证号登记的姓名是「王景云」，请核对姓名或身份证号");
  EXPECT_FALSE(report.written);
}

TEST_F(PartyRosterTest, SkipInvalidImportsOnlyTheValidRows) {
  formats::Table table = Good();
  table.rows[1][8] = "abc";  // 张建国's capacity.
  PartyImportReport report = Import(table, ImportMode::kSkipInvalid);
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.invalid_rows, 1);
  EXPECT_EQ(report.rows_skipped, 1);
  EXPECT_EQ(report.members_created, 2);
  EXPECT_TRUE(MemberNamed("王景云"));
  EXPECT_FALSE(MemberNamed("张建国"));
  EXPECT_EQ(Members().size(), 2u);
}

TEST_F(PartyRosterTest, DryRunWritesNothingButCounts) {
  PartyImportReport report = Import(Good(), ImportMode::kDryRun);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.members_created, 3);
  EXPECT_EQ(report.orgs_created, 4);
  EXPECT_TRUE(Members().empty());
  EXPECT_TRUE(Orgs().empty());
}

TEST_F(PartyRosterTest, ReimportUpdatesMembersInsteadOfAddingThem) {
  ASSERT_TRUE(Import(Good(), ImportMode::kAllOrNothing).written);
  auto wang = MemberNamed("王景云");
  formats::Table table = Good();
  table.rows[0][8] = "12";
  table.rows[0][0] = "饶阳镇党委/东关村党支部/二组党小组";  // Moved to a new group, leading it.
  PartyImportReport report = Import(table, ImportMode::kAllOrNothing);
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.members_created, 0);
  EXPECT_EQ(report.members_updated, 1);
  EXPECT_EQ(report.orgs_created, 1);
  EXPECT_EQ(Members().size(), 3u);
  auto moved = MemberNamed("王景云");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->id, wang->id);
  EXPECT_EQ(moved->capacity, 12);
  EXPECT_EQ(OrgNamed("二组党小组")->leader_member_id, wang->id);
  EXPECT_FALSE(OrgNamed("一组党小组")->leader_member_id);  // No longer there.

  // The same file once more changes nothing.
  PartyImportReport again = Import(table, ImportMode::kAllOrNothing);
  EXPECT_FALSE(again.written);
  EXPECT_EQ(again.members_updated, 0);
  EXPECT_EQ(again.orgs_created, 0);
}

TEST_F(PartyRosterTest, ExportListsTheSameColumnsAndReimportsUnchanged) {
  ASSERT_TRUE(Import(Good(), ImportMode::kAllOrNothing).written);
  {
    auto tx = services_->store->Begin();
    domain::PartyOrg empty;
    empty.id = domain::NewId();
    empty.kind = domain::PartyOrgKind::kGroup;
    empty.name = "三组党小组";
    empty.parent_id = OrgNamed("西关村党支部")->id;
    empty.region_id = village_b_.id;
    empty.region_path = village_b_.path;
    tx->Registry().InsertPartyOrg(empty);
    tx->Commit();
  }
  formats::Table exported = services_->party_roster.Export(admin_);
  EXPECT_EQ(exported.header, PartyRosterColumns());
  ASSERT_EQ(exported.rows.size(), 4u);
  EXPECT_EQ(exported.rows[0], (std::vector<std::string>{"饶阳镇党委/东关村党支部", "张建国", kZhang,
                                                        "2020-07-01", "预备", "是", "北京市朝阳区",
                                                        "否", "10", "13900001111", "否"}));
  EXPECT_EQ(exported.rows[1][0], "饶阳镇党委/东关村党支部/一组党小组");
  EXPECT_EQ(exported.rows[1][10], "是");
  EXPECT_EQ(exported.rows[3][0], "饶阳镇党委/西关村党支部/三组党小组");
  EXPECT_EQ(exported.rows[3][1], "");
  EXPECT_EQ(AuditCount("party_roster.export"), 1);

  PartyImportReport again = Import(exported, ImportMode::kAllOrNothing);
  EXPECT_TRUE(again.problems.empty());
  EXPECT_FALSE(again.written);  // Nothing to change.
  EXPECT_EQ(again.members_updated + again.members_created + again.orgs_created, 0);
}

TEST_F(PartyRosterTest, RowsOutsideTheAdministratorsScopeAreRowErrors) {
  Actor village_admin = UserActor("admin_a", "admin", village_a_.id);
  formats::Table table;
  table.header = PartyRosterColumns();
  table.rows = {
      {"东关村党支部", "王景云", kWang, "", "", "", "", "", "", "", ""},
      {"东关村党支部", "李秀英", kLi, "", "", "", "", "", "", "", ""},
      {"饶阳镇党委", "张建国", kZhang, "", "", "", "", "", "", "", ""},
  };
  PartyImportReport report = Import(table, ImportMode::kAllOrNothing, &village_admin);
  EXPECT_TRUE(ProblemsOf(report, 2).empty());
  ASSERT_EQ(ProblemsOf(report, 3).size(), 1u);
  EXPECT_EQ(ProblemsOf(report, 3)[0], "身份证号:该居民不在您的管辖范围内");
  ASSERT_FALSE(ProblemsOf(report, 4).empty());
  EXPECT_NE(ProblemsOf(report, 4)[0].find("党组织路径:"), std::string::npos);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(Members().empty());
}

TEST_F(PartyRosterTest, OnlyAdministratorsImportAndExport) {
  EXPECT_THROW(services_->party_roster.RequireImport(assistant_), domain::Forbidden);
  EXPECT_THROW(Import(Good(), ImportMode::kAllOrNothing, &assistant_), domain::Forbidden);
  EXPECT_THROW(services_->party_roster.Export(assistant_), domain::Forbidden);
  Actor leader = UserActor("leader_x", "leader", county_.id);
  EXPECT_THROW(Import(Good(), ImportMode::kDryRun, &leader), domain::Forbidden);
  EXPECT_TRUE(Members().empty());
}

}  // namespace
}  // namespace minqing::app
