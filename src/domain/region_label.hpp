// How a region is named where a matter (诉求) or a household (户) is, for one reader
// (region_label): the names of the region's path below the reader's scope region, but never fewer
// than the village and the group, because every village has a 二组. A county reader (or one scoped
// by unit, or reading outside their scope) reads "饶阳镇 东街村 二组", a township reader
// "东街村 二组", a village assistant still "东街村 二组". A region with fewer levels (a matter at
// village or township level) shows what it has; the county's own name is shown only for a region
// that is the county. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minqing::domain {

// The index in a region path of the first name the label shows for a reader scoped to
// `reader_scope_path` ("" when the reader has no region scope). `county_index` is the county's
// index in the path: 0, or 1 when the tree has a city root (市/区/街道/社区/网格). With
// county_index 0 the start is 1 (the township) or 2 (the village); under a city root a reader
// scoped to the city also reads the district, so the start is 1 to 3. Two readers with the same
// start read the same label.
std::size_t RegionLabelStart(std::string_view region_path, std::string_view reader_scope_path,
                             std::size_t county_index = 0);

// The label from the names along the region's path, root first, joined by one space.
std::string RegionLabel(const std::vector<std::string>& path_names, std::size_t start);

}  // namespace minqing::domain
