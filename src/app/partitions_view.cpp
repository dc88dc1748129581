#include "app/partitions_view.hpp"

#include "app/authorize.hpp"

namespace minqing::app {

PartitionsView ViewMonthPartitions(Store& store, const Actor& actor) {
  Require(actor, domain::Permission::kSystemSettings);
  return {store.Engine(), store.MonthPartitions()};
}

}  // namespace minqing::app
