#include "http/json_mapping.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include "domain/codes.hpp"
#include "domain/privacy.hpp"

namespace minqing::http {
namespace {

template <typename T>
Json Nullable(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json StoredJson(const std::string& text) {
  if (text.empty()) return nullptr;
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? Json(text) : parsed;
}

std::string Str(std::string_view text) { return std::string(text); }

}  // namespace

Json ErrorJson(std::string_view code, std::string_view message,
               const std::vector<domain::FieldProblem>& problems) {
  Json details = Json::array();
  for (const auto& problem : problems) {
    details.push_back(
        {{"field", problem.field}, {"code", problem.code}, {"message", problem.message}});
  }
  return {{"error", {{"code", code}, {"message", message}, {"details", std::move(details)}}}};
}

Json UserJson(const domain::User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", Str(domain::RoleCode(user.role))},
          {"role_label", Str(domain::RoleLabel(user.role))},
          {"scope_region_id", Nullable(user.scope_region_id)},
          {"scope_region_name",
           user.scope_region_name.empty() ? Json(nullptr) : Json(Str(user.scope_region_name))},
          {"scope_unit_id", Nullable(user.scope_unit_id)},
          {"resident_id", Nullable(user.resident_id)},
          {"phone", user.phone},
          {"active", user.active},
          // false: created in bulk and waiting for its holder's activation code.
          {"activated", user.password_set},
          {"created_at", user.created_at}};
}

Json RegionJson(const domain::Region& region, const domain::RegionLevels& levels) {
  return {{"id", region.id},
          {"parent_id", Nullable(region.parent_id)},
          {"level", Str(domain::RegionLevelCode(region.level))},
          {"level_label", levels.Name(region.level)},
          {"code", region.code},
          {"name", region.name},
          {"path", region.path},
          {"lat", Nullable(region.lat)},
          {"lng", Nullable(region.lng)},
          {"child_count", region.child_count}};
}

Json CountsJson(const app::RegistryCounts& counts) {
  return {{"households", counts.households},
          {"residents", counts.residents},
          {"party_members", counts.party_members},
          {"villages", counts.villages}};
}

namespace {

// The member through whom a look-up found the household, when not its head; null otherwise.
Json MatchedMemberJson(const domain::Household& household) {
  if (household.matched_name.empty()) return nullptr;
  return {{"name", household.matched_name}, {"relation", household.matched_relation}};
}

}  // namespace

Json HouseholdJson(const domain::Household& household) {
  return {{"id", household.id},
          {"region_id", household.region_id},
          {"region_name", household.region_name},
          {"region_label",
           household.region_label.empty() ? household.region_name : household.region_label},
          {"number", household.number},
          {"address", household.address},
          {"lat", Nullable(household.lat)},
          {"lng", Nullable(household.lng)},
          {"tags", household.tags},
          {"head_name", household.head_name},
          {"member_count", household.member_count},
          {"matched_member", MatchedMemberJson(household)},
          {"created_at", household.created_at},
          {"updated_at", household.updated_at}};
}

Json ResidentJson(const domain::Resident& resident) {
  return {{"id", resident.id},
          {"household_id", Nullable(resident.household_id)},
          {"name", resident.name},
          {"sex", Str(domain::SexCode(resident.sex))},
          {"sex_label", Str(domain::SexLabel(resident.sex))},
          {"birth_date", resident.birth_date},
          {"id_card_masked", domain::MaskIdCard(resident.id_card)},
          {"phone_masked", domain::MaskPhone(resident.phone)},
          {"relation", resident.relation},
          {"pinyin", resident.pinyin},
          {"village_committee", resident.village_committee},
          {"villager_rep", resident.villager_rep},
          {"created_at", resident.created_at},
          {"updated_at", resident.updated_at}};
}

Json MoveJson(const domain::ResidentMove& move) {
  return {{"id", move.id},
          {"resident_id", move.resident_id},
          {"from_household_id", Nullable(move.from_household_id)},
          {"to_household_id", Nullable(move.to_household_id)},
          {"reason", move.reason},
          {"at", move.at}};
}

Json PartyOrgJson(const domain::PartyOrg& org) {
  return {{"id", org.id},
          {"parent_id", Nullable(org.parent_id)},
          {"kind", Str(domain::PartyOrgKindCode(org.kind))},
          {"name", org.name},
          {"region_id", org.region_id},
          {"leader_member_id", Nullable(org.leader_member_id)},
          {"member_count", org.member_count}};
}

Json PartyMemberJson(const domain::PartyMember& member) {
  return {{"id", member.id},
          {"resident_id", member.resident_id},
          {"org_id", member.org_id},
          {"org_name", member.org_name},
          {"name", member.name},
          {"phone_masked", domain::MaskPhone(member.phone)},
          {"status", Str(domain::MemberStatusCode(member.status))},
          {"status_label", Str(domain::MemberStatusLabel(member.status))},
          {"away", member.away},
          {"away_to", member.away_to},
          {"can_take_households", member.can_take_households},
          {"capacity", member.capacity},
          {"joined_on", member.joined_on}};
}

Json UnitJson(const domain::Unit& unit) {
  return {{"id", unit.id},
          {"name", unit.name},
          {"kind", Str(domain::UnitKindCode(unit.kind))},
          {"kind_label", Str(domain::UnitKindLabel(unit.kind))},
          {"region_id", Nullable(unit.region_id)},
          {"phone", unit.phone},
          {"office_hours", unit.office_hours},
          {"staff_count", unit.staff_count}};
}

Json StaffJson(const domain::Staff& staff) {
  return {{"id", staff.id},       {"unit_id", staff.unit_id}, {"name", staff.name},
          {"title", staff.title}, {"phone", staff.phone},     {"user_id", Nullable(staff.user_id)}};
}

Json AuditJson(const domain::AuditEntry& entry) {
  return {{"id", entry.id},
          {"at", entry.at},
          {"user_id", Nullable(entry.user_id)},
          {"username", entry.username},
          {"action", entry.action},
          {"entity", entry.entity},
          {"entity_id", entry.entity_id},
          {"before", StoredJson(entry.before_json)},
          {"after", StoredJson(entry.after_json)},
          {"channel", entry.channel},
          {"request_id", entry.request_id.empty() ? Json(nullptr) : Json(entry.request_id)}};
}

Json ParseJsonObject(std::string_view body) {
  Json parsed = Json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw domain::InvalidInput("request.bad_json", "请求体不是有效的 JSON 对象");
  }
  return parsed;
}

