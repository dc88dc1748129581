#include "app/village_board.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "app/matters/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

// Runs a poppler tool on `pdf` and returns what it printed.
std::string Poppler(const std::filesystem::path& dir, const std::string& tool,
                    const std::string& pdf, const std::string& args = "") {
  const auto in = dir / "board.pdf";
  const auto out = dir / (tool + ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd =
      tool + " " + args + " '" + in.string() + "' " +
      (tool == "pdftotext" ? "'" + out.string() + "'" : "> '" + out.string() + "'");
  EXPECT_EQ(std::system(cmd.c_str()), 0) << tool << " (poppler-utils) is needed";
  std::ifstream read(out);
  return {std::istreambuf_iterator<char>(read), {}};
}

class VillageBoardTest : public MattersTest {
 protected:
  VillageBoardService& board() { return services_->village_board; }

  void Notice(Id region, domain::Epoch at, const char* title, const char* due = "") {
    NoticeInput input;
    input.region_id = region;
    input.kind = "policy";
    input.title = title;
    input.body = std::string(title) + "的内容";
    input.due_date = due;
    if (publisher_.user.id == 0) publisher_ = UserActor("publisher", "admin", std::nullopt);
    services_->network.PublishNotice(WithNow(publisher_, at), input);
  }

  Actor publisher_;  // An administrator's account (a notice names who published it).
};

// An empty village: every section empty, nothing fails, and the station falls back to the
// county's default hours.
TEST_F(VillageBoardTest, AnEmptyVillageHasEmptySectionsAndTheDefaultStationHours) {
  VillageBoard v = board().Read(village_b_.id, At("2026-10-01", 10));
  EXPECT_EQ(v.board.village_name, "西关村");
  EXPECT_EQ(v.board.today, "2026-10-01");
  EXPECT_TRUE(v.board.groups.empty());
  EXPECT_TRUE(v.board.notices.empty());
  EXPECT_TRUE(v.board.matters.empty());
  EXPECT_FALSE(v.assistant.posting.has_value());
  EXPECT_FALSE(v.last_vote.has_value());
  EXPECT_NE(v.board.station_hours.find("综合服务站："), std::string::npos);
  EXPECT_NE(v.public_url.find("/board/" + std::to_string(village_b_.id)), std::string::npos);
  bool empty_matters = false;
  for (const auto& block : VillageBoardBlocks(v)) {
    empty_matters |= block.text == "暂无已答复的诉求";
  }
  EXPECT_TRUE(empty_matters);
  EXPECT_FALSE(board().Pdf(village_b_.id, At("2026-10-01", 10)).empty());
  // Not a village: not found, for the page and the poster alike.
  EXPECT_THROW(board().Read(township_.id, At("2026-10-01", 10)), domain::NotFound);
  EXPECT_THROW(board().Pdf(county_.id, At("2026-10-01", 10)), domain::NotFound);
}

TEST_F(VillageBoardTest, NoticesInForceOfTheVillageAndItsAncestorsOnly) {
  const domain::Epoch now = At("2026-10-10", 10);
  Notice(village_a_.id, At("2026-10-08", 9), "秋季防火");                // 2 days, no due.
  Notice(county_.id, At("2026-09-01", 9), "医保缴费", "2026-10-31");     // Due later.
  Notice(township_.id, At("2026-09-01", 9), "过期通知", "2026-09-30");   // Past due.
  Notice(village_a_.id, At("2026-08-01", 9), "旧通知");                  // Over 30 days.
  Notice(village_b_.id, At("2026-10-09", 9), "西关村通知");              // Another village.
  Notice(village_a_.id, At("2026-10-10", 9), "今天到期", "2026-10-10");  // Due today.
  auto notices = board().Read(village_a_.id, now).board.notices;
  std::vector<std::string> titles;
  for (const auto& n : notices) titles.push_back(n.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"今天到期", "秋季防火", "医保缴费"}));
  EXPECT_EQ(notices[2].published_on, "2026-09-01");
  EXPECT_EQ(notices[2].due_on, "2026-10-31");
  EXPECT_EQ(notices[1].body, "秋季防火的内容");
  EXPECT_EQ(notices[1].kind_label, "政策宣讲到户");
}

