// The font the PDFs (contact cards, letters) lay Chinese text out with, and a check that this
// machine can render it, for `minqing doctor`. Thread-safety: CheckPdfFont may be called from any
// thread but is meant for start-up checks (it builds a Pango font map query each call).
#pragma once

#include <string>

namespace minqing::app {

// Debian package fonts-wqy-microhei.
inline constexpr char kPdfFontFamily[] = "WenQuanYi Micro Hei";

struct PdfFontStatus {
  std::string family;           // The family that renders Chinese text asked for in kPdfFontFamily.
  bool exact = false;           // `family` is kPdfFontFamily itself, not a substitute.
  bool covers_chinese = false;  // It has glyphs for Chinese (checked on 民情).
};

PdfFontStatus CheckPdfFont();

}  // namespace minqing::app
