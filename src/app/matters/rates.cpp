#include "app/matters/rates.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::MatterStatus;
using domain::Permission;
using domain::Role;
using domain::StatsDimension;
using domain::Trim;
using domain::Utf8Length;
using domain::Utf8Prefix;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace {

std::string_view Code(StatsDimension dimension) { return domain::StatsDimensionCode(dimension); }

std::pair<domain::DayNumber, domain::DayNumber> Period(const PeriodQuery& q, domain::Epoch now) {
  domain::DayNumber today = domain::ChinaDay(now);
  domain::DayNumber to = today, from = today - 29;
  if (!q.to.empty()) {
    auto d = domain::ParseDate(q.to);
    if (!d) Invalid("to", "date.invalid", "日期格式应为 YYYY-MM-DD");
    to = *d;
  }
  if (!q.from.empty()) {
    auto d = domain::ParseDate(q.from);
    if (!d) Invalid("from", "date.invalid", "日期格式应为 YYYY-MM-DD");
    from = *d;
  } else {
    from = to - 29;
  }
  if (from > to) Invalid("from", "period.invalid", "开始日期不能晚于结束日期");
  return {from, to};
}

}  // namespace

namespace {

// "87.5%", or empty when the rate has no denominator.
std::string PercentText(std::optional<double> rate) {
  if (!rate) return "";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", *rate * 100);
  return text;
}

std::vector<std::string> RatesExportRow(const std::string& name, const domain::RateCounters& c) {
  const domain::ThreeRates rates = domain::ComputeRates(c);
  return {name,
          std::to_string(c.received),
          std::to_string(c.responded),
          std::to_string(c.responded_on_time),
          PercentText(rates.response_rate),
          std::to_string(c.replied),
          std::to_string(c.replied_on_time),
          std::to_string(c.rated),
          std::to_string(c.solved),
          PercentText(rates.resolution_rate),
          std::to_string(c.satisfied),
          PercentText(rates.satisfaction_rate),
          std::to_string(c.reopened),
          std::to_string(c.overdue),
          std::to_string(c.extended),
          std::to_string(c.excluded)};
}

}  // namespace

formats::Table RatesService::ExportRates(const Actor& actor, const std::string& dimension,
                                         const PeriodQuery& period) {
  auto rows = Rates(actor, dimension, period);
  formats::Table table;
  table.header = {std::string(domain::StatsDimensionLabel(*domain::ParseStatsDimension(dimension))),
                  "受理量",
                  "已响应",
                  "按时响应",
                  "响应率",
                  "已答复",
                  "按时答复",
                  "参评数",
                  "已解决",
                  "解决率",
                  "满意数",
                  "满意率",
                  "重新打开",
                  "逾期",
                  "延期",
                  "核减"};
  using formats::CellKind;
  table.kinds.assign(table.header.size(), CellKind::kNumber);
  table.kinds[0] = CellKind::kText;
  for (std::size_t rate : {4, 9, 11}) table.kinds[rate] = CellKind::kPercent;
  domain::RateCounters total;
  for (const auto& row : rows) {
    table.rows.push_back(RatesExportRow(row.name, row.counters));
    total += row.counters;
  }
  // The sum of the rows: for units, a transferred matter counts once for each unit it reached.
  table.rows.push_back(RatesExportRow("合计", total));
  return table;
}

std::vector<RatesRow> RatesService::Rates(const Actor& actor, const std::string& dimension,
                                          const PeriodQuery& period) {
  Require(actor, Permission::kMatterExport);
  // By code only, and not the township or county breakdowns of categories, which only the
  // dashboard reads.
  const auto dim = domain::ParseStatsDimension(dimension);
  if (!dim || domain::StatsDimensionCode(*dim) != dimension ||
      *dim == StatsDimension::kCategoryTownship || *dim == StatsDimension::kCategoryCounty) {
    Invalid("dimension", "rates.bad_dimension",
            "维度应为 unit、assist_unit、region、person 或 category");
  }
  auto [from, to] = Period(period, actor.now);
  auto tx = context_.store().BeginReplicaRead(actor.read_fence);
  std::string prefix = PrefixFor(*tx, actor, period.region_id);
  std::string stats_prefix = *dim == StatsDimension::kRegion ? prefix : "";
  std::map<Id, std::string> names;
  if (*dim == StatsDimension::kUnit || *dim == StatsDimension::kAssistUnit) {
    for (const auto& u : tx->Registry().ListUnits()) names[u.id] = u.name;
  } else if (*dim == StatsDimension::kCategory) {
    for (const auto& c : tx->Matters().ListCategories()) names[c.id] = c.name;
    names[0] = "未分类";
  } else if (*dim == StatsDimension::kRegion) {
    for (const auto& r : tx->Registry().ListRegionsUnder(prefix, std::nullopt))
      names[r.id] = r.name;
  }
  std::vector<RatesRow> rows;
  for (const auto& row : tx->Matters().SumStats(dimension, from, to, stats_prefix)) {
    RatesRow r;
    r.key = row.key;
    r.counters = row.counters;
    r.rates = domain::ComputeRates(row.counters);
    if (*dim == StatsDimension::kPerson) {
      auto user = tx->Accounts().FindUser(row.key);
      r.name = user ? (user->display_name.empty() ? user->username : user->display_name) : "";
    } else {
      r.name = names.count(row.key) ? names[row.key] : std::to_string(row.key);
    }
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const RatesRow& a, const RatesRow& b) {
    return a.counters.received > b.counters.received;
  });
  return rows;
}

