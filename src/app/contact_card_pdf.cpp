#include "app/contact_card_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>
#include <mutex>

#include "domain/errors.hpp"

namespace minqing::app {
namespace {

// A6 portrait in points (105 mm x 148 mm).
constexpr double kWidth = 105.0 / 25.4 * 72.0;
constexpr double kHeight = 148.0 / 25.4 * 72.0;
constexpr double kMargin = 18.0;
constexpr char kFont[] = "WenQuanYi Micro Hei";

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `text` at (x, y) within `width`, returns the height used.
double Text(cairo_t* cr, double x, double y, double width, const std::string& text, double size,
            bool bold = false) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontDeleter> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kFont);
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout.get(), &w, &h);
  return h;
}

void QrCode(cairo_t* cr, const std::string& url, double x, double y, double size) {
  std::unique_ptr<QRcode, QrDeleter> qr(
      QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return;
  int n = qr->width;
  double module = size / (n + 2);  // Two modules of quiet zone in total.
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if (qr->data[row * n + col] & 1) {
        cairo_rectangle(cr, x + (col + 1) * module, y + (row + 1) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

std::string OrDash(const std::string& s) { return s.empty() ? "—" : s; }

void DrawCard(cairo_t* cr, const ContactCardData& card) {
  const double inner = kWidth - 2 * kMargin;
  cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
  cairo_rectangle(cr, 0, 0, kWidth, 46);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  Text(cr, kMargin, 10, inner, "党员联系户 联系卡", 17, true);
  Text(cr, kMargin, 31, inner, OrDash(card.village_name), 9);

  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  double y = 56;
  y += Text(cr, kMargin, y, inner, "户主：" + OrDash(card.head_name), 11, true) + 2;
  y += Text(cr, kMargin, y, inner, "地址：" + OrDash(card.household_address), 9) + 8;

  for (const auto& line : ContactCardLines(card)) {
    y += Text(cr, kMargin, y, inner, line.label, 9, true) + 1;
    y += Text(cr, kMargin + 8, y, inner - 8, line.value, 11) + 6;
  }
  y += Text(cr, kMargin, y, inner, "服务站时间", 9, true) + 1;
  y += Text(cr, kMargin + 8, y, inner - 8, card.station_hours, 8.5) + 6;

  const double qr_size = 92;
  double qr_y = kHeight - kMargin - qr_size;
  QrCode(cr, card.public_url, kMargin, qr_y, qr_size);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  double tx = kMargin + qr_size + 8;
  double tw = kWidth - tx - kMargin;
  double ty = qr_y + 4;
  ty += Text(cr, tx, ty, tw, "扫码反映诉求、确认走访", 8.5) + 4;
  ty += Text(cr, tx, ty, tw, "确认码", 8.5) + 1;
  Text(cr, tx, ty, tw, OrDash(card.card_code), 16, true);
}

}  // namespace

std::vector<ContactCardLine> ContactCardLines(const ContactCardData& card) {
  auto person = [](const std::string& name, const std::string& phone) {
    std::string value = OrDash(name);
    if (!phone.empty()) value += "  电话 " + phone;
    return value;
  };
  std::vector<ContactCardLine> lines;
  lines.push_back({"联系党员", person(card.member_name, card.member_phone)});
  lines.push_back({"党小组长", card.member_leads_group && card.leader_name.empty()
                                   ? std::string("由联系党员本人担任")
                                   : person(card.leader_name, card.leader_phone)});
  lines.push_back({"村级事务助理", person(card.assistant_name, card.assistant_phone)});
  return lines;
}

std::string RenderContactCardsPdf(const std::vector<ContactCardData>& cards) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &out, kWidth, kHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "党员联系户联系卡");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "minqing");
  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    if (cards.empty()) {
      cairo_set_source_rgb(cr.get(), 0.1, 0.1, 0.1);
      Text(cr.get(), kMargin, kMargin, kWidth - 2 * kMargin, "没有联系卡", 12);
      cairo_show_page(cr.get());
    }
    for (const auto& card : cards) {
      DrawCard(cr.get(), card);
      cairo_show_page(cr.get());
    }
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      throw domain::StorageError(
          "card.render_failed",
          std::string("联系卡生成失败：") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw domain::StorageError("card.render_failed", "联系卡生成失败");
  }
  return out;
}

}  // namespace minqing::app
