// Fills a PostgreSQL database made by `minqing init` with a province for
// bench/scale_bench.sh, or grows one it filled before: ten city roots (level 0, 市), then counties
// of kHouseholdsPerCounty households (20 townships of 20 villages each, six county bureaus with
// routing rules for twelve categories), counties going round the cities, until the registry holds
// HOUSEHOLDS households; about 3.2 residents per household (valid, distinct ID-card numbers, pinyin
// and initials as the registry computes them) and about `matters` matters per household accepted
// over the last two years.
//
// Everything is written the way the application writes it, through its bulk paths:
//  - regions, households and residents through RegistryRepository's BulkInsert* inside
//    BeginBulkLoad/EndBulkLoad (COPY on PostgreSQL; secondary indexes dropped and rebuilt once,
//    look-up rows written from the inserted values), units, categories and routing rules through
//    the single inserts;
//  - matters are moved through the state machine (domain::Apply) as the use cases move them
//    (accept, dispatch, unit accept, then reply and sign-off, or escalation when overdue), and
//    their rows, timeline events, search documents (domain::MatterSearchDocument and its tokens)
//    and the three-rate counter cells those transitions produce (day and month cells, summed in
//    memory) go in through Connection::CopyRows; the counter cells through a temporary table merged
//    into matter_stats by adding, as MatterRepository::AddStats adds; matter_day_serials gets each
//    day's last serial so the window's next matter of a day takes the next number.
//  - Ids are made as the application made them at the time: a matter's at its acceptance, an
//    event's at its moment (PastId), so on PostgreSQL each lands in its month's partition. A first
//    run on a database whose month partitions start this month (a fresh `minqing init`) makes
//    the two years' months first, while the early partition below them is still empty
//    (PartitionThePast).
//  - When a run adds at least as many matters as the database holds, the secondary indexes of
//    matters, matter_events and matter_search_text are dropped before the load and created again
//    after it (on PostgreSQL; much faster than keeping them up to date row by row).
// Status mix as in dashboard_bench: about 25% of the last 60 days' matters and 1% of older ones
// stay open (escalated once overdue), matters of the last three days are open, the rest closed and
// rated 4 or 5.
//
// Usage: scale_gen URL HOUSEHOLDS [--matters-per-household 2] [--households-per-county 100000]
//        URL: postgresql://… of a database made by `minqing init` with an `admin` user, who
//        accepts the generated matters (PostgreSQL only). Prints one line per phase with its wall
//        time on stderr and a summary line "scale_gen households=… residents=… matters=… events=…
//        cells=…" on stdout.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/matter_store.hpp"
#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/pinyin.hpp"
#include "domain/search_text.hpp"
#include "domain/work_calendar.hpp"
#include "name_pool.hpp"
#include "storage/connection.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_matter_repository.hpp"
#include "storage/sql_store.hpp"

