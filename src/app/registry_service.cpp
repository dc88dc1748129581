// RegistryService's regions, households (户) and residents, with the tag and resident-input rules.
#include "app/registry_service.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/region_tree.hpp"
#include "app/registry_internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"
#include "domain/pinyin.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"
#include "domain/text_rules.hpp"

namespace minqing::app {

using namespace registry_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

using domain::FieldProblem;
using domain::IsIsoDate;
using domain::Permission;
using domain::Trim;
using domain::Utf8Length;

constexpr std::size_t kMaxTagBytes = 8 * 3;

domain::Resident Masked(domain::Resident r) {
  r.id_card = domain::MaskIdCard(r.id_card);
  r.phone = domain::MaskPhone(r.phone);
  return r;
}

std::string UpperX(std::string id_card) {
  if (!id_card.empty() && id_card.back() == 'x') id_card.back() = 'X';
  return id_card;
}

std::optional<Id> OwnHouseholdId(StoreTx& tx, const Actor& actor) {
  if (!actor.user.resident_id) return std::nullopt;
  auto resident = tx.Registry().FindResident(*actor.user.resident_id);
  if (!resident) return std::nullopt;
  return resident->household_id;
}

std::vector<FieldProblem> ValidateHouseholdInput(const HouseholdInput& input,
                                                 std::vector<std::string>& tags) {
  std::vector<FieldProblem> problems;
  if (input.region_id == 0) problems.push_back({"region_id", "region.required", "请选择所属区域"});
  std::string address = Trim(input.address);
  if (address.empty()) problems.push_back({"address", "household.address_required", "请填写地址"});
  if (auto p = domain::CheckTextField("address", address, domain::kAddressRule)) {
    problems.push_back(std::move(*p));
  }
  if (auto p = domain::CheckTextField("number", input.number, domain::kHouseholdNumberRule)) {
    problems.push_back(std::move(*p));
  }
  if (input.lat && (*input.lat < -90 || *input.lat > 90)) {
    problems.push_back({"lat", "coordinates.invalid", "纬度无效"});
  }
  if (input.lng && (*input.lng < -180 || *input.lng > 180)) {
    problems.push_back({"lng", "coordinates.invalid", "经度无效"});
  }
  tags = NormaliseTags(input.tags, problems);
  return problems;
}

void CheckIdCardFree(StoreTx& tx, const std::string& id_card, std::optional<Id> except,
                     const std::string& field, std::vector<FieldProblem>& problems) {
  if (id_card.empty()) return;
  auto existing = tx.Registry().FindResidentByIdCard(id_card);
  if (existing && existing->id != except) {
    problems.push_back({field, "resident.id_card_exists", "该身份证号已登记"});
  }
}

std::string NextHouseholdNumber(StoreTx& tx, const domain::Region& region) {
  std::string base = region.code.empty() ? std::to_string(region.id) : region.code;
  auto page = tx.Registry().ListHouseholds({region.path, {}, ""}, {0, 1, ""});
  for (std::int64_t serial = page.total + 1;; ++serial) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%04lld", static_cast<long long>(serial));
    std::string candidate = base + buf;
    if (!tx.Registry().FindHouseholdByNumber(candidate)) return candidate;
  }
}

domain::Resident NewResident(const Actor& actor, const ResidentInput& input,
                             const domain::Household& household) {
  domain::Resident r = ResidentFromInput(input);
  r.id = domain::NewId();
  r.household_id = household.id;
  r.region_path = household.region_path;
  r.created_at = actor.now;
  r.updated_at = actor.now;
  return r;
}

