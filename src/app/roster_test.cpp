#include "app/roster.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "app/services.hpp"
#include "domain/errors.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

constexpr domain::Epoch kNow = 1780000000;

// A fresh SQLite database with one county → township → village → two groups.
class RosterDb {
 public:
  explicit RosterDb(const std::filesystem::path& file) : store(OpenStore(file.string())) {
    auto tx = store->Begin();
    auto county = Add(*tx, nullptr, domain::RegionLevel::kCounty, "131124000000", "饶阳县");
    auto township = Add(*tx, &county, domain::RegionLevel::kTownship, "131124100000", "饶阳镇");
    auto village = Add(*tx, &township, domain::RegionLevel::kVillage, "131124100201", "东关村");
    Add(*tx, &village, domain::RegionLevel::kGroup, "13112410020101", "一组");
    Add(*tx, &village, domain::RegionLevel::kGroup, "13112410020102", "二组");
    Add(*tx, &township, domain::RegionLevel::kTownship, "131124100202", "西关乡");
    tx->Commit();
  }

  std::unique_ptr<Store> store;

 private:
  static domain::Region Add(StoreTx& tx, const domain::Region* parent, domain::RegionLevel level,
                            std::string code, std::string name) {
    domain::Region region;
    region.id = domain::NewId();
    region.level = level;
    region.code = std::move(code);
    region.name = std::move(name);
    if (parent != nullptr) region.parent_id = parent->id;
    region.path = (parent ? parent->path : "/") + std::to_string(region.id) + "/";
    tx.Registry().InsertRegion(region);
    return region;
  }
};

std::string Id(const char* birth, int sequence) {
  return domain::MakeIdCard("131124", birth, sequence);
}

formats::Table ValidTable() {
  formats::Table table;
  table.header = RosterColumns();
  table.rows = {
      {"13112410020100001", "13112410020101", "东关村一组1号", "低保、残疾", "王景云", "男",
       "1970-01-01", Id("19700101", 11), "13812345678", "户主"},
      {"13112410020100001", "13112410020101", "东关村一组1号", "", "李秀英", "女", "",
       Id("19720202", 22), "", "配偶"},
      {"13112410020100002", "13112410020102", "东关村二组5号", "五保", "单明", "", "",
       Id("19400303", 33), "0318-7212345", "户主"},
  };
  return table;
}

class RosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing-roster-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    db_ = std::make_unique<RosterDb>(dir_ / "a.db");
    roster_ = std::make_unique<RosterService>(*db_->store);
  }
  void TearDown() override {
    roster_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  ImportReport Import(const formats::Table& table, ImportMode mode) {
    ImportOptions options;
    options.mode = mode;
    return roster_->Import(admin_, table, options);
  }

  std::int64_t Households() {
    return db_->store->BeginRead()->Registry().CountUnder("").households;
  }
  std::int64_t Residents() { return db_->store->BeginRead()->Registry().CountUnder("").residents; }

  static bool HasProblem(const ImportReport& report, std::int64_t row, const std::string& column) {
    for (const auto& p : report.problems) {
      if (p.row == row && p.column == column && !p.reason.empty()) return true;
    }
    return false;
  }

  std::filesystem::path dir_;
  std::unique_ptr<RosterDb> db_;
  std::unique_ptr<RosterService> roster_;
  Actor admin_ = SystemActor(kNow, domain::Channel::kCli);
};