namespace {

namespace app = minqing::app;
namespace domain = minqing::domain;
namespace storage = minqing::storage;
using domain::DayNumber;
using domain::Epoch;
using domain::Id;
using Clock = std::chrono::steady_clock;

constexpr int kCities = 10;
constexpr int kTownshipsPerCounty = 20;
constexpr int kVillagesPerTownship = 20;
constexpr int kUnitsPerCounty = 6;
constexpr int kCategories = 12;
constexpr DayNumber kDays = 730;
constexpr std::int64_t kBirthDays = 33000;
constexpr std::size_t kCopyBatch = 20000;
// A past id's slot: an id is FirstIdAt(ms) + low 12 bits, so the 1,000 milliseconds of a second
// and the 4,096 low values give 4,096,000 distinct ids within one second.
constexpr std::int64_t kSlotsPerSecond = 4096 * 1000;
// An event's slot encodes (acceptance day mod kEventDayCycle, the matter's serial of that day,
// the event's index within the matter): unique among the events of one second as long as a
// matter's events happen within kEventDayCycle days of its acceptance and a day has fewer than
// kMaxDaySerial matters.
constexpr std::int64_t kEventDayCycle = 16;
constexpr std::int64_t kEventsPerMatter = 8;
constexpr std::int64_t kMaxDaySerial = kSlotsPerSecond / (kEventDayCycle * kEventsPerMatter);
const char* const kCategoryPrefix = "规模分类";

using minqing::bench::kGiven;
using minqing::bench::kRelations;
using minqing::bench::kSurnames;
const std::vector<std::string> kUnitNames = {"民政局", "住建局",     "交通运输局",
                                             "水利局", "农业农村局", "人社局"};
struct MatterText {
  const char* title;
  const char* content;
};
const std::vector<MatterText> kTexts = {
    {"村口路灯坏了好几盏", "村口路灯坏了好几盏，晚上出行不便"},
    {"低保申请进度咨询", "上月提交的低保申请一直没有消息，想问问进度"},
    {"自来水停水三天", "村里自来水停了三天，老人孩子吃水困难"},
    {"道路坑洼积水", "通往镇上的道路坑洼严重，下雨积水无法通行"},
    {"医保报销政策咨询", "住院费用异地报销需要准备哪些材料"},
    {"邻里宅基地纠纷", "邻居建房占用我家宅基地，请求调解"},
    {"养老金未按时发放", "本月养老金还没有到账，请帮忙查一下"},
    {"垃圾清运不及时", "村东头垃圾点一周没人清运，气味很大"},
};

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Rng {
  std::uint64_t state;
  std::uint32_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::uint32_t Below(std::size_t n) { return Next() % static_cast<std::uint32_t>(n); }
};

// 1930-01-01 plus `day` days as YYYYMMDD.
std::string BirthDate(std::int64_t day) {
  return domain::FormatDate(static_cast<DayNumber>(day - 14610));
}

storage::Value Optional(const std::optional<Id>& v) { return storage::OptionalValue(v); }

// The id `slot` (0 <= slot < kSlotsPerSecond) of the second `at`: ids of one second with distinct
// slots are distinct, and each is an id made within that second (domain/ids.hpp), so it sorts and
// partitions by that time.
Id PastId(Epoch at, std::int64_t slot) {
  if (slot < 0 || slot >= kSlotsPerSecond) {
    throw std::logic_error("scale_gen: id slot out of range");
  }
  return domain::FirstIdAt(at * 1000 + slot / 4096) + slot % 4096;
}

const std::vector<std::string> kMatterColumns = {"id",
                                                 "number",
                                                 "type",
                                                 "category_id",
                                                 "channel",
                                                 "urgency",
                                                 "status",
                                                 "household_id",
                                                 "resident_id",
                                                 "caller_name",
                                                 "caller_phone",
                                                 "region_id",
                                                 "region_path",
                                                 "title",
                                                 "content",
                                                 "address",
                                                 "lat",
                                                 "lng",
                                                 "accepted_by",
                                                 "accepted_at",
                                                 "unit_id",
                                                 "handler_id",
                                                 "first_unit_id",
                                                 "response_due_at",
                                                 "due_at",
                                                 "responded_at",
                                                 "replied_at",
                                                 "closed_at",
                                                 "reply",
                                                 "escalation_level",
                                                 "supervised",
                                                 "merged_into_id",
                                                 "public_token",
                                                 "solved",
                                                 "rating",
                                                 "rating_comment",
                                                 "confirmed_via",
                                                 "reopen_count",
                                                 "updated_at"};
const std::vector<std::string> kEventColumns = {
    "id",           "matter_id",  "kind", "at",       "user_id",       "user_name",
    "from_unit_id", "to_unit_id", "text", "internal", "attachment_ids"};
const std::vector<std::string> kStatsColumns = {
    "dimension", "key_id",          "key2",      "path",
    "day",       "received",        "responded", "responded_on_time",
    "replied",   "replied_on_time", "rated",     "solved",
    "satisfied", "reopened",        "overdue",   "extended",
    "excluded"};

struct CellKey {
  std::string dimension;
  Id key;
  Id key2;
  DayNumber day;
  bool operator<(const CellKey& o) const {
    return std::tie(dimension, key, key2, day) < std::tie(o.dimension, o.key, o.key2, o.day);
  }
};
struct Cell {
  std::string path;
  domain::RateCounters counters;
};

struct Village {
  Id id;
  std::string path;
  std::string code;
  std::string name;
};

struct County {
  Id id = 0;
  std::string path;
  std::string code6;
  std::vector<Village> villages;
  std::vector<Id> units;
};

class Generator {
 public:
  Generator(const std::string& url, std::int64_t matters_per_household,
            std::int64_t households_per_county)
      : services_(app::OpenStore(url)),
        raw_(storage::OpenDatabase(url)),
        matters_per_household_(matters_per_household),
        households_per_county_(households_per_county),
        now_(static_cast<Epoch>(std::time(nullptr))),
        today_(domain::ChinaDay(now_)) {}

