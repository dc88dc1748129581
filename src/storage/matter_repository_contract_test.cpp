// The matter storage contract (app::MatterRepository): every test runs against each backend
// (SQLite in a temp file, and PostgreSQL when MINQING_TEST_PG_URL names a server; see
// scripts/pg_test_server.sh). Each test gets a fresh, migrated database.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter_rules.hpp"
#include "domain/search_text.hpp"
#include "domain/work_calendar.hpp"
#include "storage/search_index.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;
using domain::Matter;
using domain::MatterEventKind;
using domain::MatterStatus;
using testing::AddRegion;

constexpr Id kCategoryLowIncome = 201;  // 低保救助, seeded.
constexpr Id kCategoryParking = 306;    // 停车, seeded.

class MatterRepositoryTest : public testing::BackendTest {
 protected:
  // Inserting `m` with a matter made to be stored beside it: the transaction fails with `E`
  // and neither is stored.
  template <typename E>
  void ExpectInsertFails(const Matter& m) {
    {
      auto tx = store_->Begin();
      EXPECT_THROW(
          {
            tx->Matters().InsertMatter(MakeMatter(77, 3, 1));
            tx->Matters().InsertMatter(m);
            tx->Commit();
          },
          E);
    }
    auto read = store_->BeginRead();
    EXPECT_FALSE(read->Matters().FindMatter(77));
    EXPECT_FALSE(read->Matters().FindMatter(m.id));
  }

  // County 1 → townships 2, 5 → villages 3, 4 (under 2) and 6 (under 5); units 20, 21;
  // household 10 in village 3 with resident 30.
  void Seed() {
    auto tx = store_->Begin();
    AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "青县", "/1/");
    AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "清州镇", "/1/2/");
    AddRegion(*tx, 3, 2, domain::RegionLevel::kVillage, "东村", "/1/2/3/");
    AddRegion(*tx, 4, 2, domain::RegionLevel::kVillage, "西村", "/1/2/4/");
    AddRegion(*tx, 5, 1, domain::RegionLevel::kTownship, "金牛镇", "/1/5/");
    AddRegion(*tx, 6, 5, domain::RegionLevel::kVillage, "南村", "/1/5/6/");
    for (auto [id, name] : {std::pair<Id, const char*>{20, "社会事务服务中心"},
                            std::pair<Id, const char*>{21, "综治信访服务中心"}}) {
      domain::Unit u;
      u.id = id;
      u.name = name;
      u.kind = domain::UnitKind::kServiceCentre;
      tx->Registry().InsertUnit(u);
    }
    domain::Household h;
    h.id = 10;
    h.region_id = 3;
    h.region_path = "/1/2/3/";
    h.number = "H001";
    h.created_at = h.updated_at = 100;
    tx->Registry().InsertHousehold(h);
    domain::Resident r;
    r.id = 30;
    r.household_id = 10;
    r.region_path = "/1/2/3/";
    r.name = "王景云";
    r.created_at = r.updated_at = 100;
    tx->Registry().InsertResident(r);
    tx->Commit();
  }

  static std::string PathOf(Id region) {
    switch (region) {
      case 3:
        return "/1/2/3/";
      case 4:
        return "/1/2/4/";
      case 6:
        return "/1/5/6/";
      default:
        return "/1/";
    }
  }

  // A minimal matter: optional fields unset.
  static Matter MakeMatter(Id id, Id region, domain::Epoch accepted_at,
                           MatterStatus status = MatterStatus::kAccepted) {
    Matter m;
    m.id = id;
    m.number = "20260105-" + std::to_string(10000 + id).substr(1);
    m.region_id = region;
    m.region_path = PathOf(region);
    m.status = status;
    m.title = "诉求" + std::to_string(id);
    m.accepted_by = 7;
    m.accepted_at = accepted_at;
    m.response_due_at = accepted_at + 3600;
    m.due_at = accepted_at + 86400;
    m.updated_at = accepted_at;
    return m;
  }

  // Every field set.
  static Matter FullMatter(Id id) {
    Matter m = MakeMatter(id, 3, 1767600000, MatterStatus::kClosed);
    m.type = domain::MatterType::kComplaint;
    m.category_id = kCategoryParking;
    m.channel = domain::MatterChannel::kQrCode;
    m.urgency = domain::Urgency::kSpecial;
    m.household_id = 10;
    m.resident_id = 30;
    m.caller_name = "王景云";
    m.caller_phone = "13800000000";
    m.content = "门口乱停车，晚上噪音很大";
    m.address = "东村一街1号";
    m.lat = 38.5843125;
    m.lng = 116.8012345;
    m.unit_id = 21;
    m.handler_id = 8;
    m.first_unit_id = 20;
    m.responded_at = 1767601000;
    m.replied_at = 1767602000;
    m.closed_at = 1767603000;
    m.reply = "已协调交警划线";
    m.escalation_level = 2;
    m.supervised = true;
    m.public_token = "tok-abc";
    m.solved = false;
    m.rating = 4;
    m.rating_comment = "还行";
    m.confirmed_via = "sms_code";
    m.reopen_count = 3;
    m.updated_at = 1767604000;
    return m;
  }

  static void ExpectSameMatter(const Matter& a, const Matter& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.number, b.number);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.category_id, b.category_id);
    EXPECT_EQ(a.channel, b.channel);
    EXPECT_EQ(a.urgency, b.urgency);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.household_id, b.household_id);
    EXPECT_EQ(a.resident_id, b.resident_id);
    EXPECT_EQ(a.caller_name, b.caller_name);
    EXPECT_EQ(a.caller_phone, b.caller_phone);
    EXPECT_EQ(a.region_id, b.region_id);
    EXPECT_EQ(a.region_path, b.region_path);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.content, b.content);
    EXPECT_EQ(a.address, b.address);
    EXPECT_EQ(a.lat, b.lat);
    EXPECT_EQ(a.lng, b.lng);
    EXPECT_EQ(a.accepted_by, b.accepted_by);
    EXPECT_EQ(a.accepted_at, b.accepted_at);
    EXPECT_EQ(a.unit_id, b.unit_id);
    EXPECT_EQ(a.handler_id, b.handler_id);
    EXPECT_EQ(a.first_unit_id, b.first_unit_id);
    EXPECT_EQ(a.response_due_at, b.response_due_at);
    EXPECT_EQ(a.due_at, b.due_at);
    EXPECT_EQ(a.responded_at, b.responded_at);
    EXPECT_EQ(a.replied_at, b.replied_at);
    EXPECT_EQ(a.closed_at, b.closed_at);
    EXPECT_EQ(a.reply, b.reply);
    EXPECT_EQ(a.escalation_level, b.escalation_level);
    EXPECT_EQ(a.supervised, b.supervised);
    EXPECT_EQ(a.merged_into_id, b.merged_into_id);
    EXPECT_EQ(a.public_token, b.public_token);
    EXPECT_EQ(a.solved, b.solved);
    EXPECT_EQ(a.rating, b.rating);
    EXPECT_EQ(a.rating_comment, b.rating_comment);
    EXPECT_EQ(a.confirmed_via, b.confirmed_via);
    EXPECT_EQ(a.reopen_count, b.reopen_count);
    EXPECT_EQ(a.updated_at, b.updated_at);
  }

  static std::vector<Id> Ids(const std::vector<Matter>& matters) {
    std::vector<Id> ids;
    for (const auto& m : matters) ids.push_back(m.id);
    return ids;
  }

  std::vector<Id> ListIds(const app::MatterFilter& filter, std::string sort = "") {
    auto tx = store_->BeginRead();
    domain::PageRequest page;
    page.limit = 100;
    page.sort = std::move(sort);
    return Ids(tx->Matters().ListMatters(filter, page).items);
  }

  // Inserts and indexes a matter whose searchable text is its title and content.
  static void AddIndexed(app::MatterRepository& repo, Matter m) {
    repo.InsertMatter(m);
    repo.IndexMatterText(m.id, domain::SearchDocument({m.title, m.content}));
  }
};

TEST_P(MatterRepositoryTest, SerialsCountPerDayAcrossTransactions) {
  {
    auto tx = store_->Begin();
    EXPECT_EQ(tx->Matters().NextMatterSerial(20458), 1);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    EXPECT_EQ(tx->Matters().NextMatterSerial(20458), 2);
    EXPECT_EQ(tx->Matters().NextMatterSerial(20458), 3);
    EXPECT_EQ(tx->Matters().NextMatterSerial(20459), 1);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();  // Rolled back: the number is handed out again.
    EXPECT_EQ(tx->Matters().NextMatterSerial(20458), 4);
  }
  auto tx = store_->Begin();
  EXPECT_EQ(tx->Matters().NextMatterSerial(20458), 4);
}

TEST_P(MatterRepositoryTest, MatterRoundTripsEveryField) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  Matter full = FullMatter(1);
  Matter bare = MakeMatter(2, 4, 1767500000);
  repo.InsertMatter(full);
  repo.InsertMatter(bare);
  full.merged_into_id = 2;
  repo.UpdateMatter(full);

  auto got = repo.FindMatter(1);
  ASSERT_TRUE(got);
  ExpectSameMatter(*got, full);
  EXPECT_EQ(got->category_name, "停车");
  EXPECT_EQ(got->region_name, "东村");
  EXPECT_EQ(got->unit_name, "综治信访服务中心");

  auto bare_got = repo.FindMatterByNumber(bare.number);
  ASSERT_TRUE(bare_got);
  ExpectSameMatter(*bare_got, bare);
  EXPECT_EQ(bare_got->category_name, "");
  EXPECT_EQ(bare_got->unit_name, "");
  EXPECT_EQ(bare_got->region_name, "西村");

  // Optional fields go back to null.
  Matter cleared = bare;
  cleared.id = 1;
  cleared.number = full.number;
  repo.UpdateMatter(cleared);
  ExpectSameMatter(*repo.FindMatter(1), cleared);

  // solved = true survives as well as false.
  cleared.solved = true;
  repo.UpdateMatter(cleared);
  EXPECT_EQ(repo.FindMatter(1)->solved, std::optional<bool>(true));

  EXPECT_FALSE(repo.FindMatter(99));
  EXPECT_FALSE(repo.FindMatterByNumber("nope"));

  EXPECT_THROW(repo.UpdateMatter(MakeMatter(99, 3, 1)), domain::NotFound);
  tx->Commit();

  // A failed insert fails its transaction, reported by the insert or at the latest by the
  // commit, and stores nothing of it.
  Matter dup = MakeMatter(3, 3, 1);
  dup.number = bare.number;
  ExpectInsertFails<domain::Conflict>(dup);
  Matter bad_region = MakeMatter(4, 3, 1);
  bad_region.region_id = 999;
  ExpectInsertFails<domain::InvalidInput>(bad_region);
  Matter bad_category = MakeMatter(5, 3, 1);
  bad_category.category_id = 999;
  ExpectInsertFails<domain::InvalidInput>(bad_category);
}

