#include "domain/posting.hpp"

#include <cmath>

#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

constexpr std::size_t kMaxTextChars = 100;
constexpr std::size_t kMaxNoteChars = 500;

void TooLong(std::vector<FieldProblem>& problems, const std::string& field, std::string_view text,
             std::size_t limit) {
  if (Utf8Length(text) > limit) {
    problems.push_back({field, "field.too_long", "不能超过 " + std::to_string(limit) + " 个字"});
  }
}

std::string Number(double value) {
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

const std::vector<PostingRoleInfo>& PostingRoles() {
  static const std::vector<PostingRoleInfo> roles = {
      {PostingRole::kVillageAffairsAssistant, "village_affairs_assistant", "村级事务助理"},
      {PostingRole::kFirstSecretary, "first_secretary", "第一书记"},
      {PostingRole::kResidentTeamMember, "resident_team_member", "驻村工作队员"},
      {PostingRole::kContactCadre, "contact_cadre", "联系点干部"},
      {PostingRole::kCampaignTeamMember, "campaign_team_member", "专项工作队员"},
  };
  return roles;
}

std::optional<PostingRole> ParsePostingRole(std::string_view code) {
  for (const auto& info : PostingRoles()) {
    if (info.code == code) return info.role;
  }
  return std::nullopt;
}

std::string_view PostingRoleCode(PostingRole role) {
  return PostingRoles().at(static_cast<std::size_t>(role)).code;
}

std::string_view PostingRoleLabel(PostingRole role) {
  return PostingRoles().at(static_cast<std::size_t>(role)).label;
}

bool PostingCurrentOn(const Posting& posting, std::string_view day) {
  return posting.from <= day && (!posting.to || day <= *posting.to);
}

bool PeriodsOverlap(std::string_view from, const std::optional<std::string>& to,
                    std::string_view other_from, const std::optional<std::string>& other_to) {
  // Dates as YYYY-MM-DD compare as text.
  const bool starts_before_other_ends = !other_to || from <= *other_to;
  const bool other_starts_before_end = !to || other_from <= *to;
  return starts_before_other_ends && other_starts_before_end;
}

const Posting* FindOverlap(const Posting& candidate, const std::vector<Posting>& others) {
  for (const auto& other : others) {
    if (other.id == candidate.id && candidate.id != 0) continue;
    if (other.role != candidate.role || other.region_id != candidate.region_id) continue;
    if (PeriodsOverlap(candidate.from, candidate.to, other.from, other.to)) return &other;
  }
  return nullptr;
}

std::vector<FieldProblem> ValidatePosting(const Posting& posting) {
  std::vector<FieldProblem> problems;
  if (posting.user_id == 0) problems.push_back({"user_id", "field.required", "请选择驻村干部"});
  if (posting.region_id == 0) problems.push_back({"region_id", "field.required", "请选择村/社区"});
  if (!ParseDate(posting.from)) {
    problems.push_back({"from", "date.invalid", "开始日期格式应为 YYYY-MM-DD"});
  }
  if (posting.to) {
    if (!ParseDate(*posting.to)) {
      problems.push_back({"to", "date.invalid", "结束日期格式应为 YYYY-MM-DD"});
    } else if (ParseDate(posting.from) && *posting.to < posting.from) {
      problems.push_back({"to", "posting.to_before_from", "结束日期不能早于开始日期"});
    }
  }
  TooLong(problems, "team", posting.team, kMaxTextChars);
  TooLong(problems, "home_unit", posting.home_unit, kMaxTextChars);
  TooLong(problems, "note", posting.note, kMaxNoteChars);
  return problems;
}

void ThrowOverlap(const Posting& other) {
  std::string period = other.from + " 至 " + (other.to ? *other.to : std::string("今"));
  throw Conflict("posting.overlap",
                 "与已有派驻重叠：" + other.user_name + " 自 " + period + " 任" +
                     other.region_name + std::string(PostingRoleLabel(other.role)) + "（派驻编号 " +
                     std::to_string(other.id) + "），同一村同一岗位的派驻期间不能重叠");
}

void CheckEndDate(const Posting& posting, std::string_view to) {
  if (!ParseDate(to)) {
    throw InvalidInput("validation.failed", "结束日期格式应为 YYYY-MM-DD",
                       {{"to", "date.invalid", "结束日期格式应为 YYYY-MM-DD"}});
  }
  if (to < posting.from) {
    throw InvalidInput("validation.failed", "结束日期不能早于开始日期",
                       {{"to", "posting.to_before_from", "结束日期不能早于开始日期"}});
  }
  if (posting.to && *posting.to < to) {
    throw Conflict("posting.ended", "该派驻已于 " + *posting.to + " 结束，不能延后");
  }
}

const std::vector<AgreementItemKindInfo>& AgreementItemKinds() {
  static const std::vector<AgreementItemKindInfo> kinds = {
      {AgreementItemKind::kVisitCoverage, "visit_coverage", "走访农户覆盖率", "%"},
      {AgreementItemKind::kConsultations, "consultations", "接待群众咨询", "件"},
      {AgreementItemKind::kErrandsOnTime, "errands_on_time", "代办事项按时办结", "件"},
      {AgreementItemKind::kResponseRate, "response_rate", "诉求响应率", "%"},
      {AgreementItemKind::kResolutionRate, "resolution_rate", "诉求解决率", "%"},
      {AgreementItemKind::kSatisfactionRate, "satisfaction_rate", "群众满意率", "%"},
      {AgreementItemKind::kProsperProjects, "prosper_projects", "帮扶致富项目", "个"},
      {AgreementItemKind::kMeetingsAttended, "meetings_attended", "参加村务会议", "次"},
      {AgreementItemKind::kCustom, "custom", "其他", ""},
      {AgreementItemKind::kWindowRating, "window_rating", "窗口服务评价", "分"},
  };
  return kinds;
}

std::optional<AgreementItemKind> ParseAgreementItemKind(std::string_view code) {
  for (const auto& info : AgreementItemKinds()) {
    if (info.code == code) return info.kind;
  }
  return std::nullopt;
}

const AgreementItemKindInfo& InfoOf(AgreementItemKind kind) {
  return AgreementItemKinds().at(static_cast<std::size_t>(kind));
}

std::vector<FieldProblem> NormaliseAgreement(Agreement& agreement) {
  std::vector<FieldProblem> problems;
  if (agreement.year < 2000 || agreement.year > 2100) {
    problems.push_back({"year", "agreement.bad_year", "年度应在 2000 至 2100 之间"});
  }
  agreement.title = Trim(agreement.title);
  TooLong(problems, "title", agreement.title, kMaxTextChars);
  if (agreement.items.size() > kMaxAgreementItems) {
    problems.push_back({"items", "agreement.too_many_items",
                        "责任书最多 " + std::to_string(kMaxAgreementItems) + " 项"});
  }
  for (std::size_t i = 0; i < agreement.items.size(); ++i) {
    AgreementItem& item = agreement.items[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    const AgreementItemKindInfo& info = InfoOf(item.kind);
    item.label = Trim(item.label);
    item.unit = Trim(item.unit);
    if (item.label.empty()) {
      if (item.kind == AgreementItemKind::kCustom) {
        problems.push_back({field + ".label", "field.required", "自定义指标须填写内容"});
      }
      item.label = std::string(info.label);
    }
    if (item.unit.empty()) item.unit = std::string(info.default_unit);
    TooLong(problems, field + ".label", item.label, 200);
    TooLong(problems, field + ".unit", item.unit, 10);
    if (!std::isfinite(item.target) || item.target < 0) {
      problems.push_back({field + ".target", "agreement.bad_target", "目标值不能为负数"});
    } else if (item.unit == "%" && item.target > 100) {
      problems.push_back({field + ".target", "agreement.bad_target", "百分比目标不能超过 100"});
    } else if (item.kind == AgreementItemKind::kWindowRating && item.target > 5) {
      problems.push_back({field + ".target", "agreement.bad_target", "窗口评价目标为 1 至 5 分"});
    }
    if (!std::isfinite(item.weight) || item.weight < 0 || item.weight > 100) {
      problems.push_back({field + ".weight", "agreement.bad_weight", "权重应在 0 至 100 之间"});
    }
  }
  return problems;
}

void RequireAgreementEditable(const Agreement& agreement) {
  if (agreement.signed_on) {
    throw Conflict("agreement.signed",
                   "责任书已于 " + *agreement.signed_on + " 签订，内容不能再修改");
  }
}

void CheckSignable(const Agreement& agreement, std::string_view signed_on) {
  RequireAgreementEditable(agreement);
  if (!ParseDate(signed_on)) {
    throw InvalidInput("validation.failed", "签订日期格式应为 YYYY-MM-DD",
                       {{"signed_on", "date.invalid", "签订日期格式应为 YYYY-MM-DD"}});
  }
  if (agreement.items.empty()) {
    throw InvalidInput("agreement.no_items", "责任书没有任何指标，不能签订");
  }
  double total = 0;
  for (const auto& item : agreement.items) total += item.weight;
  if (std::fabs(total - 100) > 1e-6) {
    throw InvalidInput("agreement.weights", "各项权重合计应为 100（现为 " + Number(total) + "）");
  }
}

}  // namespace minqing::domain