  void Grow(std::int64_t target) {
    auto started = Clock::now();
    {
      auto lease = raw_->Acquire();
      if ((*lease).dialect() != storage::Dialect::kPostgres) {
        throw std::runtime_error("PostgreSQL only (the search rows are written as its tsvector)");
      }
    }
    Prepare();
    const std::int64_t have = Count("SELECT COUNT(*) FROM households");
    if (have >= target) {
      std::cerr << "scale_gen: already " << have << " households\n";
      Summary();
      return;
    }
    std::vector<std::int64_t> sizes;
    for (std::int64_t left = target - have; left > 0; left -= households_per_county_) {
      sizes.push_back(std::min(left, households_per_county_));
    }
    std::vector<County> counties;
    for (std::int64_t size : sizes) {
      static_cast<void>(size);
      counties.push_back(AddCounty());
    }
    std::cerr << "scale_gen: " << counties.size() << " new counties (regions, units, rules) in "
              << Seconds(started) << " s\n";

    auto phase = Clock::now();
    {
      auto tx = services_.store->Begin();
      tx->Registry().BeginBulkLoad();
      for (std::size_t i = 0; i < counties.size(); ++i) AddHouseholds(*tx, counties[i], sizes[i]);
      auto index = Clock::now();
      tx->Registry().EndBulkLoad();
      tx->Commit();
      std::cerr << "scale_gen: households and residents in " << Seconds(phase)
                << " s (of which indexes, keys and look-up table " << Seconds(index) << " s)\n";
    }

    phase = Clock::now();
    const std::int64_t existing_matters = Count("SELECT COUNT(*) FROM matters");
    const std::int64_t planned = (target - have) * matters_per_household_;
    auto lease = raw_->Acquire();
    storage::Connection& conn = *lease;
    const bool rebuild = planned >= existing_matters;
    std::vector<std::string> dropped;
    conn.Begin(storage::TxMode::kWrite);
    PartitionThePast(conn);
    if (rebuild) dropped = DropIndexes(conn);
    LoadSerials(conn);
    for (std::size_t i = 0; i < counties.size(); ++i) {
      AddMatters(conn, counties[i]);
      WriteCells(conn);
    }
    WriteSerials(conn);
    auto index = Clock::now();
    for (const auto& create : dropped) conn.Execute(create);
    if (rebuild) conn.ExecuteScript("ANALYZE matters; ANALYZE matter_events; ANALYZE matter_stats");
    conn.Commit();
    std::cerr << "scale_gen: matters, events, search rows and counters in " << Seconds(phase)
              << " s (of which " << dropped.size() << " indexes rebuilt in " << Seconds(index)
              << " s)\n";
    std::cerr << "scale_gen: total " << Seconds(started) << " s\n";
    Summary();
  }

 private:
  std::int64_t Count(const std::string& sql) {
    auto lease = raw_->Acquire();
    return (*lease).Query(sql).front().GetInt64(0);
  }

  void Summary() {
    std::printf("scale_gen households=%lld residents=%lld matters=%lld events=%lld cells=%lld\n",
                static_cast<long long>(Count("SELECT COUNT(*) FROM households")),
                static_cast<long long>(Count("SELECT COUNT(*) FROM residents")),
                static_cast<long long>(Count("SELECT COUNT(*) FROM matters")),
                static_cast<long long>(Count("SELECT COUNT(*) FROM matter_events")),
                static_cast<long long>(Count("SELECT COUNT(*) FROM matter_stats")));
  }