TEST_P(MatterRepositoryTest, ListFiltersSortsAndPages) {
  Seed();
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    // id, region, accepted_at, status, unit, category, type, escalation, due.
    Matter a = MakeMatter(1, 3, 1000, MatterStatus::kInProgress);
    a.unit_id = 20;
    a.category_id = kCategoryLowIncome;
    a.household_id = 10;
    a.handler_id = 8;
    a.due_at = 5000;
    a.escalation_level = 1;
    Matter b = MakeMatter(2, 4, 2000, MatterStatus::kDispatched);
    b.unit_id = 21;
    b.category_id = kCategoryParking;
    b.type = domain::MatterType::kComplaint;
    b.due_at = 3000;
    b.supervised = true;
    b.escalation_level = 2;
    Matter c = MakeMatter(3, 6, 3000, MatterStatus::kClosed);
    c.unit_id = 20;
    c.due_at = 1500;  // Closed: never overdue.
    Matter d = MakeMatter(4, 3, 4000, MatterStatus::kReplied);
    d.unit_id = 20;
    d.due_at = 2500;  // Replied: not overdue either.
    d.updated_at = 9999;
    for (const auto& m : {a, b, c, d}) repo.InsertMatter(m);
    tx->Commit();
  }
  app::MatterFilter all;
  EXPECT_EQ(ListIds(all), (std::vector<Id>{4, 3, 2, 1}));
  EXPECT_EQ(ListIds(all, "accepted_at"), (std::vector<Id>{1, 2, 3, 4}));
  EXPECT_EQ(ListIds(all, "due_at"), (std::vector<Id>{3, 4, 2, 1}));
  EXPECT_EQ(ListIds(all, "-escalation_level"), (std::vector<Id>{2, 1, 3, 4}));
  EXPECT_EQ(ListIds(all, "number"), (std::vector<Id>{1, 2, 3, 4}));
  EXPECT_EQ(ListIds(all, "-updated_at").front(), 4);
  EXPECT_THROW(ListIds(all, "title"), domain::InvalidInput);

  app::MatterFilter f;
  f.region_path_prefix = "/1/2/";
  EXPECT_EQ(ListIds(f), (std::vector<Id>{4, 2, 1}));
  f = {};
  f.statuses = {MatterStatus::kInProgress, MatterStatus::kDispatched};
  EXPECT_EQ(ListIds(f), (std::vector<Id>{2, 1}));
  f = {};
  f.unit_id = 20;
  f.statuses = {MatterStatus::kAccepted, MatterStatus::kDispatched, MatterStatus::kInProgress,
                MatterStatus::kReplied};
  EXPECT_EQ(ListIds(f), (std::vector<Id>{4, 1}));
  f = {};
  f.handler_id = 8;
  EXPECT_EQ(ListIds(f), (std::vector<Id>{1}));
  f = {};
  f.category_ids = {kCategoryLowIncome, kCategoryParking};
  EXPECT_EQ(ListIds(f), (std::vector<Id>{2, 1}));
  f = {};
  f.household_id = 10;
  EXPECT_EQ(ListIds(f), (std::vector<Id>{1}));
  f = {};
  f.type = domain::MatterType::kComplaint;
  EXPECT_EQ(ListIds(f), (std::vector<Id>{2}));
  f = {};
  f.accepted_from = 2000;
  f.accepted_to = 4000;
  EXPECT_EQ(ListIds(f), (std::vector<Id>{3, 2}));
  f = {};
  f.due_before = 4000;
  EXPECT_EQ(ListIds(f, "due_at"), (std::vector<Id>{2}));
  f.due_before = 6000;
  EXPECT_EQ(ListIds(f, "due_at"), (std::vector<Id>{2, 1}));
  f = {};
  f.min_escalation_level = 1;
  EXPECT_EQ(ListIds(f), (std::vector<Id>{2, 1}));
  f = {};
  f.supervised_only = true;
  EXPECT_EQ(ListIds(f), (std::vector<Id>{2}));
  f = {};
  f.region_path_prefix = "/1/x";
  EXPECT_THROW(ListIds(f), domain::InvalidInput);

  auto tx = store_->BeginRead();
  domain::PageRequest page;
  page.limit = 2;
  page.offset = 1;
  auto result = tx->Matters().ListMatters(all, page);
  EXPECT_EQ(result.total, 4);
  EXPECT_EQ(Ids(result.items), (std::vector<Id>{3, 2}));
  EXPECT_EQ(result.items[1].region_name, "西村");
  EXPECT_EQ(result.items[1].unit_name, "综治信访服务中心");
  EXPECT_EQ(result.items[1].category_name, "停车");
}

TEST_P(MatterRepositoryTest, FullTextFindsShortAndLongChineseWords) {
  Seed();
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    Matter a = MakeMatter(1, 3, 1000, MatterStatus::kInProgress);
    a.title = "小区门口停车难";
    a.content = "晚上车辆乱停，救护车进不来";
    Matter b = MakeMatter(2, 4, 2000, MatterStatus::kClosed);
    b.title = "申请低保";
    b.content = "家中老人生病，想咨询低保政策";
    Matter c = MakeMatter(3, 6, 3000, MatterStatus::kInProgress);
    c.title = "路灯不亮";
    c.content = "村口路灯坏了三天 LED lamp broken";
    Matter d = MakeMatter(4, 6, 4000, MatterStatus::kAccepted);
    d.title = "噪音扰民";
    d.content = "楼下商铺停车场夜间施工噪音";
    for (const auto& m : {a, b, c, d}) AddIndexed(repo, m);
    // Re-indexing replaces the old text.
    b.content = "想咨询低保和医保报销";
    repo.IndexMatterText(b.id, domain::SearchDocument({b.title, b.content, "答复：已受理"}));
    tx->Commit();
  }
  auto find = [&](std::string text, std::vector<MatterStatus> statuses = {}) {
    app::MatterFilter f;
    f.text = std::move(text);
    f.statuses = std::move(statuses);
    auto ids = ListIds(f);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(find("停车"), (std::vector<Id>{1, 4}));
  EXPECT_EQ(find("低保"), (std::vector<Id>{2}));
  EXPECT_EQ(find("灯"), (std::vector<Id>{3}));
  EXPECT_EQ(find("救护车进"), (std::vector<Id>{1}));
  EXPECT_EQ(find("医保报销"), (std::vector<Id>{2}));
  EXPECT_EQ(find("答复"), (std::vector<Id>{2}));
  EXPECT_EQ(find("政策"), (std::vector<Id>{}));  // Replaced by the re-index.
  EXPECT_EQ(find("停车 噪音"), (std::vector<Id>{4}));
  EXPECT_EQ(find("车停"), (std::vector<Id>{}));  // Words are phrases, in order.
  EXPECT_EQ(find("垃圾"), (std::vector<Id>{}));
  EXPECT_EQ(find("LED"), (std::vector<Id>{3}));
  EXPECT_EQ(find("\"停车\" OR"), (std::vector<Id>{}));  // Quotes and operators are text.
  EXPECT_EQ(find("停车", {MatterStatus::kAccepted}), (std::vector<Id>{4}));
  EXPECT_EQ(find("低保", {MatterStatus::kInProgress}), (std::vector<Id>{}));

  app::MatterFilter f;
  f.text = "停车";
  f.region_path_prefix = "/1/2/";
  EXPECT_EQ(ListIds(f), (std::vector<Id>{1}));

  // A later transaction re-indexes a stored matter: its old text goes.
  {
    auto tx = store_->Begin();
    tx->Matters().IndexMatterText(3, domain::SearchDocument({"路灯已修复 答复：已派电工"}));
    tx->Commit();
  }
  EXPECT_EQ(find("灯"), (std::vector<Id>{3}));
  EXPECT_EQ(find("电工"), (std::vector<Id>{3}));
  EXPECT_EQ(find("LED"), (std::vector<Id>{}));
}

// Issue 13: a word matches when it is a substring of one field of the matter, after the
// normalisation; checked against a plain scan of the same fields for every kind of query.
TEST_P(MatterRepositoryTest, TextSearchEqualsASubstringScanOfTheFields) {
  Seed();
  struct Indexed {
    Id id;
    std::vector<std::string> fields;
  };
  std::vector<Indexed> all;
  const std::vector<std::string> pieces = {
      "13号楼", "WiFi", "ｗｉｆｉ信号", "〇", "𫓧", "处理：农业", "理农", "路灯", "停车",
      "低保",   "，",   "2026",         "-",  "00", "噪音",       "x",    "LED",  "的问题"};
  std::mt19937 rng(13);
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += pieces[rng() % pieces.size()];
    return t;
  };
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    for (Id id = 1; id <= 300; ++id) {
      Matter m = MakeMatter(id, id % 2 == 0 ? 3 : 6, 1000 + static_cast<domain::Epoch>(id));
      m.number = "2026120" + std::to_string(id % 3) + "-" + std::to_string(100000 + id).substr(1);
      m.title = text(2);
      m.content = text(4);
      m.reply = id % 5 == 0 ? text(2) : "";
      repo.InsertMatter(m);
      std::vector<domain::MatterEvent> events(2);
      events[0].kind = MatterEventKind::kStep;
      events[0].text = id % 7 == 0 ? "现场核实" + text(1) : "";
      events[1].kind = MatterEventKind::kNote;
      events[1].internal = true;
      events[1].text = "内部备注";
      repo.IndexMatterText(m.id, domain::MatterSearchDocument(m, events));
      all.push_back({id, {m.number, m.title, m.content, m.reply, events[0].text}});
    }
    tx->Commit();
  }
  auto scan = [&](const std::string& query) {
    std::vector<Id> ids;
    auto words = domain::SearchQueryWords(query);
    for (const auto& m : all) {
      bool every = !words.empty();
      for (const auto& w : words) {
        bool any = false;
        for (const auto& f : m.fields) {
          any = any || domain::NormalizeSearchText(f).find(w) != std::string::npos;
        }
        every = every && any;
      }
      if (every) ids.push_back(m.id);
    }
    return ids;
  };
  std::vector<std::string> queries = {
      "3号楼",    "13号楼",     "fi",   "WIFI", "ｆｉ",     "〇",     "𫓧",
      "理农",     "处理：农业", "：农", "，",   "20261202", "00001",  "20261201-00001",
      "-0",       "现场",       "内部", "备注", "的问题",   "问题的", "停车 路灯",
      "led 2026", "号",         "1",    "zz",   "停车场"};
  for (int i = 0; i < 40; ++i) {
    // Random substrings of stored fields (hits) and random short strings (mostly misses).
    const auto& f = all[rng() % all.size()].fields[rng() % 3];
    auto cps = f.size();
    if (cps < 3) continue;
    std::size_t at = rng() % (cps - 2);
    while (at > 0 && (static_cast<unsigned char>(f[at]) & 0xC0) == 0x80) --at;
    std::size_t len = 1 + rng() % 9;
    std::size_t end = std::min(f.size(), at + len);
    while (end < f.size() && (static_cast<unsigned char>(f[end]) & 0xC0) == 0x80) ++end;
    queries.push_back(f.substr(at, end - at));
  }
  for (const auto& q : queries) {
    app::MatterFilter f;
    f.text = q;
    auto tx = store_->BeginRead();
    auto page = tx->Matters().ListMatters(f, {0, 1000, ""});
    auto ids = Ids(page.items);
    std::sort(ids.begin(), ids.end());
    auto expected = scan(q);
    EXPECT_EQ(ids, expected) << q;
    EXPECT_EQ(page.total, static_cast<std::int64_t>(expected.size())) << q;
  }
  EXPECT_FALSE(scan("理农").empty());  // The queries of the issue do hit.
  EXPECT_FALSE(scan("𫓧").empty());
}

