#include "domain/matter_number_lookup.hpp"

#include <algorithm>
#include <cstdint>

#include "domain/matter.hpp"

namespace minqing::domain {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The largest serial a bound allows: numbers past 99999 in a day get six digits.
constexpr std::string_view kLastSerial = "-999999";

MatterNumberRange One(std::string_view date, std::string_view serial) {
  std::string number = MatterNumber(date, std::stoll(std::string(serial)));
  return {number, number};
}

}  // namespace

std::vector<MatterNumberRange> MatterNumberRanges(std::string_view text, DayNumber today) {
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact.push_back(c);
  }
  std::string_view s = compact;
  const auto dash = s.find('-');
  if (dash != std::string_view::npos) {
    std::string_view date = s.substr(0, dash);
    std::string_view serial = s.substr(dash + 1);
    if (date.size() != 8 || !AllDigits(date)) return {};
    if (serial.empty()) return {{std::string(date) + "-00000", std::string(date) + "-999999"}};
    if (serial.size() > 6 || !AllDigits(serial)) return {};
    return {One(date, serial)};
  }
  if (!AllDigits(s)) return {};
  if (s.size() == 13) return {One(s.substr(0, 8), s.substr(8))};
  if (s.size() >= 6 && s.size() <= 8) {
    std::string low(s);
    std::string high(s);
    low.resize(8, '0');
    high.resize(8, '9');
    return {{low + "-00000", high + std::string(kLastSerial)}};
  }
  if (s.size() <= 5) {
    std::vector<MatterNumberRange> out;
    const std::int64_t serial = std::stoll(std::string(s));
    for (int back = 0; back < kRecentSerialDays; ++back) {
      std::string number = MatterNumber(FormatDate(today - back), serial);
      out.push_back({number, number});
    }
    return out;
  }
  return {};
}

}  // namespace minqing::domain
