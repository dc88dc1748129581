#include "app/monthly_report_pdf.hpp"

#include <algorithm>
#include <cstdio>

#include "app/audit.hpp"
#include "app/pdf_document.hpp"
#include "domain/text.hpp"

namespace minqing::app {
namespace {

using domain::MonthRanking;
using domain::RankedRow;

// A4 portrait in points.
constexpr double kWidth = 210.0 / 25.4 * 72.0;
constexpr double kHeight = 297.0 / 25.4 * 72.0;
constexpr double kMargin = 42.0;
constexpr double kInner = kWidth - 2 * kMargin;

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string ScoreText(const std::optional<double>& score) { return score ? Fixed(*score, 2) : "—"; }

// "↑2" / "↓1" / "—" (rank); "+3.20" / "-1.05" (score).
std::string RankChangeText(const std::optional<int>& change) {
  if (!change) return "—";
  if (*change > 0) return "↑" + std::to_string(*change);
  if (*change < 0) return "↓" + std::to_string(-*change);
  return "持平";
}

std::string ScoreChangeText(const std::optional<double>& change) {
  if (!change) return "—";
  std::string text = *change > 0 ? "+" : "";
  text += Fixed(*change, 2);
  return text;
}

class Pages {
 public:
  explicit Pages(PdfDocument& pdf) : pdf_(pdf) { Band(); }

  // Room for `height` more points on this page, else a new page.
  void Need(double height) {
    if (y + height <= kHeight - kMargin) return;
    pdf_.EndPage();
    Band();
  }

  double y = kMargin;

 private:
  void Band() {
    pdf_.Colour(0.75, 0.1, 0.1);
    pdf_.FillRectangle(0, 0, kWidth, 6);
    pdf_.Colour(0.1, 0.1, 0.1);
    y = kMargin;
  }