  // The cities, categories and admin; creates the cities and categories on a first run.
  void Prepare() {
    auto tx = services_.store->Begin();
    auto admin = tx->Accounts().FindUserByUsername("admin");
    if (!admin) throw std::runtime_error("no user `admin`: run `minqing init` with a password");
    clerk_ = admin->id;
    for (const auto& region : tx->Registry().ListRegionChildren(std::nullopt)) {
      if (region.level == domain::RegionLevel::kCity) cities_.push_back(region);
    }
    if (cities_.empty()) {
      std::vector<domain::Region> rows;
      for (int c = 0; c < kCities; ++c) {
        domain::Region city;
        city.id = domain::NewId();
        city.level = domain::RegionLevel::kCity;
        char code[16];
        std::snprintf(code, sizeof code, "13%02d00000000", c + 1);
        city.code = code;
        city.name = "第" + std::to_string(c + 1) + "市";
        city.path = "/" + std::to_string(city.id) + "/";
        rows.push_back(city);
      }
      tx->Registry().BulkInsertRegions(rows);
      cities_ = rows;
    }
    for (const auto& cat : tx->Matters().ListCategories()) {
      if (cat.name.starts_with(kCategoryPrefix)) categories_.push_back(cat.id);
    }
    if (categories_.empty()) {
      for (int c = 0; c < kCategories; ++c) {
        domain::MatterCategory cat;
        cat.id = domain::NewId();
        cat.name = kCategoryPrefix + std::to_string(c + 1);
        cat.keywords = "规模";
        cat.completion_days = 5;
        cat.response_hours = 4;
        tx->Matters().InsertCategory(cat);
        categories_.push_back(cat.id);
      }
    }
    std::sort(categories_.begin(), categories_.end());
    std::sort(cities_.begin(), cities_.end(),
              [](const domain::Region& a, const domain::Region& b) { return a.code < b.code; });
    county_count_ = 0;
    for (const auto& city : cities_) {
      county_count_ += static_cast<std::int64_t>(tx->Registry().ListRegionChildren(city.id).size());
    }
    tx->Commit();
    auto lease = raw_->Acquire();
    (*lease).Execute(
        "INSERT INTO region_levels (level, name, name_en) VALUES (0, '市', 'City') "
        "ON CONFLICT (level) DO NOTHING");
  }

  County AddCounty() {
    const std::int64_t k = county_count_++;
    const domain::Region& city = cities_[static_cast<std::size_t>(k % kCities)];
    if (k / kCities >= 99) throw std::runtime_error("at most 99 counties a city");
    County county;
    std::vector<domain::Region> rows;
    domain::Region c;
    c.id = domain::NewId();
    c.parent_id = city.id;
    c.level = domain::RegionLevel::kCounty;
    county.code6 = city.code.substr(0, 4);
    char two[24];
    std::snprintf(two, sizeof two, "%02lld", static_cast<long long>(k / kCities + 1));
    county.code6 += two;
    c.code = county.code6 + "000000";
    c.name = city.name + "第" + std::to_string(k / kCities + 1) + "县";
    c.path = city.path + std::to_string(c.id) + "/";
    county.id = c.id;
    county.path = c.path;
    rows.push_back(c);
    for (int t = 0; t < kTownshipsPerCounty; ++t) {
      domain::Region town;
      town.id = domain::NewId();
      town.parent_id = c.id;
      town.level = domain::RegionLevel::kTownship;
      town.code = county.code6 + std::to_string(100 + t) + "000";
      town.name = "第" + std::to_string(t + 1) + "镇";
      town.path = c.path + std::to_string(town.id) + "/";
      rows.push_back(town);
      for (int v = 0; v < kVillagesPerTownship; ++v) {
        domain::Region village;
        village.id = domain::NewId();
        village.parent_id = town.id;
        village.level = domain::RegionLevel::kVillage;
        village.code = county.code6 + std::to_string(100 + t) + std::to_string(200 + v);
        village.name = "第" + std::to_string(t + 1) + "镇" + std::to_string(v + 1) + "村";
        village.path = town.path + std::to_string(village.id) + "/";
        rows.push_back(village);
        county.villages.push_back({village.id, village.path, village.code, village.name});
      }
    }
    auto tx = services_.store->Begin();
    tx->Registry().BulkInsertRegions(rows);
    for (int u = 0; u < kUnitsPerCounty; ++u) {
      domain::Unit unit;
      unit.id = domain::NewId();
      unit.name = c.name + kUnitNames[static_cast<std::size_t>(u)];
      unit.kind = domain::UnitKind::kBureau;
      unit.region_id = c.id;
      tx->Registry().InsertUnit(unit);
      county.units.push_back(unit.id);
    }
    for (std::size_t cat = 0; cat < categories_.size(); ++cat) {
      domain::RoutingRule rule;
      rule.id = domain::NewId();
      rule.category_id = categories_[cat];
      rule.region_path = c.path;
      rule.unit_id = county.units[cat % county.units.size()];
      tx->Matters().InsertRoutingRule(rule);
    }
    tx->Commit();
    return county;
  }