// A rebuild commits in steps and records its progress: one cut short resumes after the last
// matter it indexed instead of starting again, and the version is recorded at the end.
TEST_P(MatterRepositoryTest, SearchIndexRebuildsInStepsAndResumes) {
  Seed();
  {
    auto tx = store_->Begin();
    for (Id id = 1; id <= 5; ++id) {
      Matter m = MakeMatter(id, 3, 1000 + id);
      m.number = "20261202-0000" + std::to_string(id);
      m.content = "第" + std::to_string(id) + "件路灯不亮";
      tx->Matters().InsertMatter(m);
    }
    tx->Commit();
  }
  auto find = [&](std::string text) {
    app::MatterFilter f;
    f.text = std::move(text);
    return ListIds(f);
  };
  EXPECT_EQ(find("路灯"), (std::vector<Id>{}));  // Not indexed yet.
  auto db = OpenDatabase(url_);
  EXPECT_EQ(RebuildSearchIndexIfStale(*db, 2), 5);
  EXPECT_EQ(RebuildSearchIndexIfStale(*db, 2), 0);
  EXPECT_EQ(find("路灯不亮"), (std::vector<Id>{5, 4, 3, 2, 1}));

  // A rebuild under older rules that stopped after matter 2: the next one indexes 3 to 5 only.
  {
    auto conn = db->Acquire();
    conn->Begin(TxMode::kWrite);
    RunSql(*conn, sql::search_index_state_upsert, {std::string("matter_search"), std::int64_t{1}});
    RunSql(*conn, sql::search_index_state_upsert,
           {std::string("matter_search.rebuilt_through"), std::int64_t{2}});
    conn->Commit();
  }
  EXPECT_EQ(RebuildSearchIndexIfStale(*db, 2), 3);
  EXPECT_EQ(RebuildSearchIndexIfStale(*db, 2), 0);
  EXPECT_EQ(find("件路灯"), (std::vector<Id>{5, 4, 3, 2, 1}));
  EXPECT_EQ(find("第3件"), (std::vector<Id>{3}));

  EXPECT_EQ(RebuildSearchIndex(*db, 4), 5);
  EXPECT_EQ(find("第1件"), (std::vector<Id>{1}));
}

// The receipt number, its date and its serial find the matter; so do its public steps, added
// later; internal notes do not.
TEST_P(MatterRepositoryTest, TextSearchFindsNumbersAndLaterSteps) {
  Seed();
  {
    auto tx = store_->Begin();
    Matter m = MakeMatter(1, 3, 1000);
    m.number = "20261202-00001";
    m.title = "处理";
    m.content = "农业补贴";
    tx->Matters().InsertMatter(m);
    tx->Matters().IndexMatterText(1, domain::MatterSearchDocument(m, {}));
    Matter other = MakeMatter(2, 3, 2000);
    other.number = "20261203-00002";
    tx->Matters().InsertMatter(other);
    tx->Matters().IndexMatterText(2, domain::MatterSearchDocument(other, {}));
    tx->Commit();
  }
  auto find = [&](std::string text) {
    app::MatterFilter f;
    f.text = std::move(text);
    return ListIds(f);
  };
  EXPECT_EQ(find("20261202-00001"), (std::vector<Id>{1}));
  EXPECT_EQ(find("20261202"), (std::vector<Id>{1}));
  EXPECT_EQ(find("00001"), (std::vector<Id>{1}));
  EXPECT_EQ(find("２０２６１２０２"), (std::vector<Id>{1}));
  EXPECT_EQ(find("理农"), (std::vector<Id>{}));
  EXPECT_EQ(find("理"), (std::vector<Id>{1}));
  {
    auto tx = store_->Begin();
    auto m = *tx->Matters().FindMatter(1);
    std::vector<domain::MatterEvent> events(2);
    events[0].kind = MatterEventKind::kStep;
    events[0].text = "已到现场核实，〇号院𫓧";
    events[1].kind = MatterEventKind::kNote;
    events[1].internal = true;
    events[1].text = "内部备注";
    tx->Matters().IndexMatterText(1, domain::MatterSearchDocument(m, events));
    tx->Commit();
  }
  EXPECT_EQ(find("现场核实"), (std::vector<Id>{1}));
  EXPECT_EQ(find("〇"), (std::vector<Id>{1}));
  EXPECT_EQ(find("𫓧"), (std::vector<Id>{1}));
  EXPECT_EQ(find("内部备注"), (std::vector<Id>{}));
  EXPECT_EQ(find("00001"), (std::vector<Id>{1}));  // Still there after the re-index.
}

// A broad query counts up to one past the cap and pages through every plan (walk, region,
// candidates).
TEST_P(MatterRepositoryTest, BroadTextSearchCapsTheCountAndPagesNewestFirst) {
  Seed();
  const Id kMatters = domain::kMatterSearchCountCap + 60;
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    for (Id id = 1; id <= kMatters; ++id) {
      Matter m = MakeMatter(id, id % 100 == 0 ? 4 : 3, 1000 + static_cast<domain::Epoch>(id));
      m.number = "20260105-" + std::to_string(100000 + id);
      m.due_at = 100000000 - static_cast<domain::Epoch>(id);
      // Every matter holds 的问 and 问题; only every third one 的问题.
      m.title = id % 3 == 0 ? "村里的问题" : "问题：村里的问";
      repo.InsertMatter(m);
      repo.IndexMatterText(m.id, domain::SearchDocument({m.title}));
    }
    tx->Commit();
  }
  auto list = [&](std::string text, std::string prefix, std::string sort) {
    app::MatterFilter f;
    f.text = std::move(text);
    f.region_path_prefix = std::move(prefix);
    auto tx = store_->BeginRead();
    return tx->Matters().ListMatters(f, {0, 5, std::move(sort)});
  };
  auto page = list("问题", "", "");
  EXPECT_EQ(page.total, domain::kMatterSearchCountCap + 1);  // More than the cap.
  EXPECT_EQ(Ids(page.items),
            (std::vector<Id>{kMatters, kMatters - 1, kMatters - 2, kMatters - 3, kMatters - 4}));
  page = list("的问题", "", "");
  EXPECT_EQ(page.total, kMatters / 3);
  EXPECT_EQ(Ids(page.items), (std::vector<Id>{10059, 10056, 10053, 10050, 10047}));
  page = list("的问题", "", "due_at");
  EXPECT_EQ(Ids(page.items), (std::vector<Id>{10059, 10056, 10053, 10050, 10047}));
  page = list("的问题", "/1/2/4/", "accepted_at");  // A small region: 100 matters, 33 match.
  EXPECT_EQ(page.total, 33);
  EXPECT_EQ(Ids(page.items), (std::vector<Id>{300, 600, 900, 1200, 1500}));
  page = list("问题", "/1/2/", "-accepted_at");
  EXPECT_EQ(page.total, domain::kMatterSearchCountCap + 1);  // More than the cap.
  EXPECT_EQ(Ids(page.items).front(), kMatters);

  // A list without a text counts to one past the cap when asked to, and exactly otherwise.
  auto plain = [&](std::string prefix, bool capped, std::string sort) {
    app::MatterFilter f;
    f.region_path_prefix = std::move(prefix);
    f.capped_total = capped;
    auto tx = store_->BeginRead();
    return tx->Matters().ListMatters(f, {0, 5, std::move(sort)});
  };
  page = plain("", true, "");
  EXPECT_EQ(page.total, domain::kMatterSearchCountCap + 1);
  EXPECT_EQ(Ids(page.items),
            (std::vector<Id>{kMatters, kMatters - 1, kMatters - 2, kMatters - 3, kMatters - 4}));
  EXPECT_EQ(plain("", false, "").total, kMatters);
  page = plain("/1/2/4/", true, "accepted_at");  // Under the cap: exact.
  EXPECT_EQ(page.total, 100);
  EXPECT_EQ(Ids(page.items), (std::vector<Id>{100, 200, 300, 400, 500}));
  // Newest first, exactly counted: on PostgreSQL the small region is read and sorted.
  page = plain("/1/2/4/", false, "-accepted_at");
  EXPECT_EQ(page.total, 100);
  EXPECT_EQ(Ids(page.items), (std::vector<Id>{10000, 9900, 9800, 9700, 9600}));
  page = plain("/1/2/", true, "due_at");
  EXPECT_EQ(page.total, domain::kMatterSearchCountCap + 1);
  EXPECT_EQ(Ids(page.items).front(), kMatters);
}

// Counter cells and search texts are buffered by the repository and written at the commit:
// the transaction itself sees them at once, other transactions only after the commit, and a
// rollback leaves nothing behind.
TEST_P(MatterRepositoryTest, BufferedCountersAndTextsArriveWithTheCommitOnly) {
  Seed();
  app::StatsDelta delta;
  delta.dimension = "region";
  delta.key = 3;
  delta.path = "/1/2/3/";
  delta.day = 100;
  delta.counters.received = 1;
  Matter m = MakeMatter(1, 3, 1000, MatterStatus::kAccepted);
  m.title = "停车难";
  app::MatterFilter parking;
  parking.text = "停车";
  auto received = [&](app::MatterRepository& repo) {
    auto rows = repo.SumStats("region", 100, 100, "");
    return rows.empty() ? std::int64_t{0} : rows.at(0).counters.received;
  };
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    AddIndexed(repo, m);
    repo.AddStats({delta, delta});
    EXPECT_EQ(received(repo), 2);
    EXPECT_EQ(Ids(repo.ListMatters(parking, {0, 10, ""}).items), (std::vector<Id>{1}));
  }  // Rolled back.
  {
    auto tx = store_->BeginRead();
    EXPECT_EQ(received(tx->Matters()), 0);
  }
  EXPECT_TRUE(ListIds(parking).empty());
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    AddIndexed(repo, m);
    repo.AddStats({delta});
    repo.AddStats({delta});
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  EXPECT_EQ(received(tx->Matters()), 2);
  EXPECT_EQ(ListIds(parking), (std::vector<Id>{1}));
}

