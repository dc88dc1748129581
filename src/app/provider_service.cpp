#include "app/provider_service.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Permission;
using domain::ProviderState;
using domain::Role;
using domain::Trim;
using registry_internal::ThrowIfProblems;

namespace {

std::string IdList(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) {
    if (!out.empty()) out.push_back(',');
    out.append(std::to_string(id));
  }
  return out;
}

std::string Snapshot(const domain::ServiceProvider& p) {
  std::vector<Id> regions;
  for (const auto& a : p.area) regions.push_back(a.region_id);
  return JsonObjectWriter()
      .Add("unit_id", static_cast<std::int64_t>(p.unit_id))
      .Add("category_ids", IdList(p.category_ids))
      .Add("region_ids", IdList(regions))
      .Add("commitments", p.commitments)
      .Add("joined", p.joined)
      .Add("state", domain::ProviderStateCode(p.state))
      .Add("state_reason", p.state_reason)
      .Finish();
}

domain::ServiceProvider LoadProvider(StoreTx& tx, Id unit_id) {
  auto provider = tx.Providers().FindProvider(unit_id);
  if (!provider) throw domain::NotFound("provider.not_found", "服务商不存在");
  return *provider;
}

// providers.read of one provider: a unit handler only their own unit's.
void RequireRead(const Actor& actor, Id unit_id) {
  Require(actor, Permission::kReadProviders);
  if (actor.user.role == Role::kUnitHandler) {
    Require(actor, Permission::kReadProviders, UnitScope{unit_id},
            {"auth.forbidden", "无权查看该服务商"});
  }
}

struct Span {
  domain::Epoch from = 0, to = 0;
  std::string from_date, to_date;
};

Span ResolvePeriod(const ProviderPeriod& period, domain::Epoch now) {
  const domain::DayNumber today = domain::ChinaDay(now);
  auto to = period.to.empty() ? std::optional(today) : domain::ParseDate(Trim(period.to));
  auto from =
      period.from.empty() && to ? std::optional(*to - 364) : domain::ParseDate(Trim(period.from));
  if (!from || !to || *from > *to) {
    throw domain::InvalidInput("period.invalid", "统计期间无效",
                               {{"from", "period.invalid", "请填写有效的起止日期"}});
  }
  return {domain::ChinaDayStart(*from), domain::ChinaDayEnd(*to), domain::FormatDate(*from),
          domain::FormatDate(*to)};
}

domain::ProviderStandard ReadStandard(StoreTx& tx) {
  domain::ProviderStandard standard;
  auto percent = tx.Settings().FindSetting(kProviderMinSatisfiedSetting);
  auto count = tx.Settings().FindSetting(kProviderMinRatingsSetting);
  if (!percent || !count) return standard;
  try {
    standard.min_satisfied_percent = std::stoi(*percent);
    standard.min_ratings = std::stoi(*count);
    standard.set = true;
  } catch (const std::exception&) {
    return {};
  }
  return standard;
}

// The profile fields of `input` checked against the registry: categories and regions exist.
domain::ServiceProvider ProfileOf(StoreTx& tx, const ProviderInput& input, domain::Epoch now,
                                  std::vector<FieldProblem>& problems) {
  domain::ServiceProvider p;
  std::set<Id> seen;
  for (Id id : input.category_ids) {
    if (!seen.insert(id).second) continue;
    if (!tx.Matters().FindCategory(id)) {
      problems.push_back({"category_ids", "category.not_found", "服务类别不存在"});
      continue;
    }
    p.category_ids.push_back(id);
  }
  seen.clear();
  for (Id id : input.region_ids) {
    if (!seen.insert(id).second) continue;
    auto region = tx.Registry().FindRegion(id);
    if (!region) {
      problems.push_back({"region_ids", "region.not_found", "服务区域不存在"});
      continue;
    }
    p.area.push_back({id, region->path, region->name});
  }
  p.commitments = Trim(input.commitments);
  p.joined =
      Trim(input.joined).empty() ? domain::FormatDate(domain::ChinaDay(now)) : Trim(input.joined);
  for (auto& problem : domain::ValidateProviderProfile(p)) {
    const bool duplicate = std::any_of(problems.begin(), problems.end(),
                                       [&](const auto& q) { return q.field == problem.field; });
    if (!duplicate) problems.push_back(std::move(problem));
  }
  return p;
}

std::string RequiredReason(const std::string& reason) {
  std::string text = Trim(reason);
  if (text.empty()) {
    throw domain::InvalidInput("provider.reason_required", "请填写原因",
                               {{"reason", "provider.reason_required", "请填写原因"}});
  }
  if (domain::Utf8Length(text) > domain::kMaxProviderReasonChars) {
    throw domain::InvalidInput("provider.reason_too_long", "原因过长",
                               {{"reason", "provider.reason_too_long", "原因过长"}});
  }
  return text;
}

}  // namespace

