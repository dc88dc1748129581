#include "app/service_info/service_info_pdf.hpp"

#include "app/pdf_document.hpp"

namespace minqing::app {
namespace {

// A6 portrait (105 mm x 148 mm) and A4 portrait (210 mm x 297 mm), in points.
constexpr double kMm = 72.0 / 25.4;
constexpr double kBadgeWidth = 105 * kMm;
constexpr double kBadgeHeight = 148 * kMm;
constexpr double kA4Width = 210 * kMm;
constexpr double kA4Height = 297 * kMm;

std::string OrDash(const std::string& s) { return s.empty() ? "—" : s; }

void DrawBadge(PdfDocument& pdf, const BadgeData& badge) {
  const double margin = 16;
  const double inner = kBadgeWidth - 2 * margin;
  pdf.Colour(0.71, 0.14, 0.11);
  pdf.FillRectangle(0, 0, kBadgeWidth, 58);
  pdf.Colour(1, 1, 1);
  pdf.Text(margin, 10, inner, OrDash(badge.unit_name), 13, true);
  pdf.Text(margin, 34, inner, "工作牌", 11);

  // The marking: 带班 (leader on duty) or 在岗 (at the window), in a coloured band.
  double y = 72;
  if (badge.leader) {
    pdf.Colour(0.85, 0.55, 0.05);
  } else {
    pdf.Colour(0.1, 0.5, 0.25);
  }
  pdf.FillRectangle(margin, y, 64, 26);
  pdf.Colour(1, 1, 1);
  pdf.Text(margin + 12, y + 4, 50, badge.leader ? "带班" : "在岗", 14, true);
  pdf.Colour(0.1, 0.1, 0.1);
  pdf.Text(margin + 74, y + 6, inner - 74, badge.date, 10);

  y += 40;
  y += pdf.Text(margin, y, inner, OrDash(badge.name), 26, true) + 8;
  y += pdf.Text(margin, y, inner, "岗位：" + OrDash(badge.post), 12) + 6;
  y += pdf.Text(margin, y, inner, "编号：" + OrDash(badge.number), 12) + 6;

  const double qr = 96;
  const double qr_y = kBadgeHeight - margin - qr;
  pdf.QrCode(badge.public_url, margin, qr_y, qr);
  pdf.Colour(0.1, 0.1, 0.1);
  pdf.Text(margin + qr + 8, qr_y + 8, inner - qr - 8, "扫码查看今日值班和本周安排，欢迎监督", 9);
}

// Writes guide text top to bottom, starting a new page when the next block would not fit.
class GuideWriter {
 public:
  explicit GuideWriter(PdfDocument& pdf) : pdf_(pdf) {}

  void Block(const std::string& text, double size, bool bold = false, double indent = 0,
             double after = 4) {
    // A block is at most a few lines: start it on a new page when little room is left.
    if (y_ > kA4Height - kMargin - size * 3) NewPage();
    y_ +=
        pdf_.Text(kMargin + indent, y_, kA4Width - 2 * kMargin - indent, text, size, bold) + after;
  }
  void Gap(double h) { y_ += h; }
  double y() const { return y_; }

 private:
  static constexpr double kMargin = 20 * kMm;
  void NewPage() {
    pdf_.EndPage();
    pdf_.Colour(0.1, 0.1, 0.1);
    y_ = kMargin;
  }

  PdfDocument& pdf_;
  double y_ = kMargin;
};

}  // namespace

std::string RenderBadgesPdf(const std::vector<BadgeData>& badges) {
  PdfDocument pdf(kBadgeWidth, kBadgeHeight, "工作牌");
  for (const auto& badge : badges) {
    DrawBadge(pdf, badge);
    pdf.EndPage();
  }
  return pdf.Finish("duty.badges_failed", "工作牌生成失败");
}

std::string RenderGuidePdf(const GuideView& view) {
  const domain::ServiceGuide& g = view.guide;
  PdfDocument pdf(kA4Width, kA4Height, "办事指南");
  pdf.Colour(0.71, 0.14, 0.11);
  pdf.FillRectangle(0, 0, kA4Width, 12);
  pdf.Colour(0.1, 0.1, 0.1);
  GuideWriter w(pdf);
  w.Block("办事指南（明白纸）", 11, false, 0, 2);
  w.Block(OrDash(g.title), 20, true, 0, 4);
  w.Block("事项分类：" + view.category.name + "    适用地区：" + OrDash(g.region_name), 10.5, false,
          0, 2);
  if (!g.published) w.Block("草稿（未公开）", 12, true, 0, 2);
  w.Gap(8);
  w.Block("办理时限", 13, true);
  w.Block(view.time_limit, 11.5, false, 12, 8);
  w.Block("申请材料", 13, true);
  for (std::size_t i = 0; i < g.materials.size(); ++i) {
    w.Block(std::to_string(i + 1) + ". " + g.materials[i], 11, false, 12, 3);
  }
  w.Gap(6);
  w.Block("办理流程", 13, true);
  for (std::size_t i = 0; i < g.steps.size(); ++i) {
    w.Block("第" + std::to_string(i + 1) + "步  " + g.steps[i], 11, false, 12, 3);
  }
  w.Gap(6);
  w.Block("办理地点", 13, true);
  std::string where = OrDash(g.place);
  if (!g.window_name.empty()) where += "  " + g.window_name;
  w.Block(where, 11, false, 12, 8);
  w.Block("收费标准", 13, true);
  w.Block(OrDash(g.fees), 11, false, 12, 8);
  w.Block("办公时间", 13, true);
  w.Block(OrDash(g.office_hours), 11, false, 12, 8);
  w.Block("咨询电话", 13, true);
  w.Block(OrDash(g.phone), 11, false, 12, 12);
  if (!view.public_url.empty() && g.published) {
    if (w.y() > kA4Height - 150) {
      pdf.EndPage();
    }
    const double qr = 90;
    const double qr_y = kA4Height - 20 * kMm - qr;
    pdf.QrCode(view.public_url, 20 * kMm, qr_y, qr);
    pdf.Colour(0.1, 0.1, 0.1);
    pdf.Text(20 * kMm + qr + 10, qr_y + 10, 300, "扫码在手机上查看本指南", 10);
  }
  pdf.EndPage();
  return pdf.Finish("guide.render_failed", "办事指南生成失败");
}

}  // namespace minqing::app
