// Request bodies: the JSON parser and every reader that turns a body into an app/ input.
// Contract checked: a body is either mapped or refused with domain::InvalidInput; nothing else
// escapes (no other exception, no sanitizer report).
#include <cstddef>
#include <cstdint>

#include "domain/errors.hpp"
#include "domain/text_rules.hpp"
#include "fuzz_input.hpp"
#include "http/json_mapping.hpp"
#include "http/matter_json.hpp"
#include "http/network_json.hpp"

namespace {

using minqing::http::Json;

template <typename Fn>
void Refusable(Fn&& fn) {
  try {
    fn();
  } catch (const minqing::domain::InvalidInput&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = minqing::http;
  Json body;
  try {
    body = http::ParseJsonObject(minqing::fuzz::AsText(data, size));
  } catch (const minqing::domain::InvalidInput&) {
    return 0;
  }
  Refusable([&] { http::UserInputFromJson(body); });
  Refusable([&] { http::RegionInputFromJson(body); });
  Refusable([&] { http::ResidentInputFromJson(body); });
  Refusable([&] {
    std::vector<minqing::app::ResidentInput> members;
    http::HouseholdInputFromJson(body, &members);
  });
  Refusable([&] { http::PartyOrgInputFromJson(body); });
  Refusable([&] { http::PartyMemberInputFromJson(body); });
  Refusable([&] { http::UnitInputFromJson(body); });
  Refusable([&] { http::StaffInputFromJson(body); });
  Refusable([&] { http::MatterInputFromJson(body); });
  Refusable([&] { http::SignOffInputFromJson(body); });
  Refusable([&] { http::CategoryInputFromJson(body); });
  Refusable([&] { http::ErrandInputFromJson(body); });
  Refusable([&] { http::NetworkSettingsFromJson(body, minqing::domain::NetworkSettings{}); });
  Refusable([&] { http::LinkInputFromJson(body); });
  Refusable([&] { http::MemberStatusInputFromJson(body); });
  Refusable([&] { http::NoticeInputFromJson(body); });
  Refusable([&] { http::HouseholdEventInputFromJson(body); });
  Refusable([&] { http::VisitInputFromJson(body); });
  // Every field read as each type, and every string through the shared field rules.
  http::FieldReader reader(body);
  for (const auto& [key, value] : body.items()) {
    std::string text = reader.String(key);
    minqing::domain::CheckTextField(key, text, minqing::domain::TextRule{200, true});
    reader.OptionalId(key);
    reader.OptionalDouble(key);
    reader.OptionalBool(key);
    reader.Int(key, 0);
    reader.Strings(key);
    (void)value;
  }
  Refusable([&] { reader.Check(); });
  return 0;
}
