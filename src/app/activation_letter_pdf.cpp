#include "app/activation_letter_pdf.hpp"

#include <pango/pango.h>

#include "app/pdf_document.hpp"

namespace minqing::app {
namespace {

// A4 portrait in points.
constexpr double kWidth = 210.0 / 25.4 * 72.0;
constexpr double kHeight = 297.0 / 25.4 * 72.0;
constexpr double kMargin = 56.0;

std::string Escape(const std::string& text) {
  gchar* escaped = g_markup_escape_text(text.c_str(), -1);
  std::string out(escaped);
  g_free(escaped);
  return out;
}

// One labelled line: the label and its value share a baseline (one layout), so that the text of
// the PDF reads "激活码  7KQ2M9XD" on one line.
double Field(PdfDocument& pdf, double x, double y, double width, const std::string& label,
             const std::string& value, double size, bool bold) {
  const std::string markup = "<b>" + Escape(label) + "</b>  <span size=\"" +
                             std::to_string(static_cast<int>(size * PANGO_SCALE)) + "\"" +
                             (bold ? " weight=\"bold\"" : "") + ">" +
                             Escape(value.empty() ? "—" : value) + "</span>";
  return pdf.Markup(x, y, width, markup, 11);
}

void DrawLetter(PdfDocument& pdf, const ActivationLetter& letter) {
  const double inner = kWidth - 2 * kMargin;
  pdf.Colour(0.75, 0.1, 0.1);
  pdf.FillRectangle(0, 0, kWidth, 8);
  pdf.Colour(0.1, 0.1, 0.1);
  double y = kMargin;
  y += pdf.Text(kMargin, y, inner, "民情 · 联系服务群众平台", 11) + 6;
  y += pdf.Text(kMargin, y, inner, "账号激活通知书", 22, true) + 18;
  y += pdf.Text(kMargin, y, inner, letter.display_name + "：", 13) + 8;
  y += pdf.Text(kMargin, y, inner,
                "您好！已为您开通民情平台账号。请按下列步骤激活账号并设置您自己的密码。本通知书上的"
                "激活码只能使用一次，请妥善保管，不要告诉他人，也不要拍照转发。",
                11) +
       14;
  auto field = [&](const std::string& label, const std::string& value, double size, bool bold) {
    y += Field(pdf, kMargin, y, inner, label, value, size, bold) + 8;
  };
  field("用户名", letter.username, 16, true);
  field("角色", letter.role_label, 11, false);
  if (!letter.scope_name.empty()) field("管辖/单位", letter.scope_name, 11, false);
  field("激活码", letter.code, 26, true);
  field("有效期至", letter.expires_text, 11, false);
  y += 10;

  const double qr_size = 130;
  pdf.QrCode(letter.url, kMargin, y, qr_size);
  pdf.Colour(0.1, 0.1, 0.1);
  const double tx = kMargin + qr_size + 16;
  const double tw = kWidth - tx - kMargin;
  double ty = y;
  ty += pdf.Text(tx, ty, tw, "激活步骤", 12, true) + 6;
  ty += pdf.Text(tx, ty, tw, "1. 用手机扫描左侧二维码，或在浏览器中打开：", 10.5) + 2;
  ty += pdf.Text(tx + 12, ty, tw - 12, letter.url, 10) + 6;
  ty += pdf.Text(tx, ty, tw, "2. 核对用户名，输入上面的激活码。", 10.5) + 4;
  ty += pdf.Text(tx, ty, tw,
                 "3. 设置新密码：至少 8 位，含字母、数字、符号中的两种，不能与用户名相同。", 10.5) +
        4;
  pdf.Text(tx, ty, tw, "4. 激活后即已登录；以后用用户名和新密码登录。", 10.5);
  y += qr_size + 24;
  pdf.Text(kMargin, y, inner,
           "激活码过期、遗失或被他人知道时，请联系管理员补发激活通知书，旧激活码随即作废。"
           "工作人员不会向您索要激活码或密码。",
           9.5);
}

}  // namespace

std::string RenderActivationLettersPdf(const std::vector<ActivationLetter>& letters) {
  PdfDocument pdf(kWidth, kHeight, "账号激活通知书");
  for (const auto& letter : letters) {
    DrawLetter(pdf, letter);
    pdf.EndPage();
  }
  return pdf.Finish("letter.render_failed", "激活通知书生成失败");
}

}  // namespace minqing::app
