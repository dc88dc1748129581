#include "app/posting_service.hpp"

#include <algorithm>

#include "app/agreement_pdf.hpp"
#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::Permission;
using domain::Role;
using domain::Trim;
using registry_internal::Clamp;
using registry_internal::ThrowIfProblems;

namespace {

std::string Today(domain::Epoch now) { return domain::FormatDate(domain::ChinaDay(now)); }

int YearOf(const std::string& date) { return std::stoi(date.substr(0, 4)); }

[[noreturn]] void Deny(const char* message) { throw domain::Forbidden("auth.forbidden", message); }

// A village assistant reads only their own postings; other readers by the village's region.
bool MayRead(const Actor& actor, const domain::Posting& posting) {
  if (!domain::RoleHas(actor.user.role, Permission::kReadPostings)) return false;
  if (actor.user.role == Role::kVillageAssistant) return posting.user_id == actor.user.id;
  return domain::RegionInScope(actor.user, posting.region_path);
}

bool MayEditAgreement(const Actor& actor, const domain::Posting& posting) {
  if (!domain::RoleHas(actor.user.role, Permission::kEditAgreements)) return false;
  if (actor.user.role == Role::kVillageAssistant) return posting.user_id == actor.user.id;
  return domain::RegionInScope(actor.user, posting.region_path);
}

domain::Posting LoadPosting(StoreTx& tx, Id id) {
  auto posting = tx.Postings().FindPosting(id);
  if (!posting) throw domain::NotFound("posting.not_found", "派驻记录不存在");
  return *posting;
}

std::pair<domain::Agreement, domain::Posting> LoadAgreement(StoreTx& tx, Id id) {
  auto agreement = tx.Postings().FindAgreement(id);
  if (!agreement) throw domain::NotFound("agreement.not_found", "目标责任书不存在");
  return {*agreement, LoadPosting(tx, agreement->posting_id)};
}

std::string Snapshot(const domain::Posting& p) {
  return JsonObjectWriter()
      .Add("user_id", static_cast<std::int64_t>(p.user_id))
      .Add("region_id", static_cast<std::int64_t>(p.region_id))
      .Add("role", domain::PostingRoleCode(p.role))
      .Add("team", p.team)
      .Add("from", p.from)
      .Add("to", p.to.value_or(""))
      .Finish();
}

std::string Snapshot(const domain::Agreement& a) {
  std::string items;
  for (const auto& item : a.items) {
    if (!items.empty()) items += "; ";
    items += std::string(domain::InfoOf(item.kind).code) + " " + item.label + " " +
             std::to_string(item.target) + item.unit + " w" + std::to_string(item.weight);
  }
  return JsonObjectWriter()
      .Add("year", static_cast<std::int64_t>(a.year))
      .Add("title", a.title)
      .Add("items", items)
      .Add("signed_on", a.signed_on.value_or(""))
      .Finish();
}

domain::Agreement FromInput(const AgreementInput& input) {
  domain::Agreement a;
  a.year = input.year;
  a.title = input.title;
  a.items = input.items;
  ThrowIfProblems(domain::NormaliseAgreement(a));
  return a;
}

AgreementDetail Detail(StoreTx& tx, domain::Agreement agreement, domain::Posting posting) {
  AgreementDetail out;
  if (agreement.signed_by) {
    if (auto user = tx.Accounts().FindUser(*agreement.signed_by)) {
      out.signed_by_name = user->display_name.empty() ? user->username : user->display_name;
    }
  }
  out.agreement = std::move(agreement);
  out.posting = std::move(posting);
  return out;
}

}  // namespace

std::optional<domain::Posting> PostingService::CurrentAssistant(StoreTx& tx, Id village_id,
                                                                domain::Epoch now) {
  PostingFilter filter;
  filter.region_id = village_id;
  filter.role = domain::PostingRole::kVillageAffairsAssistant;
  filter.current_on = Today(now);
  auto page = tx.Postings().ListPostings(filter, {0, 1, ""});
  if (page.items.empty()) return std::nullopt;
  return page.items.front();
}

domain::Page<domain::Posting> PostingService::List(const Actor& actor, const PostingQuery& query,
                                                   const domain::PageRequest& page) {
  Require(actor, Permission::kReadPostings);
  auto tx = store_.BeginRead();
  PostingFilter filter;
  filter.region_path = actor.user.scope_region_path;
  if (query.region_id) {
    auto region = tx->Registry().FindRegion(*query.region_id);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    Require(actor, Permission::kReadPostings, region->path);
    filter.region_path = region->path;
  }
  if (actor.user.role == Role::kVillageAssistant) {
    filter.user_id = actor.user.id;
  } else if (query.user_id) {
    filter.user_id = query.user_id;
  }
  if (!query.role.empty()) {
    filter.role = domain::ParsePostingRole(query.role);
    if (!filter.role) {
      throw domain::InvalidInput("validation.failed", "岗位无效",
                                 {{"role", "posting.bad_role", "岗位无效"}});
    }
  }
  if (query.current_only) filter.current_on = Today(actor.now);
  return tx->Postings().ListPostings(filter, Clamp(page));
}

