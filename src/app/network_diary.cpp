// The diary side of NetworkService: visits (民情日记) with confirmation and review, and the
// yearly visit quotas.
#include <algorithm>
#include <cstdio>
#include <random>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/network_internal.hpp"
#include "app/network_service.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"

namespace minqing::app {

using namespace network_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

bool IsSupervisor(const Actor& actor, std::string_view region_path) {
  using domain::Role;
  Role role = actor.user.role;
  return (role == Role::kAdmin || role == Role::kLeader || role == Role::kCentreStaff) &&
         domain::RegionInScope(actor.user, region_path);
}

constexpr domain::Epoch kPhoneCodeLifetime = 10 * 60;
constexpr int kPhoneCodeMaxAttempts = 5;
constexpr std::string_view kViaPhoneCode = "phone_code";
constexpr std::string_view kViaHouseholdAccount = "household_account";

// Says which proofs count (the member holds the card, so its code is none of them).
constexpr const char* kProofRequired =
    "联系卡确认码不能确认走访：请户主报出其手机收到的验证码，或由本户账号登录确认";

std::string PhoneCodeHash(Id visit_id, std::string_view code) {
  return Sha256Hex(std::to_string(visit_id) + ":" + std::string(code));
}

// The household head's phone (户主), else the first resident's with a phone.
std::string HouseholdPhone(StoreTx& tx, Id household_id) {
  std::string first;
  for (const auto& r : tx.Registry().ListHouseholdResidents(household_id)) {
    if (r.phone.empty()) continue;
    if (r.relation == "户主") return r.phone;
    if (first.empty()) first = r.phone;
  }
  return first;
}

// An old card-code confirmation is no proof: such a visit may be confirmed again by a real one.
bool HouseholdConfirmed(const domain::Visit& visit) { return domain::ConfirmedByHousehold(visit); }

std::optional<Id> OwnHouseholdOf(StoreTx& tx, const Actor& actor) {
  if (actor.user.role != domain::Role::kResident || !actor.user.resident_id) return std::nullopt;
  auto resident = tx.Registry().FindResident(*actor.user.resident_id);
  if (!resident) return std::nullopt;
  return resident->household_id;
}

// The visitor, the household's own account, readers in scope or the linked member; checked
// before anything about the visit's state is told.
void RequireVisitAccess(StoreTx& tx, const Actor& actor, const domain::Visit& visit) {
  if (visit.visitor_user_id == actor.user.id && actor.user.id != 0) return;
  if (OwnHouseholdOf(tx, actor) == visit.household_id) return;
  RequireHouseholdAccess(tx, actor, LoadHousehold(tx, visit.household_id));
}

std::string NormalisedCardCode(const std::string& card_code) {
  std::string entered = Trim(card_code);
  std::transform(entered.begin(), entered.end(), entered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return entered;
}

// The visit a public-page request names, which must belong to the card's household.
domain::Visit PublicVisit(StoreTx& tx, const std::string& card_code, Id visit_id) {
  auto& repo = tx.Network();
  auto household_id = repo.FindHouseholdByCardCode(NormalisedCardCode(card_code));
  auto visit = repo.FindVisit(visit_id);
  // One answer for a wrong code and a visit of another household: nothing to probe.
  if (!household_id || !visit || visit->household_id != *household_id) {
    throw domain::InvalidInput("visit.bad_card_code", "确认码与走访记录不符");
  }
  return *visit;
}

Actor HouseholdActor(domain::Epoch now) {
  Actor household_actor;
  household_actor.user.username = "household";
  household_actor.user.display_name = "农户";
  household_actor.user.role = domain::Role::kResident;
  household_actor.channel = domain::Channel::kWeb;
  household_actor.now = now;
  return household_actor;
}

// Checks the one-time code of `visit` and uses it up. A wrong code counts (committed before the
// throw, which ends the transaction); after kPhoneCodeMaxAttempts wrong codes none is accepted
// until a new one is sent.
void ConsumePhoneCode(StoreTx& tx, Id visit_id, const std::string& phone_code, domain::Epoch now) {
  auto& repo = tx.Network();
  auto stored = repo.FindVisitPhoneCode(visit_id);
  if (!stored) throw domain::InvalidInput("visit.bad_phone_code", "验证码错误，请重新获取");
  if (stored->attempts >= kPhoneCodeMaxAttempts) {
    throw domain::RateLimited("visit.too_many_attempts", "验证码错误次数过多，请重新获取");
  }
  if (now > stored->expires_at) {
    throw domain::InvalidInput("visit.phone_code_expired", "验证码已过期，请重新获取");
  }
  if (!HashesEqual(PhoneCodeHash(visit_id, Trim(phone_code)), stored->code_hash)) {
    stored->attempts += 1;
    repo.UpsertVisitPhoneCode(*stored);
    tx.Commit();
    throw domain::InvalidInput("visit.bad_phone_code", "验证码错误");
  }
  repo.DeleteVisitPhoneCode(visit_id);
}

void MarkConfirmed(StoreTx& tx, const Actor& actor, domain::Visit& visit, std::string_view via) {
  visit.confirmed_at = actor.now;
  visit.confirmed_via = std::string(via);
  tx.Network().UpdateVisitConfirmation(visit);
  RecordAudit(tx, actor, "visit.confirm", "visit", visit.id, "",
              JsonObjectWriter()
                  .Add("via", std::string(via))
                  .Add("household_id", visit.household_id)
                  .Finish());
}

}  // namespace

domain::Visit NetworkService::LogVisit(const Actor& actor, const VisitInput& input) {
  // Leaders read the diary and review it; they do not write it.
  if (!domain::RoleHas(actor.user.role, domain::Permission::kLogVisits)) Deny("无权记民情日记");
  std::vector<domain::FieldProblem> problems;
  auto kind = domain::ParseVisitKind(input.kind.empty() ? "routine" : input.kind);
  if (!kind) Problem(problems, "kind", "visit.kind_invalid", "走访类别无效");
  const std::string way = input.way.empty() ? "in_person" : input.way;
  if (!domain::IsVisitWay(way)) {
    Problem(problems, "way", "visit.way_invalid", "走访方式应为上门、电话或视频");
  }
  domain::Epoch visited_at = input.visited_at.value_or(actor.now);
  if (visited_at > actor.now + 600) {
    Problem(problems, "visited_at", "visit.in_future", "走访时间不能晚于现在");
  }
  if (visited_at < actor.now - 366LL * 86400) {
    Problem(problems, "visited_at", "visit.too_old", "只能补记一年内的走访");
  }
  std::string learned = Trim(input.learned), found = Trim(input.problems), help = Trim(input.help);
  if (learned.empty() && found.empty() && help.empty()) {
    Problem(problems, "learned", "visit.empty", "请填写了解到的情况、发现的问题或提供的帮助");
  }
  for (const auto* text : {&learned, &found, &help}) {
    if (Utf8Length(*text) > 2000) {
      Problem(problems, "learned", "visit.too_long", "每项不能超过2000字");
      break;
    }
  }
  if (input.raise_matter && Trim(input.raise_matter->content).empty() && found.empty()) {
    Problem(problems, "raise_matter", "visit.matter_empty", "请填写要转为诉求的问题");
  }
  ThrowIf(std::move(problems));

  domain::Visit visit;
  visit.id = domain::NewId();
  visit.visited_at = visited_at;
  visit.kind = *kind;
  visit.way = way;
  visit.learned = learned;
  visit.problems = found;
  visit.help = help;
  visit.visitor_user_id = actor.user.id;
  visit.created_at = actor.now;
  visit.household_event_id = input.household_event_id;
  visit.notice_id = input.notice_id;
  visit.corrects_id = input.corrects_id;
  // Checks first (a read transaction), then the matter (its own transaction), then the entry.
  {
    auto tx = store_.BeginRead();
    domain::Household household = LoadHousehold(*tx, input.household_id);
    visit.household_id = household.id;
    visit.region_path = household.region_path;
    switch (actor.user.role) {
      case domain::Role::kPartyMember: {
        auto member = ActingMember(*tx, actor);
        if (!member || LinkedMemberOf(*tx, household.id) != member->id) {
          throw domain::Forbidden("network.not_linked", "只能为您联系的农户记民情日记");
        }
        visit.visitor_kind = domain::VisitorKind::kPartyMember;
        visit.member_id = member->id;
        break;
      }
      case domain::Role::kVillageAssistant:
        if (!domain::RegionInScope(actor.user, household.region_path)) Deny("只能走访本村农户");
        visit.visitor_kind = domain::VisitorKind::kVillageAssistant;
        break;
      case domain::Role::kAdmin:
      case domain::Role::kCentreStaff:
        if (!domain::RegionInScope(actor.user, household.region_path)) Deny("无权走访该户");
        visit.visitor_kind = domain::VisitorKind::kCadre;
        break;
      default:
        Deny("无权记民情日记");
    }
    if (input.corrects_id) {
      auto original = tx->Network().FindVisit(*input.corrects_id);
      if (!original || original->household_id != household.id) {
        throw domain::InvalidInput("visit.correction_invalid", "被更正的日记不存在或不属于该户");
      }
    }
    // Everything the entry refers to is checked here too, so that a matter raised below is
    // never left without its diary entry by a later failure.
    if (input.household_event_id) {
      auto event = tx->Network().FindHouseholdEvent(*input.household_event_id);
      if (!event || event->household_id != household.id) {
        throw domain::InvalidInput("visit.event_invalid", "五必到事件不存在或不属于该户");
      }
    }
    if (input.notice_id && !tx->Network().FindDelivery(*input.notice_id, household.id)) {
      throw domain::InvalidInput("visit.notice_invalid", "该户不在这条通知的送达范围内");
    }
  }
  if (input.raise_matter) {
    if (!raise_matter_) {
      throw domain::Error("matter.unavailable", "诉求模块尚未启用，无法一键转为诉求");
    }
    VisitMatterInput matter = *input.raise_matter;
    if (Trim(matter.content).empty()) matter.content = found;
    if (Trim(matter.title).empty()) matter.title = domain::Utf8Prefix(matter.content, 20);
    visit.matter_ids.push_back(raise_matter_(actor, visit.household_id, matter));
  }
  auto tx = store_.Begin();
  tx->Network().InsertVisit(visit);
  RecordAudit(*tx, actor, input.corrects_id ? "visit.correct" : "visit.log", "visit", visit.id, "",
              JsonObjectWriter()
                  .Add("household_id", visit.household_id)
                  .Add("kind", domain::VisitKindCode(visit.kind))
                  .Add("way", visit.way)
                  .Add("corrects_id", visit.corrects_id)
                  .Add("matters", static_cast<std::int64_t>(visit.matter_ids.size()))
                  .Finish());
  tx->Commit();
  return visit;
}

domain::Page<domain::Visit> NetworkService::ListVisits(const Actor& actor, const VisitQuery& query,
                                                       const domain::PageRequest& page) {
  auto tx = store_.BeginRead();
  VisitFilter filter;
  filter.household_id = query.household_id;
  filter.visitor_user_id = query.visitor_user_id;
  filter.from = query.from;
  filter.to = query.to;
  filter.confirmed = query.confirmed;
  if (actor.user.role == domain::Role::kPartyMember) {
    if (query.household_id) {
      RequireHouseholdAccess(*tx, actor, LoadHousehold(*tx, *query.household_id));
    } else {
      filter.visitor_user_id = actor.user.id;
    }
  } else if (actor.user.role == domain::Role::kResident) {
    // A household's own account reads the visits to its household, to confirm them.
    auto own = OwnHouseholdOf(*tx, actor);
    if (!own || (query.household_id && *query.household_id != *own)) Deny("只能查看本户的走访");
    filter.household_id = *own;
  } else {
    filter.region_path_prefix = ReadPrefix(*tx, actor, query.region_id);
  }
  domain::PageRequest clamped = page;
  clamped.limit = std::clamp<std::int64_t>(clamped.limit, 1, 200);
  return tx->Network().ListVisits(filter, clamped);
}

std::vector<VisitorCandidate> NetworkService::VisitorCandidates(const Actor& actor,
                                                                std::optional<Id> region_id,
                                                                const std::string& text) {
  if (!domain::RoleHas(actor.user.role, domain::Permission::kReadVisits)) Deny();
  constexpr std::size_t kMax = 20;
  std::string wanted = Trim(text);
  auto tx = store_.BeginRead();
  std::vector<VisitorCandidate> out;
  if (actor.user.role == domain::Role::kPartyMember) {
    std::string name =
        actor.user.display_name.empty() ? actor.user.username : actor.user.display_name;
    if (name.find(wanted) != std::string::npos) {
      out.push_back({actor.user.id, name, actor.user.role, actor.user.scope_region_path});
    }
    return out;
  }
  std::string prefix = ReadPrefix(*tx, actor, region_id);
  // Over-fetch: users who may not write the diary (leaders, residents…) are dropped here.
  for (auto& c : tx->Network().ListVisitorCandidates(prefix, wanted, 5 * kMax)) {
    if (!domain::RoleHas(c.role, domain::Permission::kLogVisits)) continue;
    out.push_back(std::move(c));
    if (out.size() == kMax) break;
  }
  return out;
}

domain::Visit NetworkService::GetVisit(const Actor& actor, Id visit_id) {
  auto tx = store_.BeginRead();
  auto visit = tx->Network().FindVisit(visit_id);
  if (!visit) throw domain::NotFound("visit.not_found", "民情日记不存在");
  RequireVisitAccess(*tx, actor, *visit);
  return *visit;
}

domain::Visit NetworkService::ConfirmVisit(const Actor& actor, Id visit_id,
                                           [[maybe_unused]] const std::string& card_code) {
  auto tx = store_.BeginRead();
  auto visit = tx->Network().FindVisit(visit_id);
  if (!visit) throw domain::NotFound("visit.not_found", "民情日记不存在");
  RequireVisitAccess(*tx, actor, *visit);
  throw domain::Forbidden("visit.proof_required", kProofRequired);
}

std::string NetworkService::SendVisitPhoneCode(const Actor& actor, Id visit_id) {
  auto tx = store_.Begin();
  auto visit = tx->Network().FindVisit(visit_id);
  if (!visit) throw domain::NotFound("visit.not_found", "民情日记不存在");
  RequireVisitAccess(*tx, actor, *visit);
  std::string masked = SendPhoneCode(*tx, actor, *visit);
  tx->Commit();
  return masked;
}

std::string NetworkService::SendPhoneCode(StoreTx& tx, const Actor& actor,
                                          const domain::Visit& visit) {
  if (HouseholdConfirmed(visit)) throw domain::Conflict("visit.confirmed", "该走访已确认");
  std::string phone = HouseholdPhone(tx, visit.household_id);
  if (phone.empty()) {
    throw domain::InvalidInput("visit.no_phone",
                               "该户没有登记电话，请由本户居民账号登录确认，或先到村里登记电话");
  }
  static thread_local std::mt19937 rng(std::random_device{}());
  char code[8];
  std::snprintf(code, sizeof code, "%06u",
                static_cast<unsigned>(std::uniform_int_distribution<int>(0, 999999)(rng)));
  tx.Network().UpsertVisitPhoneCode(
      {visit.id, PhoneCodeHash(visit.id, code), actor.now + kPhoneCodeLifetime, 0});
  sms_->Send(tx,
             {phone,
              "visit_code",
              {{"date", DateOf(visit.visited_at)}, {"code", code}},
              "【民情】" + DateOf(visit.visited_at) + "党员走访您家，如属实请将确认码" +
                  std::string(code) + "告知走访人或在本户联系卡页面输入，10分钟内有效。",
              std::nullopt},
             actor.now);
  RecordAudit(tx, actor, "visit.phone_code", "visit", visit.id, "",
              JsonObjectWriter().Add("phone", domain::MaskPhone(phone)).Finish());
  return domain::MaskPhone(phone);
}

domain::Visit NetworkService::ConfirmVisitByPhone(const Actor& actor, Id visit_id,
                                                  const std::string& phone_code) {
  auto tx = store_.Begin();
  auto visit = tx->Network().FindVisit(visit_id);
  if (!visit) throw domain::NotFound("visit.not_found", "民情日记不存在");
  RequireVisitAccess(*tx, actor, *visit);
  if (HouseholdConfirmed(*visit)) throw domain::Conflict("visit.confirmed", "该走访已确认");
  ConsumePhoneCode(*tx, visit->id, phone_code, actor.now);
  MarkConfirmed(*tx, actor, *visit, kViaPhoneCode);
  tx->Commit();
  return *visit;
}

domain::Visit NetworkService::ConfirmVisitByHousehold(const Actor& actor, Id visit_id) {
  auto tx = store_.Begin();
  auto visit = tx->Network().FindVisit(visit_id);
  if (!visit) throw domain::NotFound("visit.not_found", "民情日记不存在");
  if (actor.user.role != domain::Role::kResident) {
    // Staff and members: access first, then the proof they lack.
    RequireVisitAccess(*tx, actor, *visit);
    throw domain::Forbidden("visit.proof_required", kProofRequired);
  }
  if (OwnHouseholdOf(*tx, actor) != visit->household_id) {
    throw domain::Forbidden("visit.not_own_household", "只有本户居民账号可以确认本户的走访");
  }
  if (HouseholdConfirmed(*visit)) throw domain::Conflict("visit.confirmed", "该走访已确认");
  MarkConfirmed(*tx, actor, *visit, kViaHouseholdAccount);
  tx->Commit();
  return *visit;
}

domain::Visit NetworkService::ConfirmVisitPublic(const std::string& card_code, Id visit_id,
                                                 const std::string& phone_code, domain::Epoch now) {
  auto tx = store_.Begin();
  domain::Visit visit = PublicVisit(*tx, card_code, visit_id);
  if (Trim(phone_code).empty()) {
    throw domain::Forbidden("visit.proof_required",
                            "联系卡不能确认走访：请先发送验证码到户主手机，再填入户主收到的验证码");
  }
  if (HouseholdConfirmed(visit)) throw domain::Conflict("visit.confirmed", "该走访已确认");
  ConsumePhoneCode(*tx, visit.id, phone_code, now);
  MarkConfirmed(*tx, HouseholdActor(now), visit, kViaPhoneCode);
  tx->Commit();
  return visit;
}

std::string NetworkService::SendVisitPhoneCodePublic(const std::string& card_code, Id visit_id,
                                                     domain::Epoch now) {
  auto tx = store_.Begin();
  domain::Visit visit = PublicVisit(*tx, card_code, visit_id);
  std::string masked = SendPhoneCode(*tx, HouseholdActor(now), visit);
  tx->Commit();
  return masked;
}

std::vector<domain::Visit> NetworkService::PendingVisitsPublic(const std::string& card_code) {
  auto tx = store_.BeginRead();
  auto household_id = tx->Network().FindHouseholdByCardCode(NormalisedCardCode(card_code));
  if (!household_id) throw domain::NotFound("card.not_found", "联系卡不存在");
  VisitFilter filter;
  filter.household_id = *household_id;
  filter.confirmed = false;
  return tx->Network().ListVisits(filter, {0, 20, ""}).items;
}

domain::Visit NetworkService::ReviewVisit(const Actor& actor, Id visit_id, int grade,
                                          const std::string& comment) {
  auto tx = store_.Begin();
  auto& repo = tx->Network();
  auto visit = repo.FindVisit(visit_id);
  if (!visit) throw domain::NotFound("visit.not_found", "民情日记不存在");
  if (!IsSupervisor(actor, visit->region_path)) Deny("只有带班领导、管理员或服务中心人员可以点评");
  if (grade < 1 || grade > 5) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"grade", "visit.grade_invalid", "评分应为1到5"}});
  }
  std::string before =
      JsonObjectWriter()
          .Add("grade", visit->grade ? std::optional<std::int64_t>(*visit->grade) : std::nullopt)
          .Add("comment", visit->review_comment)
          .Finish();
  visit->grade = grade;
  visit->review_comment = Trim(comment);
  visit->reviewed_by = actor.user.id;
  repo.UpdateVisitReview(*visit);
  RecordAudit(*tx, actor, "visit.review", "visit", visit->id, before,
              JsonObjectWriter()
                  .Add("grade", static_cast<std::int64_t>(grade))
                  .Add("comment", visit->review_comment)
                  .Finish());
  tx->Commit();
  return *visit;
}