  PdfDocument& pdf_;
};

// Horizontal bars of the ranked rows' scores (0..100), best on top.
void ScoreBars(PdfDocument& pdf, Pages& pages, const std::string& title,
               const std::vector<RankedRow>& rows) {
  if (rows.empty()) return;
  const double label_w = 130, bar_h = 11, gap = 4;
  pages.Need(24 + bar_h + gap);
  pages.y += pdf.Text(kMargin, pages.y, kInner, title, 12, true) + 6;
  const double bar_w = kInner - label_w - 50;
  for (const auto& row : rows) {
    pages.Need(bar_h + gap);
    pdf.Colour(0.1, 0.1, 0.1);
    // One line per bar: a long name is cut (the table below has it in full).
    const std::string name = domain::Utf8Length(row.name) > 13
                                 ? std::string(domain::Utf8Prefix(row.name, 12)) + "…"
                                 : row.name;
    pdf.Text(kMargin, pages.y - 1, label_w - 6, std::to_string(row.rank) + ". " + name, 8.5);
    const double score = row.score.value_or(0);
    pdf.Colour(score >= 90   ? 0.2
               : score >= 60 ? 0.25
                             : 0.8,
               score >= 90 ? 0.55 : 0.45, score >= 60 ? 0.8 : 0.25);
    pdf.FillRectangle(kMargin + label_w, pages.y, std::max(bar_w * score / 100, 0.5), bar_h);
    pdf.Colour(0.1, 0.1, 0.1);
    pdf.Text(kMargin + label_w + bar_w * score / 100 + 4, pages.y - 1, 46, ScoreText(row.score),
             8.5);
    pages.y += bar_h + gap;
  }
  pages.y += 8;
}

// The county's score (line) and received (bars) over the trend months.
void TrendChart(PdfDocument& pdf, Pages& pages, const std::vector<MonthlyTrendPoint>& trend) {
  if (trend.empty()) return;
  const double chart_h = 150, axis_w = 30;
  pages.Need(chart_h + 60);
  pages.y += pdf.Text(kMargin, pages.y, kInner, "近 12 个月全县受理量与综合得分走势", 12, true) + 6;
  const double top = pages.y + 6, bottom = top + chart_h, left = kMargin + axis_w;
  const double width = kInner - axis_w - 10;
  std::int64_t most = 1;
  for (const auto& p : trend) most = std::max(most, p.counters.received);
  pdf.Colour(0.6, 0.6, 0.6);
  pdf.Line(left, bottom, left + width, bottom, 0.6);
  pdf.Line(left, top, left, bottom, 0.6);
  pdf.Colour(0.4, 0.4, 0.4);
  pdf.Text(kMargin, top - 5, axis_w - 2, "100分", 7);
  pdf.Text(kMargin, bottom - 8, axis_w - 2, "0", 7);
  const double step = width / static_cast<double>(trend.size());
  for (std::size_t i = 0; i < trend.size(); ++i) {
    const double x = left + step * static_cast<double>(i);
    const double h =
        chart_h * 0.8 * static_cast<double>(trend[i].counters.received) / static_cast<double>(most);
    pdf.Colour(0.75, 0.82, 0.92);
    pdf.FillRectangle(x + step * 0.2, bottom - h, step * 0.6, h);
    pdf.Colour(0.3, 0.3, 0.3);
    pdf.Text(x, bottom + 3, step, trend[i].month.substr(2), 7);
    pdf.Text(x + step * 0.2, bottom - h - 10, step, std::to_string(trend[i].counters.received),
             6.5);
  }
  pdf.Colour(0.75, 0.1, 0.1);
  std::optional<std::pair<double, double>> last;
  for (std::size_t i = 0; i < trend.size(); ++i) {
    if (!trend[i].score) continue;
    const double x = left + step * (static_cast<double>(i) + 0.5);
    const double y = bottom - chart_h * *trend[i].score / 100;
    if (last) pdf.Line(last->first, last->second, x, y, 1.5);
    pdf.FillRectangle(x - 2, y - 2, 4, 4);
    last = {x, y};
  }
  pdf.Colour(0.1, 0.1, 0.1);
  pages.y = bottom + 16;
  pages.y += pdf.Text(kMargin, pages.y, kInner, "柱：受理量（件）；红线：综合得分（分）", 8) + 10;
}

void RankingTable(PdfDocument& pdf, Pages& pages, const std::string& title,
                  const MonthRanking& ranking) {
  const std::vector<std::pair<std::string, double>> columns = {
      {"名次", 32},   {"名称", 128}, {"受理", 40},     {"响应率", 50},  {"解决率", 50},
      {"满意率", 50}, {"得分", 46},  {"环比得分", 52}, {"名次变化", 63}};
  auto row_of = [&](const std::vector<std::string>& cells, bool bold) {
    double h = 13;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      h = std::max(h, pdf.MeasureText(columns[i].second - 4, cells[i], 8.5, bold));
    }
    pages.Need(h + 4);
    double x = kMargin;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      pdf.Text(x, pages.y, columns[i].second - 4, cells[i], 8.5, bold);
      x += columns[i].second;
    }
    pages.y += h + 4;
  };
  pages.Need(40);
  pages.y += pdf.Text(kMargin, pages.y, kInner, title, 12, true) + 6;
  std::vector<std::string> header;
  for (const auto& c : columns) header.push_back(c.first);
  row_of(header, true);
  auto cells = [](const RankedRow& r, const std::string& rank) {
    return std::vector<std::string>{rank,
                                    r.name,
                                    std::to_string(r.counters.received),
                                    MonthlyPercent(r.rates.response_rate),
                                    MonthlyPercent(r.rates.resolution_rate),
                                    MonthlyPercent(r.rates.satisfaction_rate),
                                    ScoreText(r.score),
                                    ScoreChangeText(r.score_change),
                                    RankChangeText(r.rank_change)};
  };
  if (ranking.ranked.empty()) row_of({"", "本月无参与排名的对象"}, false);
  for (const auto& r : ranking.ranked) row_of(cells(r, std::to_string(r.rank)), false);
  for (const auto& r : ranking.unranked) row_of(cells(r, "不排名"), false);
  pages.y += 10;
}

std::string Num(const std::optional<double>& value) { return value ? Fixed(*value, 4) : "null"; }

std::string Int(const std::optional<int>& value) { return value ? std::to_string(*value) : "null"; }

std::string Str(const std::string& text) { return "\"" + JsonEscape(text) + "\""; }