TEST_P(MatterRepositoryTest, WorkListsForDuplicatesEscalationAndCallbacks) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  Matter a = MakeMatter(1, 3, 1000, MatterStatus::kInProgress);
  a.household_id = 10;
  a.due_at = 3000;
  Matter b = MakeMatter(2, 4, 2000, MatterStatus::kDispatched);
  b.due_at = 2500;
  Matter c = MakeMatter(3, 3, 3000, MatterStatus::kClosed);
  c.household_id = 10;
  c.due_at = 100;
  Matter d = MakeMatter(4, 6, 4000, MatterStatus::kReplied);
  d.due_at = 200;
  d.replied_at = 4100;
  Matter e = MakeMatter(5, 6, 500, MatterStatus::kAccepted);
  e.due_at = 2900;
  Matter f = MakeMatter(6, 3, 4500, MatterStatus::kReplied);
  f.replied_at = 4200;
  for (const auto& m : {a, b, c, d, e, f}) repo.InsertMatter(m);

  EXPECT_EQ(Ids(repo.ListOpenMattersNear(10, "", 0, 10)), (std::vector<Id>{1}));
  EXPECT_EQ(Ids(repo.ListOpenMattersNear(std::nullopt, "/1/2/", 0, 10)),
            (std::vector<Id>{6, 2, 1}));
  EXPECT_EQ(Ids(repo.ListOpenMattersNear(10, "/1/5/", 0, 10)), (std::vector<Id>{4, 1, 5}));
  EXPECT_EQ(Ids(repo.ListOpenMattersNear(10, "/1/5/", 900, 10)), (std::vector<Id>{4, 1}));
  EXPECT_EQ(Ids(repo.ListOpenMattersNear(std::nullopt, "/1/", 0, 2)), (std::vector<Id>{6, 4}));

  EXPECT_EQ(Ids(repo.ListDueBefore(3001, 10)), (std::vector<Id>{2, 5, 1}));
  EXPECT_EQ(Ids(repo.ListDueBefore(2901, 10)), (std::vector<Id>{2, 5}));
  EXPECT_EQ(Ids(repo.ListDueBefore(3001, 1)), (std::vector<Id>{2}));

  EXPECT_EQ(Ids(repo.ListAwaitingCallback(5000, 10)), (std::vector<Id>{4, 6}));
  EXPECT_EQ(Ids(repo.ListAwaitingCallback(4150, 10)), (std::vector<Id>{4}));
  domain::CallbackTask task;
  task.id = 50;
  task.matter_id = 4;
  task.created_at = 4300;
  repo.InsertCallbackTask(task);
  EXPECT_EQ(Ids(repo.ListAwaitingCallback(5000, 10)), (std::vector<Id>{6}));
  // Replied again after the task: it waits for a new callback.
  d.replied_at = 4400;
  repo.UpdateMatter(d);
  EXPECT_EQ(Ids(repo.ListAwaitingCallback(5000, 10)), (std::vector<Id>{6, 4}));
}

TEST_P(MatterRepositoryTest, EventsAndAttachments) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1000));
  std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe", 18);
  for (int len = 0; len < 5; ++len) {  // Every base64 padding case.
    domain::Attachment a;
    a.id = 100 + len;
    a.matter_id = 1;
    a.file_name = "photo" + std::to_string(len) + ".png";
    a.content_type = "image/png";
    a.sha256 = "ab12";
    a.uploaded_at = 1100 + len;
    if (len == 0) {
      a.event_id = 12;
      a.uploaded_by = 7;
    }
    repo.InsertAttachment(a, std::string_view(bytes).substr(0, bytes.size() - len));
  }
  EXPECT_EQ(repo.ReadAttachmentBytes(100), bytes);
  EXPECT_EQ(repo.ReadAttachmentBytes(102), bytes.substr(0, bytes.size() - 2));
  EXPECT_EQ(repo.ReadAttachmentBytes(104), bytes.substr(0, bytes.size() - 4));
  auto meta = repo.FindAttachment(100);
  ASSERT_TRUE(meta);
  EXPECT_EQ(meta->size, 18);
  EXPECT_EQ(meta->event_id, std::optional<Id>(12));
  EXPECT_EQ(meta->uploaded_by, std::optional<Id>(7));
  EXPECT_EQ(meta->file_name, "photo0.png");
  EXPECT_EQ(meta->content_type, "image/png");
  EXPECT_EQ(meta->sha256, "ab12");
  EXPECT_EQ(repo.FindAttachment(101)->event_id, std::nullopt);
  EXPECT_EQ(repo.ListAttachments(1).size(), 5u);
  EXPECT_TRUE(repo.ListAttachments(2).empty());
  EXPECT_FALSE(repo.FindAttachment(1));
  EXPECT_THROW(repo.ReadAttachmentBytes(1), domain::NotFound);
  std::string big(300000, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7919 % 256);
  domain::Attachment large;
  large.id = 200;
  large.matter_id = 1;
  large.uploaded_at = 1;
  repo.InsertAttachment(large, big);
  EXPECT_EQ(repo.ReadAttachmentBytes(200), big);

  domain::MatterEvent later;
  later.id = 11;
  later.matter_id = 1;
  later.kind = domain::MatterEventKind::kStep;
  later.at = 2000;
  later.text = "上门核实";
  later.internal = true;
  later.attachment_ids = {100, 101, 102};
  later.user_id = 7;
  later.user_name = "李干事";
  later.from_unit_id = 20;
  later.to_unit_id = 21;
  domain::MatterEvent first;
  first.id = 12;
  first.matter_id = 1;
  first.kind = domain::MatterEventKind::kAccepted;
  first.at = 1000;
  domain::MatterEvent same_time = first;
  same_time.id = 13;
  same_time.kind = domain::MatterEventKind::kDispatched;
  repo.InsertEvent(later);
  repo.InsertEvent(same_time);
  repo.InsertEvent(first);
  auto events = repo.ListEvents(1);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].id, 12);
  EXPECT_EQ(events[1].id, 13);
  EXPECT_EQ(events[2].id, 11);
  EXPECT_EQ(events[2].kind, domain::MatterEventKind::kStep);
  EXPECT_EQ(events[2].attachment_ids, (std::vector<Id>{100, 101, 102}));
  EXPECT_TRUE(events[2].internal);
  EXPECT_EQ(events[2].text, "上门核实");
  EXPECT_EQ(events[2].user_name, "李干事");
  EXPECT_EQ(events[2].user_id, std::optional<Id>(7));
  EXPECT_EQ(events[2].from_unit_id, std::optional<Id>(20));
  EXPECT_EQ(events[2].to_unit_id, std::optional<Id>(21));
  EXPECT_TRUE(events[0].attachment_ids.empty());
  EXPECT_FALSE(events[0].user_id);
  EXPECT_FALSE(events[0].internal);
  tx->Commit();
  domain::MatterEvent orphan = first;
  orphan.id = 14;
  orphan.matter_id = 999;
  {
    auto failing = store_->Begin();
    EXPECT_THROW(
        {
          failing->Matters().InsertEvent(orphan);
          failing->Commit();
        },
        domain::InvalidInput);
  }
  EXPECT_EQ(store_->BeginRead()->Matters().ListEvents(1).size(), 3u);
}

TEST_P(MatterRepositoryTest, CategoriesAndRoutingRules) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  auto seeded = repo.ListCategories();
  EXPECT_GE(seeded.size(), 25u);
  int roots = 0;
  for (const auto& c : seeded) {
    if (!c.parent_id) ++roots;
    EXPECT_FALSE(c.default_unit_id);
    EXPECT_FALSE(c.keywords.empty()) << c.name;
  }
  EXPECT_EQ(roots, 3);
  auto parking = repo.FindCategory(kCategoryParking);
  ASSERT_TRUE(parking);
  EXPECT_EQ(parking->name, "停车");
  EXPECT_EQ(parking->parent_id, std::optional<Id>(3));
  // Suggestions work on the seeded keywords.
  auto suggested = domain::SuggestCategories("村里低保怎么申请", seeded, 1);
  ASSERT_EQ(suggested.size(), 1u);
  EXPECT_EQ(suggested[0], kCategoryLowIncome);

  domain::MatterCategory c;
  c.id = 900;
  c.parent_id = 3;
  c.name = "噪音扰民";
  c.keywords = "噪音 扰民";
  c.default_unit_id = 21;
  c.response_hours = 2;
  c.completion_days = 3;
  repo.InsertCategory(c);
  EXPECT_THROW(repo.InsertCategory(c), domain::Conflict);
  c.active = false;
  c.default_unit_id.reset();
  c.name = "噪声";
  repo.UpdateCategory(c);
  auto got = repo.FindCategory(900);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "噪声");
  EXPECT_FALSE(got->active);
  EXPECT_FALSE(got->default_unit_id);
  EXPECT_EQ(got->response_hours, 2);
  EXPECT_EQ(got->completion_days, 3);
  EXPECT_EQ(repo.ListCategories().size(), seeded.size() + 1);
  c.id = 901;
  EXPECT_THROW(repo.UpdateCategory(c), domain::NotFound);
  EXPECT_FALSE(repo.FindCategory(901));

  domain::RoutingRule r;
  r.id = 1;
  r.category_id = kCategoryParking;
  r.region_path = "/1/2/";
  r.unit_id = 21;
  r.completion_days = 3;
  repo.InsertRoutingRule(r);
  r.id = 2;
  r.region_path = "/1/";
  r.unit_id = 20;
  r.completion_days.reset();
  repo.InsertRoutingRule(r);
  auto rules = repo.ListRoutingRules();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, 2);
  EXPECT_EQ(rules[0].completion_days, std::nullopt);
  EXPECT_EQ(rules[1].region_path, "/1/2/");
  EXPECT_EQ(rules[1].unit_id, 21);
  EXPECT_EQ(rules[1].completion_days, std::optional<int>(3));
  r.id = 3;
  r.unit_id = 999;
  EXPECT_THROW(repo.InsertRoutingRule(r), domain::InvalidInput);
  repo.DeleteRoutingRule(1);
  EXPECT_EQ(repo.ListRoutingRules().size(), 1u);
  EXPECT_THROW(repo.DeleteRoutingRule(1), domain::NotFound);
}