TEST_F(RosterTest, ValidFileImportsInOneTransactionWithOneAuditEntry) {
  std::vector<std::int64_t> progress;
  ImportOptions options;
  options.progress = [&](std::int64_t done, std::int64_t total) {
    progress.push_back(done);
    EXPECT_EQ(total, 3);
  };
  ImportReport report = roster_->Import(admin_, ValidTable(), options);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.households_created, 2);
  EXPECT_EQ(report.residents_created, 3);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), 3);

  auto tx = db_->store->BeginRead();
  auto household = tx->Registry().FindHouseholdByNumber("13112410020100001");
  ASSERT_TRUE(household);
  EXPECT_EQ(household->address, "东关村一组1号");
  EXPECT_EQ(household->tags, (std::vector<std::string>{"低保", "残疾"}));
  auto members = tx->Registry().ListHouseholdResidents(household->id);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].name, "王景云");
  EXPECT_EQ(members[1].birth_date, "1972-02-02");
  EXPECT_EQ(members[1].sex, domain::Sex::kFemale);
  auto shan = tx->Registry().FindResidentByIdCard(Id("19400303", 33));
  ASSERT_TRUE(shan);
  EXPECT_EQ(shan->pinyin, "shan ming");
  AuditFilter filter;
  filter.entity = "roster";
  auto log = tx->ListAudit(filter, {});
  ASSERT_EQ(log.total, 1);
  EXPECT_EQ(log.items[0].action, "roster.import");
  EXPECT_NE(log.items[0].after_json.find("\"residents_created\":3"), std::string::npos);
}

formats::Table BadTable() {
  formats::Table table = ValidTable();
  std::string bad_checksum = Id("19800101", 44);
  bad_checksum.back() = bad_checksum.back() == '0' ? '1' : '0';
  table.rows.push_back({"13112410020100003", "13112410020101", "东关村一组9号", "", "", "男", "",
                        Id("19800505", 55), "", "户主"});  // Row 5: no name.
  table.rows.push_back({"13112410020100004", "999999999999", "无名村", "", "张三", "", "",
                        bad_checksum, "12345", "户主"});  // Row 6: region, ID card, phone.
  table.rows.push_back({"13112410020100001", "13112410020102", "东关村一组1号", "", "王小明", "",
                        "", Id("19700101", 11), "", "子"});  // Row 7: group, duplicate ID.
  table.rows.push_back({"13112410020100005", "131124100202", "西关", "", "赵四", "", "",
                        Id("19900101", 55), "", "户主"});  // Row 8: a township, not a village.
  return table;
}

TEST_F(RosterTest, BadRowsAreReportedByRowAndColumnAndNothingIsImported) {
  ImportReport report = Import(BadTable(), ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.rows, 7);
  EXPECT_EQ(report.invalid_rows, 4);
  EXPECT_TRUE(HasProblem(report, 5, "姓名"));
  EXPECT_TRUE(HasProblem(report, 6, "所属区域代码"));
  EXPECT_TRUE(HasProblem(report, 6, "身份证号"));
  EXPECT_TRUE(HasProblem(report, 6, "联系电话"));
  EXPECT_TRUE(HasProblem(report, 7, "所属区域代码"));
  EXPECT_TRUE(HasProblem(report, 7, "身份证号"));
  EXPECT_TRUE(HasProblem(report, 8, "所属区域代码"));
  for (std::size_t i = 1; i < report.problems.size(); ++i) {
    EXPECT_LE(report.problems[i - 1].row, report.problems[i].row);
  }
  EXPECT_EQ(Households(), 0);
  EXPECT_EQ(Residents(), 0);
}

TEST_F(RosterTest, SkipInvalidImportsOnlyWholeValidHouseholds) {
  ImportReport report = Import(BadTable(), ImportMode::kSkipInvalid);
  EXPECT_TRUE(report.written);
  // Household ...0001 has an invalid row 7, so all of it is skipped; ...0002 is imported.
  EXPECT_EQ(report.households_created, 1);
  EXPECT_EQ(report.residents_created, 1);
  EXPECT_EQ(report.households_skipped, 4);
  auto tx = db_->store->BeginRead();
  EXPECT_TRUE(tx->Registry().FindHouseholdByNumber("13112410020100002"));
  EXPECT_FALSE(tx->Registry().FindHouseholdByNumber("13112410020100001"));
}

TEST_F(RosterTest, DryRunWritesNothing) {
  ImportReport report = Import(ValidTable(), ImportMode::kDryRun);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.residents_created, 3);
  EXPECT_EQ(Households(), 0);
  auto log = db_->store->BeginRead()->ListAudit({}, {});
  EXPECT_EQ(log.total, 0);
}