  void AddHouseholds(app::StoreTx& tx, County& county, std::int64_t count) {
    std::vector<domain::Household> households;
    std::vector<domain::Resident> residents;
    std::int64_t resident = 0;
    const std::size_t villages = county.villages.size();
    auto flush = [&] {
      tx.Registry().BulkInsertHouseholds(households);
      tx.Registry().BulkInsertResidents(residents);
      households.clear();
      residents.clear();
    };
    for (std::int64_t h = 0; h < count; ++h) {
      const Village& v = county.villages[static_cast<std::size_t>(h) % villages];
      const std::int64_t seq = h / static_cast<std::int64_t>(villages) + 1;
      domain::Household house;
      house.id = domain::NewId();
      house.region_id = v.id;
      house.region_path = v.path;
      char number[32];
      std::snprintf(number, sizeof number, "%s%05lld", v.code.c_str(), static_cast<long long>(seq));
      house.number = number;
      house.address = v.name + std::to_string(seq) + "号";
      const std::uint32_t t = rng_.Below(100);
      if (t < 8) {
        house.tags = {"低保"};
      } else if (t < 11) {
        house.tags = {"低保", "残疾"};
      } else if (t < 14) {
        house.tags = {"留守老人"};
      } else if (t < 15) {
        house.tags = {"五保"};
      }
      house.created_at = house.updated_at = now_;
      const std::uint32_t r = rng_.Below(100);
      const int members = r < 12 ? 1 : r < 34 ? 2 : r < 60 ? 3 : r < 82 ? 4 : r < 94 ? 5 : 6;
      const std::string surname = kSurnames[rng_.Below(kSurnames.size())];
      for (int m = 0; m < members; ++m, ++resident) {
        domain::Resident p;
        p.id = domain::NewId();
        p.household_id = house.id;
        p.region_path = house.region_path;
        p.name = m == 0 || m == 2 || m == 3 ? surname : kSurnames[rng_.Below(kSurnames.size())];
        p.name += kGiven[rng_.Below(kGiven.size())];
        if (rng_.Below(3) != 0) p.name += kGiven[rng_.Below(kGiven.size())];
        const int sequence = static_cast<int>(resident / kBirthDays);
        const std::string birth = BirthDate(resident % kBirthDays);
        std::string compact = birth;
        compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
        p.id_card = domain::MakeIdCard(county.code6, compact, sequence);
        p.sex = sequence % 2 == 1 ? domain::Sex::kMale : domain::Sex::kFemale;
        p.birth_date = birth;
        if (rng_.Below(10) < 7) {
          char digits[32];
          std::snprintf(digits, sizeof digits, "13%09u", rng_.Below(1000000000));
          p.phone = digits;
        }
        p.relation = m == 0 ? "户主" : kRelations[static_cast<std::size_t>(m - 1) % 5];
        const auto pinyin = domain::PersonNamePinyin(p.name);
        p.pinyin = pinyin.full;
        p.initials = pinyin.initials;
        p.created_at = p.updated_at = now_;
        if (m == 0) {
          county_heads_.push_back({house.id, v.id, v.path, house.address, p.name, p.phone});
        }
        residents.push_back(std::move(p));
      }
      households.push_back(std::move(house));
      if (households.size() >= kCopyBatch) flush();
    }
    flush();
    heads_.emplace(county.id, std::move(county_heads_));
    county_heads_.clear();
  }

  struct Head {
    Id household_id;
    Id village_id;
    std::string village_path;
    std::string address;
    std::string name;
    std::string phone;
  };

  std::vector<std::string> DropIndexes(storage::Connection& conn) {
    std::vector<std::string> creates;
    for (const char* table : {"matters", "matter_events", "matter_search_text"}) {
      auto rows = conn.Query(
          "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = $1 AND "
          "i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
          "WHERE c.conname = i.indexname)",
          {std::string(table)});
      for (const auto& row : rows) {
        conn.Execute("DROP INDEX " + row.GetText(0));
        // A partitioned table's index (matters and matter_events on PostgreSQL, V062) reads
        // "CREATE INDEX ... ON ONLY matters": made again like that it would cover no partition and
        // stay invalid. Made without ONLY it is built on every partition.
        std::string create = row.GetText(1);
        if (const auto only = create.find(" ON ONLY "); only != std::string::npos) {
          create.replace(only, 9, " ON ");
        }
        creates.push_back(std::move(create));
      }
    }
    return creates;
  }