Dashboard RatesService::GetDashboard(const Actor& actor, const PeriodQuery& period) {
  Require(actor, Permission::kMatterExport);
  auto [from, to] = Period(period, actor.now);
  auto tx = context_.store().BeginReplicaRead(actor.read_fence);
  std::string prefix = PrefixFor(*tx, actor, period.region_id);
  auto& repo = tx->Matters();
  Dashboard d;
  std::map<Id, std::string> category_names, unit_names;
  for (const auto& c : repo.ListCategories()) category_names[c.id] = c.name;
  category_names[0] = "未分类";
  for (const auto& u : tx->Registry().ListUnits()) unit_names[u.id] = u.name;

  // A scope of several counties (a province's, a city's) is broken down by county from the
  // category × county cells (categories × counties keys, whatever the number of townships);
  // otherwise by township from the category × township cells. Either holds the scope's totals,
  // booked with the region cells. Below a township (a village scope, whose prefix no township
  // path matches) the totals come from the region cells.
  std::vector<domain::Region> counties =
      tx->Registry().ListRegionsUnder(prefix, domain::RegionLevel::kCounty);
  const bool by_county = counties.size() >= 2;
  d.breakdown_level = by_county ? domain::RegionLevel::kCounty : domain::RegionLevel::kTownship;
  std::map<Id, std::string> region_names;
  for (const auto& r : by_county ? counties : tx->Registry().ListRegionsUnder(prefix, std::nullopt))
    region_names[r.id] = r.name;
  auto region_name = [&](Id id) {
    auto it = region_names.find(id);
    return it == region_names.end() ? std::to_string(id) : it->second;
  };
  const StatsDimension breakdown =
      by_county ? StatsDimension::kCategoryCounty : StatsDimension::kCategoryTownship;
  const auto depth = static_cast<std::size_t>(std::count(prefix.begin(), prefix.end(), '/'));
  const std::size_t county_index = CountyIndex(*tx, prefix);
  const bool county_or_more = depth <= 2 + county_index;  // Every scope of several counties too.
  const bool township_or_more = county_or_more || depth <= 3 + county_index;
  std::map<Id, domain::RateCounters> by_region;
  std::vector<StatsRow> category_region = repo.SumStats(Code(breakdown), from, to, prefix);
  for (const auto& row : category_region) {
    by_region[row.key2] += row.counters;
    if (township_or_more) d.totals += row.counters;
  }
  if (!township_or_more) {
    for (const auto& row : repo.SumStats(Code(StatsDimension::kRegion), from, to, prefix))
      d.totals += row.counters;
  }
  d.rates = domain::ComputeRates(d.totals);
  for (const auto& [id, counters] : by_region) {
    d.townships.push_back({id, region_name(id), counters, domain::ComputeRates(counters)});
  }
  for (const auto& row : repo.SumStats(Code(StatsDimension::kUnit), from, to, "")) {
    d.units.push_back({row.key, unit_names.count(row.key) ? unit_names[row.key] : "", row.counters,
                       domain::ComputeRates(row.counters)});
  }
  std::sort(d.units.begin(), d.units.end(), [](const RatesRow& a, const RatesRow& b) {
    return a.counters.received > b.counters.received;
  });

  // Volumes by category: everything from the category cells; a county or more from the category
  // × county cells under its prefix, a township from its category × township cells, which hold
  // the same counts (a county's days are categories × days cells, not × townships). Below a
  // township only the region cells, without categories.
  std::map<domain::DayNumber, VolumeDay> days;
  for (domain::DayNumber day = from; day <= to; ++day) days[day].day = domain::FormatDate(day);
  if (township_or_more) {
    const std::string_view dimension = Code(prefix.empty()   ? StatsDimension::kCategory
                                            : county_or_more ? StatsDimension::kCategoryCounty
                                                             : StatsDimension::kCategoryTownship);
    for (const auto& c : repo.DailyReceived(dimension, from, to, prefix)) {
      auto& v = days[c.day];
      v.total += c.count;
      v.by_category.push_back(
          {c.key, category_names.count(c.key) ? category_names[c.key] : "", c.count});
    }
  } else {
    for (const auto& c : repo.DailyReceived(Code(StatsDimension::kRegion), from, to, prefix))
      days[c.day].total += c.count;
  }
  for (auto& [day, v] : days) d.volumes.push_back(std::move(v));

  // Top categories per township (or county).
  std::map<Id, std::vector<std::pair<std::string, std::int64_t>>> top;
  for (const auto& row : category_region) {
    top[row.key2].push_back(
        {category_names.count(row.key) ? category_names[row.key] : "", row.counters.received});
  }
  for (auto& [region, cats] : top) {
    std::sort(cats.begin(), cats.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (cats.size() > 5) cats.resize(5);
    d.top_categories_by_township.push_back({region, region_name(region), cats});
  }

  MatterFilter overdue;
  overdue.region_path_prefix = ListPrefix(*tx, prefix);
  overdue.due_before = actor.now;
  overdue.without_total = true;  // The dashboard shows the first 20, not a count.
  d.overdue = repo.ListMatters(overdue, {0, 20, "due_at"}).items;
  context_.region_labels().Fill(actor, d.overdue);
  return d;
}

}  // namespace minqing::app
