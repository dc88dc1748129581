// Pairing (结对共建, 三联五帮, 区域化党建): the use cases. Rules in domain/pairing.hpp, storage in
// pairing_store.hpp.
//
// Who may do what (domain/authz.cpp):
//   - pairing.read: admin, leader, centre_staff and village_assistant read the pairs of villages
//     in their region scope with their needs, resources, matches and yearly report; a
//     unit_handler reads only the pairs of their own unit.
//   - pairing.manage: admin, leader and centre_staff create pairs of villages in their scope,
//     record needs and resources, match a need to a resource and mark a match done.
//   - The public needs page (PublicNeeds) lists the needs of a village's current pairs: title,
//     kind, detail, state and the unit's name; no person is named.
// Scope is checked before the object's state and before the input. Every change is audited.
// Thread-safety: safe to share; each call runs in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/pairing.hpp"

namespace minqing::app {

struct PairInput {
  Id unit_id = 0;
  Id region_id = 0;
  std::string from;
  std::optional<std::string> to;
  std::string note;
};

struct PairQuery {
  std::optional<Id> region_id;  // A subtree, in the caller's scope.
  std::optional<Id> unit_id;
};

struct NeedInput {
  std::string title;
  std::string kind;  // domain::PairingKind code.
  std::string detail;
};

struct ResourceInput {
  std::string kind;
  std::string description;
};

struct JointProjectInput {
  std::string title;
  std::string description;
  std::optional<Id> project_id;  // A livelihood project (民生项目); an unknown one is refused.
};

struct PairDetail {
  domain::Pair pair;
  std::vector<domain::PairNeed> needs;
  std::vector<domain::PairResource> resources;
  std::vector<domain::PairMatch> matches;
  std::vector<domain::PairProject> projects;
};

// The results of one pair in one year: matches done that year and the current totals.
struct PairReport {
  domain::Pair pair;
  int year = 0;
  int needs_total = 0;
  int needs_open = 0;
  int needs_met_in_year = 0;  // Needs whose match was marked done in the year.
  int resources_total = 0;
  int resources_used_in_year = 0;
  std::vector<domain::PairNeed> met_needs;  // Those of the year.
  int projects_done_in_year = 0;            // Joint projects marked done in the year.
  std::vector<domain::PairProject> done_projects;
};

// One line of the public needs page.
struct PublicNeed {
  std::string unit_name;
  domain::PairNeed need;
};

class PairingService {
 public:
  explicit PairingService(Store& store) : store_(store) {}

  std::vector<domain::Pair> List(const Actor& actor, const PairQuery& query);
  // InvalidInput on bad fields, a unit or region missing, a region that is not a village;
  // Conflict "pairing.overlap" when the unit already pairs with the village on a shared day.
  domain::Pair Create(const Actor& actor, const PairInput& input);
  PairDetail Get(const Actor& actor, Id pair_id);
  domain::PairNeed AddNeed(const Actor& actor, Id pair_id, const NeedInput& input);
  domain::PairResource AddResource(const Actor& actor, Id pair_id, const ResourceInput& input);
  // The need becomes matched and the resource committed.
  domain::PairMatch Match(const Actor& actor, Id pair_id, Id need_id, Id resource_id,
                          const std::string& note);
  // The need becomes met and the resource used; Conflict "pairing.match_done" when it already is.
  domain::PairMatch CompleteMatch(const Actor& actor, Id match_id);
  // A joint project (共建项目) of the pair, planned.
  domain::PairProject AddProject(const Actor& actor, Id pair_id, const JointProjectInput& input);
  // planned / ongoing / done; InvalidInput "validation.failed" for another code.
  domain::PairProject SetProjectState(const Actor& actor, Id project_id, const std::string& state);
  PairReport Report(const Actor& actor, Id pair_id, int year);
  // No authorisation: public data only. NotFound "region.not_found" for an unknown village.
  std::vector<PublicNeed> PublicNeeds(Id region_id, domain::Epoch now);

 private:
  Store& store_;
};

}  // namespace minqing::app