// A re-import lists a household's whole membership: ID cards known in another household stay an
// error, and two heads in one household too.
TEST_F(RosterTest, ReimportRefusesIdCardsOfOtherHouseholdsAndTwoHeads) {
  ASSERT_TRUE(Import(ValidTable(), ImportMode::kAllOrNothing).written);
  formats::Table more = ValidTable();
  more.rows.push_back({"13112410020100001", "13112410020101", "东关村一组1号", "", "单明", "", "",
                       Id("19400303", 33), "", "子"});  // Row 5: 单明 lives in ...0002.
  more.rows.push_back({"13112410020100002", "13112410020102", "东关村二组5号", "", "单亮", "", "",
                       Id("19700303", 35), "", "户主"});  // Row 6: a second head.
  ImportReport report = Import(more, ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(HasProblem(report, 5, "身份证号"));
  EXPECT_TRUE(HasProblem(report, 6, "与户主关系"));
  EXPECT_EQ(report.invalid_rows, 2);

  more.rows.resize(3);
  more.rows.push_back({"13112410020100001", "13112410020101", "东关村一组1号", "", "王小红", "女",
                       "", Id("20000101", 2), "", "女"});
  report = Import(more, ImportMode::kAllOrNothing);
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.households_created, 0);
  EXPECT_EQ(report.households_extended, 1);
  EXPECT_EQ(report.residents_created, 1);
  EXPECT_EQ(report.residents_changed, 0);
  EXPECT_EQ(report.residents_moved_out, 0);
  EXPECT_EQ(Residents(), 4);
}

// The re-import of item 5: households matched by 户编号; address and tags, residents' fields,
// residents added and moved out, each listed with before and after, then applied.
formats::Table UpdatedTable() {
  formats::Table table;
  table.header = RosterColumns();
  table.rows = {
      // ...0001: new address, tag 残疾 dropped, 王景云's phone changed, 李秀英 gone, 王小红 new.
      {"13112410020100001", "13112410020101", "东关村一组2号", "低保", "王景云", "男", "1970-01-01",
       Id("19700101", 11), "13900000000", "户主"},
      {"13112410020100001", "13112410020101", "东关村一组2号", "", "王小红", "女", "",
       Id("20000101", 2), "", "女"},
      // ...0002 unchanged.
      {"13112410020100002", "13112410020102", "东关村二组5号", "五保", "单明", "", "",
       Id("19400303", 33), "0318-7212345", "户主"},
      // ...0003 new.
      {"13112410020100003", "13112410020101", "东关村一组9号", "", "赵四", "", "",
       Id("19900101", 55), "", "户主"},
  };
  return table;
}

TEST_F(RosterTest, ReimportPreviewListsEachKindOfChangeAndWritesNothing) {
  ASSERT_TRUE(Import(ValidTable(), ImportMode::kAllOrNothing).written);
  ImportReport report = Import(UpdatedTable(), ImportMode::kDryRun);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.households_created, 1);
  EXPECT_EQ(report.households_changed, 1);
  EXPECT_EQ(report.residents_created, 2);
  EXPECT_EQ(report.residents_changed, 1);
  EXPECT_EQ(report.residents_moved_out, 1);
  const RosterChanges& c = report.changes;
  ASSERT_EQ(c.households_added.size(), 1u);
  EXPECT_EQ(c.households_added[0].household_number, "13112410020100003");
  EXPECT_EQ(c.households_added[0].row, 5);
  ASSERT_EQ(c.households_changed.size(), 1u);
  ASSERT_EQ(c.households_changed[0].changes.size(), 2u);
  EXPECT_EQ(c.households_changed[0].changes[0].column, "地址");
  EXPECT_EQ(c.households_changed[0].changes[0].before, "东关村一组1号");
  EXPECT_EQ(c.households_changed[0].changes[0].after, "东关村一组2号");
  EXPECT_EQ(c.households_changed[0].changes[1].column, "户标签");
  EXPECT_EQ(c.households_changed[0].changes[1].before, "低保、残疾");
  EXPECT_EQ(c.households_changed[0].changes[1].after, "低保");
  ASSERT_EQ(c.residents_added.size(), 2u);
  EXPECT_EQ(c.residents_added[0].name, "王小红");
  EXPECT_EQ(c.residents_added[1].name, "赵四");
  ASSERT_EQ(c.residents_changed.size(), 1u);
  EXPECT_EQ(c.residents_changed[0].name, "王景云");
  ASSERT_EQ(c.residents_changed[0].changes.size(), 1u);
  EXPECT_EQ(c.residents_changed[0].changes[0].column, "联系电话");
  EXPECT_EQ(c.residents_changed[0].changes[0].before, "13812345678");
  EXPECT_EQ(c.residents_changed[0].changes[0].after, "13900000000");
  ASSERT_EQ(c.residents_moved_out.size(), 1u);
  EXPECT_EQ(c.residents_moved_out[0].name, "李秀英");

  auto tx = db_->store->BeginRead();
  EXPECT_EQ(tx->Registry().FindHouseholdByNumber("13112410020100001")->address, "东关村一组1号");
  EXPECT_FALSE(tx->Registry().FindHouseholdByNumber("13112410020100003"));
  EXPECT_EQ(Residents(), 3);
}

