#include "app/survey_slips_pdf.hpp"

#include <cstddef>

#include "app/pdf_document.hpp"

namespace minqing::app {
namespace {

// A4 portrait in points, two columns by four rows of slips.
constexpr double kWidth = 210.0 / 25.4 * 72.0;
constexpr double kHeight = 297.0 / 25.4 * 72.0;
constexpr int kColumns = 2;
constexpr int kRows = 4;
constexpr double kSlipWidth = kWidth / kColumns;
constexpr double kSlipHeight = kHeight / kRows;
constexpr double kPad = 14;

void DrawCutLines(PdfDocument& pdf) {
  pdf.Colour(0.7, 0.7, 0.7);
  for (double x = 0; x < kWidth; x += 6) {
    for (int r = 1; r < kRows; ++r) pdf.FillRectangle(x, r * kSlipHeight, 3, 0.5);
  }
  for (double y = 0; y < kHeight; y += 6) pdf.FillRectangle(kSlipWidth, y, 0.5, 3);
}

void DrawSlip(PdfDocument& pdf, const SurveySlipHeader& header, const SurveySlip& slip, double left,
              double top) {
  const double inner = kSlipWidth - 2 * kPad;
  pdf.Colour(0.1, 0.35, 0.65);
  pdf.FillRectangle(left + kPad, top + kPad, inner, 3);
  pdf.Colour(0.1, 0.1, 0.1);
  double y = top + kPad + 8;
  y += pdf.Text(left + kPad, y, inner, header.title, 11.5, true) + 3;
  y += pdf.Text(left + kPad, y, inner, header.subject, 9.5) + 2;
  y += pdf.Text(left + kPad, y, inner, "答卷时间：" + header.period, 8.5) + 6;

  const double qr = 92;
  pdf.QrCode(slip.url, left + kPad, y, qr);
  pdf.Colour(0.1, 0.1, 0.1);
  const double tx = left + kPad + qr + 10;
  const double tw = kSlipWidth - kPad - (tx - left);
  double ty = y;
  ty += pdf.Text(tx, ty, tw, "本户专用", 9, true) + 1;
  ty += pdf.Text(tx, ty, tw, slip.household, 9) + 4;
  ty += pdf.Text(tx, ty, tw, "手机扫码即可答卷，每户只能答一次。", 8.5) + 2;
  pdf.Text(tx, ty, tw, "答卷只按村统计，不记录是哪一户的回答。", 8.5);
  y += qr + 4;
  pdf.Text(left + kPad, y, inner, slip.url, 7);
}

}  // namespace

std::string RenderSurveySlipsPdf(const SurveySlipHeader& header,
                                 const std::vector<SurveySlip>& slips) {
  PdfDocument pdf(kWidth, kHeight, "入户问卷码");
  constexpr std::size_t kPerPage = kColumns * kRows;
  for (std::size_t i = 0; i < slips.size(); ++i) {
    const std::size_t at = i % kPerPage;
    if (at == 0) DrawCutLines(pdf);
    const double left = static_cast<double>(at % kColumns) * kSlipWidth;
    const std::size_t row = at / kColumns;
    const double top = static_cast<double>(row) * kSlipHeight;
    DrawSlip(pdf, header, slips[i], left, top);
    if (at + 1 == kPerPage || i + 1 == slips.size()) pdf.EndPage();
  }
  if (slips.empty()) pdf.EndPage();
  return pdf.Finish("survey.slips_failed", "问卷码生成失败");
}

}  // namespace minqing::app