// Names along a region path, joined with " / ".
std::string RegionFullName(StoreTx& tx, std::string_view path) {
  std::string out;
  for (Id id : domain::RegionPathIds(path)) {
    if (auto region = tx.Registry().FindRegion(id)) {
      if (!out.empty()) out += " / ";
      out += region->name;
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& KnownHouseholdTags() {
  static const std::vector<std::string> kTags = {"低保", "五保",     "特困",   "残疾",
                                                 "留守", "流动",     "困难",   "移民",
                                                 "军属", "独居老人", "脱贫户", "监测户"};
  return kTags;
}

std::vector<std::string> NormaliseTags(const std::vector<std::string>& tags,
                                       std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    std::string tag = Trim(raw);
    if (tag.empty()) continue;
    if (tag.size() > kMaxTagBytes || tag.find(',') != std::string::npos ||
        domain::CheckTextField("tags", tag, domain::kShortFieldRule)) {
      problems.push_back(
          {"tags", "household.tag_invalid", "标签“" + tag + "”无效（最多8个字，不能含逗号）"});
      continue;
    }
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
  }
  return out;
}

std::vector<FieldProblem> ValidateResidentInput(const ResidentInput& input) {
  std::vector<FieldProblem> problems;
  std::string name = Trim(input.name);
  if (name.empty()) problems.push_back({"name", "resident.name_required", "请填写姓名"});
  if (auto p = domain::CheckTextField("name", name, domain::kPersonNameRule)) {
    problems.push_back(std::move(*p));
  }
  std::string id_card = UpperX(Trim(input.id_card));
  if (!id_card.empty()) {
    auto problem = domain::ValidateIdCard(id_card);
    if (problem != domain::IdCardProblem::kNone) {
      problems.push_back({"id_card", "id_card.invalid", domain::IdCardProblemMessage(problem)});
    }
  }
  if (!input.sex.empty() && !domain::ParseSex(Trim(input.sex))) {
    problems.push_back({"sex", "resident.sex_invalid", "性别应为“男”或“女”"});
  }
  std::string birth = Trim(input.birth_date);
  if (!birth.empty() && !IsIsoDate(birth)) {
    problems.push_back({"birth_date", "resident.birth_date_invalid", "出生日期应为YYYY-MM-DD"});
  }
  if (!birth.empty() && IsIsoDate(birth) && !id_card.empty() &&
      domain::ValidateIdCard(id_card) == domain::IdCardProblem::kNone &&
      domain::IdCardBirthDate(id_card) != birth) {
    problems.push_back({"birth_date", "resident.birth_date_mismatch", "出生日期与身份证号不一致"});
  }
  std::string phone = Trim(input.phone);
  if (!phone.empty() && !domain::IsPlausiblePhone(phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  if (auto p = domain::CheckTextField("relation", Trim(input.relation), domain::kRelationRule)) {
    problems.push_back(std::move(*p));
  }
  return problems;
}

domain::Resident ResidentFromInput(const ResidentInput& input) {
  domain::Resident r;
  r.name = Trim(input.name);
  r.id_card = UpperX(Trim(input.id_card));
  r.phone = Trim(input.phone);
  r.relation = Trim(input.relation);
  bool id_ok =
      !r.id_card.empty() && domain::ValidateIdCard(r.id_card) == domain::IdCardProblem::kNone;
  auto sex = domain::ParseSex(Trim(input.sex));
  r.sex = sex ? *sex : (id_ok ? domain::IdCardSex(r.id_card) : domain::Sex::kMale);
  r.birth_date = Trim(input.birth_date);
  if (r.birth_date.empty() && id_ok) r.birth_date = domain::IdCardBirthDate(r.id_card);
  auto pinyin = domain::PersonNamePinyin(r.name);
  r.pinyin = pinyin.full;
  r.initials = pinyin.initials;
  r.village_committee = input.village_committee.value_or(false);
  r.villager_rep = input.villager_rep.value_or(false);
  return r;
}

RegistryService::RegistryService(Store& store) : store_(store) {}

std::vector<domain::Region> RegistryService::ListRegionChildren(const Actor& actor,
                                                                std::optional<Id> parent_id) {
  Require(actor, Permission::kReadRegistry);
  auto tx = store_.BeginRead();
  if (!parent_id) {
    if (actor.user.role == domain::Role::kResident) return {};
    if (actor.user.scope_region_id) {
      auto scope = LoadRegion(*tx, *actor.user.scope_region_id);
      scope.child_count =
          static_cast<std::int64_t>(tx->Registry().ListRegionChildren(scope.id).size());
      return {scope};
    }
    return tx->Registry().ListRegionChildren(std::nullopt);
  }
  auto parent = LoadRegion(*tx, *parent_id);
  Require(actor, Permission::kReadRegistry, parent.path);
  return tx->Registry().ListRegionChildren(parent_id);
}

domain::Region RegistryService::GetRegion(const Actor& actor, Id region_id) {
  auto tx = store_.BeginRead();
  auto region = LoadRegion(*tx, region_id);
  Require(actor, Permission::kReadRegistry, region.path);
  return region;
}

domain::Region RegistryService::CreateRegion(const Actor& actor, const RegionInput& input) {
  Require(actor, Permission::kManageRegions);
  std::vector<FieldProblem> problems;
  auto level = domain::ParseRegionLevel(input.level);
  if (!level) problems.push_back({"level", "region.level_invalid", "区域层级无效"});
  std::string name = Trim(input.name);
  if (name.empty()) problems.push_back({"name", "region.name_required", "请填写区域名称"});
  if (!input.code.empty() &&
      (input.code.size() > 15 || input.code.find_first_not_of("0123456789") != std::string::npos)) {
    problems.push_back(
        {"code", "region.code_invalid", "区划代码应为不超过12位的数字（组、网格可为15位）"});
  }
  ThrowIfProblems(std::move(problems));
  auto tx = store_.Begin();
  if (auto levels = tx->Registry().LoadRegionLevels();
      domain::ValidRegionLevels(levels) && !levels.Has(*level)) {
    throw domain::InvalidInput(
        "validation.failed", "该层级不在本系统配置的区域层级内",
        {{"level", "region.level_not_configured", "该层级不在本系统配置的区域层级内"}});
  }
  domain::Region region;
  region.id = domain::NewId();
  region.level = *level;
  region.name = name;
  region.code = input.code;
  region.lat = input.lat;
  region.lng = input.lng;
  if (input.parent_id) {
    auto parent = LoadRegion(*tx, *input.parent_id);
    Require(actor, Permission::kManageRegions, parent.path);
    if (static_cast<int>(parent.level) >= static_cast<int>(*level)) {
      throw domain::InvalidInput("validation.failed", "下级区域的层级必须低于上级",
                                 {{"level", "region.level_order", "下级区域的层级必须低于上级"}});
    }
    region.parent_id = parent.id;
    region.path = parent.path + std::to_string(region.id) + "/";
  } else {
    region.path = "/" + std::to_string(region.id) + "/";
  }
  if (!region.code.empty() && tx->Registry().FindRegionByCode(region.code)) {
    throw domain::Conflict("region.conflict", "区划代码已存在");
  }
  tx->Registry().InsertRegion(region);
  RecordAudit(*tx, actor, "region.create", "region", region.id, "", Snapshot(region));
  tx->Commit();
  return region;
}

domain::Region RegistryService::UpdateRegion(const Actor& actor, Id region_id,
                                             const RegionInput& input) {
  Require(actor, Permission::kManageRegions);
  std::vector<FieldProblem> problems;
  std::string name = Trim(input.name);
  if (name.empty()) problems.push_back({"name", "region.name_required", "请填写区域名称"});
  if (!input.code.empty() &&
      (input.code.size() > 15 || input.code.find_first_not_of("0123456789") != std::string::npos)) {
    problems.push_back(
        {"code", "region.code_invalid", "区划代码应为不超过12位的数字（组、网格可为15位）"});
  }
  ThrowIfProblems(std::move(problems));
  auto tx = store_.Begin();
  domain::Region region = LoadRegion(*tx, region_id);
  Require(actor, Permission::kManageRegions, region.path);
  const std::string before = Snapshot(region);
  if (!input.code.empty() && input.code != region.code) {
    if (auto other = tx->Registry().FindRegionByCode(input.code); other && other->id != region.id) {
      throw domain::Conflict("region.conflict", "区划代码已存在");
    }
  }
  region.name = name;
  if (!input.code.empty()) region.code = input.code;
  if (input.lat) region.lat = input.lat;
  if (input.lng) region.lng = input.lng;
  tx->Registry().UpdateRegion(region);
  RecordAudit(*tx, actor, "region.update", "region", region.id, before, Snapshot(region));
  tx->Commit();
  return region;
}

RegistryCounts RegistryService::Overview(const Actor& actor, std::optional<Id> region_id) {
  auto tx = store_.BeginRead();
  if (actor.user.role == domain::Role::kResident) {
    throw domain::Forbidden("auth.forbidden", "无权查看统计");
  }
  std::string prefix = ListPrefix(*tx, actor, Permission::kReadRegistry, region_id);
  return tx->Registry().CountUnder(prefix);
}

RegistryOverview RegistryService::OverviewWithRegions(const Actor& actor,
                                                      std::optional<Id> region_id) {
  RegistryOverview out;
  out.counts = Overview(actor, region_id);
  std::vector<domain::Region> regions = ListRegionChildren(actor, region_id);
  if (!region_id && regions.size() == 1 && regions.front().child_count > 0) {
    regions = ListRegionChildren(actor, regions.front().id);
  }
  auto tx = store_.BeginRead();
  for (auto& region : regions) {
    RegistryCounts counts = tx->Registry().CountUnder(region.path);
    out.regions.push_back({std::move(region), counts});
  }
  return out;
}

domain::Page<domain::Household> RegistryService::ListHouseholds(const Actor& actor,
                                                                const HouseholdQuery& query,
                                                                const domain::PageRequest& page) {
  auto tx = store_.BeginReplicaRead(actor.read_fence);
  if (actor.user.role == domain::Role::kResident) {
    domain::Page<domain::Household> own;
    auto household_id = OwnHouseholdId(*tx, actor);
    if (household_id) {
      auto household = tx->Registry().FindHousehold(*household_id);
      if (household) {
        household->member_count =
            static_cast<std::int64_t>(tx->Registry().ListHouseholdResidents(household->id).size());
        own.items.push_back(*household);
      }
    }
    own.total = static_cast<std::int64_t>(own.items.size());
    region_labels_.Fill(actor, own.items);
    return own;
  }
  HouseholdFilter filter;
  filter.region_path_prefix = ListPrefix(*tx, actor, Permission::kReadRegistry, query.region_id);
  filter.tags = query.tags;
  filter.lookup = Trim(query.lookup);
  if (filter.lookup.size() > kMaxLookupBytes) filter.lookup.resize(kMaxLookupBytes);
  auto result = tx->Registry().ListHouseholds(filter, Clamp(page));
  region_labels_.Fill(actor, result.items);
  return result;
}

HouseholdDetail RegistryService::GetHousehold(const Actor& actor, Id household_id) {
  std::uint64_t generation = store_.WriteGeneration();
  bool resident = actor.user.role == domain::Role::kResident;
  if (!resident) {
    if (auto cached = household_pages_.Get(household_id, generation, actor.now)) {
      if (!domain::MayAccessHousehold(actor.user, Permission::kReadRegistry,
                                      cached->household.region_path, std::nullopt, household_id)) {
        throw domain::Forbidden("auth.forbidden", "无权访问该户");
      }
      region_labels_.Fill(actor, cached->household);
      return *std::move(cached);
    }
  }
  auto tx = store_.BeginRead();
  HouseholdDetail detail;
  detail.household = LoadHousehold(*tx, actor, Permission::kReadRegistry, household_id);
  detail.region = tx->Registry().FindRegion(detail.household.region_id);
  detail.region_full_name = RegionFullName(*tx, detail.household.region_path);
  for (auto& r : tx->Registry().ListHouseholdResidents(household_id))
    detail.members.push_back(Masked(r));
  detail.household.member_count = static_cast<std::int64_t>(detail.members.size());
  if (!detail.members.empty() && detail.members.front().relation == "户主") {
    detail.household.head_name = detail.members.front().name;
  }
  detail.moves = tx->Registry().ListHouseholdMoves(household_id);
  if (actor.user.role != domain::Role::kResident) {
    detail.history = tx->ListAudit({"household", household_id, std::nullopt}, {0, 50, ""}).items;
    for (const auto& m : detail.members) {
      auto entries = tx->ListAudit({"resident", m.id, std::nullopt}, {0, 20, ""}).items;
      detail.history.insert(detail.history.end(), entries.begin(), entries.end());
    }
    std::sort(detail.history.begin(), detail.history.end(), [](const auto& a, const auto& b) {
      return a.at != b.at ? a.at > b.at : a.id > b.id;
    });
    if (detail.history.size() > 50) detail.history.resize(50);
    household_pages_.Put(household_id, generation, actor.now, detail);
  }
  // After the cache: the label depends on the reader.
  region_labels_.Fill(actor, detail.household);
  return detail;
}

domain::Household RegistryService::CreateHousehold(const Actor& actor, const HouseholdInput& input,
                                                   const std::vector<ResidentInput>& members) {
  Require(actor, Permission::kWriteRegistry);
  std::vector<std::string> tags;
  auto problems = ValidateHouseholdInput(input, tags);
  std::vector<std::string> seen_cards;
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (auto& p : ValidateResidentInput(members[i])) {
      p.field = "members[" + std::to_string(i) + "]." + p.field;
      problems.push_back(std::move(p));
    }
    std::string card = UpperX(Trim(members[i].id_card));
    if (!card.empty()) {
      if (std::find(seen_cards.begin(), seen_cards.end(), card) != seen_cards.end()) {
        problems.push_back({"members[" + std::to_string(i) + "].id_card",
                            "resident.id_card_duplicate", "同一户中身份证号重复"});
      }
      seen_cards.push_back(card);
    }
  }
  ThrowIfProblems(std::move(problems), "户信息有误");

  auto tx = store_.Begin();
  auto region = LoadRegion(*tx, input.region_id);
  Require(actor, Permission::kWriteRegistry, region.path);
  if (region.level != domain::RegionLevel::kVillage &&
      region.level != domain::RegionLevel::kGroup) {
    const std::string message = "户应登记在" + ConfiguredRegionLevels(*tx).HouseholdPlaces();
    throw domain::InvalidInput("validation.failed", message,
                               {{"region_id", "household.region_level", message}});
  }
  domain::Household household;
  household.id = domain::NewId();
  household.region_id = region.id;
  household.region_path = region.path;
  household.region_name = region.name;
  household.number = Trim(input.number);
  if (household.number.empty()) household.number = NextHouseholdNumber(*tx, region);
  if (tx->Registry().FindHouseholdByNumber(household.number)) {
    throw domain::InvalidInput("validation.failed", "户编号已存在",
                               {{"number", "household.number_exists", "户编号已存在"}});
  }
  household.address = Trim(input.address);
  household.lat = input.lat;
  household.lng = input.lng;
  household.tags = tags;
  household.created_at = actor.now;
  household.updated_at = actor.now;

  std::vector<FieldProblem> card_problems;
  for (std::size_t i = 0; i < members.size(); ++i) {
    CheckIdCardFree(*tx, UpperX(Trim(members[i].id_card)), std::nullopt,
                    "members[" + std::to_string(i) + "].id_card", card_problems);
  }
  ThrowIfProblems(std::move(card_problems), "身份证号已登记");

  tx->Registry().InsertHousehold(household);
  RecordAudit(*tx, actor, "household.create", "household", household.id, "", Snapshot(household));
  for (const auto& input_member : members) {
    auto resident = NewResident(actor, input_member, household);
    tx->Registry().InsertResident(resident);
    RecordAudit(*tx, actor, "resident.create", "resident", resident.id, "", Snapshot(resident));
  }
  tx->Commit();
  household.member_count = static_cast<std::int64_t>(members.size());
  return household;
}

domain::Household RegistryService::UpdateHousehold(const Actor& actor, Id household_id,
                                                   const HouseholdInput& input) {
  // Scope before input: a caller outside the household's scope learns nothing about it.
  auto tx = store_.Begin();
  auto household = LoadHousehold(*tx, actor, Permission::kWriteRegistry, household_id);
  std::vector<std::string> tags;
  auto problems = ValidateHouseholdInput(input, tags);
  ThrowIfProblems(std::move(problems), "户信息有误");
  std::string before = Snapshot(household);
  if (input.region_id != household.region_id) {
    auto region = LoadRegion(*tx, input.region_id);
    Require(actor, Permission::kWriteRegistry, region.path);
    household.region_id = region.id;
    household.region_path = region.path;
    household.region_name = region.name;
    for (auto resident : tx->Registry().ListHouseholdResidents(household.id)) {
      resident.region_path = region.path;
      tx->Registry().UpdateResident(resident);
    }
  }
  std::string number = Trim(input.number);
  if (!number.empty() && number != household.number) {
    if (tx->Registry().FindHouseholdByNumber(number)) {
      throw domain::InvalidInput("validation.failed", "户编号已存在",
                                 {{"number", "household.number_exists", "户编号已存在"}});
    }
    household.number = number;
  }
  household.address = Trim(input.address);
  household.lat = input.lat;
  household.lng = input.lng;
  household.tags = tags;
  household.updated_at = actor.now;
  tx->Registry().UpdateHousehold(household);
  RecordAudit(*tx, actor, "household.update", "household", household.id, before,
              Snapshot(household));
  tx->Commit();
  return household;
}

domain::Page<domain::Resident> RegistryService::ListResidents(const Actor& actor,
                                                              std::optional<Id> region_id,
                                                              const std::string& lookup,
                                                              const domain::PageRequest& page) {
  if (actor.user.role == domain::Role::kResident) {
    throw domain::Forbidden("auth.forbidden", "无权查看居民列表");
  }
  auto tx = store_.BeginRead();
  ResidentFilter filter;
  filter.region_path_prefix = ListPrefix(*tx, actor, Permission::kReadRegistry, region_id);
  filter.lookup = Trim(lookup);
  if (filter.lookup.size() > kMaxLookupBytes) filter.lookup.resize(kMaxLookupBytes);
  auto result = tx->Registry().ListResidents(filter, Clamp(page));
  for (auto& r : result.items) r = Masked(r);
  return result;
}

domain::Resident RegistryService::GetResident(const Actor& actor, Id resident_id) {
  auto tx = store_.BeginRead();
  return Masked(LoadResident(*tx, actor, Permission::kReadRegistry, resident_id));
}

domain::Resident RegistryService::AddResident(const Actor& actor, Id household_id,
                                              const ResidentInput& input) {
  auto tx = store_.Begin();
  auto household = LoadHousehold(*tx, actor, Permission::kWriteRegistry, household_id);
  ThrowIfProblems(ValidateResidentInput(input), "居民信息有误");
  std::vector<FieldProblem> problems;
  CheckIdCardFree(*tx, UpperX(Trim(input.id_card)), std::nullopt, "id_card", problems);
  ThrowIfProblems(std::move(problems), "身份证号已登记");
  auto resident = NewResident(actor, input, household);
  tx->Registry().InsertResident(resident);
  household.updated_at = actor.now;
  tx->Registry().UpdateHousehold(household);
  RecordAudit(*tx, actor, "resident.create", "resident", resident.id, "", Snapshot(resident));
  tx->Commit();
  return Masked(resident);
}

domain::Resident RegistryService::UpdateResident(const Actor& actor, Id resident_id,
                                                 const ResidentInput& input) {
  auto tx = store_.Begin();
  auto resident = LoadResident(*tx, actor, Permission::kWriteRegistry, resident_id);
  ThrowIfProblems(ValidateResidentInput(input), "居民信息有误");
  std::string before = Snapshot(resident);
  auto updated = ResidentFromInput(input);
  // An empty ID card or phone in an edit keeps the stored one: forms only ever see masked values.
  if (updated.id_card.empty() || updated.id_card.find('*') != std::string::npos) {
    updated.id_card = resident.id_card;
  }
  if (updated.phone.empty()) updated.phone = resident.phone;
  if (!input.village_committee) updated.village_committee = resident.village_committee;
  if (!input.villager_rep) updated.villager_rep = resident.villager_rep;
  std::vector<FieldProblem> problems;
  CheckIdCardFree(*tx, updated.id_card, resident.id, "id_card", problems);
  ThrowIfProblems(std::move(problems), "身份证号已登记");
  updated.id = resident.id;
  updated.household_id = resident.household_id;
  updated.region_path = resident.region_path;
  updated.created_at = resident.created_at;
  updated.updated_at = actor.now;
  tx->Registry().UpdateResident(updated);
  RecordAudit(*tx, actor, "resident.update", "resident", updated.id, before, Snapshot(updated));
  tx->Commit();
  return Masked(updated);
}

RevealedResident RegistryService::RevealResident(const Actor& actor, Id resident_id) {
  Require(actor, Permission::kRevealPersonal);
  auto tx = store_.Begin();
  auto resident = LoadResident(*tx, actor, Permission::kRevealPersonal, resident_id);
  RecordAudit(*tx, actor, "resident.reveal", "resident", resident.id, "",
              JsonObjectWriter().Add("name", resident.name).Finish());
  tx->Commit();
  return {resident.id_card, resident.phone};
}

domain::Resident RegistryService::MoveResident(const Actor& actor, Id resident_id,
                                               std::optional<Id> to_household_id,
                                               const std::string& reason) {
  if (Utf8Length(reason) > 200) {
    throw domain::InvalidInput("validation.failed", "原因过长",
                               {{"reason", "move.reason_too_long", "原因不能超过200字"}});
  }
  auto tx = store_.Begin();
  auto resident = LoadResident(*tx, actor, Permission::kWriteRegistry, resident_id);
  std::string before = Snapshot(resident);
  domain::ResidentMove move;
  move.id = domain::NewId();
  move.resident_id = resident.id;
  move.from_household_id = resident.household_id;
  move.reason = Trim(reason);
  move.at = actor.now;
  if (actor.user.id != 0) move.by_user_id = actor.user.id;
  if (to_household_id) {
    if (to_household_id == resident.household_id) {
      throw domain::InvalidInput("validation.failed", "已在该户中",
                                 {{"to_household_id", "move.same_household", "已在该户中"}});
    }
    auto target = LoadHousehold(*tx, actor, Permission::kWriteRegistry, *to_household_id);
    move.to_household_id = target.id;
    resident.household_id = target.id;
    resident.region_path = target.region_path;
    target.updated_at = actor.now;
    tx->Registry().UpdateHousehold(target);
  } else {
    resident.household_id.reset();
  }
  if (resident.relation == "户主") resident.relation = "";
  resident.updated_at = actor.now;
  tx->Registry().UpdateResident(resident);
  tx->Registry().InsertMove(move);
  if (move.from_household_id) {
    auto from = tx->Registry().FindHousehold(*move.from_household_id);
    if (from) {
      from->updated_at = actor.now;
      tx->Registry().UpdateHousehold(*from);
    }
  }
  RecordAudit(*tx, actor, "resident.move", "resident", resident.id, before, Snapshot(resident));
  tx->Commit();
  return Masked(resident);
}

}  // namespace minqing::app