TEST_F(RosterTest, ReimportAppliesUpdatesMovesOutAndAuditsOnce) {
  ASSERT_TRUE(Import(ValidTable(), ImportMode::kAllOrNothing).written);
  ImportReport report = Import(UpdatedTable(), ImportMode::kAllOrNothing);
  ASSERT_TRUE(report.written);
  EXPECT_EQ(report.households_changed, 1);
  EXPECT_EQ(report.residents_moved_out, 1);

  auto tx = db_->store->BeginRead();
  auto household = tx->Registry().FindHouseholdByNumber("13112410020100001");
  ASSERT_TRUE(household);
  EXPECT_EQ(household->address, "东关村一组2号");
  EXPECT_EQ(household->tags, (std::vector<std::string>{"低保"}));
  auto members = tx->Registry().ListHouseholdResidents(household->id);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].name, "王景云");
  EXPECT_EQ(members[0].phone, "13900000000");
  EXPECT_EQ(members[1].name, "王小红");
  // Moved out, not deleted, with the move on record.
  auto li = tx->Registry().FindResidentByIdCard(Id("19720202", 22));
  ASSERT_TRUE(li);
  EXPECT_FALSE(li->household_id);
  auto moves = tx->Registry().ListHouseholdMoves(household->id);
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].resident_id, li->id);
  EXPECT_FALSE(moves[0].to_household_id);
  EXPECT_TRUE(tx->Registry().FindHouseholdByNumber("13112410020100003"));

  AuditFilter filter;
  filter.entity = "roster";
  auto log = tx->ListAudit(filter, {});
  ASSERT_EQ(log.total, 2);
  const std::string& after = log.items[0].after_json;
  EXPECT_NE(after.find("\"households_changed\":1"), std::string::npos) << after;
  EXPECT_NE(after.find("\"residents_changed\":1"), std::string::npos) << after;
  EXPECT_NE(after.find("\"residents_moved_out\":1"), std::string::npos) << after;
  EXPECT_NE(after.find("\"residents_created\":2"), std::string::npos) << after;

  // The same sheet again changes nothing and writes no audit entry.
  tx.reset();
  report = Import(UpdatedTable(), ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.households_changed + report.residents_changed + report.residents_moved_out +
                report.residents_created,
            0);
}