// The answered matters carry dates, category, state, timeliness and the sign-off, and never the
// resident's name, phone, address or any free text (content, reply, comment); reports (举报)
// stay off the board; open matters are not "answered".
TEST_F(VillageBoardTest, AnsweredMattersWithoutPersonalData) {
  const domain::Epoch t = At("2026-10-09", 9);
  const char* secret = "张秘密反映：电话13987654321，住东关村88号";
  auto accepted = AcceptParking(t, secret);
  handling().Dispatch(WithNow(clerk_, t + 60), accepted.matter.id, std::nullopt, std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, t + 600), accepted.matter.id);
  handling().Reply(WithNow(handler1_, t + 3600), accepted.matter.id, "已告知张秘密 13987654321");
  sign_off().RecordCallback(WithNow(leader_, t + 7200), accepted.matter.id,
                            {"", true, 4, "张秘密说谢谢，13987654321"});
  AcceptParking(t + 100, "另一件张秘密的事，还在办理");  // Open: not on the board.
  MatterInput report;
  report.type = "report";
  report.category_id = category_.id;
  report.household_id = household_a_.id;
  report.content = "举报某人";
  auto reported = intake().Accept(WithNow(clerk_, t), report);
  handling().Dispatch(WithNow(clerk_, t + 60), reported.matter.id, std::nullopt, std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, t + 600), reported.matter.id);
  handling().Reply(WithNow(handler1_, t + 3600), reported.matter.id, "已查处");

  const domain::Epoch now = At("2026-10-10", 10);
  VillageBoard v = board().Read(village_a_.id, now);
  ASSERT_EQ(v.board.matters.size(), 1u);
  const auto& m = v.board.matters[0];
  EXPECT_EQ(m.accepted_on, "2026-10-09");
  EXPECT_EQ(m.answered_on, "2026-10-09");
  EXPECT_EQ(m.category, "停车管理");
  EXPECT_EQ(m.type_label, "投诉");
  EXPECT_TRUE(m.on_time);
  ASSERT_TRUE(m.solved.has_value());
  EXPECT_TRUE(*m.solved);
  EXPECT_EQ(m.rating, 4);
  EXPECT_EQ(m.status, "closed");  // Signed off as solved.
  EXPECT_EQ(m.closed_on, "2026-10-09");

  // Neither the blocks nor the printed poster hold the name, phone or address.
  std::string all;
  for (const auto& block : VillageBoardBlocks(v)) all += block.text + "\n";
  for (const char* personal : {"张秘密", "13987654321", "88号", "王景云", "举报某人", "已查处"}) {
    EXPECT_EQ(all.find(personal), std::string::npos) << personal;
  }
  const std::string text =
      Poppler(dir_, "pdftotext", board().Pdf(village_a_.id, now), "-enc UTF-8");
  EXPECT_NE(text.find("诉求办理公开"), std::string::npos);
  EXPECT_NE(text.find("停车管理"), std::string::npos);
  for (const char* personal : {"张秘密", "13987654321", "88号", "举报某人"}) {
    EXPECT_EQ(text.find(personal), std::string::npos) << personal;
  }
}

// The poster is A3 portrait, its Chinese text is real text in an embedded font, and it names the
// village; a long board runs onto more pages.
TEST_F(VillageBoardTest, ThePosterIsA3WithEmbeddedChineseTextOverPages) {
  const domain::Epoch now = At("2026-10-10", 10);
  for (int i = 0; i < 60; ++i) {
    Notice(village_a_.id, At("2026-10-09", 9) + i,
           ("第" + std::to_string(i) + "号通知：秋收期间道路通行安排").c_str());
  }
  const std::string pdf = board().Pdf(village_a_.id, now);
  ASSERT_EQ(pdf.rfind("%PDF", 0), 0u);
  const std::string info = Poppler(dir_, "pdfinfo", pdf);
  EXPECT_NE(info.find("841.89 x 1190.55 pts"), std::string::npos) << info;
  EXPECT_EQ(info.find("Pages:           1\n"), std::string::npos) << info;  // More than one.
  const std::string fonts = Poppler(dir_, "pdffonts", pdf);
  EXPECT_NE(fonts.find(" yes "), std::string::npos) << fonts;  // Embedded.
  const std::string text = Poppler(dir_, "pdftotext", pdf, "-enc UTF-8");
  EXPECT_NE(text.find("东关村公开栏"), std::string::npos);
  EXPECT_NE(text.find("第59号通知"), std::string::npos);
  EXPECT_NE(text.find("第0号通知"), std::string::npos);
  EXPECT_NE(text.find("暂无已公布的评议结果"), std::string::npos);
  EXPECT_NE(text.find("服务站办公时间"), std::string::npos);
}

}  // namespace
}  // namespace minqing::app
