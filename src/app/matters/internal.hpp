// Helpers shared by the matter (诉求) services under app/matters/ and the window services under
// app/window/: loading a matter with the read rule, timeline events, audited saves, the three-rate
// counters, routing-rule matching, list scopes, and the proofs a sign-off can carry. Not part of
// the public API. Thread-safety: pure functions over the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/matter_rules.hpp"

namespace minqing::app::matters_internal {

inline constexpr std::size_t kMaxContentChars = 2000;
// Text of the internal timeline event a merge leaves on its target; the merged matter's number
// follows. (The duplicates themselves are found by merged_into_id: ListMergedInto.)
inline constexpr std::string_view kMergedMarker = "合并重复诉求 ";

[[noreturn]] void BadState();
void RequireState(const domain::Matter& m, domain::MatterAction action);
[[noreturn]] void Invalid(std::string field, std::string code, std::string message);
void ThrowIfProblems(std::vector<domain::FieldProblem> problems);

// Staff read matters by region scope (handlers: by unit); residents only their household's,
// which needs the store (MayRead).
bool StaffMayRead(const Actor& actor, const domain::Matter& m);
// matter.forbidden_unit for a handler, auth.forbidden otherwise.
[[noreturn]] void RefuseRead(const Actor& actor);
bool MayRead(StoreTx& tx, const Actor& actor, const domain::Matter& m);
// matter.not_found when missing.
domain::Matter LoadMatter(StoreTx& tx, Id id);
// LoadMatter, refused (RefuseRead) unless the actor may read it.
domain::Matter LoadReadable(StoreTx& tx, const Actor& actor, Id id);

// The audit snapshot of a matter.
std::string Snapshot(const domain::Matter& m);
void AddEvent(StoreTx& tx, const Actor& actor, const domain::Matter& m,
              domain::MatterEventKind kind, std::string text, bool internal = false,
              std::optional<Id> from_unit = std::nullopt, std::optional<Id> to_unit = std::nullopt,
              std::vector<Id> attachments = {});
// Writes `after` (updated now) and audits `action` with both snapshots.
void Save(StoreTx& tx, const Actor& actor, const domain::Matter& before, domain::Matter& after,
          std::string_view action);

// Which dimensions an event counts in. See README "The three rates (三率)".
enum StatsScope : unsigned {
  kUnitDims = 1,   // "unit" and "person"
  kPlaceDims = 2,  // "region", "category", "category_township"
  kAllDims = 3,
};
void AddStatsFor(StoreTx& tx, const domain::Matter& m, domain::Epoch at,
                 const domain::RateCounters& c, unsigned scope, std::optional<Id> person);
// Rebuilds the matter's search text from its fields and its public steps and reply.
void Reindex(StoreTx& tx, const domain::Matter& m);

// The most specific routing rule of the matter's category and region.
std::optional<domain::RoutingRule> MatchRule(const std::vector<domain::RoutingRule>& rules,
                                             const domain::Matter& m);
// The unit a rule routes to, else the category's default unit.
std::optional<Id> RouteUnit(StoreTx& tx, const std::vector<domain::RoutingRule>& rules,
                            const domain::Matter& m);

// The region prefix a list covers: the region asked for (in scope) or the actor's scope.
std::string PrefixFor(StoreTx& tx, const Actor& actor, std::optional<Id> region_id);
// The region condition of a matter list: "" (no condition) when `prefix` is the path of the only
// root region, which every matter lies under. The county-wide pages then need no region index
// range, which SQLite would otherwise read whole and sort.
std::string ListPrefix(StoreTx& tx, std::string prefix);
domain::PageRequest Clamp(domain::PageRequest page);

// The proofs a sign-off of `m` can carry now; none unless it waits for one.
std::vector<std::string> SignOffOptionsOf(StoreTx& tx, const domain::Matter& m);

}  // namespace minqing::app::matters_internal
