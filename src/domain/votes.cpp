#include "domain/votes.hpp"

#include "domain/enum_table.hpp"
#include "domain/text.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<VoteState, 4> kStates{{{
    {VoteState::kDraft, "draft", "草稿", "Draft"},
    {VoteState::kOpen, "open", "投票中", "Open"},
    {VoteState::kClosed, "closed", "已结束", "Closed"},
    {VoteState::kPublished, "published", "已公布", "Published"},
}}};

constexpr EnumTable<VoteChoice, 3> kChoices{{{
    {VoteChoice::kSatisfied, "satisfied", "满意", "Satisfied"},
    {VoteChoice::kBasic, "basic", "基本满意", "Basically satisfied"},
    {VoteChoice::kUnsatisfied, "unsatisfied", "不满意", "Unsatisfied"},
}}};

struct RefusalRow {
  BallotRefusal refusal;
  std::string_view code;
  std::string_view message;  // What the voter reads.
  std::string_view label;    // What the organiser's count is called.
  std::string_view label_en;
};

constexpr std::array<RefusalRow, 5> kRefusals{{
    {BallotRefusal::kCodeUsed, "vote.code_used", "该投票码已经投过票，每个投票码只能投一次",
     "重复使用", "Code already used"},
    {BallotRefusal::kCodeForeign, "vote.code_foreign", "该投票码不属于本次评议，请核对投票码",
     "非本次评议的码", "Code of another vote"},
    {BallotRefusal::kCodeUnknown, "vote.code_unknown", "投票码不正确，请核对后重新输入",
     "投票码错误", "Unknown code"},
    {BallotRefusal::kNotOpen, "vote.not_open", "投票尚未开始", "未到投票时间", "Vote not open yet"},
    {BallotRefusal::kClosed, "vote.closed", "投票已经结束", "投票结束后", "Vote closed"},
}};

}  // namespace

std::string_view VoteStateCode(VoteState state) { return kStates.Code(state); }
std::string_view VoteStateLabel(VoteState state) { return kStates.Label(state); }
std::optional<VoteState> ParseVoteState(std::string_view text) { return kStates.Parse(text); }
std::string_view VoteChoiceCode(VoteChoice choice) { return kChoices.Code(choice); }
std::string_view VoteChoiceLabel(VoteChoice choice) { return kChoices.Label(choice); }
std::optional<VoteChoice> ParseVoteChoice(std::string_view text) { return kChoices.Parse(text); }

std::string_view BallotRefusalCode(BallotRefusal refusal) {
  for (const auto& row : kRefusals) {
    if (row.refusal == refusal) return row.code;
  }
  return "";
}

std::string_view BallotRefusalMessage(BallotRefusal refusal) {
  for (const auto& row : kRefusals) {
    if (row.refusal == refusal) return row.message;
  }
  return "";
}

std::optional<BallotRefusal> ParseBallotRefusal(std::string_view code) {
  for (const auto& row : kRefusals) {
    if (row.code == code) return row.refusal;
  }
  return std::nullopt;
}

double VoteTally::SatisfactionRate() const {
  const std::int64_t total = Total();
  if (total == 0) return 0;
  return static_cast<double>(satisfied + basic) / static_cast<double>(total);
}

std::int64_t& VoteTally::operator[](VoteChoice choice) {
  switch (choice) {
    case VoteChoice::kSatisfied:
      return satisfied;
    case VoteChoice::kBasic:
      return basic;
    case VoteChoice::kUnsatisfied:
      return unsatisfied;
  }
  return unsatisfied;
}

std::int64_t VoteTally::Of(VoteChoice choice) const {
  switch (choice) {
    case VoteChoice::kSatisfied:
      return satisfied;
    case VoteChoice::kBasic:
      return basic;
    case VoteChoice::kUnsatisfied:
      return unsatisfied;
  }
  return 0;
}

std::vector<FieldProblem> ValidateVoteSession(const VoteSession& session) {
  std::vector<FieldProblem> problems;
  if (Trim(session.title).empty()) {
    problems.push_back({"title", "vote.title_required", "请填写评议标题"});
  } else if (Utf8Length(session.title) > kVoteTitleMaxChars) {
    problems.push_back({"title", "vote.title_too_long", "标题不能超过100字"});
  }
  if (session.year < 2000 || session.year > 2100) {
    problems.push_back({"year", "vote.bad_year", "年度应在2000至2100之间"});
  }
  if (Utf8Length(session.report) > kVoteReportMaxChars) {
    problems.push_back({"report", "vote.report_too_long", "述职报告不能超过20000字"});
  }
  if (session.scorecard.size() > kVoteScorecardMaxBytes) {
    problems.push_back({"scorecard", "vote.scorecard_too_large", "考核记分表过大"});
  }
  if (session.opens_at <= 0 || session.closes_at <= session.opens_at) {
    problems.push_back({"closes_at", "vote.bad_period", "投票结束时间应晚于开始时间"});
  }
  return problems;
}

std::optional<BallotRefusal> BallotWindowRefusal(const VoteSession& session, Epoch now) {
  switch (session.state) {
    case VoteState::kDraft:
      return BallotRefusal::kNotOpen;
    case VoteState::kClosed:
    case VoteState::kPublished:
      return BallotRefusal::kClosed;
    case VoteState::kOpen:
      break;
  }
  if (now < session.opens_at) return BallotRefusal::kNotOpen;
  if (now >= session.closes_at) return BallotRefusal::kClosed;
  return std::nullopt;
}

std::string NormalizeVoteCode(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string FormatVoteCode(std::string_view code) {
  if (code.size() != kVoteCodeLength) return std::string(code);
  return std::string(code.substr(0, 5)) + "-" + std::string(code.substr(5));
}

namespace detail {
std::vector<CodeKind> VoteCodeKinds() {
  CodeKind refusals{"ballot_refusal", {}};
  for (const auto& row : kRefusals) refusals.rows.push_back({row.code, row.label, row.label_en});
  return {kStates.Kind("vote_state"), kChoices.Kind("vote_choice"), std::move(refusals)};
}
}  // namespace detail

}  // namespace minqing::domain
