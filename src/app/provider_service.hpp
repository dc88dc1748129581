// Service providers (服务商, the network of companies behind a hotline such as 宁波 81890): the use
// cases. A provider is a registry unit (a company) with a profile (domain/providers.hpp); its
// staff accounts are that unit's handlers, who see and handle its matters in their unit queue as
// any unit's handlers do. Storage in provider_store.hpp.
//
// Who may do what (domain/authz.cpp):
//   - providers.read: administrators, leaders and centre staff read every provider with its
//     rating and flag; a unit handler only the provider of their own unit.
//   - providers.manage (county accounts: administrators and leaders): register a provider (a new
//     company unit or an existing one), edit its profile, suspend it with a reason and reinstate
//     it, and set the county's standard (site settings providers.min_satisfied_percent and
//     providers.min_ratings). A provider's own staff hold neither, so they cannot lift a
//     suspension.
//   - The rating is read, never written: it is the residents' sign-offs (sign_off.hpp) of the
//     matters now at the provider, by the proofs that count as the resident's word.
//   - Public (no login): the active providers with categories, area and rating, no person named.
// Dispatch: HandlingService's Dispatch and Transfer call CheckProviderDispatch, which refuses a
// suspended provider (Conflict provider.suspended) and a matter outside its categories or area
// (InvalidInput provider.outside_service). Every change is audited (provider.register,
// provider.update, provider.suspend, provider.reinstate, provider.standard).
// Thread-safety: safe to share; each call runs in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"
#include "domain/providers.hpp"

namespace minqing::app {

// A new company unit to register as a provider.
struct NewProviderUnit {
  std::string name;
  std::string phone;
  std::optional<Id> region_id;
};

struct ProviderInput {
  std::optional<Id> unit_id;                // An existing company unit...
  std::optional<NewProviderUnit> new_unit;  // ...or a new one (exactly one of the two).
  std::vector<Id> category_ids;
  std::vector<Id> region_ids;
  std::string commitments;
  std::string joined;  // 'YYYY-MM-DD'; empty: today (China).
};

// A period of China dates 'YYYY-MM-DD', both inclusive; empty: the last 365 days.
struct ProviderPeriod {
  std::string from;
  std::string to;
};

struct ProviderRow {
  domain::ServiceProvider provider;
  domain::ProviderRating rating;
  bool below_standard = false;
};

struct ProviderList {
  std::vector<ProviderRow> items;
  domain::ProviderStandard standard;
  std::string from, to;  // The period rated.
};

struct ProviderDetail {
  ProviderRow row;
  domain::ProviderStandard standard;
  std::string from, to;
  std::vector<ProviderRatedMatter> rated;  // The sign-offs in the period, newest first.
};

// One line of the public list: names only.
struct PublicProvider {
  std::string name;
  std::vector<std::string> categories;
  std::vector<std::string> area;
  std::string commitments;
  std::string joined;
  domain::ProviderRating rating;
};

inline constexpr char kProviderMinSatisfiedSetting[] = "providers.min_satisfied_percent";
inline constexpr char kProviderMinRatingsSetting[] = "providers.min_ratings";

// Refuses a dispatch or transfer of `matter` to `unit_id` when that unit is a provider that is
// suspended (Conflict provider.suspended) or does not serve the matter's category or region
// (InvalidInput provider.outside_service); does nothing for other units. In the caller's
// transaction.
void CheckProviderDispatch(StoreTx& tx, const domain::Matter& matter, Id unit_id);

class ProviderService {
 public:
  explicit ProviderService(Store& store) : store_(store) {}

  ProviderList List(const Actor& actor, const ProviderPeriod& period);
  ProviderDetail Get(const Actor& actor, Id unit_id, const ProviderPeriod& period);
  // InvalidInput for bad fields (provider.unit_required, provider.not_company, ...); Conflict
  // provider.exists when the unit already is a provider.
  domain::ServiceProvider Register(const Actor& actor, const ProviderInput& input);
  // The profile only (unit_id and new_unit are ignored).
  domain::ServiceProvider Update(const Actor& actor, Id unit_id, const ProviderInput& input);
  // Conflict provider.already_suspended / provider.not_suspended; the reason is required.
  domain::ServiceProvider Suspend(const Actor& actor, Id unit_id, const std::string& reason);
  domain::ServiceProvider Reinstate(const Actor& actor, Id unit_id, const std::string& reason);
  domain::ProviderStandard GetStandard(const Actor& actor);
  domain::ProviderStandard PutStandard(const Actor& actor, const domain::ProviderStandard& value);
  // No authorisation: public data only (the last 365 days' rating).
  std::vector<PublicProvider> PublicList(domain::Epoch now);

 private:
  Store& store_;
};

}  // namespace minqing::app