TEST_P(MatterRepositoryTest, CalendarIsSeededAndEditable) {
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  auto days = repo.ListCalendarDays();
  EXPECT_EQ(days.size(), 72u);
  EXPECT_TRUE(std::is_sorted(days.begin(), days.end(),
                             [](const auto& a, const auto& b) { return a.date < b.date; }));
  auto find = [&](const std::string& date) -> std::optional<domain::CalendarDay> {
    for (const auto& d : repo.ListCalendarDays()) {
      if (d.date == date) return d;
    }
    return std::nullopt;
  };
  auto national = find("2026-10-01");
  ASSERT_TRUE(national);
  EXPECT_EQ(national->kind, domain::DayKind::kOff);
  EXPECT_EQ(national->name, "国庆节");
  auto makeup = find("2026-10-10");
  ASSERT_TRUE(makeup);
  EXPECT_EQ(makeup->kind, domain::DayKind::kMakeUpWorkday);
  // The seeded table drives the working-day calendar: 2026-10-01..07 are off.
  domain::WorkCalendar calendar(days);
  EXPECT_FALSE(calendar.IsWorkingDay(*domain::ParseDate("2026-10-05")));
  EXPECT_TRUE(calendar.IsWorkingDay(*domain::ParseDate("2026-10-10")));
  EXPECT_EQ(calendar.CoveredYears(), (std::vector<int>{2025, 2026}));

  repo.UpsertCalendarDay({"2027-01-01", domain::DayKind::kOff, "元旦"});
  repo.UpsertCalendarDay({"2026-10-10", domain::DayKind::kOff, "改为放假"});
  EXPECT_EQ(find("2026-10-10")->kind, domain::DayKind::kOff);
  EXPECT_EQ(find("2026-10-10")->name, "改为放假");
  EXPECT_EQ(repo.ListCalendarDays().size(), 73u);
  EXPECT_EQ(repo.ListCalendarDays().back().date, "2027-01-01");
  repo.DeleteCalendarDay("2027-01-01");
  EXPECT_FALSE(find("2027-01-01"));
  EXPECT_THROW(repo.DeleteCalendarDay("2027-01-01"), domain::NotFound);
}

TEST_P(MatterRepositoryTest, SupervisionAndCallbackTasks) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1000));
  repo.InsertMatter(MakeMatter(2, 6, 1000));
  domain::SupervisionOrder o;
  o.id = 1;
  o.matter_id = 1;
  o.issued_by = 7;
  o.note = "请三日内办结";
  o.issued_at = 2000;
  o.due_at = 3000;
  repo.InsertSupervision(o);
  o.id = 2;
  o.issued_at = 1500;
  repo.InsertSupervision(o);
  o.done_at = 2800;
  repo.UpdateSupervision(o);
  auto orders = repo.ListSupervisions(1);
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].id, 2);
  EXPECT_EQ(orders[0].done_at, std::optional<std::int64_t>(2800));
  EXPECT_EQ(orders[1].note, "请三日内办结");
  EXPECT_FALSE(orders[1].done_at);
  EXPECT_EQ(orders[1].due_at, 3000);
  EXPECT_TRUE(repo.ListSupervisions(2).empty());
  o.id = 3;
  EXPECT_THROW(repo.UpdateSupervision(o), domain::NotFound);

  for (Id id : {10, 11, 12}) {
    domain::CallbackTask t;
    t.id = id;
    t.matter_id = id == 11 ? 2 : 1;
    t.created_at = 5000 - id;
    repo.InsertCallbackTask(t);
  }
  domain::CallbackTask done = *repo.FindCallbackTask(12);
  EXPECT_FALSE(done.assigned_to);
  done.assigned_to = 9;
  done.done_at = 6000;
  done.outcome = "群众表示满意";
  repo.UpdateCallbackTask(done);
  auto got = repo.FindCallbackTask(12);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->assigned_to, std::optional<Id>(9));
  EXPECT_EQ(got->done_at, std::optional<std::int64_t>(6000));
  EXPECT_EQ(got->outcome, "群众表示满意");
  EXPECT_FALSE(repo.FindCallbackTask(99));

  domain::PageRequest page;
  auto open = repo.ListOpenCallbackTasks("", page);
  EXPECT_EQ(open.total, 2);
  ASSERT_EQ(open.items.size(), 2u);
  EXPECT_EQ(open.items[0].id, 11);  // Oldest first.
  EXPECT_EQ(open.items[1].id, 10);
  auto east = repo.ListOpenCallbackTasks("/1/2/", page);
  EXPECT_EQ(east.total, 1);
  ASSERT_EQ(east.items.size(), 1u);
  EXPECT_EQ(east.items[0].id, 10);
  page.limit = 1;
  page.offset = 1;
  auto second = repo.ListOpenCallbackTasks("/1/", page);
  EXPECT_EQ(second.total, 2);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id, 10);
  EXPECT_EQ(second.items[0].matter_number, "20260105-0001");
  EXPECT_EQ(second.items[0].matter_title, "诉求1");

  // Every task of one matter, done ones included, oldest first, with the matter's number,
  // title and unit.
  Matter with_unit = *repo.FindMatter(1);
  with_unit.unit_id = 20;
  repo.UpdateMatter(with_unit);
  auto of_one = repo.ListCallbackTasksOfMatter(1);
  ASSERT_EQ(of_one.size(), 2u);
  EXPECT_EQ(of_one[0].id, 12);
  EXPECT_EQ(of_one[0].done_at, std::optional<std::int64_t>(6000));
  EXPECT_EQ(of_one[1].id, 10);
  EXPECT_FALSE(of_one[1].done_at);
  EXPECT_EQ(of_one[1].matter_number, "20260105-0001");
  EXPECT_EQ(of_one[1].matter_title, "诉求1");
  EXPECT_EQ(of_one[1].unit_name, "社会事务服务中心");
  auto of_two = repo.ListCallbackTasksOfMatter(2);
  ASSERT_EQ(of_two.size(), 1u);
  EXPECT_EQ(of_two[0].id, 11);
  EXPECT_EQ(of_two[0].unit_name, "");
  EXPECT_TRUE(repo.ListCallbackTasksOfMatter(99).empty());
  EXPECT_EQ(repo.FindCallbackTask(11)->matter_title, "诉求2");
}

TEST_P(MatterRepositoryTest, MergedIntoListsTheDuplicatesOfOneMatter) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1000));
  repo.InsertMatter(MakeMatter(2, 3, 1000));
  for (auto [id, at, into] :
       {std::tuple<Id, domain::Epoch, Id>{5, 3000, 1}, {4, 2000, 1}, {6, 2500, 2}, {7, 1500, 1}}) {
    Matter m = MakeMatter(id, 3, at, MatterStatus::kMerged);
    m.merged_into_id = into;
    repo.InsertMatter(m);
  }
  // A duplicate closed with its target stays in the list (merged_into_id is kept).
  Matter closed = *repo.FindMatter(7);
  closed.status = MatterStatus::kClosed;
  repo.UpdateMatter(closed);
  EXPECT_EQ(Ids(repo.ListMergedInto(1)), (std::vector<Id>{7, 4, 5}));  // Oldest accepted first.
  auto into_two = repo.ListMergedInto(2);
  ASSERT_EQ(into_two.size(), 1u);
  EXPECT_EQ(into_two[0].id, 6);
  EXPECT_EQ(into_two[0].region_name, "东村");
  EXPECT_EQ(into_two[0].status, MatterStatus::kMerged);
  EXPECT_TRUE(repo.ListMergedInto(4).empty());
  EXPECT_TRUE(repo.ListMergedInto(99).empty());
}

TEST_P(MatterRepositoryTest, SignOffCodesAndSmsOutbox) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1000));
  EXPECT_FALSE(repo.FindSignOffCode(1));
  repo.UpsertSignOffCode({1, "hash1", 2000, 0});
  repo.UpsertSignOffCode({1, "hash2", 3000, 2});
  auto code = repo.FindSignOffCode(1);
  ASSERT_TRUE(code);
  EXPECT_EQ(code->code_hash, "hash2");
  EXPECT_EQ(code->expires_at, 3000);
  EXPECT_EQ(code->attempts, 2);
  repo.DeleteSignOffCode(1);
  EXPECT_FALSE(repo.FindSignOffCode(1));
  repo.DeleteSignOffCode(1);  // Idempotent.
  EXPECT_THROW(repo.UpsertSignOffCode({999, "h", 1, 0}), domain::InvalidInput);

  for (Id id : {1, 2, 3}) {
    app::OutboxMessage m;
    m.id = id;
    m.phone = "1380000000" + std::to_string(id);
    m.kind = "signoff_code";
    m.text = "您的验证码是 12345" + std::to_string(id);
    m.created_at = 100 * id;
    if (id == 2) m.matter_id = 1;
    tx->Messaging().InsertOutbox(m);
  }
  domain::PageRequest page;
  page.limit = 2;
  auto sms = repo.ListSms(page);
  EXPECT_EQ(sms.total, 3);
  ASSERT_EQ(sms.items.size(), 2u);
  EXPECT_EQ(sms.items[0].id, 3);
  EXPECT_EQ(sms.items[1].id, 2);
  EXPECT_EQ(sms.items[1].matter_id, std::optional<Id>(1));
  EXPECT_EQ(sms.items[1].text, "您的验证码是 123452");
  EXPECT_EQ(sms.items[1].phone, "13800000002");
  EXPECT_FALSE(sms.items[0].matter_id);
  page.offset = 2;
  EXPECT_EQ(repo.ListSms(page).items.at(0).id, 1);
}

