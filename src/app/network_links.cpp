// NetworkService's pins (of households and of members under a group leader), unlinking, and the
// link requests party members make.
#include "app/audit.hpp"
#include "app/network_internal.hpp"
#include "app/network_notify.hpp"
#include "app/network_service.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {

using namespace network_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

// Away members (流动党员) keep their branch but take no households they cannot reach: every manual
// way of linking a household to one is refused before anything is written.
void RefuseAwayMember(const domain::PartyMember& member) {
  if (member.away) {
    throw domain::Conflict("network.member_away",
                           "该党员已登记为外出（流动）党员，不能联系农户；请先将其联系户移交他人");
  }
}

}  // namespace

domain::ContactLink NetworkService::Pin(const Actor& actor, const LinkInput& input) {
  auto kind = domain::ParseLinkKind(input.kind);
  if (!kind || *kind == domain::LinkKind::kBuilt) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"kind", "network.kind_invalid", "联系方式应为 pinned 或 chosen"}});
  }
  const std::string village_level = VillageLevelName();
  auto tx = store_.Begin();
  domain::Household household = LoadHousehold(*tx, input.household_id);
  RequireOrganiser(actor, household.region_path);
  auto member = tx->Registry().FindPartyMember(input.member_id);
  if (!member) throw domain::NotFound("party_member.not_found", "党员不存在");
  RefuseAwayMember(*member);
  // Both ends in the organiser's scope, and in one village: the builder plans a village at a
  // time and would drop a link to another village's member at the next preview.
  RequireOrganiser(actor, member->region_path);
  auto household_village = VillageOf(*tx, household.region_path);
  auto member_village = VillageOf(*tx, member->region_path);
  if (!household_village || !member_village || household_village->id != member_village->id) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"member_id", "network.pin_other_village",
                                 "只能指定本" + village_level + "的党员联系该户"}});
  }
  auto& repo = tx->Network();
  auto existing = repo.FindLinkOfHousehold(household.id);
  const std::optional<Id> former_member =
      existing ? std::optional<Id>(existing->member_id) : std::nullopt;
  domain::ContactLink link;
  std::string before;
  if (existing) {
    before = JsonObjectWriter()
                 .Add("member_id", existing->member_id)
                 .Add("kind", domain::LinkKindCode(existing->kind))
                 .Finish();
    link = *existing;
    link.member_id = member->id;
    link.kind = *kind;
    repo.UpdateLink(link);
  } else {
    link.id = domain::NewId();
    link.member_id = member->id;
    link.household_id = household.id;
    link.kind = *kind;
    link.created_at = actor.now;
    if (actor.user.id != 0) link.created_by = actor.user.id;
    repo.InsertLink(link);
  }
  RecordAudit(*tx, actor, "network.pin", "household", household.id, before,
              JsonObjectWriter()
                  .Add("member_id", member->id)
                  .Add("kind", domain::LinkKindCode(*kind))
                  .Finish());
  NotifyLinkChange(notifier_, *tx, actor, household, former_member, member->id,
                   LinkChange::kPinned);
  tx->Commit();
  link.member_name = member->name;
  link.household_address = household.address;
  return link;
}

void NetworkService::DeleteLink(const Actor& actor, Id link_or_household_id) {
  auto tx = store_.Begin();
  auto& repo = tx->Network();
  // `{id}` is a link id or, for convenience, the household's id.
  std::optional<domain::ContactLink> link = repo.FindLinkOfHousehold(link_or_household_id);
  if (!link) {
    for (auto& candidate : repo.ListLinks(actor.user.scope_region_path)) {
      if (candidate.id == link_or_household_id) {
        link = std::move(candidate);
        break;
      }
    }
  }
  if (!link) throw domain::NotFound("network.link_not_found", "联系关系不存在");
  domain::Household household = LoadHousehold(*tx, link->household_id);
  RequireOrganiser(actor, household.region_path);
  repo.DeleteLink(link->id);
  RecordAudit(*tx, actor, "network.unlink", "household", household.id,
              JsonObjectWriter()
                  .Add("member_id", link->member_id)
                  .Add("kind", domain::LinkKindCode(link->kind))
                  .Finish(),
              "");
  NotifyLinkChange(notifier_, *tx, actor, household, link->member_id, std::nullopt,
                   LinkChange::kRemoved);
  tx->Commit();
}