std::string CountersJson(const domain::RateCounters& c, const domain::ThreeRates& rates) {
  return "\"received\":" + std::to_string(c.received) +
         ",\"responded_on_time\":" + std::to_string(c.responded_on_time) +
         ",\"rated\":" + std::to_string(c.rated) + ",\"solved\":" + std::to_string(c.solved) +
         ",\"satisfied\":" + std::to_string(c.satisfied) +
         ",\"response_rate\":" + Num(rates.response_rate) +
         ",\"resolution_rate\":" + Num(rates.resolution_rate) +
         ",\"satisfaction_rate\":" + Num(rates.satisfaction_rate);
}

std::string RowJson(const RankedRow& r) {
  return "{\"key\":" + std::to_string(r.key) + ",\"name\":" + Str(r.name) + "," +
         CountersJson(r.counters, r.rates) + ",\"score\":" + Num(r.score) +
         ",\"rank\":" + (r.rank > 0 ? std::to_string(r.rank) : "null") +
         ",\"previous_score\":" + Num(r.previous_score) +
         ",\"previous_rank\":" + (r.previous_rank > 0 ? std::to_string(r.previous_rank) : "null") +
         ",\"score_change\":" + Num(r.score_change) + ",\"rank_change\":" + Int(r.rank_change) +
         "}";
}

std::string NamesJson(const MonthRanking& ranking, const std::vector<domain::Id>& keys) {
  std::string out = "[";
  for (domain::Id key : keys) {
    for (const auto& r : ranking.ranked) {
      if (r.key != key) continue;
      if (out.size() > 1) out += ",";
      out += Str(r.name);
    }
  }
  return out + "]";
}

std::string RankingJson(const MonthRanking& ranking) {
  std::string out = "{\"ranked\":[";
  for (std::size_t i = 0; i < ranking.ranked.size(); ++i) {
    if (i > 0) out += ",";
    out += RowJson(ranking.ranked[i]);
  }
  out += "],\"unranked\":[";
  for (std::size_t i = 0; i < ranking.unranked.size(); ++i) {
    if (i > 0) out += ",";
    out += RowJson(ranking.unranked[i]);
  }
  return out + "],\"best\":" + NamesJson(ranking, ranking.best) +
         ",\"worst\":" + NamesJson(ranking, ranking.worst) + "}";
}

formats::Table RankingSheet(const MonthRanking& ranking, const std::string& name_header,
                            bool ranked) {
  formats::Table t;
  t.header = {"名次",     name_header, "受理量",   "按时响应", "响应率",
              "参评数",   "已解决",    "解决率",   "满意数",   "满意率",
              "综合得分", "上月得分",  "环比得分", "上月名次", "名次变化"};
  using formats::CellKind;
  t.kinds.assign(t.header.size(), CellKind::kNumber);
  t.kinds[1] = CellKind::kText;
  t.kinds[14] = CellKind::kText;
  for (std::size_t rate : {4, 7, 9}) t.kinds[rate] = CellKind::kPercent;
  auto opt = [](const std::optional<double>& v) { return v ? Fixed(*v, 2) : std::string(); };
  for (const auto& r : ranked ? ranking.ranked : ranking.unranked) {
    t.rows.push_back({r.rank > 0 ? std::to_string(r.rank) : "", r.name,
                      std::to_string(r.counters.received),
                      std::to_string(r.counters.responded_on_time),
                      r.rates.response_rate ? MonthlyPercent(r.rates.response_rate) : "",
                      std::to_string(r.counters.rated), std::to_string(r.counters.solved),
                      r.rates.resolution_rate ? MonthlyPercent(r.rates.resolution_rate) : "",
                      std::to_string(r.counters.satisfied),
                      r.rates.satisfaction_rate ? MonthlyPercent(r.rates.satisfaction_rate) : "",
                      opt(r.score), opt(r.previous_score), opt(r.score_change),
                      r.previous_rank > 0 ? std::to_string(r.previous_rank) : "",
                      r.rank_change ? RankChangeText(r.rank_change) : ""});
  }
  return t;
}

}  // namespace

std::string MonthlyPercent(const std::optional<double>& rate) {
  return rate ? Fixed(*rate * 100, 1) + "%" : "—";
}

