#include "app/scorecards/scorecards.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/window_ratings.hpp"
#include "domain/authz.hpp"
#include "domain/matter_rules.hpp"
#include "domain/scorecard.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::AgreementItemKind;
using domain::Permission;
using domain::Role;

namespace {

constexpr std::string_view kDefaultsSetting = "scorecard.defaults";
constexpr std::size_t kMaxNoteChars = 500;

[[noreturn]] void Invalid(const std::string& field, const std::string& code,
                          const std::string& message) {
  throw domain::InvalidInput("validation.failed", message, {{field, code, message}});
}

std::string ManualSetting(domain::Id posting_id, int year) {
  return "scorecard.manual." + std::to_string(posting_id) + "." + std::to_string(year);
}

// Numbers as stored and shown: up to two decimals, no trailing zeros.
std::string Num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string s = text;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(line);
  while (std::getline(in, part, sep)) parts.push_back(part);
  if (!line.empty() && line.back() == sep) parts.emplace_back();
  return parts;
}

std::optional<double> ParseNumber(const std::string& text) {
  try {
    std::size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// "code<TAB>weight<TAB>target" lines; unreadable lines are skipped.
std::vector<ScorecardDefault> ParseDefaults(const std::string& text) {
  std::vector<ScorecardDefault> items;
  for (const auto& line : Split(text, '\n')) {
    auto parts = Split(line, '\t');
    if (parts.size() < 3) continue;
    auto kind = domain::ParseAgreementItemKind(parts[0]);
    auto weight = ParseNumber(parts[1]);
    auto target = ParseNumber(parts[2]);
    if (!kind || !weight || !target) continue;
    items.push_back({*kind, *weight, *target});
  }
  return items;
}

std::string FormatDefaults(const std::vector<ScorecardDefault>& items) {
  std::string text;
  for (const auto& item : items) {
    text += std::string(domain::InfoOf(item.kind).code) + "\t" + Num(item.weight) + "\t" +
            Num(item.target) + "\n";
  }
  return text;
}

struct ManualEntry {
  double actual = 0;
  domain::Id by = 0;
  domain::Epoch at = 0;
  std::string note;
};

// "code<TAB>actual<TAB>by<TAB>at<TAB>note" lines (the note has no tab or line break).
std::map<AgreementItemKind, ManualEntry> ParseManual(const std::string& text) {
  std::map<AgreementItemKind, ManualEntry> entries;
  for (const auto& line : Split(text, '\n')) {
    auto parts = Split(line, '\t');
    if (parts.size() < 5) continue;
    auto kind = domain::ParseAgreementItemKind(parts[0]);
    auto actual = ParseNumber(parts[1]);
    if (!kind || !actual) continue;
    ManualEntry e;
    e.actual = *actual;
    e.by = std::strtoll(parts[2].c_str(), nullptr, 10);
    e.at = std::strtoll(parts[3].c_str(), nullptr, 10);
    e.note = parts[4];
    entries[*kind] = e;
  }
  return entries;
}

std::string FormatManual(const std::map<AgreementItemKind, ManualEntry>& entries) {
  std::string text;
  for (const auto& [kind, e] : entries) {
    text += std::string(domain::InfoOf(kind).code) + "\t" + Num(e.actual) + "\t" +
            std::to_string(e.by) + "\t" + std::to_string(e.at) + "\t" + e.note + "\n";
  }
  return text;
}

std::vector<ScorecardDefault> LoadDefaults(StoreTx& tx) {
  auto text = tx.Settings().FindSetting(kDefaultsSetting);
  if (!text) return ScorecardService::BuiltInDefaults();
  auto items = ParseDefaults(*text);
  return items.empty() ? ScorecardService::BuiltInDefaults() : items;
}

struct Period {
  int year = 0;
  domain::DayNumber from = 0;
  domain::DayNumber to = 0;
  std::string from_text;
  std::string to_text;
  domain::Epoch start = 0;  // Inclusive.
  domain::Epoch end = 0;    // Exclusive.
};

Period PeriodOf(const ScorecardQuery& q) {
  if (q.year < 2000 || q.year > 2100)
    Invalid("year", "scorecard.bad_year", "年度应在 2000 至 2100 之间");
  Period p;
  p.year = q.year;
  const std::string y = std::to_string(q.year);
  p.from = *domain::ParseDate(y + "-01-01");
  p.to = *domain::ParseDate(y + "-12-31");
  if (!q.from.empty()) {
    auto d = domain::ParseDate(q.from);
    if (!d) Invalid("from", "date.invalid", "日期格式应为 YYYY-MM-DD");
    p.from = *d;
  }
  if (!q.to.empty()) {
    auto d = domain::ParseDate(q.to);
    if (!d) Invalid("to", "date.invalid", "日期格式应为 YYYY-MM-DD");
    p.to = *d;
  }
  if (p.from > p.to) Invalid("from", "period.invalid", "开始日期不能晚于结束日期");
  p.from_text = domain::FormatDate(p.from);
  p.to_text = domain::FormatDate(p.to);
  p.start = domain::ChinaDayStart(p.from);
  p.end = domain::ChinaDayStart(p.to + 1);
  return p;
}

bool OverlapsPeriod(const domain::Posting& posting, const Period& p) {
  return domain::PeriodsOverlap(posting.from, posting.to, p.from_text, p.to_text);
}

// The part of the period the posting covers: what the person did before or after their posting
// (a predecessor's visits, a successor's matters) is not theirs. Empty when they do not overlap.
Period ClipToPosting(Period p, const domain::Posting& posting) {
  if (auto from = domain::ParseDate(posting.from); from && *from > p.from) p.from = *from;
  if (posting.to) {
    if (auto to = domain::ParseDate(*posting.to); to && *to < p.to) p.to = *to;
  }
  if (p.from > p.to) {
    p.to = p.from - 1;  // Nothing: SumStats reads no day, [start, end) holds no instant.
    p.end = p.start = domain::ChinaDayStart(p.from);
  } else {
    p.start = domain::ChinaDayStart(p.from);
    p.end = domain::ChinaDayStart(p.to + 1);
  }
  p.from_text = domain::FormatDate(p.from);
  p.to_text = domain::FormatDate(std::max(p.from, p.to));
  return p;
}

// A posted person reads their own postings' cards; a village assistant nothing else; other
// readers the postings of villages in their region scope.
bool MayRead(const Actor& actor, const domain::Posting& posting) {
  if (!domain::RoleHas(actor.user.role, Permission::kReadScorecards)) return false;
  if (posting.user_id == actor.user.id) return true;
  if (actor.user.role == Role::kVillageAssistant) return false;
  return domain::RegionInScope(actor.user, posting.region_path);
}

bool MayEnter(const Actor& actor, const domain::Posting& posting) {
  return domain::RoleHas(actor.user.role, Permission::kEnterScorecards) &&
         posting.user_id != actor.user.id && domain::RegionInScope(actor.user, posting.region_path);
}

domain::Posting LoadPosting(StoreTx& tx, domain::Id id) {
  auto posting = tx.Postings().FindPosting(id);
  if (!posting) throw domain::NotFound("posting.not_found", "派驻记录不存在");
  return *posting;
}

std::string Query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    out += out.empty() ? "?" : "&";
    out += k;
    out += "=";
    out += v;
  }
  return out;
}

