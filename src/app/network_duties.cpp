// The duties side of NetworkService: 四到户 notices and 五必到 events.
#include <algorithm>

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

bool IsPublisher(const Actor& actor, std::string_view region_path) {
  using domain::Role;
  Role role = actor.user.role;
  return (role == Role::kAdmin || role == Role::kCentreStaff || role == Role::kVillageAssistant) &&
         domain::RegionInScope(actor.user, region_path);
}

// A notice for a township reaches the member's village; one for another village does not.
bool OverlapsScope(std::string_view scope, std::string_view path) {
  if (scope.empty() || path.empty()) return false;
  return scope.substr(0, path.size()) == path || path.substr(0, scope.size()) == scope;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// 四到户 notices.

domain::Notice NetworkService::PublishNotice(const Actor& actor, const NoticeInput& input) {
  std::vector<domain::FieldProblem> problems;
  auto kind = domain::ParseNoticeKind(input.kind);
  if (!kind) Problem(problems, "kind", "notice.kind_invalid", "通知类别无效");
  std::string title = Trim(input.title);
  if (title.empty()) Problem(problems, "title", "notice.title_required", "请填写标题");
  if (Utf8Length(title) > 100) Problem(problems, "title", "notice.title_too_long", "标题过长");
  if (Utf8Length(input.body) > 5000) Problem(problems, "body", "notice.body_too_long", "正文过长");
  if (!input.due_date.empty() && !IsIsoDate(input.due_date)) {
    Problem(problems, "due_date", "notice.due_date_invalid", "日期应为YYYY-MM-DD");
  }
  ThrowIf(std::move(problems));
  auto tx = store_.Begin();
  domain::Region region = LoadRegion(*tx, input.region_id);
  if (!IsPublisher(actor, region.path)) Deny("无权向该区域发布通知");
  domain::Notice notice;
  notice.id = domain::NewId();
  notice.region_id = region.id;
  notice.region_path = region.path;
  notice.kind = *kind;
  notice.title = title;
  notice.body = input.body;
  notice.published_by = actor.user.id;
  notice.published_at = actor.now;
  if (!input.due_date.empty()) {
    int year = std::stoi(input.due_date.substr(0, 4));
    int month = std::stoi(input.due_date.substr(5, 2));
    int day = std::stoi(input.due_date.substr(8, 2));
    // End of the due day, China Standard Time.
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day + 1;
    notice.due_at = static_cast<domain::Epoch>(timegm(&tm)) - 8 * 3600;
  }
  auto& repo = tx->Network();
  repo.InsertNotice(notice);
  RecordAudit(*tx, actor, "notice.publish", "notice", notice.id, "",
              JsonObjectWriter()
                  .Add("region_id", region.id)
                  .Add("kind", domain::NoticeKindCode(notice.kind))
                  .Add("title", notice.title)
                  .Finish());
  auto stored = repo.FindNotice(notice.id);
  tx->Commit();
  return stored ? *stored : notice;
}

domain::Page<domain::Notice> NetworkService::ListNotices(const Actor& actor,
                                                         std::optional<Id> region_id,
                                                         const domain::PageRequest& page) {
  auto tx = store_.BeginRead();
  std::string prefix;
  if (actor.user.role == domain::Role::kPartyMember && !region_id) {
    prefix = actor.user.scope_region_path;
  } else {
    prefix = ReadPrefix(*tx, actor, region_id);
  }
  domain::PageRequest clamped = page;
  clamped.limit = std::clamp<std::int64_t>(clamped.limit, 1, 200);
  return tx->Network().ListNotices(prefix, clamped);
}

NoticeDetail NetworkService::GetNotice(const Actor& actor, Id notice_id) {
  auto tx = store_.BeginRead();
  auto& repo = tx->Network();
  auto notice = repo.FindNotice(notice_id);
  if (!notice) throw domain::NotFound("notice.not_found", "通知不存在");
  NoticeDetail detail;
  detail.notice = *notice;
  // Scoped like the notice list: a member reads the notices that reach their region (its own,
  // its ancestors' and its subtree's).
  if (IsReader(actor, notice->region_path)) {
    detail.deliveries = repo.ListDeliveries(notice_id, std::nullopt);
  } else if (auto member = ActingMember(*tx, actor);
             member && OverlapsScope(actor.user.scope_region_path, notice->region_path)) {
    detail.deliveries = repo.ListDeliveries(notice_id, member->id);
  } else {
    Deny("无权查看该通知");
  }
  return detail;
}

domain::NoticeDelivery NetworkService::RecordDelivery(const Actor& actor, Id notice_id,
                                                      Id household_id, const std::string& opinion) {
  if (Utf8Length(opinion) > 1000) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"opinion", "notice.opinion_too_long", "意见不能超过1000字"}});
  }
  auto tx = store_.Begin();
  auto& repo = tx->Network();
  auto notice = repo.FindNotice(notice_id);
  if (!notice) throw domain::NotFound("notice.not_found", "通知不存在");
  auto delivery = repo.FindDelivery(notice_id, household_id);
  if (!delivery) throw domain::NotFound("notice.delivery_not_found", "该户不在通知范围内");
  domain::Household household = LoadHousehold(*tx, household_id);
  if (!IsPublisher(actor, household.region_path)) {
    auto member = ActingMember(*tx, actor);
    bool linked = member && (delivery->member_id == member->id ||
                             LinkedMemberOf(*tx, household_id) == member->id);
    if (!linked) throw domain::Forbidden("network.not_linked", "该户不是您联系的农户");
  }
  delivery->delivered_at = actor.now;
  delivery->delivered_by = actor.user.id;
  if (notice->kind == domain::NoticeKind::kOpinion) delivery->opinion = Trim(opinion);
  repo.UpdateDelivery(*delivery);
  RecordAudit(*tx, actor, "notice.deliver", "notice", notice_id, "",
              JsonObjectWriter()
                  .Add("household_id", household_id)
                  .Add("opinion", delivery->opinion)
                  .Finish());
  tx->Commit();
  return *delivery;
}