PostingDetail PostingService::Get(const Actor& actor, Id posting_id) {
  Require(actor, Permission::kReadPostings);
  auto tx = store_.BeginRead();
  PostingDetail out;
  out.posting = LoadPosting(*tx, posting_id);
  if (!MayRead(actor, out.posting)) Deny("无权查看该派驻记录");
  out.agreements = tx->Postings().AgreementsOf(posting_id);
  return out;
}

domain::Posting PostingService::Create(const Actor& actor, const PostingInput& input) {
  Require(actor, Permission::kManagePostings);
  auto tx = store_.Begin();
  auto region = input.region_id != 0 ? tx->Registry().FindRegion(input.region_id) : std::nullopt;
  if (input.region_id != 0 && !region) throw domain::NotFound("region.not_found", "区域不存在");
  if (region) {
    Require(actor, Permission::kManagePostings, region->path,
            {"auth.forbidden", "无权向该村派驻干部"});
  }
  domain::Posting p;
  p.id = domain::NewId();
  p.user_id = input.user_id;
  p.region_id = input.region_id;
  p.team = Trim(input.team);
  p.home_unit = Trim(input.home_unit);
  p.note = Trim(input.note);
  p.from = Trim(input.from);
  if (input.to && !Trim(*input.to).empty()) p.to = Trim(*input.to);
  auto problems = domain::ValidatePosting(p);
  auto role = domain::ParsePostingRole(input.role);
  if (!role) problems.push_back({"role", "posting.bad_role", "请选择岗位"});
  if (region && region->level != domain::RegionLevel::kVillage) {
    problems.push_back({"region_id", "posting.not_village", "只能派驻到村或社区"});
  }
  std::optional<domain::User> user;
  if (input.user_id != 0) {
    user = tx->Accounts().FindUser(input.user_id);
    if (!user || !user->active) {
      problems.push_back({"user_id", "posting.bad_user", "账号不存在或已停用"});
    } else if (user->role == Role::kResident || user->role == Role::kPartyMember) {
      problems.push_back({"user_id", "posting.bad_user", "只能派驻工作人员账号"});
    }
  }
  ThrowIfProblems(std::move(problems));
  p.role = *role;
  p.region_path = region->path;
  p.region_name = region->name;
  p.user_name = user->display_name.empty() ? user->username : user->display_name;
  p.user_phone = user->phone;
  if (p.home_unit.empty() && user->scope_unit_id) {
    if (auto unit = tx->Registry().FindUnit(*user->scope_unit_id)) p.home_unit = unit->name;
  }
  p.created_at = actor.now;
  if (actor.user.id != 0) p.created_by = actor.user.id;
  tx->Postings().LockPostings(p.region_id, p.role);
  const std::vector<domain::Posting> others = tx->Postings().PostingsOf(p.region_id, p.role);
  if (const domain::Posting* other = domain::FindOverlap(p, others)) domain::ThrowOverlap(*other);
  tx->Postings().InsertPosting(p);
  RecordAudit(*tx, actor, "posting.create", "posting", p.id, "", Snapshot(p));
  tx->Commit();
  return p;
}

domain::Posting PostingService::End(const Actor& actor, Id posting_id, const std::string& to) {
  Require(actor, Permission::kManagePostings);
  auto tx = store_.Begin();
  domain::Posting p = LoadPosting(*tx, posting_id);
  Require(actor, Permission::kManagePostings, p.region_path, {"auth.forbidden", "无权结束该派驻"});
  const std::string day = Trim(to);
  domain::CheckEndDate(p, day);
  const std::string before = Snapshot(p);
  tx->Postings().LockPostings(p.region_id, p.role);
  p.to = day;
  p.ended_at = actor.now;
  if (actor.user.id != 0) p.ended_by = actor.user.id;
  tx->Postings().EndPosting(p.id, day, actor.now, p.ended_by);
  RecordAudit(*tx, actor, "posting.end", "posting", p.id, before, Snapshot(p));
  tx->Commit();
  return p;
}

std::vector<PostingCandidate> PostingService::Candidates(const Actor& actor) {
  Require(actor, Permission::kManagePostings);
  auto tx = store_.BeginRead();
  std::vector<PostingCandidate> out;
  for (Role role :
       {Role::kLeader, Role::kCentreStaff, Role::kUnitHandler, Role::kVillageAssistant}) {
    UserQuery query;
    query.role = role;
    for (const auto& user : tx->Accounts().FindUsers(query)) {
      PostingCandidate c;
      c.id = user.id;
      c.name = user.display_name.empty() ? user.username : user.display_name;
      c.role = std::string(domain::RoleCode(user.role));
      if (user.scope_unit_id) {
        if (auto unit = tx->Registry().FindUnit(*user.scope_unit_id)) c.unit = unit->name;
      }
      if (user.scope_region_id) {
        if (auto region = tx->Registry().FindRegion(*user.scope_region_id)) {
          c.scope_name = region->name;
        }
      }
      out.push_back(std::move(c));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const PostingCandidate& a, const PostingCandidate& b) { return a.name < b.name; });
  return out;
}