// What a ranking computes once for the cards of one period: the window ratings of the county.
struct Shared {
  std::map<std::pair<domain::Epoch, domain::Epoch>, RatingStats> ratings;
};

Scorecard ComputeWith(StoreTx& tx, const domain::Posting& posting, const Period& asked,
                      Shared& shared) {
  const Period period = ClipToPosting(asked, posting);
  Scorecard card;
  card.posting = posting;
  card.year = period.year;
  card.from = period.from_text;
  card.to = period.to_text;

  const auto defaults = LoadDefaults(tx);
  std::map<AgreementItemKind, ScorecardDefault> county;
  for (const auto& d : defaults) county[d.kind] = d;

  struct Planned {
    AgreementItemKind kind;
    std::string label;
    std::string unit;
    double weight;
    double target;
    std::optional<double> agreement_target;
  };
  std::vector<Planned> planned;
  auto agreement = tx.Postings().FindAgreementOf(posting.id, period.year);
  if (agreement && agreement->signed_on) {
    card.agreement_id = agreement->id;
    card.agreement_signed_on = *agreement->signed_on;
    for (const auto& item : agreement->items) {
      planned.push_back({item.kind, item.label, item.unit, item.weight, item.target, item.target});
    }
  } else {
    for (const auto& d : defaults) {
      const auto& info = domain::InfoOf(d.kind);
      planned.push_back({d.kind, std::string(info.label), std::string(info.default_unit), d.weight,
                         d.target, std::nullopt});
    }
  }

  const std::string village = std::to_string(posting.region_id);
  const std::string user = std::to_string(posting.user_id);
  const auto manual = [&] {
    auto text = tx.Settings().FindSetting(ManualSetting(posting.id, period.year));
    return text ? ParseManual(*text) : std::map<AgreementItemKind, ManualEntry>{};
  }();

  // Lazily counted figures, each read once per card.
  std::optional<domain::ThreeRates> rates;
  auto village_rates = [&]() -> const domain::ThreeRates& {
    if (!rates) {
      domain::RateCounters total;
      for (const auto& row :
           tx.Matters().SumStats("region", period.from, period.to, posting.region_path)) {
        total += row.counters;
      }
      rates = domain::ComputeRates(total);
    }
    return *rates;
  };

  std::vector<domain::ScoreLine> score_lines;
  for (const auto& plan : planned) {
    ScorecardLine line;
    line.kind = plan.kind;
    line.label = plan.label;
    line.unit = plan.unit;
    line.weight = plan.weight;
    line.target = plan.target;
    line.agreement_target = plan.agreement_target;
    if (county.count(plan.kind) && plan.kind != AgreementItemKind::kCustom) {
      line.county_target = county[plan.kind].target;
    }
    line.source = "computed";
    switch (plan.kind) {
      case AgreementItemKind::kVisitCoverage: {
        const std::int64_t households = tx.Network().CoverageOf(posting.region_id).households;
        std::int64_t confirmed = 0;
        for (const auto& [id, n] : tx.Network().ConfirmedHouseholdsByVillage(
                 posting.region_path, period.start, period.end)) {
          if (id == posting.region_id) confirmed += n;
        }
        line.count = confirmed;
        line.of = households;
        if (households > 0) line.actual = confirmed * 100.0 / households;
        line.link = Query({{"region_id", village},
                           {"from", period.from_text},
                           {"to", period.to_text},
                           {"confirmed", "true"}})
                        .insert(0, "/diary");
        break;
      }
      case AgreementItemKind::kConsultations: {
        MatterFilter filter;
        filter.region_path_prefix = posting.region_path;
        filter.accepted_from = period.start;
        filter.accepted_to = period.end;
        const auto page = tx.Matters().ListMatters(filter, {0, 1, ""});
        line.count = page.total;
        line.actual = static_cast<double>(page.total);
        line.link =
            Query({{"region_id", village}, {"from", period.from_text}, {"to", period.to_text}})
                .insert(0, "/matters");
        break;
      }
      case AgreementItemKind::kErrandsOnTime: {
        std::int64_t done = 0, on_time = 0;
        for (const auto& e : tx.Matters().ListErrands(std::nullopt, posting.user_id)) {
          if (e.created_at < period.start || e.created_at >= period.end) continue;
          if (e.status != domain::ErrandStatus::kDone &&
              e.status != domain::ErrandStatus::kReturned) {
            continue;
          }
          ++done;
          domain::Epoch due = domain::ChinaDayEnd(domain::ChinaDay(e.created_at) + kErrandDueDays);
          if (e.matter_id) {
            if (auto m = tx.Matters().FindMatter(*e.matter_id); m && m->due_at > 0) due = m->due_at;
          }
          if (e.updated_at <= due) ++on_time;
        }
        line.count = on_time;
        line.of = done;
        line.actual = static_cast<double>(on_time);
        line.link =
            Query({{"assistant_id", user}, {"from", period.from_text}, {"to", period.to_text}})
                .insert(0, "/errands");
        break;
      }
      case AgreementItemKind::kResponseRate:
      case AgreementItemKind::kResolutionRate:
      case AgreementItemKind::kSatisfactionRate: {
        const auto& r = village_rates();
        const auto& rate = plan.kind == AgreementItemKind::kResponseRate     ? r.response_rate
                           : plan.kind == AgreementItemKind::kResolutionRate ? r.resolution_rate
                                                                             : r.satisfaction_rate;
        if (rate) line.actual = *rate * 100;
        line.link =
            Query({{"region_id", village}, {"from", period.from_text}, {"to", period.to_text}})
                .insert(0, "/matters");
        break;
      }
      case AgreementItemKind::kWindowRating: {
        const auto key = std::make_pair(period.start, period.end);
        auto it = shared.ratings.find(key);
        if (it == shared.ratings.end()) {
          it = shared.ratings.emplace(key, AggregateWindowRatings(tx, "", key.first, key.second))
                   .first;
        }
        for (const auto& row : it->second.clerks) {
          if (row.id && *row.id == posting.user_id) {
            line.count = row.figures.count;
            if (row.figures.count > 0) line.actual = row.figures.Average();
          }
        }
        if (!line.count) line.count = 0;
        line.link = Query({{"clerk_id", user}, {"from", period.from_text}, {"to", period.to_text}})
                        .insert(0, "/window-ratings");
        break;
      }
      case AgreementItemKind::kProsperProjects:
      case AgreementItemKind::kMeetingsAttended:
      case AgreementItemKind::kCustom:
        line.source = "none";
        break;
    }
    if (!domain::ScoreKindComputed(plan.kind)) {
      auto it = manual.find(plan.kind);
      if (it != manual.end()) {
        line.source = "manual";
        line.actual = it->second.actual;
        line.note = it->second.note;
        line.entered_at = it->second.at;
        if (auto by = tx.Accounts().FindUser(it->second.by)) {
          line.entered_by = by->display_name.empty() ? by->username : by->display_name;
        }
      }
    }
    score_lines.push_back({plan.kind, plan.label, plan.target, plan.weight, line.actual});
    card.lines.push_back(std::move(line));
  }
  const domain::Scorecard scored = domain::ScoreLines(score_lines);
  for (std::size_t i = 0; i < card.lines.size(); ++i) {
    card.lines[i].achievement = scored.lines[i].achievement;
    card.lines[i].points = scored.lines[i].points;
  }
  card.points = scored.points;
  card.max_points = scored.max_points;
  card.percent = scored.Percent();
  return card;
}

