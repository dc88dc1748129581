// Pairing (结对共建, 三联五帮, 区域化党建): a unit of the registry paired with a village for a
// period (from, to: China dates 'YYYY-MM-DD', both inclusive; to empty while open). Two pairs of
// the same unit and village may not share a day (FindPairOverlap, code "pairing.overlap"). The
// village lists its needs (published on a public page without personal data), the unit its
// resources; a match ties one need to one resource: the need becomes matched and the resource
// committed, and marking the match done makes the need met and the resource used.
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

enum class PairingKind { kFunds = 1, kMaterials = 2, kSkills = 3, kJobs = 4, kOther = 5 };
enum class NeedState { kOpen = 1, kMatched = 2, kMet = 3 };
enum class ResourceState { kAvailable = 1, kCommitted = 2, kUsed = 3 };
enum class PairProjectState { kPlanned = 1, kOngoing = 2, kDone = 3 };

std::string_view PairingKindCode(PairingKind kind);   // "funds", "materials", ...
std::string_view PairingKindLabel(PairingKind kind);  // "资金", "物资", ...
std::optional<PairingKind> ParsePairingKind(std::string_view code);
std::string_view NeedStateCode(NeedState state);                // "open", "matched", "met"
std::string_view ResourceStateCode(ResourceState state);        // "available", "committed", "used"
std::string_view PairProjectStateCode(PairProjectState state);  // "planned", "ongoing", "done"
std::optional<PairProjectState> ParsePairProjectState(std::string_view code);

struct Pair {
  Id id = 0;
  Id unit_id = 0;
  Id region_id = 0;  // A village or community.
  std::string region_path;
  std::string from;
  std::optional<std::string> to;
  std::string note;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  std::string unit_name;    // Filled by reads.
  std::string region_name;  // Filled by reads.
};

struct PairNeed {
  Id id = 0;
  Id pair_id = 0;
  std::string title;
  PairingKind kind = PairingKind::kOther;
  std::string detail;
  NeedState state = NeedState::kOpen;
  Epoch created_at = 0;
};

struct PairResource {
  Id id = 0;
  Id pair_id = 0;
  PairingKind kind = PairingKind::kOther;
  std::string description;  // The amount or what is offered.
  ResourceState state = ResourceState::kAvailable;
  Epoch created_at = 0;
};

struct PairMatch {
  Id id = 0;
  Id pair_id = 0;
  Id need_id = 0;
  Id resource_id = 0;
  std::string note;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  std::string created_by_name;  // Filled by reads.
  std::optional<Epoch> done_at;
};

// A joint project (共建项目) of the pair. project_id names a livelihood project (民生项目) once
// those exist (issue 17 item 1); until then it is stored as given.
struct PairProject {
  Id id = 0;
  Id pair_id = 0;
  std::string title;
  std::string description;
  PairProjectState state = PairProjectState::kPlanned;
  std::optional<Id> project_id;
  Epoch created_at = 0;
  Epoch updated_at = 0;
};

// The checks of a new pair's own fields (unit, village, dates, note length).
std::vector<FieldProblem> ValidatePair(const Pair& pair);
// The first of `others` of the same unit and village sharing a day with `candidate`.
const Pair* FindPairOverlap(const Pair& candidate, const std::vector<Pair>& others);
// Conflict "pairing.overlap" naming the other pair's period.
[[noreturn]] void ThrowPairOverlap(const Pair& other);

std::vector<FieldProblem> ValidateNeed(const PairNeed& need);
std::vector<FieldProblem> ValidateResource(const PairResource& resource);
std::vector<FieldProblem> ValidateProject(const PairProject& project);
// A match needs an open need and an available resource of the same pair; Conflict
// "pairing.need_taken" / "pairing.resource_taken" / InvalidInput "pairing.other_pair" otherwise.
void CheckMatch(const PairNeed& need, const PairResource& resource);

}  // namespace minqing::domain