// A first roster at least as large as the registry loads with the indexes built at the end;
// what it wrote is found through them and through the look-up. A re-import that updates
// stored households never takes that path (its reads need the indexes).
TEST_F(RosterTest, AFirstRosterLoadsInBulkAndAReimportDoesNot) {
  ImportOptions options;
  options.bulk_load_from_households = 2;
  ImportReport report = roster_->Import(admin_, ValidTable(), options);
  ASSERT_TRUE(report.written);
  EXPECT_TRUE(report.bulk_loaded);
  {
    auto tx = db_->store->BeginRead();
    auto household = tx->Registry().FindHouseholdByNumber("13112410020100001");
    ASSERT_TRUE(household);
    ASSERT_EQ(tx->Registry().ListHouseholdResidents(household->id).size(), 2u);
    EXPECT_TRUE(tx->Registry().FindResidentByIdCard(Id("19720202", 22)));
    HouseholdFilter lookup;
    lookup.lookup = "李秀英";
    auto found = tx->Registry().ListHouseholds(lookup, {});
    ASSERT_EQ(found.total, 1);
    EXPECT_EQ(found.items.at(0).id, household->id);
  }

  report = roster_->Import(admin_, UpdatedTable(), options);
  ASSERT_TRUE(report.written);
  EXPECT_FALSE(report.bulk_loaded);
  EXPECT_EQ(report.households_changed, 1);

  // New households only, but fewer than the registry holds: row by row.
  formats::Table more;
  more.header = RosterColumns();
  more.rows = {{"13112410020100009", "13112410020101", "东关村一组9号", "", "赵六", "男", "",
                Id("19800808", 66), "", "户主"}};
  options.bulk_load_from_households = 1;
  report = roster_->Import(admin_, more, options);
  ASSERT_TRUE(report.written);
  EXPECT_FALSE(report.bulk_loaded);
}

// A bulk load writes its batches on a second thread while the next rows are read: with batches
// of three residents, forty households go through many of them and come out as a row-by-row
// import writes them (the same households, members in sheet order, found by the look-up).
TEST_F(RosterTest, ABulkLoadInManyBatchesWritesWhatARowByRowImportWrites) {
  formats::Table table;
  table.header = RosterColumns();
  for (int i = 0; i < 40; ++i) {
    const std::string number = "131124100201" + std::to_string(10000 + i);
    const std::string group = i % 2 == 0 ? "13112410020101" : "13112410020102";
    const std::string address = "东关村" + std::to_string(i) + "号";
    table.rows.push_back({number, group, address, i % 5 == 0 ? "低保" : "",
                          "户主" + std::to_string(i), "男", "", Id("19600101", 100 + 2 * i), "",
                          "户主"});
    table.rows.push_back({number, group, address, "", "成员" + std::to_string(i), "女", "",
                          Id("19620202", 101 + 2 * i), "", "配偶"});
  }
  ImportOptions bulk;
  bulk.bulk_load_from_households = 2;
  bulk.write_batch = 3;
  ImportReport report = roster_->Import(admin_, table, bulk);
  ASSERT_TRUE(report.written);
  EXPECT_TRUE(report.bulk_loaded);

  RosterDb row_by_row(dir_ / "b.db");
  RosterService other(*row_by_row.store);
  ImportOptions plain;
  plain.bulk_load_from_households = 1000;
  ASSERT_FALSE(other.Import(admin_, table, plain).bulk_loaded);

  auto bulk_tx = db_->store->BeginRead();
  auto plain_tx = row_by_row.store->BeginRead();
  EXPECT_EQ(bulk_tx->Registry().CountUnder("").households, 40);
  EXPECT_EQ(bulk_tx->Registry().CountUnder("").residents, 80);
  for (int i = 0; i < 40; ++i) {
    const std::string number = "131124100201" + std::to_string(10000 + i);
    auto a = bulk_tx->Registry().FindHouseholdByNumber(number);
    auto b = plain_tx->Registry().FindHouseholdByNumber(number);
    ASSERT_TRUE(a && b) << number;
    EXPECT_EQ(a->address, b->address);
    EXPECT_EQ(a->tags, b->tags);
    std::vector<std::string> names_a;
    std::vector<std::string> names_b;
    for (const auto& r : bulk_tx->Registry().ListHouseholdResidents(a->id))
      names_a.push_back(r.name);
    for (const auto& r : plain_tx->Registry().ListHouseholdResidents(b->id))
      names_b.push_back(r.name);
    EXPECT_EQ(names_a, names_b) << number;
    EXPECT_EQ(names_a,
              (std::vector<std::string>{"户主" + std::to_string(i), "成员" + std::to_string(i)}));
  }
  HouseholdFilter lookup;
  lookup.lookup = "成员39";
  auto found = bulk_tx->Registry().ListHouseholds(lookup, {});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items.at(0).number, "13112410020110039");
}

