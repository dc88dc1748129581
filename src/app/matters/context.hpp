// What the matter (诉求) services share: the store, their options, the SMS sender for sign-off
// codes, the intake batcher (group commit of accepts), and two process-wide snapshots read by
// intake, handling and escalation: the working-day calendar and the routing rules. The catalogue
// service invalidates a snapshot when this process changes it; both are also rebuilt at least
// every 30 s, so changes made by another process are seen. Built once per process (Services) and
// held by reference by every matter and window service; it must outlive them.
// Thread-safety: every member may be used concurrently from any number of threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/intake_batcher.hpp"
#include "app/public_links.hpp"
#include "app/read_cache.hpp"
#include "app/region_labels.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"
#include "domain/matter_rules.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

class Notifier;

struct MattersOptions {
  domain::EscalationPolicy escalation;
  int callback_after_days = 3;  // Replied and unconfirmed this long → a callback task (回访).
  std::size_t max_attachment_bytes = 5 << 20;
  domain::Epoch code_ttl_seconds = 30 * 60;
  int code_max_attempts = 5;
  std::int64_t max_export_rows = 20000;  // One spreadsheet export (ExportMatters).
  IntakeBatcherOptions batcher;
};

class MattersContext {
 public:
  // `sms` defaults to the development sender writing into the repository's outbox.
  explicit MattersContext(Store& store, MattersOptions options = {},
                          std::unique_ptr<SmsSender> sms = nullptr);
  ~MattersContext();
  MattersContext(const MattersContext&) = delete;
  MattersContext& operator=(const MattersContext&) = delete;

  Store& store() { return store_; }
  const MattersOptions& options() const { return options_; }
  SmsSender& sms() { return *sms_; }
  IntakeBatcher& batcher() { return *batcher_; }
  // Fills region_label on the matters a use case returns, for its reader.
  RegionLabels& region_labels() { return region_labels_; }
  // The base of links sent to residents (sign-off SMS); PublicLinks::kDefaultBase until set.
  // `links` must outlive this context.
  void SetPublicLinks(const PublicLinks& links) { links_ = &links; }
  std::string PublicUrl(std::string_view path) const {
    return (links_ ? links_->Base() : std::string(PublicLinks::kDefaultBase)) + std::string(path);
  }

  // Who is told of a matter's changes (matters/notify.hpp); none until set. `notifier` must
  // outlive this context.
  void SetNotifier(Notifier* notifier) { notifier_ = notifier; }
  Notifier* notifier() const { return notifier_; }

  // The working-day calendar; `reads` is opened only when the snapshot is rebuilt.
  std::shared_ptr<const domain::WorkCalendar> Calendar(StoreTx& tx);
  std::shared_ptr<const domain::WorkCalendar> Calendar(LazyRead& reads);
  // The routing rules, kept the same way.
  std::shared_ptr<const std::vector<domain::RoutingRule>> RoutingRules(StoreTx& tx);
  std::shared_ptr<const std::vector<domain::RoutingRule>> RoutingRules(LazyRead& reads);
  // After this process changed the holiday table or the routing rules (after the commit).
  void CalendarChanged() { calendar_.Invalidate(); }
  void RoutingRulesChanged() { rules_.Invalidate(); }

  // Its read caches' hit and miss counters (GET /metrics).
  std::vector<CacheCount> CacheCounts() const { return {calendar_.Count(), rules_.Count()}; }

 private:
  Store& store_;
  MattersOptions options_;
  std::unique_ptr<SmsSender> sms_;
  SharedSnapshot<domain::WorkCalendar> calendar_{"work_calendar", std::chrono::seconds(30)};
  SharedSnapshot<std::vector<domain::RoutingRule>> rules_{"routing_rules",
                                                          std::chrono::seconds(30)};
  RegionLabels region_labels_{store_};
  std::unique_ptr<IntakeBatcher> batcher_;
  const PublicLinks* links_ = nullptr;
  Notifier* notifier_ = nullptr;
};

}  // namespace minqing::app
