// Sheets of cut-out slips that each carry a QR code (vote codes, household survey links): A4
// pages of eight slips (two columns, four rows) with dotted cutting lines. A slip is an accent bar,
// lines of text across its width, the QR code of its link with lines of text beside it, and the
// link in clear underneath. Callers decide the words; this draws them.
// Thread-safety: may be called from any thread (drawing is serialised by PdfDocument).
#pragma once

#include <string>
#include <vector>

namespace minqing::app {

struct SlipLine {
  std::string text;
  double size = 9;
  bool bold = false;
  double gap_after = 0;  // Points left blank below the line.
};

struct QrSlip {
  std::vector<SlipLine> head;    // Across the slip, above the QR code.
  std::vector<SlipLine> beside;  // To the right of the QR code.
  std::string url;               // Encoded in the QR code and printed below it.
};

struct QrSlipSheet {
  const char* document_title = "";
  double accent_red = 0, accent_green = 0, accent_blue = 0;  // The bar atop each slip, 0-1.
  const char* error_code = "";                               // Thrown when cairo fails.
  std::string error_message;
};

// The PDF bytes (one blank page when `slips` is empty). Throws domain::StorageError with the
// sheet's error code when cairo fails.
std::string RenderQrSlipSheet(const QrSlipSheet& sheet, const std::vector<QrSlip>& slips);

}  // namespace minqing::app
