// Reading matters (诉求): the list with its filters, the spreadsheet export of a list, one
// matter's page (timeline, attachments, supervision, callbacks, merged duplicates, errands), the
// signed-in user's workload (工作台), and the supervision lists (overdue, nearly due, escalated,
// supervised).
//
// Contract: every call checks Require(actor, permission) for its use case and the actor's scope
// (region, the handler's unit, the resident's own household); a list never shows a matter its
// reader may not open. Expected failures throw the typed errors of domain/errors.hpp
// (matter.not_found, matter.forbidden_unit, auth.forbidden, export.too_many, ...).
//
// Caches: staff pages of matters by id, read before authorisation (checked on every call), keyed
// on the store's write generation; residents' pages are never cached (they carry the receipt).
//
// Replica: the list, its export, the workload and the supervision lists read through
// Store::BeginReplicaRead with the actor's fence (they may lag other sessions' writes, never the
// actor's own); a matter's page reads the primary.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "app/matters/intake.hpp"
#include "app/read_cache.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"
#include "formats/table.hpp"

namespace minqing::app {

struct MatterQuery {
  std::vector<std::string> statuses;  // Status codes.
  std::optional<Id> unit_id;
  std::optional<Id> handler_id;
  std::optional<Id> category_id;  // Includes its subtree.
  std::optional<Id> region_id;
  std::optional<Id> household_id;
  std::string type;
  std::string text;
  std::optional<domain::Epoch> from;
  std::optional<domain::Epoch> to;
  bool overdue = false;
  std::optional<int> min_level;
  bool supervised = false;
  bool inbox = false;   // The caller's unit's open matters.
  std::string outcome;  // An approved 办结类型 code ("parked", "unfounded", "out_of_scope").
  // "extension" or "outcome": matters with such a request awaiting a decision.
  std::string pending;
  // A handler's matters its unit assists (协办) rather than leads.
  bool assisting = false;
};

struct MatterDetail {
  domain::Matter matter;
  std::vector<domain::MatterEvent> events;
  std::vector<domain::Attachment> attachments;
  std::vector<domain::SupervisionOrder> supervisions;
  std::vector<domain::CallbackTask> callbacks;  // Open and done, oldest first.
  std::vector<domain::Matter> merged;           // Duplicates merged into this matter.
  std::vector<domain::ProxyErrand> errands;
  // The proofs a sign-off of this matter can carry now (SignOffOptionsOf).
  std::vector<std::string> sign_off_options;
  // Residents only: their own household's receipt, the link to follow the matter. Staff pages
  // never carry the token (it lets its holder follow the matter, nothing more).
  std::optional<Receipt> receipt;
  // Joint handling (joint.hpp): the assisting units with their progress, and the disputes.
  std::vector<domain::MatterAssist> assists;
  std::vector<domain::MatterDispute> disputes;
};

// The signed-in user's work at a glance (工作台), each count over the matters ListMatters shows
// that user. Counts that do not apply to the role are absent: the unit's queue (to_sign,
// handling) needs a unit scope, the window's queue (to_dispatch) a user without one, and open
// callback tasks a role that may make callbacks.
struct Workload {
  std::optional<std::int64_t> to_dispatch;  // 已受理, waiting to be dispatched.
  std::optional<std::int64_t> to_sign;   // 已派单 to the user's unit, waiting for it to accept.
  std::optional<std::int64_t> handling;  // 办理中 at the user's unit.
  std::int64_t open = 0;                 // Not yet replied.
  std::int64_t overdue = 0;              // Open and past the completion deadline.
  std::int64_t nearly_due = 0;           // Open and due within the nearly-due window.
  std::int64_t waiting_signoff = 0;      // Replied, waiting for the resident's confirmation.
  std::int64_t done = 0;                 // Closed or merged: open + waiting_signoff + done = all.
  std::int64_t supervised = 0;           // Open under a supervision order.
  std::int64_t accepted_today = 0;       // Accepted since 00:00 China time.
  std::optional<std::int64_t> callbacks_open;
  // A unit's matters it assists that are being handled (协办中: dispatched or in progress).
  std::optional<std::int64_t> assisting;
  // Disputes waiting for a dispatcher's arbitration in their scope (待裁定争议).
  std::optional<std::int64_t> disputes_pending;
  std::vector<domain::Matter> most_urgent;  // Up to 5 open matters, soonest deadline first.
};

class MatterQueryService {
 public:
  explicit MatterQueryService(MattersContext& context) : context_(context) {}

  domain::Page<domain::Matter> ListMatters(const Actor& actor, const MatterQuery& query,
                                           const domain::PageRequest& page);
  // Every matter ListMatters finds for `query`, in its order, as a spreadsheet table with Chinese
  // headers (phones masked) for staff and leaders. More than options.max_export_rows is
  // InvalidInput ("export.too_many"); the export is audited ("matter.export").
  formats::Table ExportMatters(const Actor& actor, const MatterQuery& query);
  MatterDetail GetMatter(const Actor& actor, Id matter_id);
  // Counts for the home page of any signed-in user; see Workload.
  Workload GetWorkload(const Actor& actor);
  MatterDetail GetMatterByNumber(const Actor& actor, const std::string& number);
  // The look-up box's receipt numbers: the matters whose number `text` names in full or in part
  // (domain::MatterNumberRanges), among those the actor may read, newest first, at most 10;
  // none when the text is no receipt number.
  std::vector<domain::Matter> LookupNumbers(const Actor& actor, const std::string& text);
  // `kind`: overdue, nearly_due, escalated, supervised.
  domain::Page<domain::Matter> SupervisionList(const Actor& actor, const std::string& kind,
                                               std::optional<Id> region_id,
                                               const domain::PageRequest& page);

  // Its read caches' hit and miss counters (GET /metrics).
  std::vector<CacheCount> CacheCounts() const { return {matter_pages_.Count()}; }

 private:
  // The list filter for `query` in the actor's scope; none when the actor can see no matter.
  std::optional<MatterFilter> FilterFor(StoreTx& tx, const Actor& actor, const MatterQuery& query);
  static constexpr std::int64_t kExportPageRows = 10000;  // The store's largest page.

  MattersContext& context_;
  // Matter pages by id, as read before authorisation (checked on every call); keyed on the
  // store's write generation like the household pages.
  ReadCache<Id, MatterDetail> matter_pages_{"matter_details", 20000, 5};
};

}  // namespace minqing::app
