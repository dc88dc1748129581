#include "app/qr_slips_pdf.hpp"

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
constexpr double kQrSize = 92;

// Dotted cutting lines between the slips.
void DrawCutLines(PdfDocument& pdf) {
  pdf.Colour(0.7, 0.7, 0.7);
  for (double x = 0; x < kWidth; x += 6) {
    for (int r = 1; r < kRows; ++r) pdf.FillRectangle(x, r * kSlipHeight, 3, 0.5);
  }
  for (double y = 0; y < kHeight; y += 6) pdf.FillRectangle(kSlipWidth, y, 0.5, 3);
}

// Draws `lines` from `y` down in a column at `x` of `width`; returns the y below the last gap.
double DrawLines(PdfDocument& pdf, double x, double y, double width,
                 const std::vector<SlipLine>& lines) {
  for (const auto& line : lines) {
    y += pdf.Text(x, y, width, line.text, line.size, line.bold) + line.gap_after;
  }
  return y;
}

void DrawSlip(PdfDocument& pdf, const QrSlipSheet& sheet, const QrSlip& slip, double left,
              double top) {
  const double inner = kSlipWidth - 2 * kPad;
  pdf.Colour(sheet.accent_red, sheet.accent_green, sheet.accent_blue);
  pdf.FillRectangle(left + kPad, top + kPad, inner, 3);
  pdf.Colour(0.1, 0.1, 0.1);
  double y = DrawLines(pdf, left + kPad, top + kPad + 8, inner, slip.head);

  pdf.QrCode(slip.url, left + kPad, y, kQrSize);
  pdf.Colour(0.1, 0.1, 0.1);
  const double beside_left = left + kPad + kQrSize + 10;
  DrawLines(pdf, beside_left, y, kSlipWidth - kPad - (beside_left - left), slip.beside);
  y += kQrSize + 4;
  pdf.Text(left + kPad, y, inner, slip.url, 7);
}

}  // namespace

std::string RenderQrSlipSheet(const QrSlipSheet& sheet, const std::vector<QrSlip>& slips) {
  PdfDocument pdf(kWidth, kHeight, sheet.document_title);
  constexpr std::size_t kPerPage = kColumns * kRows;
  for (std::size_t i = 0; i < slips.size(); ++i) {
    const std::size_t at = i % kPerPage;
    if (at == 0) DrawCutLines(pdf);
    const double left = static_cast<double>(at % kColumns) * kSlipWidth;
    const std::size_t row = at / kColumns;
    const double top = static_cast<double>(row) * kSlipHeight;
    DrawSlip(pdf, sheet, slips[i], left, top);
    if (at + 1 == kPerPage || i + 1 == slips.size()) pdf.EndPage();
  }
  if (slips.empty()) pdf.EndPage();
  return pdf.Finish(sheet.error_code, sheet.error_message);
}

}  // namespace minqing::app