TEST_F(RosterTest, ReimportWithABadRowChangesNothingUnlessSkipInvalid) {
  ASSERT_TRUE(Import(ValidTable(), ImportMode::kAllOrNothing).written);
  formats::Table table = UpdatedTable();
  // Row 6: a resident of ...0002 without a name.
  table.rows.push_back(
      {"13112410020100002", "13112410020102", "东关村二组5号", "", "", "", "", "", "", "子"});
  ImportReport report = Import(table, ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(HasProblem(report, 6, "姓名"));
  {
    auto tx = db_->store->BeginRead();
    EXPECT_EQ(tx->Registry().FindHouseholdByNumber("13112410020100001")->address, "东关村一组1号");
    EXPECT_FALSE(tx->Registry().FindHouseholdByNumber("13112410020100003"));
  }
  report = Import(table, ImportMode::kSkipInvalid);
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.households_skipped, 1);
  auto tx = db_->store->BeginRead();
  EXPECT_EQ(tx->Registry().FindHouseholdByNumber("13112410020100001")->address, "东关村一组2号");
  EXPECT_TRUE(tx->Registry().FindHouseholdByNumber("13112410020100003"));
  // ...0002 was skipped: 单明 is still its head.
  auto shan = tx->Registry().FindResidentByIdCard(Id("19400303", 33));
  ASSERT_TRUE(shan);
  EXPECT_EQ(shan->relation, "户主");
}

// Rows of one household need not be adjacent: they are gathered before the household is
// written, and a duplicate ID card far down the sheet still invalidates the first household.
TEST_F(RosterTest, ScatteredRowsAndLateDuplicatesAreHandledByTheTwoPasses) {
  formats::Table table = ValidTable();
  std::swap(table.rows[1], table.rows[2]);  // ...0001, ...0002, ...0001.
  ImportReport report = Import(table, ImportMode::kAllOrNothing);
  ASSERT_TRUE(report.written);
  EXPECT_EQ(report.households_created, 2);
  EXPECT_EQ(report.residents_created, 3);
  auto tx = db_->store->BeginRead();
  auto household = tx->Registry().FindHouseholdByNumber("13112410020100001");
  ASSERT_TRUE(household);
  EXPECT_EQ(tx->Registry().ListHouseholdResidents(household->id).size(), 2u);
  tx.reset();

  formats::Table dup = ValidTable();
  for (auto& row : dup.rows) row[0] += "9";  // New numbers.
  dup.rows.push_back({"13112410020100099", "13112410020101", "东关村一组99号", "", "重复", "", "",
                      Id("19990101", 77), "", "户主"});
  dup.rows.push_back({"13112410020100098", "13112410020101", "东关村一组98号", "", "重复二", "", "",
                      Id("19990101", 77), "", "户主"});
  report = Import(dup, ImportMode::kSkipInvalid);
  EXPECT_TRUE(HasProblem(report, 6, "身份证号"));
  EXPECT_NE(report.problems.back().reason.find("第 5 行"), std::string::npos);
  EXPECT_EQ(report.invalid_rows, 4);  // Rows 2-4: ID cards already stored; row 6: duplicate.
}

