#include "app/volunteer_certificate_pdf.hpp"

#include <algorithm>

#include "app/pdf_document.hpp"

namespace minqing::app {
namespace {

// A4 portrait in points.
constexpr double kWidth = 210.0 / 25.4 * 72.0;
constexpr double kHeight = 297.0 / 25.4 * 72.0;
constexpr double kMargin = 56.0;
constexpr double kQrSize = 110.0;

void Band(PdfDocument& pdf) {
  pdf.Colour(0.75, 0.1, 0.1);
  pdf.FillRectangle(0, 0, kWidth, 8);
  pdf.Colour(0.1, 0.1, 0.1);
}

}  // namespace

std::string RenderVolunteerCertificatePdf(const VolunteerCertificatePage& page) {
  PdfDocument pdf(kWidth, kHeight, "志愿服务证明");
  const double inner = kWidth - 2 * kMargin;
  Band(pdf);
  double y = kMargin;
  y += pdf.Text(kMargin, y, inner, "民情 · 联系服务群众平台", 11) + 6;
  y += pdf.Text(kMargin, y, inner, "志愿服务证明", 24, true) + 18;
  std::string body = "兹证明 " + page.name + " 同志为「" + page.team_name + "」志愿者";
  if (!page.region_name.empty()) body += "（" + page.region_name + "）";
  body += "，截至出具之日累计参加志愿服务 " + page.total_hours + " 小时。特此证明。";
  y += pdf.Text(kMargin, y, inner, body, 13) + 16;

  const double date_w = 90;
  const double hours_w = 60;
  const double title_w = inner - date_w - hours_w;
  auto row = [&](const std::string& date, const std::string& title, const std::string& hours,
                 bool bold) {
    const double h = std::max(pdf.MeasureText(title_w - 8, title, 10.5, bold), 14.0);
    if (y + h > kHeight - kMargin) {
      pdf.EndPage();
      Band(pdf);
      y = kMargin;
    }
    pdf.Text(kMargin, y, date_w, date, 10.5, bold);
    pdf.Text(kMargin + date_w, y, title_w - 8, title, 10.5, bold);
    pdf.Text(kMargin + date_w + title_w, y, hours_w, hours, 10.5, bold);
    y += h + 5;
  };
  row("日期", "服务活动", "时长（小时）", true);
  for (const auto& line : page.lines) row(line.date, line.title, line.hours, false);
  row("", "合计", page.total_hours, true);
  y += 14;

  if (y + kQrSize + 60 > kHeight - kMargin) {
    pdf.EndPage();
    Band(pdf);
    y = kMargin;
  }
  pdf.QrCode(page.verify_url, kMargin, y, kQrSize);
  pdf.Colour(0.1, 0.1, 0.1);
  const double tx = kMargin + kQrSize + 16;
  const double tw = kWidth - tx - kMargin;
  double ty = y;
  ty += pdf.Text(tx, ty, tw, "出具日期：" + page.issued_text, 11) + 6;
  ty += pdf.Text(tx, ty, tw, "验证码：" + page.code, 13, true) + 6;
  ty += pdf.Text(tx, ty, tw, "扫描左侧二维码或打开下列网址，可核验本证明的真伪：", 10) + 2;
  pdf.Text(tx, ty, tw, page.verify_url, 10);
  return pdf.Finish("volunteer.certificate_failed", "志愿服务证明生成失败");
}

}  // namespace minqing::app
