#include "app/agreement_pdf.hpp"

#include <cstdio>

#include "app/pdf_document.hpp"

namespace minqing::app {
namespace {

// A4 portrait in points.
constexpr double kWidth = 210.0 / 25.4 * 72.0;
constexpr double kHeight = 297.0 / 25.4 * 72.0;
constexpr double kMargin = 56.0;

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::string RenderAgreementPdf(const AgreementPrint& print) {
  const domain::Agreement& a = print.agreement;
  const domain::Posting& p = print.posting;
  PdfDocument pdf(kWidth, kHeight, "目标责任书");
  const double inner = kWidth - 2 * kMargin;
  pdf.Colour(0.75, 0.1, 0.1);
  pdf.FillRectangle(0, 0, kWidth, 8);
  pdf.Colour(0.1, 0.1, 0.1);
  double y = kMargin;
  if (!a.signed_on) {
    pdf.Colour(0.75, 0.1, 0.1);
    y += pdf.Text(kMargin, y, inner, "草稿（未签订）", 12, true) + 4;
    pdf.Colour(0.1, 0.1, 0.1);
  }
  y += pdf.Text(kMargin, y, inner, a.title.empty() ? "目标责任书" : a.title, 20, true) + 14;
  auto line = [&](const std::string& text) { y += pdf.Text(kMargin, y, inner, text, 11) + 5; };
  line("派驻村（社区）：" + p.region_name);
  line(std::string(domain::PostingRoleLabel(p.role)) + "：" + p.user_name +
       (p.home_unit.empty() ? "" : "（" + p.home_unit + "）"));
  if (!p.team.empty()) line("所属工作队：" + p.team);
  line("派驻期间：" + p.from + " 至 " + (p.to ? *p.to : std::string("今")));
  line("责任年度：" + std::to_string(a.year) + " 年");
  y += 10;

  // The items as a table: number, item, target, weight.
  const double c1 = kMargin;
  const double c2 = kMargin + 30;
  const double c3 = kMargin + inner - 150;
  const double c4 = kMargin + inner - 60;
  auto row = [&](const std::string& n, const std::string& item, const std::string& target,
                 const std::string& weight, bool bold) {
    if (y > kHeight - kMargin - 60) {
      pdf.EndPage();
      y = kMargin;
    }
    double h = pdf.Text(c2, y, c3 - c2 - 8, item, 11, bold);
    pdf.Text(c1, y, 28, n, 11, bold);
    pdf.Text(c3, y, c4 - c3 - 4, target, 11, bold);
    pdf.Text(c4, y, kMargin + inner - c4, weight, 11, bold);
    y += h + 8;
    pdf.Colour(0.8, 0.8, 0.8);
    pdf.FillRectangle(kMargin, y - 4, inner, 0.6);
    pdf.Colour(0.1, 0.1, 0.1);
  };
  row("序号", "目标任务", "目标值", "权重（分）", true);
  double total = 0;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const auto& item = a.items[i];
    total += item.weight;
    row(std::to_string(i + 1), item.label, Number(item.target) + " " + item.unit,
        Number(item.weight), false);
  }
  row("", "合计", "", Number(total), true);
  y += 16;
  line("本责任书张贴于村务公开栏，接受群众监督；年终述职时对照各项目标逐项考核。");
  y += 20;
  if (a.signed_on) {
    line("签订日期：" + *a.signed_on);
    if (!print.signed_by_name.empty()) line("乡镇（街道）签订人：" + print.signed_by_name);
  } else {
    line("签订日期：____年__月__日");
  }
  line("责任人（签字）：" + p.user_name);
  return pdf.Finish("agreement.pdf_failed", "目标责任书 PDF 生成失败");
}

}  // namespace minqing::app
