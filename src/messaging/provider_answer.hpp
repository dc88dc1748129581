// Reading the JSON answers of the cloud SMS providers (tencent_sms.cpp, alibaba_sms.cpp).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace minqing::messaging {

// The field `key` of `object` as text: a string as it is, an integer in decimal, anything else
// (or no such field) empty.
inline std::string AnswerField(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number_integer()) return std::to_string(found->get<std::int64_t>());
  return {};
}

}  // namespace minqing::messaging