std::vector<domain::Posting> PostingsIn(StoreTx& tx, const std::string& path,
                                        std::optional<domain::PostingRole> role,
                                        const Period& period) {
  PostingFilter filter;
  filter.region_path = path;
  filter.role = role;
  std::vector<domain::Posting> out;
  for (std::int64_t offset = 0;; offset += 500) {
    auto page = tx.Postings().ListPostings(filter, {offset, 500, ""});
    for (auto& p : page.items) {
      if (OverlapsPeriod(p, period)) out.push_back(std::move(p));
    }
    if (page.items.size() < 500) break;
  }
  return out;
}

std::string ActualText(const ScorecardLine& line) {
  if (!line.actual) return line.source == "none" ? "尚无数据来源" : "无数据";
  return Num(*line.actual) + line.unit + (line.source == "manual" ? "（人工填报）" : "");
}

}  // namespace

std::vector<ScorecardDefault> ScorecardService::BuiltInDefaults() {
  using K = AgreementItemKind;
  return {
      {K::kVisitCoverage, 20, 90},  {K::kConsultations, 15, 20},    {K::kErrandsOnTime, 15, 10},
      {K::kResponseRate, 10, 95},   {K::kResolutionRate, 10, 90},   {K::kSatisfactionRate, 10, 90},
      {K::kProsperProjects, 10, 2}, {K::kMeetingsAttended, 10, 10}, {K::kWindowRating, 0, 4.5},
  };
}