TEST_P(MatterRepositoryTest, TimeSlotsAndAppointments) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1000));
  auto slot = [](Id id, std::string date, std::string start) {
    domain::TimeSlot s;
    s.id = id;
    s.unit_id = 20;
    s.date = std::move(date);
    s.start = std::move(start);
    s.end = "11:00";
    s.capacity = 3;
    return s;
  };
  domain::TimeSlot holiday = slot(1, "2026-10-02", "09:00");
  holiday.staff_user_id = 8;
  repo.InsertTimeSlot(holiday);
  repo.InsertTimeSlot(slot(2, "2026-10-01", "14:00"));
  repo.InsertTimeSlot(slot(3, "2026-10-01", "09:00"));
  repo.InsertTimeSlot(slot(4, "2026-10-09", "09:00"));
  domain::TimeSlot other = slot(5, "2026-10-01", "09:00");
  other.unit_id = 21;
  repo.InsertTimeSlot(other);
  EXPECT_THROW(repo.InsertTimeSlot(slot(1, "2026-10-01", "09:00")), domain::Conflict);

  auto appointment = [](Id id, Id slot_id, std::string status) {
    domain::Appointment a;
    a.id = id;
    a.slot_id = slot_id;
    a.person_name = "王景云";
    a.phone = "13800000000";
    a.purpose = "办理低保";
    a.status = std::move(status);
    a.created_at = 1000 + id;
    return a;
  };
  domain::Appointment booked = appointment(10, 1, "booked");
  booked.matter_id = 1;
  booked.household_id = 10;
  repo.InsertAppointment(booked);
  repo.InsertAppointment(appointment(11, 1, "done"));
  repo.InsertAppointment(appointment(12, 1, "cancelled"));

  auto slots = repo.ListTimeSlots(20, "2026-10-01", "2026-10-02");
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(slots[0].id, 3);
  EXPECT_EQ(slots[1].id, 2);
  EXPECT_EQ(slots[2].id, 1);
  EXPECT_EQ(slots[2].booked, 2);
  EXPECT_EQ(slots[2].staff_user_id, std::optional<Id>(8));
  EXPECT_EQ(slots[2].start, "09:00");
  EXPECT_EQ(slots[2].end, "11:00");
  EXPECT_EQ(slots[2].capacity, 3);
  EXPECT_EQ(slots[0].booked, 0);
  EXPECT_EQ(repo.FindTimeSlot(1)->booked, 2);
  EXPECT_FALSE(repo.FindTimeSlot(99));

  booked.status = "cancelled";
  booked.purpose = "改期";
  repo.UpdateAppointment(booked);
  EXPECT_EQ(repo.FindTimeSlot(1)->booked, 1);
  auto got = repo.FindAppointment(10);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, "cancelled");
  EXPECT_EQ(got->purpose, "改期");
  EXPECT_EQ(got->matter_id, std::optional<Id>(1));
  EXPECT_EQ(got->household_id, std::optional<Id>(10));
  EXPECT_EQ(got->person_name, "王景云");
  EXPECT_EQ(got->created_at, 1010);
  EXPECT_FALSE(repo.FindAppointment(11)->matter_id);
  auto list = repo.ListAppointments(1);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, 10);
  EXPECT_TRUE(repo.ListAppointments(2).empty());
  EXPECT_THROW(repo.InsertAppointment(appointment(13, 99, "booked")), domain::InvalidInput);
  EXPECT_THROW(repo.InsertAppointment(appointment(14, 1, "lost")), domain::InvalidInput);
  EXPECT_THROW(repo.UpdateAppointment(appointment(15, 1, "booked")), domain::NotFound);
}

TEST_P(MatterRepositoryTest, ProxyErrandsReplaceTheirDocuments) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1000));
  domain::User assistant;
  assistant.id = 40;
  assistant.username = "assist40";
  assistant.display_name = "刘助理";
  assistant.role = domain::Role::kVillageAssistant;
  tx->Accounts().InsertUser(assistant);
  domain::ProxyErrand e;
  e.id = 1;
  e.matter_id = 1;
  e.household_id = 10;
  e.assistant_id = 40;
  e.purpose = "代办残疾证";
  e.created_at = 100;
  e.updated_at = 100;
  e.documents = {{"身份证复印件", 2, 100, std::nullopt}, {"户口本", 1, 100, std::nullopt}};
  repo.InsertErrand(e);
  domain::ProxyErrand other = e;
  other.id = 2;
  other.matter_id.reset();
  other.assistant_id = 41;
  other.created_at = 200;
  other.documents.clear();
  repo.InsertErrand(other);

  auto got = repo.FindErrand(1);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->purpose, "代办残疾证");
  EXPECT_EQ(got->matter_id, std::optional<Id>(1));
  EXPECT_EQ(got->status, domain::ErrandStatus::kReceived);
  ASSERT_EQ(got->documents.size(), 2u);
  EXPECT_EQ(got->documents[0].name, "身份证复印件");
  EXPECT_EQ(got->documents[0].copies, 2);
  EXPECT_EQ(got->documents[0].received_at, std::optional<std::int64_t>(100));
  EXPECT_FALSE(got->documents[0].returned_at);
  EXPECT_EQ(got->documents[1].name, "户口本");
  // Reads name the household, the matter's receipt number and the assistant.
  EXPECT_EQ(got->household_number, "H001");
  EXPECT_EQ(got->matter_number, MakeMatter(1, 3, 1000).number);
  EXPECT_EQ(got->assistant_name, "刘助理");
  EXPECT_EQ(repo.FindErrand(2)->matter_number, "");
  EXPECT_EQ(repo.FindErrand(2)->assistant_name, "");

  e.status = domain::ErrandStatus::kReturned;
  e.updated_at = 300;
  e.documents = {{"残疾证", 1, 250, 300}};
  repo.UpdateErrand(e);
  got = repo.FindErrand(1);
  EXPECT_EQ(got->status, domain::ErrandStatus::kReturned);
  EXPECT_EQ(got->updated_at, 300);
  ASSERT_EQ(got->documents.size(), 1u);
  EXPECT_EQ(got->documents[0].name, "残疾证");
  EXPECT_EQ(got->documents[0].returned_at, std::optional<std::int64_t>(300));
  EXPECT_FALSE(repo.FindErrand(3));
  domain::ProxyErrand missing = e;
  missing.id = 3;
  EXPECT_THROW(repo.UpdateErrand(missing), domain::NotFound);
  missing.household_id = 999;
  EXPECT_THROW(repo.InsertErrand(missing), domain::InvalidInput);

  auto all = repo.ListErrands(std::nullopt, std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 2);  // Newest first.
  EXPECT_EQ(all[1].documents.size(), 1u);
  EXPECT_EQ(repo.ListErrands(10, std::nullopt).size(), 2u);
  auto by_assistant = repo.ListErrands(std::nullopt, 40);
  ASSERT_EQ(by_assistant.size(), 1u);
  EXPECT_EQ(by_assistant[0].id, 1);
  EXPECT_EQ(repo.ListErrands(10, 41).size(), 1u);
  EXPECT_TRUE(repo.ListErrands(11, std::nullopt).empty());
}

TEST_P(MatterRepositoryTest, StatsAccumulateAndSumByPath) {
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  auto delta = [](std::string dim, Id key, Id key2, std::string path, domain::DayNumber day,
                  std::int64_t received, std::int64_t rated = 0, std::int64_t satisfied = 0) {
    app::StatsDelta d;
    d.dimension = std::move(dim);
    d.key = key;
    d.key2 = key2;
    d.path = std::move(path);
    d.day = day;
    d.counters.received = received;
    d.counters.rated = rated;
    d.counters.satisfied = satisfied;
    d.counters.overdue = received;
    return d;
  };
  repo.AddStats({delta("region", 3, 0, "/1/2/3/", 100, 2, 1, 1),
                 delta("region", 3, 0, "/1/2/3/", 100, 1, 1, 0),  // Same cell: accumulates.
                 delta("region", 3, 0, "/1/2/3/", 101, 4), delta("region", 6, 0, "/1/5/6/", 100, 5),
                 delta("region", 7, 0, "/1/5_/", 100, 9),  // A wildcard in the path.
                 delta("category", 201, 0, "", 100, 3), delta("category", 306, 0, "", 100, 1),
                 delta("category", 306, 0, "", 102, 2),
                 delta("category_township", 306, 2, "/1/2/", 100, 6),
                 delta("category_township", 306, 5, "/1/5/", 100, 7),
                 delta("category_county", 306, 1, "/9/1/", 100, 13),
                 delta("category_county", 201, 4, "/9/4/", 100, 3),
                 delta("category_county", 306, 4, "/9/4/", 101, 2)});
  repo.AddStats({});
  repo.AddStats({delta("region", 3, 0, "/1/2/3/", 101, -1)});  // Deltas may be negative.

  auto rows = repo.SumStats("region", 100, 101, "");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].key, 3);
  EXPECT_EQ(rows[0].counters.received, 6);
  EXPECT_EQ(rows[0].counters.rated, 2);
  EXPECT_EQ(rows[0].counters.satisfied, 1);
  EXPECT_EQ(rows[0].counters.overdue, 6);
  EXPECT_EQ(rows[0].counters.solved, 0);
  EXPECT_EQ(rows[1].key, 6);
  EXPECT_EQ(rows[1].counters.received, 5);
  EXPECT_EQ(repo.SumStats("region", 101, 101, "").at(0).counters.received, 3);
  auto township2 = repo.SumStats("region", 0, 1000, "/1/2/");
  ASSERT_EQ(township2.size(), 1u);
  EXPECT_EQ(township2[0].key, 3);
  auto township5 = repo.SumStats("region", 0, 1000, "/1/5");
  ASSERT_EQ(township5.size(), 2u);  // "/1/5/6/" and "/1/5_/".
  auto literal = repo.SumStats("region", 0, 1000, "/1/5_");
  ASSERT_EQ(literal.size(), 1u);  // '_' is not a wildcard.
  EXPECT_EQ(literal[0].key, 7);
  auto cross = repo.SumStats("category_township", 0, 1000, "");
  ASSERT_EQ(cross.size(), 2u);
  EXPECT_EQ(cross[0].key2, 2);
  EXPECT_EQ(cross[1].key2, 5);
  EXPECT_EQ(cross[1].counters.received, 7);
  EXPECT_TRUE(repo.SumStats("unit", 0, 1000, "").empty());

  auto by_category = repo.DailyReceived("category", 100, 102, "");
  ASSERT_EQ(by_category.size(), 3u);
  EXPECT_EQ(by_category[0].day, 100);
  EXPECT_EQ(by_category[0].key, 201);
  EXPECT_EQ(by_category[0].count, 3);
  EXPECT_EQ(by_category[1].key, 306);
  EXPECT_EQ(by_category[1].count, 1);
  EXPECT_EQ(by_category[2].day, 102);
  EXPECT_EQ(by_category[2].count, 2);
  auto by_day = repo.DailyReceived("region", 100, 101, "/1/");
  ASSERT_EQ(by_day.size(), 2u);
  EXPECT_EQ(by_day[0].day, 100);
  EXPECT_EQ(by_day[0].key, 0);
  EXPECT_EQ(by_day[0].count, 3 + 5 + 9);
  EXPECT_EQ(by_day[1].count, 3);
  EXPECT_EQ(repo.DailyReceived("region", 100, 101, "/1/2/").at(0).count, 3);
  // Categories of a scope: the category × township cells under its prefix, summed per category.
  auto county = repo.DailyReceived("category_township", 100, 102, "/1/");
  ASSERT_EQ(county.size(), 1u);
  EXPECT_EQ(county[0].day, 100);
  EXPECT_EQ(county[0].key, 306);
  EXPECT_EQ(county[0].count, 6 + 7);
  auto township = repo.DailyReceived("category_township", 100, 102, "/1/5/");
  ASSERT_EQ(township.size(), 1u);
  EXPECT_EQ(township[0].key, 306);
  EXPECT_EQ(township[0].count, 7);
  // Categories of a city: the category × county cells under its prefix, per day and category.
  auto city = repo.DailyReceived("category_county", 100, 102, "/9/");
  ASSERT_EQ(city.size(), 3u);
  EXPECT_EQ(city[0].key, 201);
  EXPECT_EQ(city[0].count, 3);
  EXPECT_EQ(city[1].key, 306);
  EXPECT_EQ(city[1].count, 13);
  EXPECT_EQ(city[2].day, 101);
  EXPECT_EQ(city[2].count, 2);
  auto counties = repo.SumStats("category_county", 100, 101, "/9/4/");
  ASSERT_EQ(counties.size(), 2u);
  EXPECT_EQ(counties[0].key, 201);
  EXPECT_EQ(counties[1].key2, 4);
  EXPECT_EQ(counties[1].counters.received, 2);
}