void CheckProviderDispatch(StoreTx& tx, const domain::Matter& matter, Id unit_id) {
  auto provider = tx.Providers().FindProvider(unit_id);
  if (!provider) return;
  std::vector<Id> chain;
  std::optional<Id> next = matter.category_id;
  while (next && chain.size() < 16) {
    chain.push_back(*next);
    auto category = tx.Matters().FindCategory(*next);
    next = category ? category->parent_id : std::nullopt;
  }
  auto refusal = domain::ProviderDispatchRefusal(*provider, chain, matter.region_path);
  if (!refusal) return;
  if (refusal->conflict) throw domain::Conflict(refusal->code, refusal->message);
  throw domain::InvalidInput(refusal->code, refusal->message,
                             {{"unit_id", refusal->code, refusal->message}});
}

ProviderList ProviderService::List(const Actor& actor, const ProviderPeriod& period) {
  Require(actor, Permission::kReadProviders);
  const Span span = ResolvePeriod(period, actor.now);
  auto tx = store_.BeginRead();
  ProviderList out;
  out.standard = ReadStandard(*tx);
  out.from = span.from_date;
  out.to = span.to_date;
  auto ratings = tx->Providers().Ratings(span.from, span.to);
  for (auto& p : tx->Providers().ListProviders()) {
    if (actor.user.role == Role::kUnitHandler && actor.user.scope_unit_id != p.unit_id) continue;
    ProviderRow row;
    if (auto it = ratings.find(p.unit_id); it != ratings.end()) row.rating = it->second;
    row.below_standard = domain::BelowStandard(row.rating, out.standard);
    row.provider = std::move(p);
    out.items.push_back(std::move(row));
  }
  return out;
}

ProviderDetail ProviderService::Get(const Actor& actor, Id unit_id, const ProviderPeriod& period) {
  Require(actor, Permission::kReadProviders);
  const Span span = ResolvePeriod(period, actor.now);
  auto tx = store_.BeginRead();
  ProviderDetail out;
  // Which units are providers is public (PublicList), so an unknown one answers 404 to everyone.
  out.row.provider = LoadProvider(*tx, unit_id);
  RequireRead(actor, unit_id);
  out.standard = ReadStandard(*tx);
  out.from = span.from_date;
  out.to = span.to_date;
  auto ratings = tx->Providers().Ratings(span.from, span.to);
  if (auto it = ratings.find(unit_id); it != ratings.end()) out.row.rating = it->second;
  out.row.below_standard = domain::BelowStandard(out.row.rating, out.standard);
  out.rated = tx->Providers().RatedMatters(unit_id, span.from, span.to);
  return out;
}

domain::ServiceProvider ProviderService::Register(const Actor& actor, const ProviderInput& input) {
  Require(actor, Permission::kManageProviders);
  std::vector<FieldProblem> problems;
  if (input.unit_id.has_value() == input.new_unit.has_value()) {
    problems.push_back({"unit_id", "provider.unit_required", "请选择已有企业单位或填写新单位"});
  }
  if (input.new_unit) {
    if (Trim(input.new_unit->name).empty()) {
      problems.push_back({"name", "unit.name_required", "请填写单位名称"});
    }
    if (!input.new_unit->phone.empty() && !domain::IsPlausiblePhone(input.new_unit->phone)) {
      problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
    }
  }
  auto tx = store_.Begin();
  std::optional<domain::Unit> unit;
  if (input.unit_id) {
    unit = tx->Registry().FindUnit(*input.unit_id);
    if (!unit) {
      problems.push_back({"unit_id", "unit.not_found", "单位不存在"});
    } else if (unit->kind != domain::UnitKind::kCompany) {
      problems.push_back({"unit_id", "provider.not_company", "服务商须为企业类单位"});
    }
  }
  if (input.new_unit && input.new_unit->region_id &&
      !tx->Registry().FindRegion(*input.new_unit->region_id)) {
    problems.push_back({"region_id", "region.not_found", "区域不存在"});
  }
  domain::ServiceProvider p = ProfileOf(*tx, input, actor.now, problems);
  ThrowIfProblems(std::move(problems), "服务商信息有误");
  if (!unit) {
    unit.emplace();
    unit->id = domain::NewId();
    unit->name = Trim(input.new_unit->name);
    unit->kind = domain::UnitKind::kCompany;
    unit->region_id = input.new_unit->region_id;
    unit->phone = input.new_unit->phone;
    tx->Registry().InsertUnit(*unit);
    RecordAudit(*tx, actor, "unit.create", "unit", unit->id, "", app::Snapshot(*unit));
  }
  p.unit_id = unit->id;
  p.unit_name = unit->name;
  p.phone = unit->phone;
  p.state = ProviderState::kActive;
  p.created_at = p.updated_at = actor.now;
  p.created_by = p.updated_by = actor.user.id;
  tx->Providers().InsertProvider(p);
  RecordAudit(*tx, actor, "provider.register", "provider", p.unit_id, "", Snapshot(p));
  auto stored = LoadProvider(*tx, p.unit_id);
  tx->Commit();
  return stored;
}

