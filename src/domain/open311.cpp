#include "domain/open311.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

constexpr Epoch kChinaOffsetSeconds = 8 * 3600;

bool ReadInt(std::string_view text, std::size_t at, std::size_t length, int& out) {
  if (at + length > text.size()) return false;
  for (std::size_t i = at; i < at + length; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return std::from_chars(text.data() + at, text.data() + at + length, out).ec == std::errc();
}

}  // namespace

bool IsPrivateMatterType(MatterType type) {
  return type == MatterType::kComplaint || type == MatterType::kReport;
}

std::string PublicMatterDescription(MatterType type, std::string_view title) {
  if (IsPrivateMatterType(type)) return "该类诉求内容不公开";
  std::string out;
  out.reserve(title.size());
  std::size_t i = 0;
  while (i < title.size()) {
    std::size_t j = i;
    while (j < title.size() && title[j] >= '0' && title[j] <= '9') ++j;
    if (j == i) {
      out += title[i++];
      continue;
    }
    out.append(j - i >= 6 ? std::string(j - i, '*') : std::string(title.substr(i, j - i)));
    i = j;
  }
  return out;
}

std::string_view Open311Status(MatterStatus status) {
  return status == MatterStatus::kClosed || status == MatterStatus::kMerged ? "closed" : "open";
}

std::string Iso8601China(Epoch instant) {
  const Epoch local = instant + kChinaOffsetSeconds;
  const Epoch day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const Epoch seconds = local - day * 86400;
  int year = 0, month = 0, dom = 0;
  CivilFromDay(static_cast<DayNumber>(day), year, month, dom);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", year, month, dom,
                static_cast<int>(seconds / 3600), static_cast<int>(seconds % 3600 / 60),
                static_cast<int>(seconds % 60));
  return buffer;
}

std::optional<Epoch> ParseIso8601(std::string_view text) {
  int year = 0, month = 0, dom = 0;
  if (!ReadInt(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !ReadInt(text, 5, 2, month) || text[7] != '-' || !ReadInt(text, 8, 2, dom) || month < 1 ||
      month > 12 || dom < 1 || dom > 31) {
    return std::nullopt;
  }
  const Epoch day_start = static_cast<Epoch>(DayFromCivil(year, month, dom)) * 86400;
  if (text.size() == 10) return day_start - kChinaOffsetSeconds;
  int hour = 0, minute = 0, second = 0;
  if ((text[10] != 'T' && text[10] != ' ') || !ReadInt(text, 11, 2, hour) || text.size() < 16 ||
      text[13] != ':' || !ReadInt(text, 14, 2, minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!ReadInt(text, at + 1, 2, second) || second > 60) return std::nullopt;
    at += 3;
  }
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  Epoch offset = 0;
  if (at == text.size()) {
    offset = kChinaOffsetSeconds;  // No zone: China time.
  } else if (text[at] == 'Z' && at + 1 == text.size()) {
    offset = 0;
  } else if (text[at] == '+' || text[at] == '-') {
    int oh = 0, om = 0;
    std::string_view zone = text.substr(at + 1);
    if (zone.size() == 5 && zone[2] == ':') {
      if (!ReadInt(zone, 0, 2, oh) || !ReadInt(zone, 3, 2, om)) return std::nullopt;
    } else if (zone.size() == 4) {
      if (!ReadInt(zone, 0, 2, oh) || !ReadInt(zone, 2, 2, om)) return std::nullopt;
    } else if (zone.size() == 2) {
      if (!ReadInt(zone, 0, 2, oh)) return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (oh > 14 || om > 59) return std::nullopt;
    offset = (text[at] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  return day_start + hour * 3600 + minute * 60 + second - offset;
}

std::optional<Id> NearestRegion(const std::vector<PlacedRegion>& regions, double lat, double lng,
                                double max_km) {
  constexpr double kEarthKm = 6371.0;
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  std::optional<Id> best;
  double best_km = max_km;
  for (const auto& r : regions) {
    const double dlat = (r.lat - lat) * kRadians;
    const double dlng = (r.lng - lng) * kRadians;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat * kRadians) * std::cos(r.lat * kRadians) * std::sin(dlng / 2) *
                         std::sin(dlng / 2);
    const double km = 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
    if (km <= best_km) {
      best_km = km;
      best = r.id;
    }
  }
  return best;
}

std::string CheckMediaUrl(std::string_view url) {
  if (url.size() > 1024) return "media_url.too_long";
  const bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!scheme || url.size() < 10) return "media_url.invalid";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>') return "media_url.invalid";
  }
  return {};
}

}  // namespace minqing::domain
