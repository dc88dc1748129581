// The repository of deployment settings (site_settings): named text values an administrator
// changes, such as the public base URL; the leases of jobs that run once in a deployment; and the
// request counts of limits that every process of a deployment shares.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <cstdint>
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

  // Counts one request of `bucket_key` in the window that started at `window_start`
  // (request_windows), atomically however many processes count at once; the requests counted in
  // that window so far, this one included.
  virtual int CountRequest(std::string_view bucket_key, domain::Epoch window_start) = 0;
  // Deletes the windows that started before `before`; how many.
  virtual std::int64_t PruneRequestWindows(domain::Epoch before) = 0;
};

}  // namespace minqing::app
