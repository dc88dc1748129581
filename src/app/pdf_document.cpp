#include "app/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "app/pdf_fonts.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

// Frees a cairo, Pango or libqrencode object with its library's function.
template <auto kFree>
struct Free {
  template <typename T>
  void operator()(T* object) const {
    kFree(object);
  }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, Free<cairo_surface_destroy>>;
using ContextPtr = std::unique_ptr<cairo_t, Free<cairo_destroy>>;
using LayoutPtr = std::unique_ptr<PangoLayout, Free<g_object_unref>>;
using FontPtr = std::unique_ptr<PangoFontDescription, Free<pango_font_description_free>>;
using QrPtr = std::unique_ptr<QRcode, Free<QRcode_free>>;

std::mutex& DrawingMutex() {
  static std::mutex mutex;
  return mutex;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A layout in kPdfFontFamily at `size` points, `width` wide, wrapping at words (or characters,
// for Chinese).
LayoutPtr NewLayout(cairo_t* cr, double width, double size, bool bold) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  FontPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kPdfFontFamily);
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  return layout;
}

// Shows the layout with its top-left corner at (x, y); returns its height.
double Show(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return h;
}

}  // namespace

struct PdfDocument::Cairo {
  SurfacePtr surface;
  ContextPtr cr;  // Destroyed before the surface.
};

PdfDocument::PdfDocument(double width, double height, const char* title)
    : lock_(DrawingMutex()), cairo_(std::make_unique<Cairo>()) {
  cairo_->surface.reset(cairo_pdf_surface_create_for_stream(AppendToString, &out_, width, height));
  cairo_pdf_surface_set_metadata(cairo_->surface.get(), CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(cairo_->surface.get(), CAIRO_PDF_METADATA_CREATOR, "minqing");
  cairo_->cr.reset(cairo_create(cairo_->surface.get()));
}

PdfDocument::~PdfDocument() = default;

void PdfDocument::Colour(double red, double green, double blue) {
  cairo_set_source_rgb(cairo_->cr.get(), red, green, blue);
}

void PdfDocument::Line(double x1, double y1, double x2, double y2, double width) {
  cairo_t* cr = cairo_->cr.get();
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

void PdfDocument::FillRectangle(double x, double y, double width, double height) {
  cairo_rectangle(cairo_->cr.get(), x, y, width, height);
  cairo_fill(cairo_->cr.get());
}

double PdfDocument::Text(double x, double y, double width, const std::string& text, double size,
                         bool bold) {
  auto layout = NewLayout(cairo_->cr.get(), width, size, bold);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  return Show(cairo_->cr.get(), layout.get(), x, y);
}

double PdfDocument::MeasureText(double width, const std::string& text, double size, bool bold) {
  auto layout = NewLayout(cairo_->cr.get(), width, size, bold);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout.get(), &w, &h);
  return h;
}

double PdfDocument::Markup(double x, double y, double width, const std::string& markup,
                           double size) {
  auto layout = NewLayout(cairo_->cr.get(), width, size, false);
  pango_layout_set_markup(layout.get(), markup.c_str(), -1);
  return Show(cairo_->cr.get(), layout.get(), x, y);
}

void PdfDocument::QrCode(const std::string& text, double x, double y, double size) {
  cairo_t* cr = cairo_->cr.get();
  QrPtr qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
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

void PdfDocument::EndPage() { cairo_show_page(cairo_->cr.get()); }

std::string PdfDocument::Finish(const char* error_code, const std::string& error_message) {
  if (cairo_status_t status = cairo_status(cairo_->cr.get()); status != CAIRO_STATUS_SUCCESS) {
    throw domain::StorageError(error_code, error_message + "：" + cairo_status_to_string(status));
  }
  cairo_->cr.reset();
  cairo_surface_finish(cairo_->surface.get());
  if (cairo_surface_status(cairo_->surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw domain::StorageError(error_code, error_message);
  }
  return std::move(out_);
}

}  // namespace minqing::app