// Migration V065 builds the category × county cells of a database written before them from its
// category × township cells: a township's county is its parent; a cell without a township belongs
// to its own region when that is a county (a root that is not a city, or a child of a city root).
TEST_P(MatterRepositoryTest, CountyCellsAreBuiltFromTownshipCells) {
  {
    auto tx = store_->Begin();
    AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "青县", "/1/");
    AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "清州镇", "/1/2/");
    AddRegion(*tx, 5, 1, domain::RegionLevel::kTownship, "金牛镇", "/1/5/");
    AddRegion(*tx, 9, std::nullopt, domain::RegionLevel::kCity, "沧州市", "/9/");
    AddRegion(*tx, 91, 9, domain::RegionLevel::kCounty, "运河区", "/9/91/");
    AddRegion(*tx, 92, 91, domain::RegionLevel::kTownship, "水月寺街道", "/9/91/92/");
    auto cell = [](Id category, Id township, std::string path, domain::DayNumber day,
                   std::int64_t received, std::int64_t excluded = 0) {
      app::StatsDelta d;
      d.dimension = "category_township";
      d.key = category;
      d.key2 = township;
      d.path = std::move(path);
      d.day = day;
      d.counters.received = received;
      d.counters.excluded = excluded;
      return d;
    };
    const domain::DayNumber jan2 = domain::DayFromCivil(2026, 1, 2);
    tx->Matters().AddStats({cell(306, 2, "/1/2/", jan2, 4, 1), cell(306, 5, "/1/5/", jan2, 3),
                            cell(306, 5, "/1/5/", jan2 + 1, 2), cell(201, 92, "/9/91/92/", jan2, 6),
                            cell(306, 0, "/1/", jan2, 1), cell(201, 0, "/9/91/", jan2, 2),
                            cell(0, 0, "/9/", jan2, 5)});
    tx->Commit();
  }
  const domain::DayNumber jan = domain::DayFromCivil(2026, 1, 1);
  const domain::DayNumber feb = domain::DayFromCivil(2026, 2, 1);
  ASSERT_TRUE(store_->BeginRead()->Matters().SumStats("category_county", jan, feb, "").empty());
  for (const auto& m : Migrations(store_->database().dialect())) {
    if (m.version == 65) store_->database().Acquire()->ExecuteScript(m.sql);
  }

  auto read = store_->BeginRead();
  using Cell = std::tuple<Id, Id, std::int64_t, std::int64_t>;  // category, county, received, excl.
  auto cells = [&](domain::DayNumber from, domain::DayNumber to, std::string_view prefix) {
    std::vector<Cell> out;
    for (const auto& row : read->Matters().SumStats("category_county", from, to, prefix)) {
      out.emplace_back(row.key, row.key2, row.counters.received, row.counters.excluded);
    }
    return out;
  };
  // The city's own cell has no county (key 0, its path); the rest go to 91 and 1.
  const std::vector<Cell> all = {{0, 0, 5, 0}, {201, 91, 8, 0}, {306, 1, 10, 1}};
  // A day window reads the day cells, a whole month the month cells: both were built.
  EXPECT_EQ(cells(jan, feb - 1, ""), all);
  EXPECT_EQ(cells(jan + 1, jan + 2, ""), all);
  EXPECT_EQ(cells(jan, feb - 1, "/9/"), (std::vector<Cell>{{0, 0, 5, 0}, {201, 91, 8, 0}}));
  EXPECT_EQ(cells(jan, feb - 1, "/1/"), (std::vector<Cell>{{306, 1, 10, 1}}));
  auto days = read->Matters().DailyReceived("category_county", jan, feb - 1, "/1/");
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].key, 306);
  EXPECT_EQ(days[0].count, 8);
  EXPECT_EQ(days[1].count, 2);
}

TEST(StatsWindow, SplitsIntoWholeMonthsAndEndDays) {
  using domain::DayFromCivil;
  // Mid-month to mid-month: days, whole months, days.
  auto w = app::SplitStatsWindow(DayFromCivil(2025, 1, 15), DayFromCivil(2025, 4, 10));
  EXPECT_EQ(w.head_from, DayFromCivil(2025, 1, 15));
  EXPECT_EQ(w.head_to, DayFromCivil(2025, 1, 31));
  EXPECT_EQ(w.months_from, DayFromCivil(2025, 2, 1));
  EXPECT_EQ(w.months_to, DayFromCivil(2025, 3, 31));
  EXPECT_EQ(w.tail_from, DayFromCivil(2025, 4, 1));
  EXPECT_EQ(w.tail_to, DayFromCivil(2025, 4, 10));
  // Exactly whole months: no days at either end.
  w = app::SplitStatsWindow(DayFromCivil(2024, 2, 1), DayFromCivil(2024, 2, 29));
  EXPECT_GT(w.head_from, w.head_to);
  EXPECT_EQ(w.months_from, DayFromCivil(2024, 2, 1));
  EXPECT_EQ(w.months_to, DayFromCivil(2024, 2, 29));
  EXPECT_GT(w.tail_from, w.tail_to);
  // The last day of a month to the day before the last of the next: no whole month.
  w = app::SplitStatsWindow(DayFromCivil(2025, 1, 31), DayFromCivil(2025, 2, 27));
  EXPECT_EQ(w.head_from, DayFromCivil(2025, 1, 31));
  EXPECT_EQ(w.head_to, DayFromCivil(2025, 2, 27));
  EXPECT_GT(w.months_from, w.months_to);
  EXPECT_GT(w.tail_from, w.tail_to);
  // From the 31st: the first whole month is the next one, not the one after.
  w = app::SplitStatsWindow(DayFromCivil(2025, 1, 31), DayFromCivil(2025, 3, 5));
  EXPECT_EQ(w.months_from, DayFromCivil(2025, 2, 1));
  EXPECT_EQ(w.months_to, DayFromCivil(2025, 2, 28));
  EXPECT_EQ(app::StatsMonthStart(DayFromCivil(2024, 12, 31)), DayFromCivil(2024, 12, 1));
}

// Month cells: any window, across month and year boundaries, sums exactly what the day cells
// hold, for every key and path prefix, with deltas booked one by one, in bulk and negative.
TEST_P(MatterRepositoryTest, StatsWindowsAcrossMonthsSumAsDayCells) {
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  const domain::DayNumber first = domain::DayFromCivil(2024, 12, 20);
  const domain::DayNumber last = domain::DayFromCivil(2025, 4, 12);
  std::map<std::pair<Id, domain::DayNumber>, std::int64_t> received;  // (key, day) → count.
  std::vector<app::StatsDelta> bulk;
  for (domain::DayNumber day = first; day <= last; ++day) {
    for (Id key : {11, 12}) {
      app::StatsDelta d;
      d.dimension = "category_township";
      d.key = key;
      d.key2 = 2;
      d.path = "/1/2/";
      d.day = day;
      d.counters.received = (day * 7 + key) % 5 + 1;
      d.counters.satisfied = 1;
      received[{key, day}] += d.counters.received;
      if (day % 3 == 0) {
        repo.AddStats({d});  // One by one...
      } else {
        bulk.push_back(d);  // ... and in bulk, several days of a month in one call.
      }
    }
  }
  repo.AddStats(bulk);
  app::StatsDelta minus;
  minus.dimension = "category_township";
  minus.key = 11;
  minus.key2 = 2;
  minus.path = "/1/2/";
  minus.day = domain::DayFromCivil(2025, 2, 14);
  minus.counters.received = -1;
  minus.counters.satisfied = -1;
  repo.AddStats({minus});
  received[{11, minus.day}] -= 1;

  std::vector<domain::DayNumber> ends;
  for (domain::DayNumber day = first - 2; day <= last + 2; day += 4) ends.push_back(day);
  for (auto [y, m] : {std::pair{2025, 1}, {2025, 2}, {2025, 3}, {2025, 4}}) {
    ends.push_back(domain::DayFromCivil(y, m, 1));
    ends.push_back(domain::DayFromCivil(y, m, 1) - 1);
  }
  int checked = 0;
  for (domain::DayNumber from : ends) {
    for (domain::DayNumber to : ends) {
      if (from > to) continue;
      std::map<Id, std::int64_t> expected;
      for (const auto& [cell, count] : received) {
        if (cell.second >= from && cell.second <= to) expected[cell.first] += count;
      }
      for (std::string prefix : {"", "/1/2/"}) {
        auto rows = repo.SumStats("category_township", from, to, prefix);
        std::map<Id, std::int64_t> got;
        for (const auto& r : rows) {
          EXPECT_EQ(r.key2, 2);
          got[r.key] += r.counters.received;
        }
        ASSERT_EQ(got, expected) << domain::FormatDate(from) << ".." << domain::FormatDate(to)
                                 << " prefix " << prefix;
        ++checked;
      }
      EXPECT_TRUE(repo.SumStats("category_township", from, to, "/1/3/").empty());
    }
  }
  EXPECT_GT(checked, 500);
  // Volumes stay daily: the month cells never show up as days.
  auto days = repo.DailyReceived("category_township", domain::DayFromCivil(2025, 2, 1),
                                 domain::DayFromCivil(2025, 2, 28), "");
  ASSERT_EQ(days.size(), 2u * 28u);  // One row per day and category.
  EXPECT_EQ(days[26].day, minus.day);
  EXPECT_EQ(days[26].key, 11);
  EXPECT_EQ(days[26].count, (received[std::pair<Id, domain::DayNumber>(11, minus.day)]));
  EXPECT_EQ(days[27].count, (received[std::pair<Id, domain::DayNumber>(12, minus.day)]));
  // Satisfied was booked as +1 per cell and -1 once, the same through the month cells.
  auto feb = repo.SumStats("category_township", domain::DayFromCivil(2025, 2, 1),
                           domain::DayFromCivil(2025, 2, 28), "");
  ASSERT_EQ(feb.size(), 2u);
  EXPECT_EQ(feb[0].counters.satisfied, 27);
  EXPECT_EQ(feb[1].counters.satisfied, 28);
}

