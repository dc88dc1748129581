// A printable PDF drawn page by page: cairo's PDF surface, Chinese text laid out by Pango in
// kPdfFontFamily (pdf_fonts.hpp), and QR codes from libqrencode. The contact cards
// (contact_card_pdf.hpp) and the activation letters (activation_letter_pdf.hpp) draw with it;
// the cairo and Pango types stay inside pdf_document.cpp.
// Coordinates and sizes are in points from the page's top-left corner.
// Thread-safety: a PdfDocument is used by one thread; while one exists, other threads that
// create one wait (fontconfig set-up is not reentrant everywhere, so all drawing is serialised).
#pragma once

#include <memory>
#include <mutex>
#include <string>

namespace minqing::app {

// A3 portrait in points (1/72 inch): 297 x 420 mm, 841.89 x 1190.55 pt.
inline constexpr double kPdfA3Width = 297.0 / 25.4 * 72.0;
inline constexpr double kPdfA3Height = 420.0 / 25.4 * 72.0;

class PdfDocument {
 public:
  // A document of pages `width` x `height` points, with `title` in its metadata.
  PdfDocument(double width, double height, const char* title);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // The colour of what is filled or written next.
  void Colour(double red, double green, double blue);
  void FillRectangle(double x, double y, double width, double height);
  // A straight line from (x1, y1) to (x2, y2), `width` points wide, in the current colour.
  void Line(double x1, double y1, double x2, double y2, double width);

  // Draws `text` at (x, y), wrapped within `width`, at `size` points; returns the height used.
  double Text(double x, double y, double width, const std::string& text, double size,
              bool bold = false);
  // The height Text would use for `text`, without drawing it (to break columns and pages).
  double MeasureText(double width, const std::string& text, double size, bool bold = false);
  // As Text, for Pango markup (the caller escapes its values) over a base `size`.
  double Markup(double x, double y, double width, const std::string& markup, double size);

  // A black-on-white QR code of `text` (error correction M) in a `size` square at (x, y), with a
  // quiet zone of one module on each side; leaves the colour black. Draws nothing when the text
  // cannot be encoded.
  void QrCode(const std::string& text, double x, double y, double size);

  // Ends the page; what is drawn next goes on a new one.
  void EndPage();

  // The PDF bytes. Throws domain::StorageError(error_code, ...) when cairo failed, with
  // `error_message` and, when drawing failed, cairo's reason after it. Call once, last.
  std::string Finish(const char* error_code, const std::string& error_message);

 private:
  struct Cairo;
  std::unique_lock<std::mutex> lock_;  // First member: held until the cairo objects are gone.
  std::string out_;
  std::unique_ptr<Cairo> cairo_;
};

}  // namespace minqing::app
