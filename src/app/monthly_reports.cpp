#include "app/monthly_reports.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/monthly_report_pdf.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {
namespace {

using domain::DayNumber;
using domain::MonthRanking;
using domain::Permission;
using domain::RankingCandidate;
using domain::RankingSettings;
using domain::RateCounters;
using domain::StatsDimension;

constexpr std::string_view kSettingsName = "monthly_report.settings";
constexpr int kTrendMonths = 12;

struct Month {
  std::string text;  // "2026-11".
  int year = 0;
  int month = 0;
  DayNumber first = 0;
  DayNumber last = 0;
};

Month MonthOf(int year, int month) {
  while (month < 1) {
    month += 12;
    --year;
  }
  while (month > 12) {
    month -= 12;
    ++year;
  }
  Month m;
  m.year = year;
  m.month = month;
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  m.text = text;
  m.first = domain::DayFromCivil(year, month, 1);
  m.last = month == 12 ? domain::DayFromCivil(year + 1, 1, 1) - 1
                       : domain::DayFromCivil(year, month + 1, 1) - 1;
  return m;
}

[[noreturn]] void BadMonth(const std::string& message) {
  throw domain::InvalidInput("monthly_report.bad_month", message,
                             {{"month", "monthly_report.bad_month", message}});
}

// A month given as "YYYY-MM" that has ended (China time) by `now`.
Month ParseEndedMonth(const std::string& text, domain::Epoch now) {
  const bool shaped = text.size() == 7 && text[4] == '-';
  auto first = shaped ? domain::ParseDate(text + "-01") : std::nullopt;
  if (!first) BadMonth("月份格式应为 YYYY-MM");
  int year = 0, month = 0, day = 0;
  domain::CivilFromDay(*first, year, month, day);
  if (year < 2000 || year > 2100) BadMonth("月份应在 2000 至 2100 年之间");
  Month m = MonthOf(year, month);
  if (m.last >= domain::ChinaDay(now)) BadMonth("该月尚未结束，不能生成月度通报");
  return m;
}

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

RankingSettings ParseSettings(const std::string& text) {
  RankingSettings s;
  std::istringstream in(text);
  std::string key;
  double value = 0;
  while (in >> key >> value) {
    if (key == "response") s.weights.response = value;
    if (key == "resolution") s.weights.resolution = value;
    if (key == "satisfaction") s.weights.satisfaction = value;
    if (key == "min_received") s.min_received = static_cast<int>(value);
    if (key == "named") s.named = static_cast<int>(value);
  }
  return domain::ValidateRankingSettings(s).empty() ? s : RankingSettings{};
}

std::string FormatSettings(const RankingSettings& s) {
  return "response " + Fixed(s.weights.response, 4) + "\nresolution " +
         Fixed(s.weights.resolution, 4) + "\nsatisfaction " + Fixed(s.weights.satisfaction, 4) +
         "\nmin_received " + std::to_string(s.min_received) + "\nnamed " + std::to_string(s.named) +
         "\n";
}

RankingSettings LoadSettings(StoreTx& tx) {
  auto text = tx.Settings().FindSetting(kSettingsName);
  return text ? ParseSettings(*text) : RankingSettings{};
}

// The counters of one month read from the stats cells (whole months: the month cells).
struct MonthCounters {
  std::vector<RankingCandidate> units;
  std::vector<RankingCandidate> townships;
  RateCounters totals;
};

MonthCounters ReadMonth(StoreTx& tx, const Month& m, const std::map<domain::Id, std::string>& units,
                        std::map<domain::Id, std::string>& region_names) {
  MonthCounters out;
  auto& repo = tx.Matters();
  for (const auto& row :
       repo.SumStats(domain::StatsDimensionCode(StatsDimension::kUnit), m.first, m.last, "")) {
    auto it = units.find(row.key);
    out.units.push_back(
        {row.key, it != units.end() ? it->second : std::to_string(row.key), row.counters});
  }
  std::map<domain::Id, RateCounters> by_township;
  for (const auto& row : repo.SumStats(
           domain::StatsDimensionCode(StatsDimension::kCategoryTownship), m.first, m.last, "")) {
    by_township[row.key2] += row.counters;
    out.totals += row.counters;
  }
  for (const auto& [id, counters] : by_township) {
    auto name = region_names.find(id);
    if (name == region_names.end()) {
      auto region = tx.Registry().FindRegion(id);
      name = region_names.emplace(id, region ? region->name : std::to_string(id)).first;
    }
    out.townships.push_back({id, name->second, counters});
  }
  return out;
}

std::string MonthLabel(const Month& m) {
  return std::to_string(m.year) + "年" + std::to_string(m.month) + "月";
}

// "甲（95.20分）、乙（90.00分）".
std::string Names(const MonthRanking& ranking, const std::vector<domain::Id>& keys) {
  std::string out;
  for (domain::Id key : keys) {
    for (const auto& r : ranking.ranked) {
      if (r.key != key) continue;
      if (!out.empty()) out += "、";
      out += r.name + "（" + Fixed(r.score.value_or(0), 2) + "分）";
    }
  }
  return out;
}

std::string SectionNotice(const std::string& what, const MonthRanking& ranking,
                          const RankingSettings& settings) {
  std::string text;
  if (ranking.ranked.empty()) {
    text = what + "本月无达到排名门槛的对象。";
  } else {
    text = what + "共 " + std::to_string(ranking.ranked.size()) + " 个参与排名。" +
           Names(ranking, ranking.best) + "综合得分居前，予以通报表扬";
    if (!ranking.worst.empty()) {
      text +=
          "；" + Names(ranking, ranking.worst) + "排名靠后，予以通报批评，请认真查找原因，限期整改";
    }
    text += "。";
  }
  if (!ranking.unranked.empty()) {
    text += "另有 " + std::to_string(ranking.unranked.size()) + " 个当月受理不足 " +
            std::to_string(settings.min_received) + " 件或尚无可计比率，不参与排名，单列备查。";
  }
  return text;
}

std::string Notice(const Month& m, const MonthlyReportFigures& f) {
  const std::string label = MonthLabel(m);
  if (f.totals.received == 0 && f.units.ranked.empty() && f.units.unranked.empty()) {
    return label + "，全县未受理诉求，本月无排名。";
  }
  std::string text = label + "，全县共受理群众诉求 " + std::to_string(f.totals.received) +
                     " 件，响应率 " + MonthlyPercent(f.rates.response_rate) + "，解决率 " +
                     MonthlyPercent(f.rates.resolution_rate) + "，满意率 " +
                     MonthlyPercent(f.rates.satisfaction_rate);
  if (f.score) text += "，综合得分 " + Fixed(*f.score, 2) + " 分";
  text += "。";
  text += SectionNotice("承办单位", f.units, f.settings);
  text += SectionNotice("乡镇（街道）", f.townships, f.settings);
  return text;
}

// Writes the sheets to a private temporary file and returns its bytes.
std::string XlsxBytes(const std::vector<formats::NamedTable>& sheets) {
  std::random_device random;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("minqing-monthly-" + std::to_string(random()) + std::to_string(random()) + ".xlsx");
  struct Remove {
    std::filesystem::path path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove{path};
  formats::WriteXlsxSheets(path.string(), sheets);
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string Summary(const MonthlyReportFigures& f) {
  return "受理 " + std::to_string(f.totals.received) + " 件；承办单位 " +
         std::to_string(f.units.ranked.size()) + " 个排名，乡镇（街道） " +
         std::to_string(f.townships.ranked.size()) + " 个排名";
}

}  // namespace

std::string MonthlyReportService::PreviousMonth(domain::Epoch now) {
  int year = 0, month = 0, day = 0;
  domain::CivilFromDay(domain::ChinaDay(now), year, month, day);
  return MonthOf(year, month - 1).text;
}

std::vector<StoredMonthlyReport> MonthlyReportService::List(const Actor& actor) {
  Require(actor, Permission::kMatterExport);
  auto tx = store_.BeginRead();
  return tx->MonthlyReports().ListReports();
}

StoredMonthlyReport MonthlyReportService::Read(const Actor& actor, const std::string& month) {
  Require(actor, Permission::kMatterExport);
  auto tx = store_.BeginRead();
  auto report = tx->MonthlyReports().FindReport(month);
  if (!report) throw domain::NotFound("monthly_report.not_found", "该月的月度通报尚未生成");
  report->pdf.clear();
  report->xlsx.clear();
  return *report;
}

std::string MonthlyReportService::File(const Actor& actor, const std::string& month,
                                       MonthlyReportFile kind) {
  Require(actor, Permission::kMatterExport);
  auto tx = store_.BeginRead();
  auto report = tx->MonthlyReports().FindReport(month);
  if (!report) throw domain::NotFound("monthly_report.not_found", "该月的月度通报尚未生成");
  return kind == MonthlyReportFile::kPdf ? std::move(report->pdf) : std::move(report->xlsx);
}

RankingSettings MonthlyReportService::Settings(const Actor& actor) {
  Require(actor, {Permission::kMatterExport, Permission::kManageMonthlyReports});
  auto tx = store_.BeginRead();
  return LoadSettings(*tx);
}

RankingSettings MonthlyReportService::SetSettings(const Actor& actor,
                                                  const RankingSettings& settings) {
  Require(actor, Permission::kManageMonthlyReports);
  auto problems = domain::ValidateRankingSettings(settings);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "月度通报排名设置有误", std::move(problems));
  }
  auto tx = store_.Begin();
  const std::string before = FormatSettings(LoadSettings(*tx));
  const std::string after = FormatSettings(settings);
  tx->Settings().PutSetting(kSettingsName, after, actor.now,
                            actor.user.id == 0 ? std::nullopt : std::optional(actor.user.id));
  RecordAudit(*tx, actor, "monthly_report.settings", "setting", 0,
              JsonObjectWriter().Add("settings", before).Finish(),
              JsonObjectWriter().Add("settings", after).Finish());
  tx->Commit();
  return settings;
}