FieldReader::FieldReader(const Json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

const Json* FieldReader::Find(std::string_view name) const {
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool FieldReader::Has(std::string_view name) const { return Find(name) != nullptr; }

void FieldReader::Problem(std::string_view name, std::string_view expected) {
  problems_.push_back({prefix_ + std::string(name), "type." + std::string(expected),
                       "字段类型错误，应为" + std::string(expected == "string"    ? "字符串"
                                                          : expected == "number"  ? "数字"
                                                          : expected == "boolean" ? "布尔值"
                                                          : expected == "integer" ? "整数"
                                                                                  : "数组")});
}

std::string FieldReader::String(std::string_view name) {
  const Json* value = Find(name);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    Problem(name, "string");
    return {};
  }
  return value->get<std::string>();
}

std::optional<domain::Id> FieldReader::OptionalId(std::string_view name) {
  const Json* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer()) return value->get<domain::Id>();
  if (value->is_number_float()) {
    double number = value->get<double>();
    if (std::trunc(number) == number && std::abs(number) < 9.0e15) {
      return static_cast<domain::Id>(number);
    }
  }
  Problem(name, "integer");
  return std::nullopt;
}

domain::Id FieldReader::Id(std::string_view name) { return OptionalId(name).value_or(0); }

std::optional<double> FieldReader::OptionalDouble(std::string_view name) {
  const Json* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    Problem(name, "number");
    return std::nullopt;
  }
  return value->get<double>();
}

