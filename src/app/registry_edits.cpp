// RegistryService's edits made from the browser that the older files lack: renaming a party
// organisation and setting its leader, and recording a resident's death. Each checks the
// actor's scope on the object before reading the input further, runs in one transaction and
// audits the change with before and after.
#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "app/registry_service.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using namespace registry_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

using domain::FieldProblem;
using domain::Permission;
using domain::Trim;

constexpr std::size_t kMaxOrgNameChars = 60;
constexpr std::size_t kMaxDeathNoteChars = 100;

// `snapshot` (a flat JSON object) with one more string field.
std::string WithField(std::string snapshot, std::string_view key, std::string_view value) {
  if (snapshot.size() < 2 || snapshot.back() != '}') return snapshot;
  snapshot.pop_back();
  if (snapshot.size() > 1) snapshot.push_back(',');
  snapshot += '"';
  snapshot += JsonEscape(key);
  snapshot += "\":\"";
  snapshot += JsonEscape(value);
  snapshot += "\"}";
  return snapshot;
}

}  // namespace

domain::PartyOrg RegistryService::UpdatePartyOrg(const Actor& actor, Id org_id,
                                                 const PartyOrgEdit& edit) {
  Require(actor, Permission::kManageParty);
  auto tx = store_.Begin();
  auto org = tx->Registry().FindPartyOrg(org_id);
  if (!org) throw domain::NotFound("party_org.not_found", "党组织不存在");
  Require(actor, Permission::kManageParty, org->region_path);
  std::vector<FieldProblem> problems;
  std::string name = Trim(edit.name);
  if (name.empty()) problems.push_back({"name", "party_org.name_required", "请填写组织名称"});
  if (domain::Utf8Length(name) > kMaxOrgNameChars) {
    problems.push_back({"name", "party_org.name_too_long", "组织名称不能超过60字"});
  }
  if (edit.leader_member_id) {
    auto leader = tx->Registry().FindPartyMember(*edit.leader_member_id);
    bool belongs = false;
    if (leader) {
      if (leader->org_id == org->id) {
        belongs = true;
      } else if (org->kind == domain::PartyOrgKind::kBranch) {
        auto leader_org = tx->Registry().FindPartyOrg(leader->org_id);
        belongs = leader_org && leader_org->parent_id == org->id;
      }
    }
    if (!belongs) {
      problems.push_back({"leader_member_id", "party_org.leader_not_member",
                          "负责人必须是本组织（或其党小组）的党员"});
    }
  }
  ThrowIfProblems(std::move(problems), "党组织信息有误");
  std::string before = Snapshot(*org);
  org->name = name;
  org->leader_member_id = edit.leader_member_id;
  tx->Registry().UpdatePartyOrg(*org);
  RecordAudit(*tx, actor, "party_org.update", "party_org", org->id, before, Snapshot(*org));
  tx->Commit();
  return *org;
}

domain::Resident RegistryService::MarkResidentDeceased(const Actor& actor, Id resident_id,
                                                       const std::string& died_on,
                                                       const std::string& note) {
  // Scope before input: a caller outside the household's scope learns nothing about it.
  auto tx = store_.Begin();
  auto resident = LoadResident(*tx, actor, Permission::kWriteRegistry, resident_id);
  std::vector<FieldProblem> problems;
  std::string date = Trim(died_on);
  if (!domain::IsIsoDate(date)) {
    problems.push_back({"died_on", "resident.died_on_invalid", "死亡日期应为 YYYY-MM-DD"});
  } else if (date > domain::FormatDate(domain::ChinaDay(actor.now))) {
    problems.push_back({"died_on", "resident.died_on_future", "死亡日期不能晚于今天"});
  }
  std::string extra = Trim(note);
  if (domain::Utf8Length(extra) > kMaxDeathNoteChars) {
    problems.push_back({"note", "resident.note_too_long", "备注不能超过100字"});
  }
  if (!resident.household_id) {
    problems.push_back({"resident_id", "resident.not_housed", "该居民已不在任何户中"});
  }
  ThrowIfProblems(std::move(problems), "死亡登记有误");
  std::string before = Snapshot(resident);
  domain::ResidentMove move;
  move.id = domain::NewId();
  move.resident_id = resident.id;
  move.from_household_id = resident.household_id;
  move.reason = "死亡（" + date + "）";
  if (!extra.empty()) move.reason += " " + extra;
  move.at = actor.now;
  if (actor.user.id != 0) move.by_user_id = actor.user.id;
  resident.household_id.reset();
  if (resident.relation == "户主") resident.relation = "";
  resident.updated_at = actor.now;
  tx->Registry().UpdateResident(resident);
  tx->Registry().InsertMove(move);
  if (auto from = tx->Registry().FindHousehold(*move.from_household_id)) {
    from->updated_at = actor.now;
    tx->Registry().UpdateHousehold(*from);
  }
  RecordAudit(*tx, actor, "resident.deceased", "resident", resident.id, before,
              WithField(Snapshot(resident), "died_on", date));
  tx->Commit();
  resident.id_card = domain::MaskIdCard(resident.id_card);
  resident.phone = domain::MaskPhone(resident.phone);
  return resident;
}

}  // namespace minqing::app