MonthlyReportOutcome MonthlyReportService::Generate(const Actor& actor, const std::string& month) {
  Require(actor, Permission::kManageMonthlyReports);
  return Build(actor, month);
}

MonthlyReportOutcome MonthlyReportService::GenerateMissing(domain::Epoch now) {
  const std::string month = PreviousMonth(now);
  {
    auto tx = store_.BeginRead();
    if (tx->MonthlyReports().HasReport(month)) return {month, false, "", 0, 0};
  }
  return Build(SystemActor(now, domain::Channel::kSystem), month);
}

MonthlyReportOutcome MonthlyReportService::Build(const Actor& actor, const std::string& text) {
  const Month m = ParseEndedMonth(text, actor.now);
  MonthlyReportFigures f;
  f.month = m.text;
  f.title = MonthLabel(m) + "诉求办理三率排名通报";
  f.generated_at = actor.now;
  {
    auto tx = store_.BeginRead();
    f.settings = LoadSettings(*tx);
    std::map<domain::Id, std::string> units, regions;
    for (const auto& u : tx->Registry().ListUnits()) units[u.id] = u.name;
    const MonthCounters now = ReadMonth(*tx, m, units, regions);
    const MonthCounters before = ReadMonth(*tx, MonthOf(m.year, m.month - 1), units, regions);
    f.units = domain::RankMonth(now.units, before.units, f.settings);
    f.townships = domain::RankMonth(now.townships, before.townships, f.settings);
    f.totals = now.totals;
    f.rates = domain::ComputeRates(f.totals);
    f.score = domain::WeightedScore(f.rates, f.settings.weights);
    for (int back = kTrendMonths - 1; back >= 0; --back) {
      const Month tm = MonthOf(m.year, m.month - back);
      MonthlyTrendPoint p;
      p.month = tm.text;
      if (back == 0) {
        p.counters = now.totals;
      } else if (back == 1) {
        p.counters = before.totals;
      } else {
        for (const auto& row :
             tx->Matters().SumStats(domain::StatsDimensionCode(StatsDimension::kCategoryTownship),
                                    tm.first, tm.last, "")) {
          p.counters += row.counters;
        }
      }
      p.rates = domain::ComputeRates(p.counters);
      p.score = domain::WeightedScore(p.rates, f.settings.weights);
      f.trend.push_back(std::move(p));
    }
  }
  f.notice = Notice(m, f);

  StoredMonthlyReport report;
  report.month = m.text;
  report.generated_at = actor.now;
  report.generated_by = actor.user.id == 0 ? std::nullopt : std::optional(actor.user.id);
  report.summary = Summary(f);
  report.figures_json = MonthlyReportJson(f);
  report.pdf = RenderMonthlyReportPdf(f);
  report.xlsx = XlsxBytes(MonthlyReportSheets(f));

  MonthlyReportOutcome outcome{m.text, true, report.summary, report.pdf.size(), report.xlsx.size()};
  auto tx = store_.Begin();
  const bool replaced = tx->MonthlyReports().HasReport(m.text);
  tx->MonthlyReports().PutReport(report);
  RecordAudit(*tx, actor, "monthly_report.generate", "monthly_report", 0,
              replaced ? JsonObjectWriter().Add("month", m.text).Finish() : "",
              JsonObjectWriter()
                  .Add("month", m.text)
                  .Add("summary", report.summary)
                  .Add("pdf_bytes", static_cast<std::int64_t>(report.pdf.size()))
                  .Add("xlsx_bytes", static_cast<std::int64_t>(report.xlsx.size()))
                  .Finish());
  tx->Commit();
  return outcome;
}

}  // namespace minqing::app