std::optional<bool> FieldReader::OptionalBool(std::string_view name) {
  const Json* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    Problem(name, "boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::int64_t FieldReader::Int(std::string_view name, std::int64_t default_value) {
  const Json* value = Find(name);
  if (value == nullptr) return default_value;
  if (!value->is_number_integer()) {
    Problem(name, "integer");
    return default_value;
  }
  return value->get<std::int64_t>();
}

std::vector<std::string> FieldReader::Strings(std::string_view name) {
  const Json* value = Find(name);
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (!value->is_array()) {
    Problem(name, "array");
    return out;
  }
  for (const auto& item : *value) {
    if (!item.is_string()) {
      Problem(name, "array");
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

void FieldReader::Check() const {
  if (!problems_.empty()) throw domain::InvalidInput("validation.failed", "输入有误", problems_);
}

app::UserInput UserInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::UserInput input;
  input.username = fields.String("username");
  input.display_name = fields.String("display_name");
  input.role = fields.String("role");
  input.scope_region_id = fields.OptionalId("scope_region_id");
  input.scope_unit_id = fields.OptionalId("scope_unit_id");
  input.resident_id = fields.OptionalId("resident_id");
  input.phone = fields.String("phone");
  input.password = fields.String("password");
  input.active = fields.OptionalBool("active");
  fields.Check();
  return input;
}

app::RegionInput RegionInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::RegionInput input;
  input.parent_id = fields.OptionalId("parent_id");
  input.level = fields.String("level");
  input.code = fields.String("code");
  input.name = fields.String("name");
  input.lat = fields.OptionalDouble("lat");
  input.lng = fields.OptionalDouble("lng");
  fields.Check();
  return input;
}

namespace {

app::ResidentInput ReadResident(FieldReader& fields) {
  app::ResidentInput input;
  input.name = fields.String("name");
  input.sex = fields.String("sex");
  input.birth_date = fields.String("birth_date");
  input.id_card = fields.String("id_card");
  input.phone = fields.String("phone");
  input.relation = fields.String("relation");
  input.village_committee = fields.OptionalBool("village_committee");
  input.villager_rep = fields.OptionalBool("villager_rep");
  return input;
}

}  // namespace

app::ResidentInput ResidentInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::ResidentInput input = ReadResident(fields);
  fields.Check();
  return input;
}

app::HouseholdInput HouseholdInputFromJson(const Json& body,
                                           std::vector<app::ResidentInput>* members) {
  FieldReader fields(body);
  app::HouseholdInput input;
  input.region_id = fields.Id("region_id");
  input.number = fields.String("number");
  input.address = fields.String("address");
  input.lat = fields.OptionalDouble("lat");
  input.lng = fields.OptionalDouble("lng");
  input.tags = fields.Strings("tags");
  if (members != nullptr && body.contains("members") && !body["members"].is_null()) {
    const Json& list = body["members"];
    if (!list.is_array()) {
      fields.problems().push_back({"members", "type.array", "字段类型错误，应为数组"});
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        FieldReader member(list[i], "members[" + std::to_string(i) + "].");
        if (!list[i].is_object()) {
          fields.problems().push_back(
              {"members[" + std::to_string(i) + "]", "type.object", "字段类型错误，应为对象"});
          continue;
        }
        members->push_back(ReadResident(member));
        for (auto& problem : member.problems()) fields.problems().push_back(problem);
      }
    }
  }
  fields.Check();
  return input;
}

app::PartyOrgInput PartyOrgInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::PartyOrgInput input;
  input.parent_id = fields.OptionalId("parent_id");
  input.kind = fields.String("kind");
  input.name = fields.String("name");
  input.region_id = fields.Id("region_id");
  input.leader_member_id = fields.OptionalId("leader_member_id");
  fields.Check();
  return input;
}

app::PartyMemberInput PartyMemberInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::PartyMemberInput input;
  input.resident_id = fields.Id("resident_id");
  input.org_id = fields.Id("org_id");
  input.status = fields.String("status");
  input.away = fields.OptionalBool("away").value_or(false);
  if (body.contains("away_to")) input.away_to = fields.String("away_to");
  input.can_take_households = fields.OptionalBool("can_take_households").value_or(true);
  input.capacity = fields.Int("capacity", 10);
  input.joined_on = fields.String("joined_on");
  fields.Check();
  return input;
}

app::UnitInput UnitInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::UnitInput input;
  input.name = fields.String("name");
  input.kind = fields.String("kind");
  input.region_id = fields.OptionalId("region_id");
  input.phone = fields.String("phone");
  fields.Check();
  return input;
}

app::StaffInput StaffInputFromJson(const Json& body) {
  FieldReader fields(body);
  app::StaffInput input;
  input.name = fields.String("name");
  input.title = fields.String("title");
  input.phone = fields.String("phone");
  input.user_id = fields.OptionalId("user_id");
  fields.Check();
  return input;
}

}  // namespace minqing::http
