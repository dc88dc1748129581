#include "domain/pairing.hpp"

#include <array>

#include "domain/posting.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

constexpr std::size_t kMaxTitleChars = 100;
constexpr std::size_t kMaxDetailChars = 1000;

struct KindInfo {
  PairingKind kind;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<KindInfo, 5> kKinds = {{
    {PairingKind::kFunds, "funds", "资金"},
    {PairingKind::kMaterials, "materials", "物资"},
    {PairingKind::kSkills, "skills", "技术"},
    {PairingKind::kJobs, "jobs", "就业岗位"},
    {PairingKind::kOther, "other", "其他"},
}};

void TooLong(std::vector<FieldProblem>& problems, const std::string& field, std::string_view text,
             std::size_t max) {
  if (Utf8Length(text) > max) {
    problems.push_back({field, "field.too_long", "不能超过 " + std::to_string(max) + " 个字"});
  }
}

}  // namespace

std::string_view PairingKindCode(PairingKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.code;
  }
  return "other";
}

std::string_view PairingKindLabel(PairingKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "其他";
}

std::optional<PairingKind> ParsePairingKind(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code) return k.kind;
  }
  return std::nullopt;
}

std::string_view NeedStateCode(NeedState state) {
  switch (state) {
    case NeedState::kOpen:
      return "open";
    case NeedState::kMatched:
      return "matched";
    case NeedState::kMet:
      return "met";
  }
  return "open";
}

std::string_view ResourceStateCode(ResourceState state) {
  switch (state) {
    case ResourceState::kAvailable:
      return "available";
    case ResourceState::kCommitted:
      return "committed";
    case ResourceState::kUsed:
      return "used";
  }
  return "available";
}

std::string_view PairProjectStateCode(PairProjectState state) {
  switch (state) {
    case PairProjectState::kPlanned:
      return "planned";
    case PairProjectState::kOngoing:
      return "ongoing";
    case PairProjectState::kDone:
      return "done";
  }
  return "planned";
}

std::optional<PairProjectState> ParsePairProjectState(std::string_view code) {
  for (auto state :
       {PairProjectState::kPlanned, PairProjectState::kOngoing, PairProjectState::kDone}) {
    if (PairProjectStateCode(state) == code) return state;
  }
  return std::nullopt;
}

std::vector<FieldProblem> ValidatePair(const Pair& pair) {
  std::vector<FieldProblem> problems;
  if (pair.unit_id == 0) problems.push_back({"unit_id", "field.required", "请选择结对单位"});
  if (pair.region_id == 0) problems.push_back({"region_id", "field.required", "请选择村/社区"});
  if (!ParseDate(pair.from)) {
    problems.push_back({"from", "date.invalid", "开始日期格式应为 YYYY-MM-DD"});
  }
  if (pair.to) {
    if (!ParseDate(*pair.to)) {
      problems.push_back({"to", "date.invalid", "结束日期格式应为 YYYY-MM-DD"});
    } else if (ParseDate(pair.from) && *pair.to < pair.from) {
      problems.push_back({"to", "pairing.to_before_from", "结束日期不能早于开始日期"});
    }
  }
  TooLong(problems, "note", pair.note, kMaxDetailChars);
  return problems;
}

const Pair* FindPairOverlap(const Pair& candidate, const std::vector<Pair>& others) {
  for (const auto& other : others) {
    if (other.id == candidate.id && candidate.id != 0) continue;
    if (other.unit_id != candidate.unit_id || other.region_id != candidate.region_id) continue;
    if (PeriodsOverlap(candidate.from, candidate.to, other.from, other.to)) return &other;
  }
  return nullptr;
}

void ThrowPairOverlap(const Pair& other) {
  const std::string period = other.from + " 至 " + (other.to ? *other.to : std::string("今"));
  throw Conflict("pairing.overlap", "该单位与该村已有结对（" + other.unit_name + " — " +
                                        other.region_name + "，" + period + "，编号 " +
                                        std::to_string(other.id) + "），期间不能重叠");
}

std::vector<FieldProblem> ValidateNeed(const PairNeed& need) {
  std::vector<FieldProblem> problems;
  if (Trim(need.title).empty()) problems.push_back({"title", "field.required", "请填写需求"});
  TooLong(problems, "title", need.title, kMaxTitleChars);
  TooLong(problems, "detail", need.detail, kMaxDetailChars);
  return problems;
}

std::vector<FieldProblem> ValidateResource(const PairResource& resource) {
  std::vector<FieldProblem> problems;
  if (Trim(resource.description).empty()) {
    problems.push_back({"description", "field.required", "请填写资源数量或说明"});
  }
  TooLong(problems, "description", resource.description, kMaxDetailChars);
  return problems;
}

std::vector<FieldProblem> ValidateProject(const PairProject& project) {
  std::vector<FieldProblem> problems;
  if (Trim(project.title).empty()) {
    problems.push_back({"title", "field.required", "请填写项目名称"});
  }
  TooLong(problems, "title", project.title, kMaxTitleChars);
  TooLong(problems, "description", project.description, kMaxDetailChars);
  return problems;
}

void CheckMatch(const PairNeed& need, const PairResource& resource) {
  if (need.pair_id != resource.pair_id) {
    throw InvalidInput("pairing.other_pair", "需求和资源必须属于同一结对");
  }
  if (need.state != NeedState::kOpen) {
    throw Conflict("pairing.need_taken", "该需求已对接");
  }
  if (resource.state != ResourceState::kAvailable) {
    throw Conflict("pairing.resource_taken", "该资源已承诺或已使用");
  }
}

}  // namespace minqing::domain
