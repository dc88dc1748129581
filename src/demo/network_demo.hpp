// The demo county's contact network: LoadDemoNetwork tunes the demo members' capacities so that
// the figures read like Raoyang's (~92% of rural members involved), then builds every village's
// network with the builder and applies it. Called at the end of LoadDemoCounty.
// Thread-safety: as NetworkService.
#pragma once

#include "app/network_service.hpp"
#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

app::CountyBuildResult LoadDemoNetwork(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
