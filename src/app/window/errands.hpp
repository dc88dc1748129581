// Proxy errands (代办): a village assistant or the window takes a household's documents and runs
// an errand for it, tracked from receipt to the documents' return; a window service beside the
// matters (诉求) an errand may belong to.
//
// Contract: errands.read lists (residents: their own household's; staff without a household:
// their own errands unless administrators), errands.manage creates and updates errands of
// households in the actor's region scope. Runs in one transaction per call and audits writes.
//
// Caches: none.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"

namespace minqing::app {

struct ErrandInput {
  Id household_id = 0;
  std::optional<Id> matter_id;
  std::string purpose;
  std::string status;  // Update only: domain::ErrandStatusCode.
  std::vector<domain::ErrandDocument> documents;
};

class ErrandService {
 public:
  explicit ErrandService(Store& store) : store_(store) {}

  std::vector<domain::ProxyErrand> ListErrands(const Actor& actor, std::optional<Id> household_id,
                                               bool mine);
  domain::ProxyErrand CreateErrand(const Actor& actor, const ErrandInput& input);
  domain::ProxyErrand UpdateErrand(const Actor& actor, Id id, const ErrandInput& input);

 private:
  Store& store_;
};

}  // namespace minqing::app
