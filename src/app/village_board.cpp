#include "app/village_board.hpp"

#include <algorithm>
#include <cstdio>

#include "app/pdf_document.hpp"
#include "domain/posting.hpp"
#include "domain/text.hpp"
#include "domain/votes.hpp"

namespace minqing::app {
namespace {

constexpr double kMargin = 36.0;
constexpr double kGutter = 16.0;
constexpr int kColumns = 3;
constexpr double kQrSize = 96.0;
// A notice's body on the poster: longer ones end in a pointer to the page (a block must fit a
// column).
constexpr std::size_t kPosterBodyChars = 300;

std::string PosterBody(const std::string& body) {
  if (domain::Utf8Length(body) <= kPosterBodyChars) return body;
  return domain::Utf8Prefix(body, kPosterBodyChars) + "……（全文见网上公开栏）";
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string Percent(double rate) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", rate * 100.0);
  return buffer;
}

std::string MatterLine(const PublicBoardMatter& m) {
  std::string text = m.accepted_on + " 受理 · " + m.type_label;
  if (!m.category.empty()) text += " · " + m.category;
  text += "\n" + m.answered_on + " 答复";
  if (!m.closed_on.empty()) text += " · " + m.closed_on + " 办结";
  text += " · " + m.status_label + " · " + (m.on_time ? "按时" : "超时");
  if (m.solved) text += std::string(" · 群众评价：") + (*m.solved ? "已解决" : "未解决");
  if (m.rating) text += "，" + std::to_string(*m.rating) + " 分";
  return text;
}

}  // namespace

VillageBoard VillageBoardService::Read(Id village_id, domain::Epoch now) {
  VillageBoard out;
  out.village_id = village_id;
  out.board = network_.Board(village_id, now);  // region.not_found first, before any other read.
  out.assistant = postings_.Public(village_id, now);
  out.guides = service_info_.PublicGuides(village_id);
  auto votes = votes_.PublishedResults(village_id, 1);
  if (!votes.empty()) out.last_vote = std::move(votes.front());
  out.public_url = links_.Url("/board/" + std::to_string(village_id));
  return out;
}

std::vector<BoardBlock> VillageBoardBlocks(const VillageBoard& v) {
  using S = BoardBlock::Style;
  std::vector<BoardBlock> out;
  auto add = [&out](S style, std::string text) { out.push_back({style, std::move(text)}); };
  const PublicBoard& b = v.board;

  add(S::kSection, "村级事务助理");
  if (v.assistant.posting) {
    const auto& p = *v.assistant.posting;
    std::string who = std::string(domain::PostingRoleLabel(p.role)) + "：" + p.user_name;
    if (!p.user_phone.empty()) who += "  电话 " + p.user_phone;
    if (!p.home_unit.empty()) who += "\n派出单位：" + p.home_unit;
    add(S::kBody, who);
  } else if (!b.assistant_name.empty()) {
    add(S::kBody, "村级事务助理：" + b.assistant_name +
                      (b.assistant_phone.empty() ? "" : "  电话 " + b.assistant_phone));
  } else {
    add(S::kEmpty, "暂无在岗的村级事务助理");
  }
  if (v.assistant.agreement) {
    const auto& a = *v.assistant.agreement;
    add(S::kHeading, (a.title.empty() ? "目标责任书" : a.title) + "（" + std::to_string(a.year) +
                         " 年，" + a.signed_on.value_or("") + " 签订）");
    for (const auto& item : a.items) {
      std::string label =
          item.label.empty() ? std::string(domain::InfoOf(item.kind).label) : item.label;
      add(S::kBody, "· " + label + "：目标 " + Number(item.target) + " " + item.unit + "，权重 " +
                        Number(item.weight));
    }
  }

  add(S::kSection, "服务站办公时间");
  add(S::kBody, b.station_hours);

  add(S::kSection, "通知公告");
  if (b.notices.empty()) add(S::kEmpty, "暂无正在公示的通知");
  for (const auto& n : b.notices) {
    add(S::kHeading, "【" + n.kind_label + "】" + n.title);
    add(S::kBody, PosterBody(n.body) + "\n发布 " + n.published_on +
                      (n.due_on.empty() ? "" : " · 至 " + n.due_on));
  }

  add(S::kSection, "述职评议结果");
  if (v.last_vote && v.last_vote->tally) {
    const auto& s = v.last_vote->session;
    const auto& t = *v.last_vote->tally;
    add(S::kHeading, s.title.empty() ? std::to_string(s.year) + " 年度述职评议" : s.title);
    add(S::kBody, "被评议人：" + s.assessed_name + "\n满意 " + std::to_string(t.satisfied) +
                      " 票 · 基本满意 " + std::to_string(t.basic) + " 票 · 不满意 " +
                      std::to_string(t.unsatisfied) + " 票\n满意率（含基本满意）" +
                      Percent(t.SatisfactionRate()));
  } else {
    add(S::kEmpty, "暂无已公布的评议结果");
  }

  add(S::kSection, "办事指南");
  bool any_guide = false;
  for (const auto& entry : v.guides.items) {
    if (!entry.guide) continue;
    any_guide = true;
    const auto& g = entry.guide->guide;
    add(S::kHeading, g.title.empty() ? entry.category.name : g.title);
    std::string text = "办理时限：" + entry.guide->time_limit;
    if (!g.place.empty()) text += "\n办理地点：" + g.place;
    if (!g.fees.empty()) text += "\n收费：" + g.fees;
    if (!g.materials.empty()) {
      text += "\n材料：";
      for (std::size_t i = 0; i < g.materials.size(); ++i) text += (i ? "；" : "") + g.materials[i];
    }
    add(S::kBody, text);
  }
  if (!any_guide) add(S::kEmpty, "暂无办事指南");

  add(S::kSection, "党员联系户");
  if (b.groups.empty()) add(S::kEmpty, "暂无党员联系户名单");
  for (const auto& g : b.groups) {
    std::string heading = g.name.empty() ? "党员" : g.name;
    if (!g.leader.empty()) heading += " · 组长 " + g.leader;
    add(S::kHeading, heading);
    for (const auto& m : g.members) {
      std::string households;
      for (const auto& h : m.households) households += (households.empty() ? "" : "、") + h;
      add(S::kBody, m.name + "：" + (households.empty() ? "—" : households));
    }
  }

  add(S::kSection, "诉求办理公开");
  if (b.matters.empty()) add(S::kEmpty, "暂无已答复的诉求");
  for (const auto& m : b.matters) add(S::kBody, MatterLine(m));
  return out;
}

std::string RenderVillageBoardPdf(const VillageBoard& v) {
  using S = BoardBlock::Style;
  const std::string title = v.board.village_name + "公开栏";
  PdfDocument pdf(kPdfA3Width, kPdfA3Height, title.c_str());
  const double inner = kPdfA3Width - 2 * kMargin;
  const double column = (inner - (kColumns - 1) * kGutter) / kColumns;
  const double bottom = kPdfA3Height - kMargin;

  // The page head: a red band, the title, the date and the QR code of the public page.
  auto head = [&](bool first) {
    pdf.Colour(0.71, 0.14, 0.11);
    pdf.FillRectangle(0, 0, kPdfA3Width, 12);
    double y = kMargin;
    if (first) {
      pdf.QrCode(v.public_url, kPdfA3Width - kMargin - kQrSize, y, kQrSize);
      pdf.Colour(0.4, 0.4, 0.4);
      pdf.Text(kPdfA3Width - kMargin - kQrSize - 20, y + kQrSize + 2, kQrSize + 40,
               "扫码查看网上公开栏", 9);
      pdf.Colour(0.71, 0.14, 0.11);
      y += pdf.Text(kMargin, y + 10, inner - kQrSize - 20, title, 40, true) + 16;
      pdf.Colour(0.3, 0.3, 0.3);
      y += pdf.Text(kMargin, y, inner - kQrSize - 20, "公开日期：" + v.board.today, 12) + 4;
      y = std::max(y, kMargin + kQrSize + 20);
    } else {
      y += pdf.Text(kMargin, y, inner, title + "（续）", 16, true) + 10;
    }
    pdf.Colour(0.71, 0.14, 0.11);
    pdf.FillRectangle(kMargin, y, inner, 2);
    return y + 12;
  };

  double top = head(true);
  int col = 0;
  double y = top;
  for (const auto& block : VillageBoardBlocks(v)) {
    double size = 11;
    bool bold = false;
    double before = 0;
    double after = 4;
    switch (block.style) {
      case S::kSection:
        size = 16;
        bold = true;
        before = y > top ? 10 : 0;
        after = 6;
        break;
      case S::kHeading:
        size = 12;
        bold = true;
        before = 2;
        after = 2;
        break;
      case S::kBody:
        break;
      case S::kEmpty:
        size = 11;
        break;
    }
    double height = pdf.MeasureText(column, block.text, size, bold);
    if (y + before + height > bottom && y > top) {
      if (++col == kColumns) {
        pdf.EndPage();
        col = 0;
        top = head(false);
      }
      y = top;
      before = 0;
    }
    y += before;
    const double x = kMargin + col * (column + kGutter);
    if (block.style == S::kSection) {
      pdf.Colour(0.71, 0.14, 0.11);
      pdf.FillRectangle(x, y, 4, height);
      y += pdf.Text(x + 8, y, column - 8, block.text, size, bold);
      pdf.FillRectangle(x, y + 2, column, 0.8);
      y += after;
    } else {
      if (block.style == S::kEmpty) {
        pdf.Colour(0.45, 0.45, 0.45);
      } else {
        pdf.Colour(0.1, 0.1, 0.1);
      }
      y += pdf.Text(x, y, column, block.text, size, bold) + after;
    }
  }
  return pdf.Finish("board.pdf_failed", "公开栏 PDF 生成失败");
}

}  // namespace minqing::app