  // On PostgreSQL, gives matters and matter_events a partition for every month of the two years
  // the matters are accepted over, when their months start later (a fresh database's start this
  // month) and the early partition below them is still empty: it is dropped and made again below
  // the new first month, as V062 makes it. With rows in it, the table is left as it is and the
  // older ids go to the early partition.
  void PartitionThePast(storage::Connection& conn) {
    if (conn.Query("SELECT (to_regclass('month_partitioned_tables') IS NOT NULL)::int")
            .front()
            .GetInt64(0) == 0) {
      return;
    }
    const std::string first =
        domain::FormatDate(app::StatsMonthStart(static_cast<DayNumber>(today_ - kDays)));
    for (const std::string table : {"matters", "matter_events"}) {
      const auto rows = conn.Query(
          "SELECT first_month::text, (SELECT COUNT(*) FROM " + table +
              "_p_early) FROM month_partitioned_tables WHERE table_name = $1 AND first_month > "
              "$2::date",
          {table, first});
      if (rows.empty()) continue;
      const std::string old_first = rows.front().GetText(0);
      if (rows.front().GetInt64(1) != 0) {
        std::cerr << "scale_gen: " << table << "'s early partition holds rows: its months before "
                  << old_first << " stay in it\n";
        continue;
      }
      conn.Execute("ALTER TABLE " + table + " DETACH PARTITION " + table + "_p_early");
      conn.Execute("DROP TABLE " + table + "_p_early");
      conn.Execute(
          "UPDATE month_partitioned_tables SET first_month = $2::date WHERE table_name = $1",
          {table, first});
      conn.Query(
          "SELECT minqing_make_partition($1, $1 || '_p_early', NULL, "
          "minqing_month_first_id($2::date))",
          {table, first});
      conn.Query("SELECT minqing_ensure_month_partitions($1, $2::date, $3::date)",
                 {table, first, old_first});
      std::cerr << "scale_gen: " << table << " partitioned by month from " << first << "\n";
    }
  }

  void LoadSerials(storage::Connection& conn) {
    for (const auto& row : conn.Query("SELECT day, last FROM matter_day_serials")) {
      serials_[static_cast<DayNumber>(row.GetInt64(0))] = row.GetInt64(1);
    }
  }

  void WriteSerials(storage::Connection& conn) {
    std::vector<storage::Params> rows;
    for (const auto& [day, last] : serials_) rows.push_back({std::int64_t{day}, last});
    conn.ExecuteScript("DELETE FROM matter_day_serials");
    conn.CopyRows("matter_day_serials", {"day", "last"}, rows);
  }

  // Books the counters of one step, keeps its timeline events and moves the matter on.
  void Step(domain::Matter& m, const domain::MatterCommand& command, Epoch at,
            std::optional<Id> user) {
    domain::Transition t = domain::Apply(m, command, at, 1);  // Counties stand under city roots.
    if (t.refusal) throw std::logic_error("scale_gen: " + t.refusal->code);
    for (const auto& d : t.counters) {
      const std::string dim(domain::StatsDimensionCode(d.dimension));
      for (int month = 0; month < 2; ++month) {
        CellKey key{month ? dim + std::string(app::kStatsMonthSuffix) : dim, d.key, d.key2,
                    month ? app::StatsMonthStart(d.day) : d.day};
        Cell& cell = cells_[key];
        if (cell.path.empty()) cell.path = d.path;
        cell.counters += d.counters;
      }
    }
    for (const auto& e : t.events) {
      domain::MatterEvent event;
      const auto index = static_cast<std::int64_t>(events_.size() - first_event_);
      if (index >= kEventsPerMatter || t.at - m.accepted_at >= kEventDayCycle * 86400) {
        throw std::logic_error("scale_gen: an event outside the id scheme");
      }
      event.id = PastId(t.at, ((matter_day_ % kEventDayCycle) * kMaxDaySerial + matter_serial_) *
                                      kEventsPerMatter +
                                  index);
      event.matter_id = m.id;
      event.kind = e.kind;
      event.at = t.at;
      event.user_id = user;
      event.user_name = user ? "窗口" : "承办单位";
      event.from_unit_id = e.from_unit_id;
      event.to_unit_id = e.to_unit_id;
      event.text = e.text;
      event.internal = e.internal;
      event.attachment_ids = e.attachment_ids;
      events_.push_back(std::move(event));
    }
    m = std::move(t.matter);
  }

