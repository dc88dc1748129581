// Rules of the Open311 GeoReport v2 interface (外部系统接入) that need no I/O: the public text of a
// matter, its open/closed status, ISO 8601 times in China time, the date filters, the nearest
// village to a point, and the check of a media_url. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

// Complaints (投诉) and reports (举报) name people and may identify the resident who made them:
// their description is never published, whatever the category.
bool IsPrivateMatterType(MatterType type);

// What a public answer may say about a matter: for a private type, a fixed notice; otherwise its
// title (the short summary, never the full content) with every run of 6 or more digits (ID-card,
// phone and household numbers) replaced by stars.
std::string PublicMatterDescription(MatterType type, std::string_view title);

// Open311's two states: a matter is "closed" once it is closed (办结) or merged into another; every
// other state (accepted, dispatched, in progress, replied and awaiting sign-off) is "open".
std::string_view Open311Status(MatterStatus status);

// "2026-12-04T13:05:00+08:00".
std::string Iso8601China(Epoch instant);
// Parses an ISO 8601 date-time with a zone ("Z", "+08:00", "-0500") or a plain date
// ("2026-12-04", read as the start of that China day). Nullopt when malformed.
std::optional<Epoch> ParseIso8601(std::string_view text);

// A village with coordinates, for NearestVillage.
struct PlacedRegion {
  Id id = 0;
  double lat = 0;
  double lng = 0;
};
// The region nearest to (lat, lng) within `max_km` (great-circle distance), or nullopt.
std::optional<Id> NearestRegion(const std::vector<PlacedRegion>& regions, double lat, double lng,
                                double max_km);

// A media_url the county may store: http or https, at most 1024 characters, no spaces or control
// characters. Returns the problem's code ("media_url.too_long", "media_url.invalid") or empty.
std::string CheckMediaUrl(std::string_view url);

}  // namespace minqing::domain
