#include "app/pdf_fonts.hpp"

#include <pango/pangocairo.h>

#include <memory>

namespace minqing::app {
namespace {

struct ObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
struct DescriptionDeleter {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};

}  // namespace

PdfFontStatus CheckPdfFont() {
  PdfFontStatus status;
  PangoFontMap* map = pango_cairo_font_map_get_default();  // Owned by Pango.
  std::unique_ptr<PangoContext, ObjectDeleter> context(pango_font_map_create_context(map));
  std::unique_ptr<PangoFontDescription, DescriptionDeleter> wanted(pango_font_description_new());
  pango_font_description_set_family(wanted.get(), kPdfFontFamily);
  pango_font_description_set_absolute_size(wanted.get(), 12 * PANGO_SCALE);
  // The fontset is what a layout uses: the asked-for family, then fontconfig's substitutes.
  std::unique_ptr<PangoFontset, ObjectDeleter> fontset(pango_font_map_load_fontset(
      map, context.get(), wanted.get(), pango_language_from_string("zh-cn")));
  if (!fontset) return status;
  bool covers = true;
  std::string family;
  for (gunichar c : {0x6C11u, 0x60C5u}) {  // 民, 情
    std::unique_ptr<PangoFont, ObjectDeleter> font(pango_fontset_get_font(fontset.get(), c));
    if (!font || !pango_font_has_char(font.get(), c)) {
      covers = false;
      continue;
    }
    std::unique_ptr<PangoFontDescription, DescriptionDeleter> found(
        pango_font_describe(font.get()));
    if (const char* name = pango_font_description_get_family(found.get())) family = name;
  }
  status.covers_chinese = covers;
  status.family = family;
  status.exact = covers && family == kPdfFontFamily;
  return status;
}

}  // namespace minqing::app
