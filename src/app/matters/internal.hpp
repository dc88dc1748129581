// Helpers shared by the matter (诉求) services under app/matters/ and the window services under
// app/window/: loading a matter with the read rule, timeline events, audited saves, writing what
// the domain's state machine decided (events, three-rate counters, the matter), list scopes, and
// the proofs a sign-off can carry. Not part of the public API. Thread-safety: pure functions over
// the caller's transaction.
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
#include "domain/matter_state_machine.hpp"
#include "domain/office_hours.hpp"

namespace minqing::app::matters_internal {

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
// The office hours of the unit that handles a matter: the standard hours when there is none, the
// unit is gone, or its stored text no longer parses.
domain::OfficeHours UnitOfficeHours(StoreTx& tx, std::optional<Id> unit_id);
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

// Throws a refusal of the state machine as the use cases do: a conflict, or an invalid input with
// the refusal's field problem.
[[noreturn]] void ThrowRefusal(const domain::Refusal& refusal);
// The transition's timeline events, at actor.now, by the actor; an `on_target` event goes on the
// matter it was merged into.
void AddEvents(StoreTx& tx, const Actor& actor, const domain::Transition& t);
// The transition's three-rate counter deltas.
void AddCounters(StoreTx& tx, const domain::Transition& t);
// The whole write of one step of an existing matter: the refusal thrown, else the events, the
// counters and the matter saved with its audit (Save). Returns the matter as saved.
domain::Matter Record(StoreTx& tx, const Actor& actor, const domain::Matter& before,
                      domain::Transition t);
// The same for `command` applied to `before` at the actor's time (domain::Apply).
domain::Matter Record(StoreTx& tx, const Actor& actor, const domain::Matter& before,
                      const domain::MatterCommand& command);
// The county's index in a region path, as domain::Apply takes it: 1 when the path's root is a
// city (市/区/街道/社区/网格), else 0.
std::size_t CountyIndex(StoreTx& tx, std::string_view region_path);
// The same from the path's root region, found by the caller (RootRegionId names it; nullopt
// for a path that does not start with a region id).
std::optional<Id> RootRegionId(std::string_view region_path);
std::size_t CountyIndexOfRoot(const std::optional<domain::Region>& root);
// Rebuilds the matter's search text from its fields and its public steps and reply.
void Reindex(StoreTx& tx, const domain::Matter& m);

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