Scorecard ScorecardService::Compute(StoreTx& tx, const domain::Posting& posting,
                                    const ScorecardQuery& query) {
  Shared shared;
  return ComputeWith(tx, posting, PeriodOf(query), shared);
}

Scorecard ScorecardService::Card(const Actor& actor, domain::Id posting_id,
                                 const ScorecardQuery& query) {
  Require(actor, Permission::kReadScorecards);
  auto tx = store_.BeginRead();
  const domain::Posting posting = LoadPosting(*tx, posting_id);
  if (!MayRead(actor, posting)) {
    throw domain::Forbidden("auth.forbidden", "无权查看该考核记分卡");
  }
  const Period period = PeriodOf(query);
  Shared shared;
  Scorecard card = ComputeWith(*tx, posting, period, shared);
  card.may_enter = MayEnter(actor, posting);
  return card;
}

Ranking ScorecardService::Rank(const Actor& actor, std::optional<domain::Id> region_id,
                               const std::string& role, const ScorecardQuery& query) {
  Require(actor, Permission::kReadScorecards);
  auto tx = store_.BeginRead();
  Ranking ranking;
  std::string path = actor.user.scope_region_path;
  ranking.region_name = actor.user.scope_region_name;
  if (actor.user.scope_region_id) ranking.region_id = *actor.user.scope_region_id;
  if (region_id) {
    auto region = tx->Registry().FindRegion(*region_id);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    Require(actor, Permission::kReadScorecards, region->path);
    path = region->path;
    ranking.region_id = region->id;
    ranking.region_name = region->name;
  }
  const std::string role_code = role.empty() ? "village_affairs_assistant" : role;
  auto parsed = domain::ParsePostingRole(role_code);
  if (!parsed) Invalid("role", "posting.bad_role", "岗位不正确");
  ranking.role = role_code;
  const Period period = PeriodOf(query);
  ranking.year = period.year;
  Shared shared;
  std::vector<double> totals;
  for (const auto& posting : PostingsIn(*tx, path, parsed, period)) {
    if (!MayRead(actor, posting)) continue;  // A village assistant: only their own.
    RankingRow row;
    row.card = ComputeWith(*tx, posting, period, shared);
    row.card.may_enter = MayEnter(actor, posting);
    totals.push_back(row.card.points);
    ranking.rows.push_back(std::move(row));
  }
  const auto ranks = domain::CompetitionRanks(totals);
  for (std::size_t i = 0; i < ranks.size(); ++i) ranking.rows[i].rank = ranks[i];
  std::stable_sort(ranking.rows.begin(), ranking.rows.end(),
                   [](const RankingRow& a, const RankingRow& b) { return a.rank < b.rank; });
  return ranking;
}