domain::ServiceProvider ProviderService::Update(const Actor& actor, Id unit_id,
                                                const ProviderInput& input) {
  Require(actor, Permission::kManageProviders);
  auto tx = store_.Begin();
  const domain::ServiceProvider before = LoadProvider(*tx, unit_id);
  std::vector<FieldProblem> problems;
  domain::ServiceProvider p = ProfileOf(*tx, input, actor.now, problems);
  ThrowIfProblems(std::move(problems), "服务商信息有误");
  p.unit_id = unit_id;
  p.updated_at = actor.now;
  p.updated_by = actor.user.id;
  tx->Providers().UpdateProfile(p);
  auto after = LoadProvider(*tx, unit_id);
  RecordAudit(*tx, actor, "provider.update", "provider", unit_id, Snapshot(before),
              Snapshot(after));
  tx->Commit();
  return after;
}

domain::ServiceProvider ProviderService::Suspend(const Actor& actor, Id unit_id,
                                                 const std::string& reason) {
  Require(actor, Permission::kManageProviders);
  const std::string text = RequiredReason(reason);
  auto tx = store_.Begin();
  const domain::ServiceProvider before = LoadProvider(*tx, unit_id);
  if (before.state == ProviderState::kSuspended) {
    throw domain::Conflict("provider.already_suspended", "该服务商已暂停");
  }
  tx->Providers().SetState(unit_id, ProviderState::kSuspended, text, actor.user.id, actor.now);
  auto after = LoadProvider(*tx, unit_id);
  RecordAudit(*tx, actor, "provider.suspend", "provider", unit_id, Snapshot(before),
              Snapshot(after));
  tx->Commit();
  return after;
}

domain::ServiceProvider ProviderService::Reinstate(const Actor& actor, Id unit_id,
                                                   const std::string& reason) {
  Require(actor, Permission::kManageProviders);
  const std::string text = RequiredReason(reason);
  auto tx = store_.Begin();
  const domain::ServiceProvider before = LoadProvider(*tx, unit_id);
  if (before.state != ProviderState::kSuspended) {
    throw domain::Conflict("provider.not_suspended", "该服务商未被暂停");
  }
  tx->Providers().SetState(unit_id, ProviderState::kActive, text, actor.user.id, actor.now);
  auto after = LoadProvider(*tx, unit_id);
  RecordAudit(*tx, actor, "provider.reinstate", "provider", unit_id, Snapshot(before),
              Snapshot(after));
  tx->Commit();
  return after;
}

domain::ProviderStandard ProviderService::GetStandard(const Actor& actor) {
  Require(actor, Permission::kReadProviders);
  auto tx = store_.BeginRead();
  return ReadStandard(*tx);
}

domain::ProviderStandard ProviderService::PutStandard(const Actor& actor,
                                                      const domain::ProviderStandard& value) {
  Require(actor, Permission::kManageProviders);
  ThrowIfProblems(domain::ValidateProviderStandard(value), "服务商考核标准有误");
  auto tx = store_.Begin();
  const domain::ProviderStandard before = ReadStandard(*tx);
  tx->Settings().PutSetting(kProviderMinSatisfiedSetting,
                            std::to_string(value.min_satisfied_percent), actor.now, actor.user.id);
  tx->Settings().PutSetting(kProviderMinRatingsSetting, std::to_string(value.min_ratings),
                            actor.now, actor.user.id);
  auto text = [](const domain::ProviderStandard& s) {
    return JsonObjectWriter()
        .Add("set", s.set)
        .Add("min_satisfied_percent", static_cast<std::int64_t>(s.min_satisfied_percent))
        .Add("min_ratings", static_cast<std::int64_t>(s.min_ratings))
        .Finish();
  };
  domain::ProviderStandard after = value;
  after.set = true;
  RecordAudit(*tx, actor, "provider.standard", "setting", 0, text(before), text(after));
  tx->Commit();
  return after;
}

std::vector<PublicProvider> ProviderService::PublicList(domain::Epoch now) {
  const Span span = ResolvePeriod({}, now);
  auto tx = store_.BeginRead();
  std::map<Id, std::string> category_names;
  for (const auto& c : tx->Matters().ListCategories()) category_names[c.id] = c.name;
  auto ratings = tx->Providers().Ratings(span.from, span.to);
  std::vector<PublicProvider> out;
  for (const auto& p : tx->Providers().ListProviders()) {
    if (p.state != ProviderState::kActive) continue;
    PublicProvider line;
    line.name = p.unit_name;
    for (Id id : p.category_ids) {
      if (auto it = category_names.find(id); it != category_names.end()) {
        line.categories.push_back(it->second);
      }
    }
    for (const auto& a : p.area) line.area.push_back(a.region_name);
    line.commitments = p.commitments;
    line.joined = p.joined;
    if (auto it = ratings.find(p.unit_id); it != ratings.end()) line.rating = it->second;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace minqing::app
