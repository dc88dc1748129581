// The repository of deployment settings (site_settings): named text values an administrator
// changes, such as the public base URL; and the leases of jobs that run once in a deployment.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace minqing::app {

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  // The stored value of `name`, or nullopt when it was never set.
  virtual std::optional<std::string> FindSetting(std::string_view name) = 0;
  // Creates or replaces the value; `by` is the user who changed it (none for the system).
  virtual void PutSetting(std::string_view name, const std::string& value, domain::Epoch now,
                          std::optional<domain::Id> by) = 0;

  // A job that runs once in a deployment of several server processes (job_leases): `holder` (one
  // process) takes the lease `name` until `until` when nobody holds it, when it is its own
  // (renewed) or when it expired (expires_at <= now). Whether `holder` holds it now.
  virtual bool TakeJobLease(std::string_view name, std::string_view holder, domain::Epoch now,
                            domain::Epoch until) = 0;
};

}  // namespace minqing::app
