#include "app/contact_card_pdf.hpp"

#include "app/pdf_document.hpp"

namespace minqing::app {
namespace {

// A6 portrait in points (105 mm x 148 mm).
constexpr double kWidth = 105.0 / 25.4 * 72.0;
constexpr double kHeight = 148.0 / 25.4 * 72.0;
constexpr double kMargin = 18.0;

std::string OrDash(const std::string& s) { return s.empty() ? "—" : s; }

void DrawCard(PdfDocument& pdf, const ContactCardData& card) {
  const double inner = kWidth - 2 * kMargin;
  pdf.Colour(0.75, 0.1, 0.1);
  pdf.FillRectangle(0, 0, kWidth, 46);
  pdf.Colour(1, 1, 1);
  pdf.Text(kMargin, 10, inner, "党员联系户 联系卡", 17, true);
  pdf.Text(kMargin, 31, inner, OrDash(card.village_name), 9);

  pdf.Colour(0.1, 0.1, 0.1);
  double y = 56;
  y += pdf.Text(kMargin, y, inner, "户主：" + OrDash(card.head_name), 11, true) + 2;
  y += pdf.Text(kMargin, y, inner, "地址：" + OrDash(card.household_address), 9) + 8;

  for (const auto& line : ContactCardLines(card)) {
    y += pdf.Text(kMargin, y, inner, line.label, 9, true) + 1;
    y += pdf.Text(kMargin + 8, y, inner - 8, line.value, 11) + 6;
  }
  y += pdf.Text(kMargin, y, inner, "服务站时间", 9, true) + 1;
  y += pdf.Text(kMargin + 8, y, inner - 8, card.station_hours, 8.5) + 6;

  const double qr_size = 92;
  double qr_y = kHeight - kMargin - qr_size;
  pdf.QrCode(card.public_url, kMargin, qr_y, qr_size);
  pdf.Colour(0.1, 0.1, 0.1);
  double tx = kMargin + qr_size + 8;
  double tw = kWidth - tx - kMargin;
  double ty = qr_y + 4;
  ty += pdf.Text(tx, ty, tw, "扫码反映诉求、确认走访", 8.5) + 4;
  ty += pdf.Text(tx, ty, tw, "确认码", 8.5) + 1;
  pdf.Text(tx, ty, tw, OrDash(card.card_code), 16, true);
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
  lines.push_back(
      {card.village_level + "级事务助理", person(card.assistant_name, card.assistant_phone)});
  return lines;
}

std::string RenderContactCardsPdf(const std::vector<ContactCardData>& cards) {
  PdfDocument pdf(kWidth, kHeight, "党员联系户联系卡");
  if (cards.empty()) {
    pdf.Colour(0.1, 0.1, 0.1);
    pdf.Text(kMargin, kMargin, kWidth - 2 * kMargin, "没有联系卡", 12);
    pdf.EndPage();
  }
  for (const auto& card : cards) {
    DrawCard(pdf, card);
    pdf.EndPage();
  }
  return pdf.Finish("card.render_failed", "联系卡生成失败");
}

}  // namespace minqing::app