domain::LeaderLink NetworkService::PinLeader(const Actor& actor, Id leader_member_id,
                                             Id member_id) {
  auto tx = store_.Begin();
  auto leader = tx->Registry().FindPartyMember(leader_member_id);
  auto member = tx->Registry().FindPartyMember(member_id);
  if (!leader || !member) throw domain::NotFound("party_member.not_found", "党员不存在");
  RequireOrganiser(actor, member->region_path);
  // The member's branch (their own org, or the branch above their group) and its groups: the
  // leader must lead one of them, as the builder's leaders do.
  std::optional<domain::PartyOrg> branch = tx->Registry().FindPartyOrg(member->org_id);
  if (branch && branch->kind == domain::PartyOrgKind::kGroup && branch->parent_id) {
    branch = tx->Registry().FindPartyOrg(*branch->parent_id);
  }
  bool leads = false;
  if (branch) {
    auto orgs = tx->Registry().ListPartyOrgs(branch->id, branch->region_path);
    orgs.push_back(*branch);
    for (const auto& org : orgs) leads = leads || org.leader_member_id == leader->id;
  }
  std::optional<domain::FieldProblem> problem;
  if (leader->id == member->id) {
    problem = {"member_id", "network.leader_self", "组长不能联系自己"};
  } else if (!leads) {
    problem = {"leader_member_id", "network.not_a_leader", "该党员不是本村党组织的组长"};
  }
  if (problem) throw domain::InvalidInput("validation.failed", "输入有误", {*problem});
  auto& repo = tx->Network();
  std::string before;
  std::optional<Id> former_leader;
  if (auto existing = repo.FindLeaderLinkOfMember(member->id)) {
    former_leader = existing->leader_member_id;
    before = JsonObjectWriter()
                 .Add("leader_member_id", existing->leader_member_id)
                 .Add("kind", domain::LinkKindCode(existing->kind))
                 .Finish();
    repo.DeleteLeaderLink(existing->id);
  }
  domain::LeaderLink link;
  link.id = domain::NewId();
  link.leader_member_id = leader->id;
  link.member_id = member->id;
  link.kind = domain::LinkKind::kPinned;
  link.created_at = actor.now;
  repo.InsertLeaderLink(link);
  RecordAudit(*tx, actor, "network.pin_leader", "party_member", member->id, before,
              JsonObjectWriter()
                  .Add("leader_member_id", leader->id)
                  .Add("kind", domain::LinkKindCode(link.kind))
                  .Finish());
  NotifyLeaderChange(notifier_, *tx, actor, *member, former_leader, leader->id);
  tx->Commit();
  link.member_name = member->name;
  return link;
}

void NetworkService::UnlinkLeader(const Actor& actor, Id member_id) {
  auto tx = store_.Begin();
  auto member = tx->Registry().FindPartyMember(member_id);
  if (!member) throw domain::NotFound("party_member.not_found", "党员不存在");
  RequireOrganiser(actor, member->region_path);
  auto& repo = tx->Network();
  auto link = repo.FindLeaderLinkOfMember(member->id);
  if (!link) throw domain::NotFound("network.link_not_found", "联系关系不存在");
  repo.DeleteLeaderLink(link->id);
  RecordAudit(*tx, actor, "network.unlink_leader", "party_member", member->id,
              JsonObjectWriter()
                  .Add("leader_member_id", link->leader_member_id)
                  .Add("kind", domain::LinkKindCode(link->kind))
                  .Finish(),
              "");
  NotifyLeaderChange(notifier_, *tx, actor, *member, link->leader_member_id, std::nullopt);
  tx->Commit();
}