// ---------------------------------------------------------------------------------------------
// 五必到 events.

domain::HouseholdEvent NetworkService::RecordEvent(const Actor& actor,
                                                   const HouseholdEventInput& input) {
  std::vector<domain::FieldProblem> problems;
  auto kind = domain::ParseHouseholdEventKind(input.kind);
  if (!kind) Problem(problems, "kind", "event.kind_invalid", "事件类别无效");
  if (!IsIsoDate(input.date)) Problem(problems, "date", "event.date_invalid", "日期应为YYYY-MM-DD");
  if (Utf8Length(input.note) > 1000) Problem(problems, "note", "event.note_too_long", "说明过长");
  ThrowIf(std::move(problems));
  auto tx = store_.Begin();
  domain::Household household = LoadHousehold(*tx, input.household_id);
  RequireHouseholdAccess(*tx, actor, household);
  domain::HouseholdEvent event;
  event.id = domain::NewId();
  event.household_id = household.id;
  event.region_path = household.region_path;
  event.kind = *kind;
  event.date = input.date;
  event.note = Trim(input.note);
  event.recorded_by = actor.user.id;
  event.recorded_at = actor.now;
  event.member_id = LinkedMemberOf(*tx, household.id);
  tx->Network().InsertHouseholdEvent(event);
  RecordAudit(*tx, actor, "household_event.record", "household", household.id, "",
              JsonObjectWriter()
                  .Add("event_id", event.id)
                  .Add("kind", domain::HouseholdEventKindCode(event.kind))
                  .Add("date", event.date)
                  .Finish());
  NotifyEventRecorded(notifier_, *tx, actor, household, event);
  tx->Commit();
  return event;
}

std::vector<domain::HouseholdEvent> NetworkService::ListEvents(const Actor& actor,
                                                               std::optional<Id> region_id,
                                                               bool unattended_only) {
  auto tx = store_.BeginRead();
  if (actor.user.role == domain::Role::kPartyMember) {
    auto member = ActingMember(*tx, actor);
    if (!member) throw domain::Forbidden("network.not_member", "当前用户不是党员");
    // A group leader also sees the events of the members of their group.
    std::vector<domain::HouseholdEvent> out =
        tx->Network().ListHouseholdEvents("", member->id, unattended_only);
    auto org = tx->Registry().FindPartyOrg(member->org_id);
    if (org && org->leader_member_id == member->id) {
      for (auto& e :
           tx->Network().ListHouseholdEvents(org->region_path, std::nullopt, unattended_only)) {
        if (e.member_id != member->id) out.push_back(std::move(e));
      }
    }
    return out;
  }
  std::string prefix = ReadPrefix(*tx, actor, region_id);
  return tx->Network().ListHouseholdEvents(prefix, std::nullopt, unattended_only);
}

domain::HouseholdEvent NetworkService::Attend(const Actor& actor, Id event_id,
                                              const std::string& note) {
  auto tx = store_.Begin();
  auto& repo = tx->Network();
  auto event = repo.FindHouseholdEvent(event_id);
  if (!event) throw domain::NotFound("event.not_found", "事件不存在");
  domain::Household household = LoadHousehold(*tx, event->household_id);
  RequireHouseholdAccess(*tx, actor, household);
  if (event->attended_at) throw domain::Conflict("event.already_attended", "已登记到场");
  event->attended_at = actor.now;
  event->attendance_note = Trim(note);
  repo.UpdateHouseholdEvent(*event);
  RecordAudit(
      *tx, actor, "household_event.attend", "household", household.id, "",
      JsonObjectWriter().Add("event_id", event->id).Add("note", event->attendance_note).Finish());
  tx->Commit();
  return *event;
}

}  // namespace minqing::app