TEST_F(RosterTest, MissingColumnIsReportedOnTheHeaderRow) {
  formats::Table table = ValidTable();
  table.header[0] = "编号";
  ImportReport report = Import(table, ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(HasProblem(report, 1, "户编号"));
}

TEST_F(RosterTest, OnlyAdminsImportAndExport) {
  Actor leader = admin_;
  leader.user.role = domain::Role::kLeader;
  EXPECT_THROW(roster_->Import(leader, ValidTable(), {}), domain::Forbidden);
  EXPECT_THROW(roster_->Export(leader, ""), domain::Forbidden);
}

// The probe stored a 6 MB address and NUL bytes through `minqing import` that the API refuses:
// the import now applies the same field rules (domain/text_rules.hpp), from a file as the CLI
// reads it.
TEST_F(RosterTest, ImportAppliesTheApiFieldRules) {
  formats::Table table = ValidTable();
  table.rows[0][2] = std::string(6 << 20, 'A');  // Address: 6 MB.
  table.rows[1][4] = std::string("王\0五", 4);   // Name: a NUL byte.
  table.rows[2][2] = "东关村二组5号\x01";        // Address: a control character.
  table.rows.push_back(table.rows[1]);
  table.rows[3][9] = "\xC0\xAF";  // Relation: not UTF-8.
  table.rows.push_back(table.rows[0]);
  table.rows[4][0] = std::string(33, '9');  // 户编号 longer than the API's 32.
  const std::string file = (dir_ / "bad.csv").string();
  formats::WriteTable(file, table);
  ImportReport report = Import(formats::ReadTable(file), ImportMode::kSkipInvalid);
  EXPECT_TRUE(HasProblem(report, 2, "地址"));
  EXPECT_TRUE(HasProblem(report, 3, "姓名"));
  EXPECT_TRUE(HasProblem(report, 4, "地址"));
  EXPECT_TRUE(HasProblem(report, 5, "与户主关系"));
  EXPECT_TRUE(HasProblem(report, 6, "户编号"));
  EXPECT_EQ(report.residents_created, 0) << "every household has a bad row";
  auto tx = db_->store->BeginRead();
  auto page = tx->Registry().ListHouseholds({"", {}, ""}, {0, 100, ""});
  for (const auto& household : page.items) {
    EXPECT_LE(household.address.size(), 360u);
    EXPECT_EQ(household.address.find('\x01'), std::string::npos);
  }
}

// The API's rules are the same functions: a NUL or a control character in a name is refused.
TEST_F(RosterTest, ResidentFieldRulesRefuseControlCharactersAndBadUtf8) {
  ResidentInput input;
  input.name = std::string("王\0五", 4);
  auto problems = ValidateResidentInput(input);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].field, "name");
  EXPECT_EQ(problems[0].code, "text.control_character");
  input.name = "王五";
  input.relation = "\xE5\x84";
  problems = ValidateResidentInput(input);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "text.bad_encoding");
}

// An upload handler asks before it reads the file.
TEST_F(RosterTest, RequireImportRefusesWhoMayNotImport) {
  EXPECT_NO_THROW(roster_->RequireImport(admin_));
  for (domain::Role role : {domain::Role::kLeader, domain::Role::kResident}) {
    Actor actor = admin_;
    actor.user.role = role;
    EXPECT_THROW(roster_->RequireImport(actor), domain::Forbidden);
  }
}