// ---------------------------------------------------------------------------------------------
// Quotas.

QuotaReport NetworkService::Quota(const Actor& actor, std::optional<Id> region_id, int year) {
  auto tx = store_.BeginRead();
  std::string prefix = ReadPrefix(*tx, actor, region_id);
  QuotaReport report;
  report.year = year;
  domain::Epoch from = YearStart(year), to = YearStart(year + 1);
  auto& repo = tx->Network();
  std::map<Id, std::int64_t> visited;
  for (const auto& [village, count] : repo.VisitedHouseholdsByVillage(prefix, from, to)) {
    visited[village] = count;
  }
  std::map<Id, std::int64_t> confirmed;
  for (const auto& [village, count] : repo.ConfirmedHouseholdsByVillage(prefix, from, to)) {
    confirmed[village] = count;
  }
  std::vector<domain::Region> villages =
      tx->Registry().ListRegionsUnder(prefix, domain::RegionLevel::kVillage);
  if (villages.empty()) {
    if (auto village = VillageOf(*tx, prefix)) villages.push_back(*village);
  }
  for (const auto& village : villages) {
    domain::NetworkSettings settings = EffectiveSettings(*tx, village.path, village.id);
    QuotaVillage row;
    row.row.region_id = village.id;
    row.row.region_name = village.name;
    row.row.households = tx->Registry().CountUnder(village.path).households;
    row.row.visited = visited[village.id];
    row.row.confirmed = confirmed[village.id];
    row.row.quota_percent = domain::VisitQuotaPercent(row.row.households, settings);
    row.row.small =
        row.row.quota_percent == 100 && row.row.households < settings.small_village_households;
    double required = static_cast<double>(row.row.households) * row.row.quota_percent / 100.0;
    row.progress = required <= 0 ? 1.0 : std::min(1.0, row.row.visited / required);
    row.confirmed_progress = required <= 0 ? 1.0 : std::min(1.0, row.row.confirmed / required);
    report.villages.push_back(std::move(row));
  }
  std::map<Id, std::int64_t> confirmed_by;
  for (const auto& [user_id, count] : repo.ConfirmedHouseholdsByVisitor(prefix, from, to)) {
    confirmed_by[user_id] = count;
  }
  for (const auto& [user_id, count] : repo.VisitedHouseholdsByVisitor(prefix, from, to)) {
    QuotaVisitor visitor;
    visitor.user_id = user_id;
    visitor.visited = count;
    visitor.confirmed = confirmed_by[user_id];
    if (auto user = tx->Accounts().FindUser(user_id)) {
      visitor.name = user->display_name.empty() ? user->username : user->display_name;
    }
    report.visitors.push_back(std::move(visitor));
  }
  std::sort(report.visitors.begin(), report.visitors.end(),
            [](const QuotaVisitor& a, const QuotaVisitor& b) { return a.visited > b.visited; });
  return report;
}

domain::Page<domain::Household> NetworkService::Unvisited(const Actor& actor,
                                                          std::optional<Id> region_id, int year,
                                                          const domain::PageRequest& page) {
  auto tx = store_.BeginRead();
  std::string prefix = ReadPrefix(*tx, actor, region_id);
  domain::PageRequest clamped = page;
  clamped.limit = std::clamp<std::int64_t>(clamped.limit, 1, 200);
  return tx->Network().ListUnvisited(prefix, YearStart(year), YearStart(year + 1), clamped);
}

}  // namespace minqing::app
