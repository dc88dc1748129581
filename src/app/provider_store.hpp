// The repository of service providers (服务商): the profile of a registry unit that serves as a
// provider (domain/providers.hpp), its categories and area, its state, and the residents'
// sign-offs of the matters now at it. Nothing is deleted.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/providers.hpp"

namespace minqing::app {

// One resident sign-off of a matter at a provider.
struct ProviderRatedMatter {
  domain::Id matter_id = 0;
  std::string number;
  int rating = 0;
  bool solved = false;
  std::string confirmed_via;
  domain::Epoch signed_at = 0;
};

class ProviderRepository {
 public:
  virtual ~ProviderRepository() = default;

  // With its categories and area. Conflict "provider.exists" when the unit already is one.
  virtual void InsertProvider(const domain::ServiceProvider& provider) = 0;
  // Replaces commitments, joined, categories and area (not the state).
  virtual void UpdateProfile(const domain::ServiceProvider& provider) = 0;
  virtual void SetState(domain::Id unit_id, domain::ProviderState state, const std::string& reason,
                        std::optional<domain::Id> by, domain::Epoch at) = 0;
  // With unit_name, phone, categories and area (paths and names) filled.
  virtual std::optional<domain::ServiceProvider> FindProvider(domain::Id unit_id) = 0;
  // By unit name.
  virtual std::vector<domain::ServiceProvider> ListProviders() = 0;
  // Per provider unit with at least one sign-off whose latest sign-off lies in [from, to]:
  // only the residents' proofs (sms_code, resident_account, callback) count.
  virtual std::map<domain::Id, domain::ProviderRating> Ratings(domain::Epoch from,
                                                               domain::Epoch to) = 0;
  // The same sign-offs of one provider, newest first (at most 200).
  virtual std::vector<ProviderRatedMatter> RatedMatters(domain::Id unit_id, domain::Epoch from,
                                                        domain::Epoch to) = 0;
};

}  // namespace minqing::app