formats::Table ScorecardService::ExportRanking(const Actor& actor,
                                               std::optional<domain::Id> region_id,
                                               const std::string& role,
                                               const ScorecardQuery& query) {
  const Ranking ranking = Rank(actor, region_id, role, query);
  formats::Table table;
  table.header = {"名次", "姓名", "村（社区）", "岗位", "派出单位", "总分", "满分", "得分率"};
  using formats::CellKind;
  table.kinds = {CellKind::kNumber, CellKind::kText,   CellKind::kText,   CellKind::kText,
                 CellKind::kText,   CellKind::kNumber, CellKind::kNumber, CellKind::kPercent};
  // The line columns follow the first card's lines (the county defaults unless its agreement
  // differs); each row fills the columns of the kinds it has.
  std::vector<std::pair<AgreementItemKind, std::string>> columns;
  for (const auto& row : ranking.rows) {
    for (const auto& line : row.card.lines) {
      bool seen = false;
      for (const auto& c : columns) seen = seen || (c.first == line.kind && c.second == line.label);
      if (!seen) columns.emplace_back(line.kind, line.label);
    }
  }
  for (const auto& [kind, label] : columns) {
    table.header.push_back(label + " 实际");
    table.header.push_back(label + " 得分");
    table.kinds.push_back(CellKind::kText);
    table.kinds.push_back(CellKind::kNumber);
  }
  for (const auto& row : ranking.rows) {
    const auto& c = row.card;
    std::vector<std::string> cells = {
        std::to_string(row.rank), c.posting.user_name,
        c.posting.region_name,    std::string(domain::PostingRoleLabel(c.posting.role)),
        c.posting.home_unit,      Num(c.points),
        Num(c.max_points),        Num(c.percent) + "%"};
    for (const auto& [kind, label] : columns) {
      const ScorecardLine* hit = nullptr;
      for (const auto& line : c.lines) {
        if (line.kind == kind && line.label == label) hit = &line;
      }
      cells.push_back(hit ? ActualText(*hit) : "");
      cells.push_back(hit ? Num(hit->points) : "");
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

std::vector<ScorecardDefault> ScorecardService::Defaults(const Actor& actor) {
  Require(actor, Permission::kReadScorecards);
  auto tx = store_.BeginRead();
  return LoadDefaults(*tx);
}

std::vector<ScorecardDefault> ScorecardService::SetDefaults(
    const Actor& actor, const std::vector<ScorecardDefault>& items) {
  Require(actor, Permission::kConfigureScorecards);
  std::vector<domain::FieldProblem> problems;
  double total = 0;
  std::vector<AgreementItemKind> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    if (item.kind == AgreementItemKind::kCustom) {
      problems.push_back(
          {field + ".kind", "scorecard.custom_default", "县级默认指标不能为自定义项"});
    }
    if (std::find(seen.begin(), seen.end(), item.kind) != seen.end()) {
      problems.push_back({field + ".kind", "scorecard.duplicate_kind", "同一指标只能设置一次"});
    }
    seen.push_back(item.kind);
    if (!std::isfinite(item.weight) || item.weight < 0 || item.weight > 100) {
      problems.push_back({field + ".weight", "agreement.bad_weight", "权重应在 0 至 100 之间"});
    } else {
      total += item.weight;
    }
    const auto& unit = domain::InfoOf(item.kind).default_unit;
    if (!std::isfinite(item.target) || item.target < 0 || (unit == "%" && item.target > 100) ||
        (item.kind == AgreementItemKind::kWindowRating && item.target > 5)) {
      problems.push_back({field + ".target", "agreement.bad_target", "目标值超出范围"});
    }
  }
  if (items.empty()) problems.push_back({"items", "field.required", "至少设置一项指标"});
  if (problems.empty() && std::fabs(total - 100) > 1e-6) {
    problems.push_back({"items", "scorecard.weights_not_100", "各项权重之和应为 100"});
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "考核默认设置有误", std::move(problems));
  }
  auto tx = store_.Begin();
  const std::string before = FormatDefaults(LoadDefaults(*tx));
  const std::string after = FormatDefaults(items);
  tx->Settings().PutSetting(kDefaultsSetting, after, actor.now,
                            actor.user.id == 0 ? std::nullopt : std::optional(actor.user.id));
  RecordAudit(*tx, actor, "scorecard.defaults", "setting", 0,
              JsonObjectWriter().Add("defaults", before).Finish(),
              JsonObjectWriter().Add("defaults", after).Finish());
  tx->Commit();
  return items;
}

Scorecard ScorecardService::SetManualActual(const Actor& actor, domain::Id posting_id, int year,
                                            const ManualActualInput& input) {
  Require(actor, Permission::kEnterScorecards);
  auto tx = store_.Begin();
  const domain::Posting posting = LoadPosting(*tx, posting_id);
  if (posting.user_id == actor.user.id) {
    throw domain::Forbidden("scorecard.own_card", "不能为本人的考核记分卡填报数据");
  }
  Require(actor, Permission::kEnterScorecards, posting.region_path,
          {"auth.forbidden", "无权为该村的派驻干部填报考核数据"});
  const Period period = PeriodOf({year, "", ""});
  auto kind = domain::ParseAgreementItemKind(input.kind);
  if (!kind) Invalid("kind", "scorecard.bad_kind", "指标不正确");
  if (domain::ScoreKindComputed(*kind)) {
    Invalid("kind", "scorecard.computed_kind", "该指标由系统根据记录计算，不能人工填报");
  }
  std::string note = domain::Trim(input.note);
  std::replace(note.begin(), note.end(), '\t', ' ');
  std::replace(note.begin(), note.end(), '\n', ' ');
  std::replace(note.begin(), note.end(), '\r', ' ');
  if (input.actual) {
    if (!std::isfinite(*input.actual) || *input.actual < 0) {
      Invalid("actual", "scorecard.bad_actual", "实际值不能为负数");
    }
    if (note.empty()) Invalid("note", "field.required", "人工填报须说明依据");
    if (domain::Utf8Length(note) > kMaxNoteChars) {
      Invalid("note", "field.too_long", "说明不能超过 500 字");
    }
  }
  const std::string key = ManualSetting(posting.id, period.year);
  // The entries are read, changed and written back: two leaders entering figures for the same
  // posting at once must not lose one, so writers of the village's postings of this role wait.
  tx->Postings().LockPostings(posting.region_id, posting.role);
  auto entries = [&] {
    auto text = tx->Settings().FindSetting(key);
    return text ? ParseManual(*text) : std::map<AgreementItemKind, ManualEntry>{};
  }();
  const std::string before = FormatManual(entries);
  if (input.actual) {
    entries[*kind] = {*input.actual, actor.user.id, actor.now, note};
  } else {
    entries.erase(*kind);
  }
  const std::string after = FormatManual(entries);
  tx->Settings().PutSetting(key, after, actor.now,
                            actor.user.id == 0 ? std::nullopt : std::optional(actor.user.id));
  RecordAudit(*tx, actor, "scorecard.manual", "posting", posting.id,
              JsonObjectWriter().Add("year", std::int64_t{year}).Add("manual", before).Finish(),
              JsonObjectWriter().Add("year", std::int64_t{year}).Add("manual", after).Finish());
  tx->Commit();
  auto read = store_.BeginRead();
  Shared shared;
  Scorecard card = ComputeWith(*read, posting, period, shared);
  card.may_enter = MayEnter(actor, posting);
  return card;
}

std::string ScorecardService::FrozenJson(const Scorecard& card) {
  std::string out = "{\"year\":" + std::to_string(card.year) + ",\"from\":\"" + card.from +
                    "\",\"to\":\"" + card.to + "\",\"posting_id\":\"" +
                    std::to_string(card.posting.id) + "\",\"points\":" + Num(card.points) +
                    ",\"max_points\":" + Num(card.max_points) + ",\"lines\":[";
  bool first = true;
  for (const auto& line : card.lines) {
    if (!first) out += ",";
    first = false;
    const std::string score = "实际 " + ActualText(line) + " / 目标 " + Num(line.target) +
                              line.unit + "，得分 " + Num(line.points) + " / " + Num(line.weight);
    out += "{\"kind\":\"" + std::string(domain::InfoOf(line.kind).code) + "\",\"item\":\"" +
           JsonEscape(line.label) + "\",\"score\":\"" + JsonEscape(score) +
           "\",\"target\":" + Num(line.target) + ",\"weight\":" + Num(line.weight) +
           ",\"actual\":" + (line.actual ? Num(*line.actual) : "null") +
           ",\"points\":" + Num(line.points) + ",\"source\":\"" + line.source + "\"}";
  }
  out += std::string(first ? "" : ",") + "{\"kind\":\"total\",\"item\":\"合计\",\"score\":\"" +
         Num(card.points) + " / " + Num(card.max_points) + "\"}]}";
  return out;
}

}  // namespace minqing::app
