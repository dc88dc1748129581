#include "demo/demo_county.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "app/matter_store.hpp"
#include "app/roster.hpp"
#include "domain/errors.hpp"
#include "domain/id_card.hpp"
#include "domain/pinyin.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::demo {
namespace {

using app::Actor;
using app::ImportMode;
using app::ImportOptions;
using app::ImportReport;
using app::OpenStore;
using app::RosterService;
using app::Services;
using app::SystemActor;
using app::Workload;

constexpr domain::Epoch kNow = 1780000000;

const DemoCounty& County42() {
  static const DemoCounty county = GenerateDemoCounty(42);
  return county;
}

// Everything but the ids, which differ between runs by design.
std::vector<std::string> Fingerprint(const DemoCounty& county) {
  std::vector<std::string> out;
  for (const auto& r : county.regions) out.push_back(r.code + r.name + std::to_string(*r.lat));
  for (const auto& h : county.households) {
    std::string tags;
    for (const auto& t : h.tags) tags += t;
    out.push_back(h.number + h.address + tags + std::to_string(*h.lng));
  }
  for (const auto& r : county.residents) out.push_back(r.name + r.id_card + r.phone + r.relation);
  for (const auto& m : county.party_members) {
    out.push_back(m.joined_on + std::to_string(m.capacity) + std::to_string(m.away));
  }
  for (const auto& s : county.staff) out.push_back(s.name + s.title);
  return out;
}

TEST(DemoCountyTest, SameSeedSameCountyOtherSeedDiffers) {
  auto a = Fingerprint(County42());
  EXPECT_EQ(a, Fingerprint(GenerateDemoCounty(42)));
  EXPECT_NE(a, Fingerprint(GenerateDemoCounty(43)));
}

TEST(DemoCountyTest, SizesAreThoseOfRaoyang) {
  const DemoCounty& county = County42();
  std::map<domain::RegionLevel, int> levels;
  for (const auto& r : county.regions) ++levels[r.level];
  EXPECT_EQ(levels[domain::RegionLevel::kCounty], 1);
  EXPECT_EQ(levels[domain::RegionLevel::kTownship], 10);
  EXPECT_GE(levels[domain::RegionLevel::kVillage], 180);
  EXPECT_LE(levels[domain::RegionLevel::kVillage], 220);
  EXPECT_GE(county.households.size(), 50000u);
  EXPECT_LE(county.households.size(), 62000u);
  EXPECT_GE(county.residents.size(), 160000u);
  EXPECT_LE(county.residents.size(), 200000u);
  EXPECT_GE(county.party_members.size(), 8500u);
  EXPECT_LE(county.party_members.size(), 10000u);
  EXPECT_GE(county.units.size(), 30u);
}

TEST(DemoCountyTest, IdCardsAreValidUniqueAndMatchBirthAndSex) {
  std::set<std::string> seen;
  std::map<domain::Id, int> heads;
  for (const auto& r : County42().residents) {
    ASSERT_EQ(domain::ValidateIdCard(r.id_card), domain::IdCardProblem::kNone) << r.id_card;
    EXPECT_TRUE(seen.insert(r.id_card).second) << r.id_card;
    EXPECT_EQ(domain::IdCardBirthDate(r.id_card), r.birth_date);
    EXPECT_EQ(domain::IdCardSex(r.id_card), r.sex);
    EXPECT_FALSE(r.pinyin.empty());
    if (r.relation == "户主") ++heads[*r.household_id];
  }
  EXPECT_EQ(heads.size(), County42().households.size());
  for (const auto& [household, count] : heads) EXPECT_EQ(count, 1);
}

TEST(DemoCountyTest, PinyinIsThatOfPersonNamePinyin) {
  const auto& residents = County42().residents;
  bool override_seen = false;
  for (std::size_t i = 0; i < residents.size(); i += 37) {
    const auto& r = residents[i];
    auto expected = domain::PersonNamePinyin(r.name);
    EXPECT_EQ(r.pinyin, expected.full) << r.name;
    EXPECT_EQ(r.initials, expected.initials) << r.name;
  }
  for (const auto& r : residents) {
    if (r.name.rfind("单", 0) == 0) {
      EXPECT_EQ(r.pinyin.rfind("shan ", 0), 0u) << r.name;
      override_seen = true;
    }
  }
  EXPECT_TRUE(override_seen);
}

TEST(DemoCountyTest, VillagesAreWithinTheCountyAndPartyMembersAreAdults) {
  for (const auto& r : County42().regions) {
    EXPECT_NEAR(*r.lat, 38.235, 0.2);
    EXPECT_NEAR(*r.lng, 115.726, 0.26);
  }
  std::map<domain::Id, const domain::Resident*> residents;
  for (const auto& r : County42().residents) residents[r.id] = &r;
  int away = 0;
  for (const auto& m : County42().party_members) {
    const auto* r = residents.at(m.resident_id);
    EXPECT_LE(r->birth_date, "2006-12-31");
    EXPECT_FALSE(r->phone.empty());
    away += m.away;
  }
  double share = static_cast<double>(away) / static_cast<double>(County42().party_members.size());
  EXPECT_GT(share, 0.04);
  EXPECT_LT(share, 0.12);
}

TEST(DemoCountyTest, LoadsIntoSqliteWithLoginsAndRefusesASecondTime) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("minqing-demo-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  {
    Services services(OpenStore((dir / "demo.db").string()));
    auto started = std::chrono::steady_clock::now();
    DemoSummary summary = LoadDemoCounty(services, 7, kNow);
    auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("demo county loaded in %.1f s\n", seconds);
    EXPECT_EQ(summary.logins.size(), 7u);
    auto counts = services.store->BeginRead()->Registry().CountUnder("");
    EXPECT_EQ(counts.households, summary.households);
    EXPECT_EQ(counts.residents, summary.residents);
    EXPECT_EQ(counts.party_members, summary.party_members);
    for (const char* username :
         {"admin", "leader", "clerk", "handler", "assistant", "member", "resident"}) {
      EXPECT_NO_THROW(services.auth.Login(username, kDemoPassword, "127.0.0.1", kNow)) << username;
    }
    // Every staff login finds work waiting on its home page.
    for (const char* username : {"clerk", "handler", "assistant", "leader"}) {
      auto user = services.store->BeginRead()->Accounts().FindUserByUsername(username);
      ASSERT_TRUE(user) << username;
      Actor actor;
      actor.user = *user;
      actor.now = kNow;
      Workload work = services.queries.GetWorkload(actor);
      EXPECT_GT(work.open, 0) << username;
      EXPECT_FALSE(work.most_urgent.empty()) << username;
    }
    // The year of matters lies in every township and village, in proportion to their people
    // (with variation), every unit receives, and a few per cent of the open matters are overdue,
    // the open ones mostly recent.
    {
      auto read = services.store->BeginRead();
      auto& matters = read->Matters();
      auto total_of = [&](app::MatterFilter filter) {
        return matters.ListMatters(filter, {0, 1, ""}).total;
      };
      const std::int64_t all = total_of({});
      EXPECT_GT(all, 30000);
      auto townships = read->Registry().ListRegionsUnder("", domain::RegionLevel::kTownship);
      ASSERT_EQ(townships.size(), 10u);
      for (const auto& township : townships) {
        app::MatterFilter filter;
        filter.region_path_prefix = township.path;
        const std::int64_t in_township = total_of(filter);
        const auto people = read->Registry().CountUnder(township.path).residents;
        // Within a factor of two of the township's share of the county's people.
        const double expected = static_cast<double>(all) * static_cast<double>(people) /
                                static_cast<double>(counts.residents);
        EXPECT_GT(in_township, expected / 2) << township.name;
        EXPECT_LT(in_township, expected * 2) << township.name;
      }
      for (const auto& village :
           read->Registry().ListRegionsUnder("", domain::RegionLevel::kVillage)) {
        app::MatterFilter filter;
        filter.region_path_prefix = village.path;
        EXPECT_GT(total_of(filter), 10) << village.name;
      }
      std::set<domain::Id> receiving;
      for (const auto& row : matters.SumStats("unit", 0, domain::ChinaDay(kNow), "")) {
        if (row.counters.received > 0) receiving.insert(row.key);
      }
      for (const auto& unit : read->Registry().ListUnits()) {
        EXPECT_TRUE(receiving.count(unit.id)) << unit.name << " receives no matter";
      }
      app::MatterFilter open;
      open.statuses = {domain::MatterStatus::kAccepted, domain::MatterStatus::kDispatched,
                       domain::MatterStatus::kInProgress};
      const std::int64_t open_count = total_of(open);
      app::MatterFilter recent = open;
      recent.accepted_from = kNow - 30 * 86400;
      app::MatterFilter overdue = open;
      overdue.due_before = kNow;
      const std::int64_t overdue_count = total_of(overdue);
      std::printf("matters %lld, open %lld, open and overdue %lld\n", static_cast<long long>(all),
                  static_cast<long long>(open_count), static_cast<long long>(overdue_count));
      EXPECT_GT(open_count, 100);
      // A few per cent: between 2% and 5% of the open matters.
      EXPECT_GE(overdue_count * 50, open_count) << "less than 2% of the open matters overdue";
      EXPECT_LE(overdue_count * 20, open_count) << "more than 5% of the open matters overdue";
      EXPECT_GT(total_of(recent) * 10, open_count * 9) << "open matters are mostly recent";
    }
    auto member = services.store->BeginRead()->Accounts().FindUserByUsername("member");
    ASSERT_TRUE(member);
    EXPECT_TRUE(member->resident_id);
    EXPECT_THROW(LoadDemoCounty(services, 7, kNow), domain::Conflict);

    // A village exported from the demo county re-imports into itself as an update that changes
    // nothing: every household matched by its number, no row invalid, nothing added or moved.
    RosterService roster(*services.store);
    Actor admin = SystemActor(kNow);
    formats::Table village = roster.Export(admin, "131124100201");
    ASSERT_FALSE(village.rows.empty());
    ImportOptions dry;
    dry.mode = ImportMode::kDryRun;
    ImportReport report = roster.Import(admin, village, dry);
    EXPECT_GT(report.rows, 0);
    EXPECT_EQ(report.invalid_rows, 0);
    EXPECT_EQ(report.households_created, 0);
    EXPECT_EQ(report.residents_created, 0);
    EXPECT_EQ(report.households_changed, 0);
    EXPECT_EQ(report.residents_changed, 0);
    EXPECT_EQ(report.residents_moved_out, 0);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace minqing::demo
