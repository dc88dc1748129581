// Postings (驻村/包村) and target-responsibility agreements (目标责任书): the pure rules.
//
// A posting puts an account in a village or community for a period, in one role, as a member of
// a team. Dates are China civil dates "YYYY-MM-DD"; both ends are inclusive and `to` may be open.
// Two postings of the same role in the same village may not share a day (OverlapsAny): a posting
// that ends on the 10th may be followed by one from the 11th.
//
// An agreement belongs to one posting and one year and lists items, each a kind, a target value,
// a unit and a weight. The kind codes below are STABLE: they are stored, and the scorecard (issue
// 16 item 3) compares what it computes for each kind with the item's target. Never rename one;
// add new kinds at the end.
//
//   kind               label           what the scorecard counts for the posting's village
//   visit_coverage     走访覆盖率       households visited in the year / households (%)
//   consultations      接待咨询         consultations handled (件)
//   errands_on_time    代办按时办结     errands completed by their due date (件)
//   response_rate      诉求响应率       matters of the village: 响应率 (%)
//   resolution_rate    诉求解决率       matters of the village: 解决率 (%)
//   satisfaction_rate  群众满意率       matters of the village: 满意率 (%)
//   prosper_projects   帮富项目         help-to-prosper projects (个)
//   meetings_attended  参加村务会议     village meetings attended (次)
//   custom             其他             free text; not computed, judged by people
//   window_rating      窗口服务评价     the posted account's window ratings: average stars (分,
//   1-5)
//
// Every kind is "higher is better": the scorecard scores a line weight x min(actual/target, 1).
//
// Signing freezes the items: a signed agreement is never edited (AgreementEditable).
// Pure functions and constant tables; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

enum class PostingRole {
  kVillageAffairsAssistant,  // village_affairs_assistant 村级事务助理
  kFirstSecretary,           // first_secretary 第一书记
  kResidentTeamMember,       // resident_team_member 驻村工作队员
  kContactCadre,             // contact_cadre 联系点干部
  kCampaignTeamMember,       // campaign_team_member 专项工作队员
};

struct PostingRoleInfo {
  PostingRole role;
  std::string_view code;
  std::string_view label;
};
const std::vector<PostingRoleInfo>& PostingRoles();
std::optional<PostingRole> ParsePostingRole(std::string_view code);
std::string_view PostingRoleCode(PostingRole role);
std::string_view PostingRoleLabel(PostingRole role);

struct Posting {
  Id id = 0;
  Id user_id = 0;
  std::string user_name;  // The account's display name (filled by storage).
  std::string user_phone;
  std::string home_unit;  // 派出单位, free text ("县农业农村局").
  Id region_id = 0;
  std::string region_path;
  std::string region_name;  // Filled by storage.
  PostingRole role = PostingRole::kVillageAffairsAssistant;
  std::string team;  // "三万"工作队, 千名处长进千村第三批 ...; may be empty.
  std::string from;  // YYYY-MM-DD
  std::optional<std::string> to;
  std::string note;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  std::optional<Epoch> ended_at;
  std::optional<Id> ended_by;
};

// Whether the posting covers the civil date `day` (YYYY-MM-DD).
bool PostingCurrentOn(const Posting& posting, std::string_view day);

// Whether [from, to] and [other_from, other_to] share a day (open ends run forever).
bool PeriodsOverlap(std::string_view from, const std::optional<std::string>& to,
                    std::string_view other_from, const std::optional<std::string>& other_to);

// The first of `others` (other than `candidate` itself, by id) of the same role and region whose
// period shares a day with the candidate's (a pointer into `others`); nullptr when none does.
const Posting* FindOverlap(const Posting& candidate, const std::vector<Posting>& others);

// The posting's fields: a known role, valid dates, to not before from, lengths. Field problems.
std::vector<FieldProblem> ValidatePosting(const Posting& posting);
// Refusal "posting.overlap" (409) naming the other posting, in Chinese.
[[noreturn]] void ThrowOverlap(const Posting& other);

// The end date of a posting being ended on `to`: valid, not before `from`, and not later than an
// end it already has. Throws InvalidInput.
void CheckEndDate(const Posting& posting, std::string_view to);

enum class AgreementItemKind {
  kVisitCoverage,
  kConsultations,
  kErrandsOnTime,
  kResponseRate,
  kResolutionRate,
  kSatisfactionRate,
  kProsperProjects,
  kMeetingsAttended,
  kCustom,
  kWindowRating,
};

struct AgreementItemKindInfo {
  AgreementItemKind kind;
  std::string_view code;
  std::string_view label;
  std::string_view default_unit;
};
const std::vector<AgreementItemKindInfo>& AgreementItemKinds();
std::optional<AgreementItemKind> ParseAgreementItemKind(std::string_view code);
const AgreementItemKindInfo& InfoOf(AgreementItemKind kind);

struct AgreementItem {
  AgreementItemKind kind = AgreementItemKind::kCustom;
  std::string label;  // Required for custom items; a kind's label otherwise when empty.
  double target = 0;
  std::string unit;
  double weight = 0;  // Points out of 100.
};

// 目标责任书.
struct Agreement {
  Id id = 0;
  Id posting_id = 0;
  int year = 0;
  std::string title;
  std::vector<AgreementItem> items;
  std::optional<std::string> signed_on;  // YYYY-MM-DD; set once.
  std::optional<Id> signed_by;
  std::optional<Epoch> signed_at;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  Epoch updated_at = 0;
};

inline constexpr std::size_t kMaxAgreementItems = 30;

// Fills empty labels and units from the kind; problems with the year (2000-2100), the title and
// each item (custom items need a label; target ≥ 0; weight in [0, 100]; percentages ≤ 100).
std::vector<FieldProblem> NormaliseAgreement(Agreement& agreement);
// Whether the items may still change: a signed agreement may not ("agreement.signed" otherwise).
void RequireAgreementEditable(const Agreement& agreement);
// Signing needs an unsigned agreement, a valid date, at least one item and weights that add up
// to 100. Throws Conflict / InvalidInput.
void CheckSignable(const Agreement& agreement, std::string_view signed_on);

}  // namespace minqing::domain