// The optional voter-flag columns (述职评议): 是/否, 1/0, Y/N set them, a re-import changes them
// (and lists the change), an empty cell keeps them, anything else is a problem on its column.
TEST_F(RosterTest, VoterFlagColumnsSetUpdateAndReportBadValues) {
  formats::Table table = ValidTable();
  table.rows[0].insert(table.rows[0].end(), {"是", "否"});
  table.rows[1].insert(table.rows[1].end(), {"0", "Y"});
  ASSERT_TRUE(Import(table, ImportMode::kAllOrNothing).written);
  auto flags = [&](int sequence, const char* birth) {
    auto r = db_->store->BeginRead()->Registry().FindResidentByIdCard(Id(birth, sequence));
    EXPECT_TRUE(r.has_value());
    return r ? std::pair{r->village_committee, r->villager_rep} : std::pair{false, false};
  };
  EXPECT_EQ(flags(11, "19700101"), (std::pair{true, false}));
  EXPECT_EQ(flags(22, "19720202"), (std::pair{false, true}));
  EXPECT_EQ(flags(33, "19400303"), (std::pair{false, false}));  // No cells: 否.

  // Re-import: 王景云 leaves the committee and becomes a representative; 李秀英's empty cells keep
  // her flags; 单明 joins the committee.
  formats::Table again = ValidTable();
  again.rows[0].insert(again.rows[0].end(), {"n", "1"});
  again.rows[1].insert(again.rows[1].end(), {"", ""});
  again.rows[2].insert(again.rows[2].end(), {"y", ""});
  ImportReport report = Import(again, ImportMode::kAllOrNothing);
  ASSERT_TRUE(report.written);
  EXPECT_EQ(report.residents_changed, 2);
  bool listed = false;
  for (const auto& change : report.changes.residents_changed) {
    for (const auto& field : change.changes) {
      if (change.name == "王景云" && field.column == "村两委") {
        listed = field.before == "是" && field.after == "否";
      }
    }
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(flags(11, "19700101"), (std::pair{false, true}));
  EXPECT_EQ(flags(22, "19720202"), (std::pair{false, true}));
  EXPECT_EQ(flags(33, "19400303"), (std::pair{true, false}));

  // Bad values: row and column, nothing written, the stored flags unchanged.
  formats::Table bad = ValidTable();
  bad.rows[0].insert(bad.rows[0].end(), {"是的", ""});
  bad.rows[2].insert(bad.rows[2].end(), {"", "2"});
  report = Import(bad, ImportMode::kAllOrNothing);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(HasProblem(report, 2, "村两委"));
  EXPECT_TRUE(HasProblem(report, 4, "村民代表"));
  EXPECT_EQ(report.invalid_rows, 2);
  EXPECT_EQ(flags(11, "19700101"), (std::pair{false, true}));

  // Export writes them as 是/否.
  formats::Table exported = roster_->Export(admin_, "");
  ASSERT_EQ(exported.header.size(), 12u);
  EXPECT_EQ(exported.header[10], "村两委");
  EXPECT_EQ(exported.header[11], "村民代表");
  bool found = false;
  for (const auto& row : exported.rows) {
    if (row[4] == "单明") found = row[10] == "是" && row[11] == "否";
  }
  EXPECT_TRUE(found);
}

TEST_F(RosterTest, ExportThenImportIntoAFreshDatabaseRoundTrips) {
  formats::Table table = ValidTable();
  for (int i = 0; i < 40; ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "1311241002010%04d", 100 + i);
    char birth[16];
    std::snprintf(birth, sizeof birth, "19%02d0%d1%d", 50 + i, 1 + i % 9, i % 9);
    table.rows.push_back({number, i % 2 ? "13112410020101" : "13112410020102", "东关村",
                          i % 3 ? "" : "流动", "刘" + std::to_string(i), "", "", Id(birth, 100 + i),
                          "", "户主"});
  }
  table.rows.push_back({"13112410020109999", "13112410020101", "空户", "", "", "", "", "", "", ""});
  ASSERT_TRUE(Import(table, ImportMode::kAllOrNothing).written);

  formats::Table exported = roster_->Export(admin_, "");
  EXPECT_EQ(exported.header, RosterColumns());
  EXPECT_EQ(exported.rows.size(), table.rows.size());
  formats::Table village_only = roster_->Export(admin_, "13112410020102");
  EXPECT_LT(village_only.rows.size(), exported.rows.size());

  const std::string file = (dir_ / "roster.xlsx").string();
  formats::WriteXlsx(file, exported);
  RosterDb fresh(dir_ / "b.db");
  RosterService other(*fresh.store);
  ImportReport report = other.Import(admin_, formats::ReadXlsx(file), {});
  ASSERT_TRUE(report.problems.empty()) << report.problems.front().reason;
  EXPECT_EQ(report.households_created, 43);
  EXPECT_EQ(other.Export(admin_, "").rows, exported.rows);

  auto log = db_->store->BeginRead()->ListAudit({"roster", std::nullopt, std::nullopt}, {});
  ASSERT_GE(log.total, 2);
  EXPECT_EQ(log.items[0].action, "roster.export");
}

}  // namespace
}  // namespace minqing::app