AgreementDetail PostingService::CreateAgreement(const Actor& actor, Id posting_id,
                                                const AgreementInput& input) {
  Require(actor, Permission::kEditAgreements);
  auto tx = store_.Begin();
  domain::Posting posting = LoadPosting(*tx, posting_id);
  if (!MayEditAgreement(actor, posting)) Deny("无权为该派驻起草目标责任书");
  domain::Agreement a = FromInput(input);
  a.id = domain::NewId();
  a.posting_id = posting.id;
  a.created_at = a.updated_at = actor.now;
  if (actor.user.id != 0) a.created_by = actor.user.id;
  if (a.title.empty()) a.title = std::to_string(a.year) + " 年度目标责任书";
  tx->Postings().InsertAgreement(a);
  RecordAudit(*tx, actor, "agreement.create", "agreement", a.id, "", Snapshot(a));
  tx->Commit();
  return Detail(*store_.BeginRead(), a, posting);
}

AgreementDetail PostingService::UpdateAgreement(const Actor& actor, Id agreement_id,
                                                const AgreementInput& input) {
  Require(actor, Permission::kEditAgreements);
  auto tx = store_.Begin();
  auto [stored, posting] = LoadAgreement(*tx, agreement_id);
  if (!MayEditAgreement(actor, posting)) Deny("无权修改该目标责任书");
  domain::RequireAgreementEditable(stored);
  AgreementInput in = input;
  in.year = stored.year;  // The year is part of the agreement's identity.
  domain::Agreement a = FromInput(in);
  a.id = stored.id;
  a.posting_id = stored.posting_id;
  a.created_at = stored.created_at;
  a.created_by = stored.created_by;
  a.updated_at = actor.now;
  if (a.title.empty()) a.title = stored.title;
  tx->Postings().ReplaceAgreementItems(a, actor.now);
  RecordAudit(*tx, actor, "agreement.update", "agreement", a.id, Snapshot(stored), Snapshot(a));
  tx->Commit();
  return Detail(*store_.BeginRead(), a, posting);
}

AgreementDetail PostingService::SignAgreement(const Actor& actor, Id agreement_id,
                                              const std::string& signed_on) {
  Require(actor, Permission::kSignAgreements);
  auto tx = store_.Begin();
  auto [a, posting] = LoadAgreement(*tx, agreement_id);
  Require(actor, Permission::kSignAgreements, posting.region_path,
          {"auth.forbidden", "无权签订该目标责任书"});
  if (posting.user_id == actor.user.id) Deny("不能签订本人的目标责任书");
  const std::string day = Trim(signed_on);
  domain::CheckSignable(a, day);
  const std::string before = Snapshot(a);
  tx->Postings().SignAgreement(a.id, day, actor.user.id, actor.now);
  a.signed_on = day;
  a.signed_by = actor.user.id;
  a.signed_at = actor.now;
  a.updated_at = actor.now;
  RecordAudit(*tx, actor, "agreement.sign", "agreement", a.id, before, Snapshot(a));
  tx->Commit();
  return Detail(*store_.BeginRead(), a, posting);
}

AgreementDetail PostingService::GetAgreement(const Actor& actor, Id agreement_id) {
  Require(actor, Permission::kReadPostings);
  auto tx = store_.BeginRead();
  auto [a, posting] = LoadAgreement(*tx, agreement_id);
  if (!MayRead(actor, posting)) Deny("无权查看该目标责任书");
  return Detail(*tx, a, posting);
}

std::string PostingService::AgreementPdf(const Actor& actor, Id agreement_id) {
  AgreementDetail d = GetAgreement(actor, agreement_id);
  AgreementPrint print;
  print.agreement = d.agreement;
  print.posting = d.posting;
  print.signed_by_name = d.signed_by_name;
  return RenderAgreementPdf(print);
}

PublicAssistant PostingService::Public(Id village_id, domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto village = tx->Registry().FindRegion(village_id);
  if (!village || village->level != domain::RegionLevel::kVillage) {
    throw domain::NotFound("region.not_found", "村/社区不存在");
  }
  PublicAssistant out;
  out.posting = CurrentAssistant(*tx, village_id, now);
  if (out.posting) {
    auto agreement = tx->Postings().FindAgreementOf(out.posting->id, YearOf(Today(now)));
    if (agreement && agreement->signed_on) out.agreement = std::move(agreement);
  }
  return out;
}

}  // namespace minqing::app