  void AddMatters(storage::Connection& conn, const County& county) {
    const auto& heads = heads_.at(county.id);
    const auto count = static_cast<std::int64_t>(heads.size()) * matters_per_household_;
    std::vector<storage::Params> matters;
    std::vector<storage::Params> events;
    std::vector<storage::Params> texts;
    auto flush = [&] {
      conn.CopyRows("matters", kMatterColumns, matters);
      conn.CopyRows("matter_events", kEventColumns, events);
      conn.CopyRows("matter_search_text", {"matter_id", "text", "tokens"}, texts);
      matters.clear();
      events.clear();
      texts.clear();
    };
    for (std::int64_t i = 0; i < count; ++i) {
      const Head& p = heads[rng_.Below(heads.size())];
      const std::size_t c = rng_.Below(categories_.size());
      const DayNumber day = today_ - static_cast<DayNumber>(rng_.Below(kDays));
      Epoch accepted = domain::ChinaDayStart(day) + 8 * 3600 + rng_.Below(9 * 3600);
      if (accepted > now_) accepted = now_ - 60;
      const MatterText& text = kTexts[rng_.Below(kTexts.size())];
      const std::int64_t serial = ++serials_[day];
      if (serial >= kMaxDaySerial) {
        throw std::runtime_error("scale_gen: more than " + std::to_string(kMaxDaySerial - 1) +
                                 " matters in one day: the generated ids would repeat");
      }
      domain::Matter m;
      m.id = PastId(accepted, serial);
      matter_day_ = day;
      matter_serial_ = serial;
      m.type = static_cast<domain::MatterType>(1 + rng_.Below(5));
      m.category_id = categories_[c];
      m.channel = static_cast<domain::MatterChannel>(1 + rng_.Below(7));
      m.urgency = domain::Urgency::kNormal;
      m.household_id = p.household_id;
      m.caller_name = p.name;
      m.caller_phone =
          p.phone.empty() ? "1380000" + std::to_string(1000 + rng_.Below(9000)) : p.phone;
      m.region_id = p.village_id;
      m.region_path = p.village_path;
      m.title = text.title;
      m.content = text.content;
      m.address = p.address;
      m.accepted_by = clerk_;
      m.accepted_at = accepted;
      char token[33];
      std::snprintf(token, sizeof token, "%08x%08x%08x%08x", rng_.Next(), rng_.Next(), rng_.Next(),
                    rng_.Next());
      m.public_token = token;
      m.number = domain::MatterNumber(domain::FormatDate(day), serial);
      m.response_due_at = accepted + 4 * 3600;
      m.due_at = accepted + 7 * 86400;
      const std::size_t first_event = events_.size();
      first_event_ = first_event;
      Step(m, domain::AcceptCommand(clerk_, false, ""), accepted, clerk_);
      const Id unit = county.units[c % county.units.size()];
      Step(m, domain::DispatchCommand(clerk_, unit, "", std::nullopt, ""), accepted, clerk_);
      const Epoch responded = accepted + 3600;
      const Epoch age = now_ - accepted;
      const bool stuck = rng_.Below(10000) < (age < 60 * 86400 ? 2500u : 100u);
      if (responded < now_) Step(m, domain::UnitAcceptCommand(0), responded, std::nullopt);
      if (stuck || age < 3 * 86400) {
        if (m.due_at < now_) {
          Step(m, domain::EscalateCommand(1, "乡镇"), m.due_at + 60, std::nullopt);
        }
        m.updated_at = std::max(m.updated_at, responded < now_ ? responded : accepted);
      } else {
        Step(m, domain::ReplyCommand(0, "经核实已处理"), accepted + 2 * 86400, std::nullopt);
        Step(m,
             domain::ConfirmCommand(0, true, 4 + static_cast<int>(rng_.Below(2)), "", "sms_code"),
             accepted + 3 * 86400 - 3600, std::nullopt);
        m.updated_at = *m.closed_at;
      }
      const std::vector<domain::MatterEvent> own(events_.begin() + static_cast<long>(first_event),
                                                 events_.end());
      events_.clear();
      const std::string document = domain::MatterSearchDocument(m, own);
      std::string tokens;
      for (const auto& token_text : domain::SearchDocumentTokens(document)) {
        if (!tokens.empty()) tokens += ' ';
        tokens += token_text;
      }
      matters.push_back(storage::MatterParams(m));
      for (const auto& e : own) {
        events.push_back({e.id, e.matter_id, static_cast<std::int64_t>(e.kind), e.at,
                          Optional(e.user_id), e.user_name, Optional(e.from_unit_id),
                          Optional(e.to_unit_id), e.text, std::int64_t{e.internal ? 1 : 0},
                          storage::EncodeIds(e.attachment_ids)});
      }
      texts.push_back({m.id, document, tokens});
      ++added_matters_;
      if (matters.size() >= kCopyBatch) flush();
    }
    flush();
    std::cerr << "scale_gen: county " << county.path << ": " << count << " matters\n";
  }

