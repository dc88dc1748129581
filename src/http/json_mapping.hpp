// JSON <-> values for the API (docs/api.md): serialisers for the registry's values, the error
// shape, list pages, and readers that turn request bodies into app/ inputs. Readers collect every
// type problem and throw one domain::InvalidInput ("validation.failed") listing them; a body that
// is not a JSON object throws InvalidInput "request.bad_json". Ids are JSON numbers; enums are
// written as codes with a *_label beside them. Personal numbers are always written masked.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Before the app headers, which use FieldProblem without including it.
#include "app/auth_service.hpp"
#include "app/registry_service.hpp"
#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "domain/region_levels.hpp"

namespace minqing::http {

using Json = nlohmann::json;

Json ErrorJson(std::string_view code, std::string_view message,
               const std::vector<domain::FieldProblem>& problems = {});

Json UserJson(const domain::User& user);
// level_label is the level's name in the deployment's `levels` (RegionTreeService::Levels).
Json RegionJson(const domain::Region& region, const domain::RegionLevels& levels);
Json CountsJson(const app::RegistryCounts& counts);
Json HouseholdJson(const domain::Household& household);
Json ResidentJson(const domain::Resident& resident);
Json MoveJson(const domain::ResidentMove& move);
Json PartyOrgJson(const domain::PartyOrg& org);
Json PartyMemberJson(const domain::PartyMember& member);
Json UnitJson(const domain::Unit& unit);
Json StaffJson(const domain::Staff& staff);
// `before`/`after` become JSON values when the stored text parses, else strings; empty is null.
Json AuditJson(const domain::AuditEntry& entry);

// The value, or null when absent.
template <typename T>
Json Opt(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// {"items":[...],"total","page","page_size"}.
template <typename T, typename ToJson>
Json PageJson(const domain::Page<T>& page, std::int64_t page_number, std::int64_t page_size,
              ToJson to_json) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", std::move(items)},
          {"total", page.total},
          {"page", page_number},
          {"page_size", page_size}};
}

// {"items":[...]} for unpaged lists.
template <typename T, typename ToJson>
Json ItemsJson(const std::vector<T>& values, ToJson to_json) {
  Json items = Json::array();
  for (const auto& value : values) items.push_back(to_json(value));
  return {{"items", std::move(items)}};
}

// Parses a request body that must be a JSON object.
Json ParseJsonObject(std::string_view body);

// Reads typed fields of one JSON object, collecting problems instead of failing on the first.
// Absent and null fields read as empty / nullopt / the default.
class FieldReader {
 public:
  explicit FieldReader(const Json& object, std::string prefix = "");

  std::string String(std::string_view name);
  std::optional<domain::Id> OptionalId(std::string_view name);
  domain::Id Id(std::string_view name);  // 0 when absent; the use case validates.
  std::optional<double> OptionalDouble(std::string_view name);
  std::optional<bool> OptionalBool(std::string_view name);
  std::int64_t Int(std::string_view name, std::int64_t default_value);
  std::vector<std::string> Strings(std::string_view name);
  bool Has(std::string_view name) const;

  std::vector<domain::FieldProblem>& problems() { return problems_; }
  // Throws InvalidInput("validation.failed") when any field had the wrong type.
  void Check() const;

 private:
  const Json* Find(std::string_view name) const;
  void Problem(std::string_view name, std::string_view expected);

  const Json& object_;
  std::string prefix_;
  std::vector<domain::FieldProblem> problems_;
};

app::UserInput UserInputFromJson(const Json& body);
app::RegionInput RegionInputFromJson(const Json& body);
app::ResidentInput ResidentInputFromJson(const Json& body);
// The household fields and its "members" array.
app::HouseholdInput HouseholdInputFromJson(const Json& body,
                                           std::vector<app::ResidentInput>* members);
app::PartyOrgInput PartyOrgInputFromJson(const Json& body);
app::PartyMemberInput PartyMemberInputFromJson(const Json& body);
app::UnitInput UnitInputFromJson(const Json& body);
app::StaffInput StaffInputFromJson(const Json& body);

}  // namespace minqing::http