domain::LinkRequest NetworkService::RequestLink(const Actor& actor, Id household_id,
                                                const std::string& reason) {
  auto tx = store_.Begin();
  auto member = ActingMember(*tx, actor);
  if (!member) throw domain::Forbidden("network.not_member", "只有党员本人可以申请联系农户");
  RefuseAwayMember(*member);
  domain::Household household = LoadHousehold(*tx, household_id);
  if (!domain::RegionInScope(actor.user, household.region_path)) Deny("只能申请本村的农户");
  if (Utf8Length(reason) > 200) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"reason", "network.reason_too_long", "理由不能超过200字"}});
  }
  domain::LinkRequest request;
  request.id = domain::NewId();
  request.member_id = member->id;
  request.household_id = household.id;
  request.reason = Trim(reason);
  request.created_at = actor.now;
  tx->Network().InsertLinkRequest(request);
  RecordAudit(
      *tx, actor, "network.link_request", "household", household.id, "",
      JsonObjectWriter().Add("member_id", member->id).Add("reason", request.reason).Finish());
  tx->Commit();
  return request;
}

domain::LinkRequest NetworkService::DecideLinkRequest(const Actor& actor, Id request_id,
                                                      bool approve) {
  auto tx = store_.Begin();
  auto& repo = tx->Network();
  auto request = repo.FindLinkRequest(request_id);
  if (!request) throw domain::NotFound("network.request_not_found", "申请不存在");
  domain::Household household = LoadHousehold(*tx, request->household_id);
  RequireOrganiser(actor, household.region_path);
  if (request->status != domain::LinkRequestStatus::kPending) {
    throw domain::Conflict("network.request_decided", "该申请已处理");
  }
  std::optional<Id> former_member;
  if (approve) {
    auto requester = tx->Registry().FindPartyMember(request->member_id);
    if (!requester) throw domain::NotFound("party_member.not_found", "党员不存在");
    RefuseAwayMember(*requester);
    auto existing = repo.FindLinkOfHousehold(household.id);
    if (existing) {
      former_member = existing->member_id;
      if (existing->kind == domain::LinkKind::kPinned &&
          existing->member_id != request->member_id) {
        throw domain::Conflict("network.household_pinned", "该户已由组织指定联系党员");
      }
      existing->member_id = request->member_id;
      existing->kind = domain::LinkKind::kChosen;
      repo.UpdateLink(*existing);
    } else {
      domain::ContactLink link;
      link.id = domain::NewId();
      link.member_id = request->member_id;
      link.household_id = household.id;
      link.kind = domain::LinkKind::kChosen;
      link.created_at = actor.now;
      if (actor.user.id != 0) link.created_by = actor.user.id;
      repo.InsertLink(link);
    }
  }
  request->status =
      approve ? domain::LinkRequestStatus::kApproved : domain::LinkRequestStatus::kRejected;
  if (actor.user.id != 0) request->decided_by = actor.user.id;
  request->decided_at = actor.now;
  repo.UpdateLinkRequest(*request);
  RecordAudit(*tx, actor, approve ? "network.link_request.approve" : "network.link_request.reject",
              "household", household.id, "",
              JsonObjectWriter()
                  .Add("member_id", request->member_id)
                  .Add("request_id", request->id)
                  .Finish());
  if (approve) {
    NotifyLinkChange(notifier_, *tx, actor, household, former_member, request->member_id,
                     LinkChange::kApproved);
  }
  tx->Commit();
  return *request;
}

std::vector<domain::LinkRequest> NetworkService::ListLinkRequests(const Actor& actor,
                                                                  std::optional<Id> region_id,
                                                                  bool pending_only) {
  auto tx = store_.BeginRead();
  std::string prefix = ReadPrefix(*tx, actor, region_id);
  return tx->Network().ListLinkRequests(prefix, pending_only);
}

}  // namespace minqing::app