  // Adds the summed cells to matter_stats, as AddStats adds (an existing cell is incremented).
  void WriteCells(storage::Connection& conn) {
    conn.ExecuteScript(
        "CREATE TEMPORARY TABLE scale_stats_load AS SELECT * FROM matter_stats WHERE false");
    std::vector<storage::Params> rows;
    auto flush = [&] {
      conn.CopyRows("scale_stats_load", kStatsColumns, rows);
      rows.clear();
    };
    for (const auto& [key, cell] : cells_) {
      const domain::RateCounters& c = cell.counters;
      rows.push_back({key.dimension, key.key, key.key2, cell.path, std::int64_t{key.day},
                      c.received, c.responded, c.responded_on_time, c.replied, c.replied_on_time,
                      c.rated, c.solved, c.satisfied, c.reopened, c.overdue, c.extended,
                      c.excluded});
      if (rows.size() >= kCopyBatch) flush();
    }
    flush();
    std::string merge =
        "INSERT INTO matter_stats SELECT * FROM scale_stats_load "
        "ON CONFLICT (dimension, key_id, key2, day) DO UPDATE SET path = excluded.path";
    for (std::size_t i = 5; i < kStatsColumns.size(); ++i) {
      merge += ", " + kStatsColumns[i] + " = matter_stats." + kStatsColumns[i] + " + excluded." +
               kStatsColumns[i];
    }
    conn.ExecuteScript(merge);
    conn.ExecuteScript("DROP TABLE scale_stats_load");
    cells_.clear();
  }

  app::Services services_;
  std::unique_ptr<storage::Database> raw_;
  std::int64_t matters_per_household_;
  std::int64_t households_per_county_;
  Epoch now_;
  DayNumber today_;
  Rng rng_{20261204};
  Id clerk_ = 0;
  std::vector<domain::Region> cities_;
  std::vector<Id> categories_;
  std::int64_t county_count_ = 0;
  std::vector<Head> county_heads_;
  std::unordered_map<Id, std::vector<Head>> heads_;
  std::map<DayNumber, std::int64_t> serials_;
  std::map<CellKey, Cell> cells_;
  std::vector<domain::MatterEvent> events_;
  std::int64_t added_matters_ = 0;
  // The matter Step moves: its acceptance day, serial and first event (for the events' ids).
  DayNumber matter_day_ = 0;
  std::int64_t matter_serial_ = 0;
  std::size_t first_event_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: scale_gen URL HOUSEHOLDS [--matters-per-household 2] "
                 "[--households-per-county 100000]\n";
    return 2;
  }
  std::int64_t matters = 2;
  std::int64_t per_county = 100000;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--matters-per-household") {
      matters = std::stoll(argv[i + 1]);
    } else if (flag == "--households-per-county") {
      per_county = std::stoll(argv[i + 1]);
    } else {
      std::cerr << "scale_gen: unknown option " << flag << "\n";
      return 2;
    }
  }
  try {
    Generator generator(argv[1], matters, per_county);
    generator.Grow(std::stoll(argv[2]));
  } catch (const std::exception& e) {
    std::cerr << "scale_gen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
