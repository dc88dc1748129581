// The repository of pairing (结对共建): unit–village pairs, the village's needs, the unit's
// resources and the matches between them (domain/pairing.hpp). Nothing is deleted; states only
// move forward (open → matched → met, available → committed → used).
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/pairing.hpp"

namespace minqing::app {

struct PairFilter {
  std::string region_path;              // Prefix: pairs of villages in this subtree; "" for all.
  std::optional<domain::Id> unit_id;    // Pairs of this unit.
  std::optional<domain::Id> region_id;  // Pairs of exactly this village.
};

class PairingRepository {
 public:
  virtual ~PairingRepository() = default;

  // Serialises writers of one unit's pairs with one village until the transaction ends; call
  // before reading the pairs the overlap check compares with.
  virtual void LockPairs(domain::Id unit_id, domain::Id region_id) = 0;
  virtual void InsertPair(const domain::Pair& pair) = 0;
  // With unit_name and region_name filled.
  virtual std::optional<domain::Pair> FindPair(domain::Id id) = 0;
  // Newest start first.
  virtual std::vector<domain::Pair> ListPairs(const PairFilter& filter) = 0;

  virtual void InsertNeed(const domain::PairNeed& need) = 0;
  virtual void SetNeedState(domain::Id id, domain::NeedState state) = 0;
  virtual std::optional<domain::PairNeed> FindNeed(domain::Id id) = 0;
  // Oldest first; with pair_id 0 none.
  virtual std::vector<domain::PairNeed> NeedsOf(domain::Id pair_id) = 0;

  virtual void InsertResource(const domain::PairResource& resource) = 0;
  virtual void SetResourceState(domain::Id id, domain::ResourceState state) = 0;
  virtual std::optional<domain::PairResource> FindResource(domain::Id id) = 0;
  virtual std::vector<domain::PairResource> ResourcesOf(domain::Id pair_id) = 0;

  // Conflict "pairing.need_taken" when the need or the resource already has a match.
  virtual void InsertMatch(const domain::PairMatch& match) = 0;
  virtual void SetMatchDone(domain::Id id, domain::Epoch at) = 0;
  virtual std::optional<domain::PairMatch> FindMatch(domain::Id id) = 0;
  // With created_by_name filled; oldest first.
  virtual std::vector<domain::PairMatch> MatchesOf(domain::Id pair_id) = 0;

  virtual void InsertProject(const domain::PairProject& project) = 0;
  // NotFound "pairing.project_not_found" when none.
  virtual void SetProjectState(domain::Id id, domain::PairProjectState state, domain::Epoch at) = 0;
  virtual std::optional<domain::PairProject> FindProject(domain::Id id) = 0;
  // Oldest first.
  virtual std::vector<domain::PairProject> ProjectsOf(domain::Id pair_id) = 0;
};

}  // namespace minqing::app
