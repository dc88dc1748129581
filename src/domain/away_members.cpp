#include "domain/away_members.hpp"

#include "domain/text_rules.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

void CheckText(std::vector<FieldProblem>& problems, std::string_view field, std::string_view value,
               std::size_t max_chars, bool multiline) {
  TextRule rule{max_chars, multiline, "text.too_long", "内容过长"};
  if (auto p = CheckTextField(field, value, rule)) problems.push_back(*p);
}

bool Blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

bool IsAwayContactWay(std::string_view way) {
  for (auto w : kAwayContactWays) {
    if (w == way) return true;
  }
  return false;
}

std::string_view AwayContactWayLabel(std::string_view way) {
  if (way == "phone") return "电话";
  if (way == "wechat") return "微信";
  if (way == "letter") return "书信";
  if (way == "visit") return "见面";
  return way;
}

std::vector<FieldProblem> CheckAwayContact(const AwayContact& contact, std::string_view today) {
  std::vector<FieldProblem> problems;
  auto day = ParseDate(contact.date);
  auto now = ParseDate(today);
  if (!day) {
    problems.push_back({"date", "away.date_invalid", "日期格式应为YYYY-MM-DD"});
  } else if (now && *day > *now) {
    problems.push_back({"date", "away.date_future", "联系日期不能晚于今天"});
  }
  if (!IsAwayContactWay(contact.way)) {
    problems.push_back({"way", "away.way_invalid", "联系方式应为电话、微信、书信或见面"});
  }
  if (Blank(contact.contact_by)) {
    problems.push_back({"contact_by", "away.contact_by_required", "请填写联系人"});
  } else {
    CheckText(problems, "contact_by", contact.contact_by, 20, false);
  }
  CheckText(problems, "note", contact.note, kAwayNoteMaxChars, true);
  return problems;
}

bool AwayContactOverdue(const std::optional<std::string>& last_contact, std::string_view today) {
  if (!last_contact) return true;
  auto last = ParseDate(*last_contact);
  auto now = ParseDate(today);
  if (!last || !now) return true;
  return *now - *last > kAwayContactOverdueDays;
}

std::vector<FieldProblem> CheckStudyActivity(const StudyActivity& a) {
  std::vector<FieldProblem> problems;
  if (Blank(a.title)) {
    problems.push_back({"title", "study.title_required", "请填写学习主题"});
  } else {
    CheckText(problems, "title", a.title, kStudyTitleMaxChars, false);
  }
  CheckText(problems, "material", a.material, kStudyMaterialMaxChars, true);
  if (Blank(a.material) && Blank(a.link)) {
    problems.push_back({"material", "study.material_required", "请填写学习内容或链接"});
  }
  if (!a.link.empty()) {
    CheckText(problems, "link", a.link, kStudyLinkMaxChars, false);
    if (a.link.rfind("http://", 0) != 0 && a.link.rfind("https://", 0) != 0) {
      problems.push_back({"link", "study.link_invalid", "链接应以http://或https://开头"});
    }
  }
  auto opens = ParseDate(a.opens_on);
  auto closes = ParseDate(a.closes_on);
  if (!opens) problems.push_back({"opens_on", "study.date_invalid", "日期格式应为YYYY-MM-DD"});
  if (!closes) problems.push_back({"closes_on", "study.date_invalid", "日期格式应为YYYY-MM-DD"});
  if (opens && closes && *closes < *opens) {
    problems.push_back({"closes_on", "study.period_invalid", "结束日期不能早于开始日期"});
  }
  return problems;
}

bool StudyOpen(const StudyActivity& a, std::string_view today) {
  auto opens = ParseDate(a.opens_on);
  auto closes = ParseDate(a.closes_on);
  auto now = ParseDate(today);
  return opens && closes && now && *opens <= *now && *now <= *closes;
}

std::optional<FieldProblem> CheckStudyNote(std::string_view note) {
  if (Blank(note)) return FieldProblem{"note", "study.note_required", "请写几句学习心得"};
  return CheckTextField("note", note, {kStudyNoteMaxChars, true, "text.too_long", "内容过长"});
}

}  // namespace minqing::domain