std::string RenderMonthlyReportPdf(const MonthlyReportFigures& f) {
  PdfDocument pdf(kWidth, kHeight, f.title.c_str());
  Pages pages(pdf);
  pages.y += pdf.Text(kMargin, pages.y, kInner, "民情 · 诉求办理月度通报", 10) + 4;
  pages.y += pdf.Text(kMargin, pages.y, kInner, f.title, 18, true) + 10;
  pages.y += pdf.Text(kMargin, pages.y, kInner, f.notice, 10.5) + 10;
  const auto& w = f.settings.weights;
  std::string rule = "计分办法：综合得分 = 响应率×" + Fixed(w.response, 2) + " + 解决率×" +
                     Fixed(w.resolution, 2) + " + 满意率×" + Fixed(w.satisfaction, 2) +
                     "（百分制；无参评的比率不计，其权重按比例分配给其余比率）；当月受理不足 " +
                     std::to_string(f.settings.min_received) + " 件的不参与排名，单列备查。";
  pages.y += pdf.Text(kMargin, pages.y, kInner, rule, 8.5) + 12;
  ScoreBars(pdf, pages, "承办单位综合得分", f.units.ranked);
  TrendChart(pdf, pages, f.trend);
  RankingTable(pdf, pages, "一、承办单位排名", f.units);
  RankingTable(pdf, pages, "二、乡镇（街道）排名", f.townships);
  return pdf.Finish("monthly_report.pdf_failed", "月度通报 PDF 生成失败");
}

std::vector<formats::NamedTable> MonthlyReportSheets(const MonthlyReportFigures& f) {
  std::vector<formats::NamedTable> sheets;
  sheets.push_back({"单位排名", RankingSheet(f.units, "承办单位", true)});
  sheets.push_back({"乡镇排名", RankingSheet(f.townships, "乡镇（街道）", true)});
  formats::Table unranked = RankingSheet(f.units, "名称", false);
  unranked.header[0] = "类别";
  for (auto& row : unranked.rows) row[0] = "承办单位";
  formats::Table towns = RankingSheet(f.townships, "名称", false);
  for (auto& row : towns.rows) {
    row[0] = "乡镇（街道）";
    unranked.rows.push_back(std::move(row));
  }
  unranked.kinds[0] = formats::CellKind::kText;
  sheets.push_back({"未参与排名", std::move(unranked)});
  formats::Table trend;
  trend.header = {"月份", "受理量", "响应率", "解决率", "满意率", "综合得分"};
  trend.kinds = {formats::CellKind::kText,    formats::CellKind::kNumber,
                 formats::CellKind::kPercent, formats::CellKind::kPercent,
                 formats::CellKind::kPercent, formats::CellKind::kNumber};
  auto percent = [](const std::optional<double>& r) { return r ? MonthlyPercent(r) : ""; };
  for (const auto& p : f.trend) {
    trend.rows.push_back({p.month, std::to_string(p.counters.received),
                          percent(p.rates.response_rate), percent(p.rates.resolution_rate),
                          percent(p.rates.satisfaction_rate), p.score ? Fixed(*p.score, 2) : ""});
  }
  sheets.push_back({"月度趋势", std::move(trend)});
  return sheets;
}

std::string MonthlyReportJson(const MonthlyReportFigures& f) {
  const auto& w = f.settings.weights;
  std::string out = "{\"month\":" + Str(f.month) + ",\"title\":" + Str(f.title) +
                    ",\"generated_at\":" + std::to_string(f.generated_at) +
                    ",\"settings\":{\"weights\":{\"response\":" + Fixed(w.response, 4) +
                    ",\"resolution\":" + Fixed(w.resolution, 4) +
                    ",\"satisfaction\":" + Fixed(w.satisfaction, 4) +
                    "},\"min_received\":" + std::to_string(f.settings.min_received) +
                    ",\"named\":" + std::to_string(f.settings.named) + "},\"totals\":{" +
                    CountersJson(f.totals, f.rates) + ",\"score\":" + Num(f.score) +
                    "},\"notice\":" + Str(f.notice) + ",\"units\":" + RankingJson(f.units) +
                    ",\"townships\":" + RankingJson(f.townships) + ",\"trend\":[";
  for (std::size_t i = 0; i < f.trend.size(); ++i) {
    const auto& p = f.trend[i];
    if (i > 0) out += ",";
    out += "{\"month\":";
    out += Str(p.month);
    out += ",";
    out += CountersJson(p.counters, p.rates);
    out += ",\"score\":";
    out += Num(p.score);
    out += "}";
  }
  return out + "]}";
}

}  // namespace minqing::app