TEST_P(MatterRepositoryTest, RequestsRoundTripFilterTheListAndFillTheMatter) {
  Seed();
  {
    auto tx = store_->Begin();
    auto& repo = tx->Matters();
    repo.InsertMatter(MakeMatter(1, 3, 1000, MatterStatus::kInProgress));
    repo.InsertMatter(MakeMatter(2, 4, 1100, MatterStatus::kInProgress));
    domain::MatterRequest extension;
    extension.id = 50;
    extension.matter_id = 1;
    extension.kind = domain::MatterRequestKind::kExtension;
    extension.unit_id = 20;
    extension.requested_by = 8;
    extension.requested_by_name = "承办人";
    extension.requested_at = 1200;
    extension.reason = "需要协调";
    extension.old_due_at = 2000;
    extension.new_due_at = 3000;
    repo.InsertMatterRequest(extension);
    domain::MatterRequest outcome;
    outcome.id = 51;
    outcome.matter_id = 2;
    outcome.kind = domain::MatterRequestKind::kOutcome;
    outcome.requested_by = 8;
    outcome.requested_at = 1300;
    outcome.reason = "资金未落实";
    outcome.outcome = domain::MatterOutcome::kParked;
    outcome.plan = "明年实施";
    outcome.planned_date = "2027-05-31";
    repo.InsertMatterRequest(outcome);
    tx->Commit();
  }
  {
    // One pending request of a kind per matter.
    auto tx = store_->Begin();
    domain::MatterRequest twin = tx->Matters().ListMatterRequests(1).at(0);
    twin.id = 52;
    EXPECT_THROW(tx->Matters().InsertMatterRequest(twin), domain::Conflict);
  }
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  auto list = repo.ListMatterRequests(1);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].kind, domain::MatterRequestKind::kExtension);
  EXPECT_EQ(list[0].state, domain::MatterRequestState::kPending);
  EXPECT_EQ(list[0].unit_id, 20);
  EXPECT_EQ(list[0].requested_by_name, "承办人");
  EXPECT_EQ(list[0].new_due_at, 3000);
  EXPECT_FALSE(list[0].decided_by);
  EXPECT_FALSE(list[0].outcome);
  auto m1 = repo.FindMatter(1);
  EXPECT_TRUE(m1->extension_pending);
  EXPECT_FALSE(m1->outcome_pending);
  EXPECT_EQ(m1->extension_count, 0);

  app::MatterFilter pending;
  pending.pending_request = domain::MatterRequestKind::kExtension;
  auto page = repo.ListMatters(pending, {0, 10, ""});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].id, 1);
  pending.pending_request = domain::MatterRequestKind::kOutcome;
  EXPECT_EQ(repo.ListMatters(pending, {0, 10, ""}).items.at(0).id, 2);

  domain::MatterRequest decided = list[0];
  decided.state = domain::MatterRequestState::kApproved;
  decided.decided_by = 9;
  decided.decided_by_name = "派单员";
  decided.decided_at = 1400;
  decided.decision_note = "同意";
  decided.new_due_at = 2800;
  repo.UpdateMatterRequest(decided);
  auto outcome = repo.ListMatterRequests(2).at(0);
  outcome.state = domain::MatterRequestState::kApproved;
  outcome.decided_by = 10;
  outcome.decided_at = 1500;
  repo.UpdateMatterRequest(outcome);
  domain::MatterRequest missing = decided;
  missing.id = 99;
  EXPECT_THROW(repo.UpdateMatterRequest(missing), domain::NotFound);

  auto again = repo.ListMatterRequests(1).at(0);
  EXPECT_EQ(again.state, domain::MatterRequestState::kApproved);
  EXPECT_EQ(again.decided_by, 9);
  EXPECT_EQ(again.decided_by_name, "派单员");
  EXPECT_EQ(again.decided_at, 1400);
  EXPECT_EQ(again.decision_note, "同意");
  EXPECT_EQ(again.new_due_at, 2800);
  m1 = repo.FindMatter(1);
  EXPECT_FALSE(m1->extension_pending);
  EXPECT_EQ(m1->extension_count, 1);
  auto m2 = repo.FindMatter(2);
  EXPECT_EQ(m2->outcome, "parked");
  auto parked = repo.ListMatterRequests(2).at(0);
  EXPECT_EQ(parked.outcome, domain::MatterOutcome::kParked);
  EXPECT_EQ(parked.plan, "明年实施");
  EXPECT_EQ(parked.planned_date, "2027-05-31");

  app::MatterFilter by_outcome;
  by_outcome.outcome = "parked";
  EXPECT_EQ(repo.ListMatters(by_outcome, {0, 10, ""}).items.at(0).id, 2);
  by_outcome.outcome = "unfounded";
  EXPECT_TRUE(repo.ListMatters(by_outcome, {0, 10, ""}).items.empty());
  pending.pending_request = domain::MatterRequestKind::kExtension;
  EXPECT_TRUE(repo.ListMatters(pending, {0, 10, ""}).items.empty());

  // The new counters add up as the others do.
  app::StatsDelta d;
  d.dimension = "unit";
  d.key = 20;
  d.day = 100;
  d.counters.extended = 1;
  d.counters.excluded = 2;
  d.counters.received = -1;
  repo.AddStats({d, d});
  tx->Commit();
  auto read = store_->Begin();
  auto rows = read->Matters().SumStats("unit", 0, 1000, "");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].counters.extended, 2);
  EXPECT_EQ(rows[0].counters.excluded, 4);
  EXPECT_EQ(rows[0].counters.received, -2);
}

TEST_P(MatterRepositoryTest, AssistsRoundTripAndFilterTheUnitsList) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  Matter lead = MakeMatter(1, 3, 1767600000, MatterStatus::kInProgress);
  lead.unit_id = 20;
  repo.InsertMatter(lead);
  repo.InsertMatter(MakeMatter(2, 4, 1767600100, MatterStatus::kInProgress));
  domain::MatterAssist a;
  a.matter_id = 1;
  a.unit_id = 21;
  a.added_by = 7;
  a.added_at = 1767600200;
  repo.UpsertAssist(a);
  a.status = domain::AssistStatus::kReported;
  a.accepted_at = 1767600300;
  a.accepted_by = 8;
  a.reported_at = 1767600400;
  a.reported_by = 8;
  a.report = "已配合清理";
  repo.UpsertAssist(a);
  auto assists = repo.ListAssists(1);
  ASSERT_EQ(assists.size(), 1u);
  EXPECT_EQ(assists[0].unit_name, "综治信访服务中心");
  EXPECT_EQ(assists[0].status, domain::AssistStatus::kReported);
  EXPECT_EQ(assists[0].added_by, 7);
  EXPECT_EQ(assists[0].added_at, 1767600200);
  EXPECT_EQ(assists[0].accepted_by, 8);
  EXPECT_EQ(assists[0].reported_at, 1767600400);
  EXPECT_EQ(assists[0].report, "已配合清理");
  EXPECT_TRUE(repo.ListAssists(2).empty());

  app::MatterFilter assisting;
  assisting.assisting_unit_id = 21;
  auto page = repo.ListMatters(assisting, {0, 10, ""});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].id, 1);
  assisting.assisting_unit_id = 20;
  EXPECT_EQ(repo.ListMatters(assisting, {0, 10, ""}).total, 0);

  // The timeline stores the joint-handling kinds (V053 widened the kind check).
  domain::MatterEvent reported;
  reported.id = 601;
  reported.matter_id = 1;
  reported.kind = MatterEventKind::kAssistReported;
  reported.at = 1767600400;
  reported.from_unit_id = 21;
  reported.text = "协办意见（综治信访服务中心）：已配合清理";
  reported.internal = true;
  repo.InsertEvent(reported);
  auto events = repo.ListEvents(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, MatterEventKind::kAssistReported);
  EXPECT_EQ(events[0].from_unit_id, 21);

  repo.DeleteAssist(1, 21);
  EXPECT_TRUE(repo.ListAssists(1).empty());
  EXPECT_THROW(repo.DeleteAssist(1, 21), domain::NotFound);
  tx->Commit();
}

TEST_P(MatterRepositoryTest, DisputesRoundTripAndListPendingByRegion) {
  Seed();
  auto tx = store_->Begin();
  auto& repo = tx->Matters();
  repo.InsertMatter(MakeMatter(1, 3, 1767600000, MatterStatus::kInProgress));
  repo.InsertMatter(MakeMatter(2, 6, 1767600100, MatterStatus::kInProgress));
  domain::MatterDispute d;
  d.id = 501;
  d.matter_id = 1;
  d.unit_id = 20;
  d.raised_by = 8;
  d.raised_at = 1767600500;
  d.reason_code = "不属于本单位职责";
  d.reason = "应由水务站办理";
  repo.InsertDispute(d);
  domain::MatterDispute other = d;
  other.id = 502;
  other.matter_id = 2;
  other.raised_at = 1767600600;
  repo.InsertDispute(other);
  EXPECT_THROW(repo.InsertDispute(d), domain::Conflict);

  auto pending = repo.ListPendingDisputes("", {0, 10, ""});
  ASSERT_EQ(pending.total, 2);
  EXPECT_EQ(pending.items[0].id, 501);
  EXPECT_EQ(pending.items[0].matter_number, MakeMatter(1, 3, 0).number);
  EXPECT_EQ(pending.items[0].unit_name, "社会事务服务中心");
  EXPECT_EQ(repo.ListPendingDisputes("/1/5/", {0, 10, ""}).total, 1);

  d.decided_by = 7;
  d.decided_at = 1767600700;
  d.decided_unit_id = 21;
  d.decision = "属综治职责";
  repo.UpdateDispute(d);
  auto found = repo.FindDispute(501);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->Pending());
  EXPECT_EQ(found->decided_unit_id, 21);
  EXPECT_EQ(found->decided_unit_name, "综治信访服务中心");
  EXPECT_EQ(found->decision, "属综治职责");
  EXPECT_EQ(found->reason_code, "不属于本单位职责");
  EXPECT_EQ(repo.ListDisputes(1).size(), 1u);
  EXPECT_EQ(repo.ListPendingDisputes("", {0, 10, ""}).total, 1);
  EXPECT_FALSE(repo.FindDispute(999));
  domain::MatterDispute missing = d;
  missing.id = 999;
  EXPECT_THROW(repo.UpdateDispute(missing), domain::NotFound);
  tx->Commit();
}

MINQING_INSTANTIATE_BACKENDS(MatterRepositoryTest);

}  // namespace
}  // namespace minqing::storage
