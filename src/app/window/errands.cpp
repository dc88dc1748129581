#include "app/window/errands.hpp"

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::MatterStatus;
using domain::Permission;
using domain::Role;
using domain::Trim;
using domain::Utf8Length;
using domain::Utf8Prefix;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

std::vector<domain::ProxyErrand> ErrandService::ListErrands(const Actor& actor,
                                                            std::optional<Id> household_id,
                                                            bool mine) {
  Require(actor, Permission::kReadErrands);
  auto tx = store_.BeginRead();
  if (actor.user.role == Role::kResident) {
    household_id = OwnHouseholdOf(*tx, actor);
    if (!household_id) return {};
    mine = false;
  }
  if (household_id) {
    auto h = tx->Registry().FindHousehold(*household_id);
    if (!h) throw domain::NotFound("household.not_found", "该户不存在");
    if (actor.user.role != Role::kResident && !domain::RegionInScope(actor.user, h->region_path)) {
      throw domain::Forbidden("auth.forbidden", "无权访问该户");
    }
  } else if (!mine && actor.user.role != Role::kAdmin) {
    mine = true;
  }
  return tx->Matters().ListErrands(household_id,
                                   mine ? std::optional<Id>(actor.user.id) : std::nullopt);
}

namespace {
std::vector<domain::ErrandDocument> CleanDocuments(const std::vector<domain::ErrandDocument>& docs,
                                                   domain::Epoch now, bool fill_received) {
  std::vector<domain::ErrandDocument> out;
  std::vector<FieldProblem> problems;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    domain::ErrandDocument d = docs[i];
    d.name = Trim(d.name);
    if (d.name.empty()) {
      problems.push_back(
          {"documents[" + std::to_string(i) + "].name", "errand.document_name", "请填写材料名称"});
    }
    if (d.copies < 1) d.copies = 1;
    if (fill_received && !d.received_at) d.received_at = now;
    out.push_back(std::move(d));
  }
  ThrowIfProblems(std::move(problems));
  return out;
}
}  // namespace

domain::ProxyErrand ErrandService::CreateErrand(const Actor& actor, const ErrandInput& input) {
  Require(actor, Permission::kErrands);
  auto tx = store_.Begin();
  auto h = tx->Registry().FindHousehold(input.household_id);
  if (!h) throw domain::NotFound("household.not_found", "该户不存在");
  if (!domain::RegionInScope(actor.user, h->region_path)) {
    throw domain::Forbidden("auth.forbidden", "无权为该户代办");
  }
  if (Trim(input.purpose).empty()) Invalid("purpose", "errand.purpose_required", "请填写代办事项");
  if (input.matter_id) {
    Matter m = LoadReadable(*tx, actor, *input.matter_id);
    if (m.household_id != h->id) Invalid("matter_id", "errand.matter_household", "诉求不属于该户");
  }
  domain::ProxyErrand e;
  e.id = domain::NewId();
  e.household_id = h->id;
  e.matter_id = input.matter_id;
  e.assistant_id = actor.user.id;
  e.purpose = Trim(input.purpose);
  e.status = domain::ErrandStatus::kReceived;
  e.documents = CleanDocuments(input.documents, actor.now, true);
  e.created_at = e.updated_at = actor.now;
  tx->Matters().InsertErrand(e);
  RecordAudit(
      *tx, actor, "errand.create", "errand", e.id, "",
      JsonObjectWriter().Add("household_id", e.household_id).Add("purpose", e.purpose).Finish());
  tx->Commit();
  return e;
}

domain::ProxyErrand ErrandService::UpdateErrand(const Actor& actor, Id id,
                                                const ErrandInput& input) {
  Require(actor, Permission::kErrands);
  auto tx = store_.Begin();
  auto e = tx->Matters().FindErrand(id);
  if (!e) throw domain::NotFound("errand.not_found", "代办事项不存在");
  if (actor.user.role != Role::kAdmin && e->assistant_id != actor.user.id) {
    auto h = tx->Registry().FindHousehold(e->household_id);
    if (!h || !domain::RegionInScope(actor.user, h->region_path)) {
      throw domain::Forbidden("auth.forbidden", "无权修改该代办事项");
    }
  }
  std::string before = std::string(domain::ErrandStatusCode(e->status));
  if (!input.status.empty()) {
    auto status = domain::ParseErrandStatus(input.status);
    if (!status) Invalid("status", "errand.bad_status", "代办状态无效");
    e->status = *status;
  }
  if (!input.documents.empty()) e->documents = CleanDocuments(input.documents, actor.now, false);
  if (e->status == domain::ErrandStatus::kReturned) {
    for (auto& d : e->documents) {
      if (!d.returned_at) d.returned_at = actor.now;
    }
  }
  if (!Trim(input.purpose).empty()) e->purpose = Trim(input.purpose);
  e->updated_at = actor.now;
  tx->Matters().UpdateErrand(*e);
  RecordAudit(*tx, actor, "errand.update", "errand", e->id,
              JsonObjectWriter().Add("status", before).Finish(),
              JsonObjectWriter().Add("status", domain::ErrandStatusCode(e->status)).Finish());
  tx->Commit();
  return *e;
}

}  // namespace minqing::app
