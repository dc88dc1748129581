// Use cases of matters (诉求): intake at one window (一个窗口受理), routing and handling
// (一条龙服务), deadlines in working days, escalation and supervision (督办), the resident's
// sign-off (群众签字才算数), the three rates (三率) and the leader's dashboard, and the
// administration around them (catalogue, routing rules, holiday table, time slots and
// appointments, proxy errands 代办).
//
// Contract: every call checks the actor's role and scope, runs in one transaction, records every
// change in the audit log and takes "now" from the Actor. Expected failures throw the typed
// errors of domain/errors.hpp with stable codes (matter.not_found, matter.bad_state,
// matter.forbidden_unit, routing.no_unit, sign_off.proof_required, sign_off.bad_code,
// sign_off.too_many_attempts,
// attachment.too_large, attachment.bad_type, ...). Accept() returns only after the matter is
// committed; concurrent accepts share commits through an IntakeBatcher.
//
// Thread-safety: every method may be called concurrently from any number of threads. State lives
// in the Store, apart from the cached working-day calendar (guarded by a mutex) and the batcher.
#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/intake_batcher.hpp"
#include "app/read_cache.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"
#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/matter_rules.hpp"
#include "domain/work_calendar.hpp"
#include "formats/table.hpp"

namespace minqing::app {

struct MatterInput {
  std::string type;  // domain::MatterTypeCode
  std::optional<Id> category_id;
  std::string channel;  // domain::MatterChannelCode; default "window"
  std::string urgency;  // domain::UrgencyCode; default "normal"
  std::optional<Id> household_id;
  std::optional<Id> resident_id;
  std::string caller_name;
  std::string caller_phone;
  std::optional<Id> region_id;  // Default: the household's region.
  std::string title;
  std::string content;
  std::string address;
  std::optional<double> lat;
  std::optional<double> lng;
  bool answer_on_spot =
      false;  // Consultations: closed at once (一次性办结); `reply` is the answer.
  std::string reply;
  std::optional<Id> merge_into_id;
  std::optional<domain::Epoch> accepted_at;  // Admin only: back-filling paper records.
};

struct Receipt {
  std::string number;
  std::string token;
  std::string public_path;  // The web UI's public page: "/p/<number>?t=<token>".
};

// The receipt of a matter: its number and the link to its public page.
Receipt ReceiptOf(const domain::Matter& m);

struct AcceptResult {
  domain::Matter matter;
  Receipt receipt;
};

struct DuplicateCandidate {
  domain::Matter matter;
  double similarity = 0;
};

struct IntakePreview {
  std::vector<DuplicateCandidate> duplicates;
  std::vector<domain::MatterCategory> suggested_categories;
  std::vector<domain::Matter> household_open_matters;
};

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
  bool inbox = false;  // The caller's unit's open matters.
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
};

// Proofs of a sign-off (群众签字), as recorded in Matter::confirmed_via: only these count as the
// resident's word in the three rates. "window" is a consultation closed on the spot; the
// unproven "public_page" of older records is never written again.
inline constexpr std::string_view kProofSmsCode = "sms_code";
inline constexpr std::string_view kProofResidentAccount = "resident_account";
inline constexpr std::string_view kProofCallback = "callback";

// What the signed-in staff member may do towards a sign-off of one matter (the preview).
struct SignOffRights {
  bool callback = false;    // Record a callback (回访): a non-handler, not a party member.
  bool enter_code = false;  // Type in the code the resident reads out: a non-handler.
};

// What the resident sees on the public page: no internal events, no personal data.
struct PublicMatterView {
  domain::Matter matter;
  std::vector<domain::MatterEvent> timeline;
  std::vector<domain::ProxyErrand> errands;
  bool can_confirm = false;  // Replied: waiting for the resident's sign-off.
  // The proofs a sign-off can carry now: "sms_code" (the caller has a phone), "resident_account"
  // (the household has a resident account), "callback" (always; staff make it). Empty when the
  // matter cannot be confirmed.
  std::vector<std::string> sign_off_options;
  std::string phone_masked;             // Where the code goes; empty without a phone.
  std::optional<SignOffRights> rights;  // Staff preview only.
};

struct SignOffInput {
  std::string code;  // The SMS code: required for ConfirmWithCode and on the public page.
  std::optional<bool> solved;
  std::optional<int> rating;
  std::string comment;
};

struct AttachmentInput {
  std::string file_name;
  std::string content_type;
  std::string bytes;
};

struct EscalationReport {
  std::int64_t escalated = 0;
  std::int64_t nearly_due = 0;
  std::int64_t callbacks_created = 0;
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
  std::int64_t supervised = 0;           // Open under a supervision order.
  std::int64_t accepted_today = 0;       // Accepted since 00:00 China time.
  std::optional<std::int64_t> callbacks_open;
  std::vector<domain::Matter> most_urgent;  // Up to 5 open matters, soonest deadline first.
};

struct RatesRow {
  Id key = 0;
  std::string name;
  domain::RateCounters counters;
  domain::ThreeRates rates;
};

struct VolumeDay {
  std::string day;
  std::int64_t total = 0;
  struct ByCategory {
    Id category_id = 0;
    std::string name;
    std::int64_t count = 0;
  };
  std::vector<ByCategory> by_category;
};

struct TownshipCategories {
  Id region_id = 0;
  std::string name;
  std::vector<std::pair<std::string, std::int64_t>> categories;  // Name, count; top 5.
};

struct Dashboard {
  domain::RateCounters totals;
  domain::ThreeRates rates;
  std::vector<VolumeDay> volumes;
  std::vector<RatesRow> units;
  std::vector<RatesRow> townships;
  std::vector<domain::Matter> overdue;
  std::vector<TownshipCategories> top_categories_by_township;
};

struct PeriodQuery {
  std::string from;  // YYYY-MM-DD; default: 30 days ago.
  std::string to;    // Default: today.
  std::optional<Id> region_id;
};

struct CategoryInput {
  std::optional<Id> parent_id;
  std::string name;
  std::string keywords;
  std::optional<Id> default_unit_id;
  std::optional<int> response_hours;
  std::optional<int> completion_days;
  std::optional<bool> active;
};

struct CalendarView {
  std::vector<domain::CalendarDay> items;
  std::vector<int> covered_years;
};

struct SlotInput {
  std::string date;
  std::string start;
  std::string end;
  int capacity = 1;
  std::optional<Id> staff_user_id;
};

struct AppointmentInput {
  std::optional<Id> matter_id;
  std::optional<Id> household_id;
  std::string person_name;
  std::string phone;
  std::string purpose;
};

struct ErrandInput {
  Id household_id = 0;
  std::optional<Id> matter_id;
  std::string purpose;
  std::string status;  // Update only: domain::ErrandStatusCode.
  std::vector<domain::ErrandDocument> documents;
};

struct MatterServiceOptions {
  domain::EscalationPolicy escalation;
  int callback_after_days = 3;  // Replied and unconfirmed this long → a callback task (回访).
  std::size_t max_attachment_bytes = 5 << 20;
  domain::Epoch code_ttl_seconds = 30 * 60;
  int code_max_attempts = 5;
  std::int64_t max_export_rows = 20000;  // One spreadsheet export (ExportMatters).
  IntakeBatcherOptions batcher;
};

class MatterService {
 public:
  // `sms` defaults to the development sender writing into the repository's outbox.
  explicit MatterService(Store& store, MatterServiceOptions options = {},
                         std::unique_ptr<SmsSender> sms = nullptr);
  ~MatterService();

  // Intake.
  IntakePreview PreviewIntake(const Actor& actor, std::optional<Id> household_id,
                              std::optional<Id> region_id, const std::string& text);
  // Returns after the durable (group) commit. Throws InvalidInput listing every problem,
  // NotFound or Forbidden.
  AcceptResult Accept(const Actor& actor, const MatterInput& input);
  // As Accept, but returns as soon as the intake is checked and queued for the shared commit;
  // problems with the input are thrown here, before anything is queued. `done` then receives
  // the result after the commit, or the error, on the intake writer's thread: it must be quick
  // and must not throw (hand the result to another thread).
  using AcceptDone =
      std::function<void(std::exception_ptr error, std::shared_ptr<const AcceptResult> result)>;
  void AcceptAsync(const Actor& actor, const MatterInput& input, AcceptDone done);

  // Reading.
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

  // Routing and handling. Each returns the matter after the change.
  domain::Matter Dispatch(const Actor& actor, Id matter_id, std::optional<Id> unit_id,
                          std::optional<Id> handler_id, const std::string& note);
  domain::Matter UnitAccept(const Actor& actor, Id matter_id);
  domain::Matter Transfer(const Actor& actor, Id matter_id, Id unit_id, const std::string& reason);
  domain::Matter Return(const Actor& actor, Id matter_id, const std::string& reason);
  domain::Matter AddStep(const Actor& actor, Id matter_id, const std::string& text, bool internal,
                         const std::vector<Id>& attachment_ids);
  domain::Matter Reply(const Actor& actor, Id matter_id, const std::string& text);
  domain::Matter CloseOnSpot(const Actor& actor, Id matter_id, const std::string& reply);
  domain::Matter Merge(const Actor& actor, Id matter_id, Id into_id);
  domain::Matter Supervise(const Actor& actor, Id matter_id, const std::string& note,
                           const std::string& due_date);
  // Who may attach to this matter, checked before an upload is read or decoded (Forbidden,
  // NotFound); AddAttachment checks it again inside its transaction.
  void RequireAttachable(const Actor& actor, Id matter_id);
  domain::Attachment AddAttachment(const Actor& actor, Id matter_id, const AttachmentInput& input);
  // The attachment and its bytes, for anyone who may read its matter.
  std::pair<domain::Attachment, std::string> ReadAttachment(const Actor& actor, Id attachment_id);

  // Sign-off (群众签字): it needs a proof the staff who handled the matter do not hold, and
  // records which (Matter::confirmed_via). SendSignOffCode returns the masked phone the code
  // went to.
  std::string SendSignOffCode(const Actor& actor, Id matter_id);
  // Staff type in the code the resident reads out; not those who handled the matter (its
  // handler, staff of any unit it was at): sign_off.code_by_handler.
  domain::Matter ConfirmWithCode(const Actor& actor, Id matter_id, const SignOffInput& input);
  // The resident's own account: role resident, of the matter's household
  // (sign_off.not_your_household otherwise).
  domain::Matter ConfirmWithAccount(const Actor& actor, Id matter_id, const SignOffInput& input);
  // A callback (回访) by staff who did not handle the matter: not party members
  // (matter.callback_forbidden_role), not its handler nor staff of any unit it was at, before
  // or after a transfer (matter.callback_by_handler).
  domain::Matter RecordCallback(const Actor& actor, Id matter_id, const SignOffInput& input);
  domain::Matter CompleteCallbackTask(const Actor& actor, Id task_id, const SignOffInput& input);
  domain::Page<domain::CallbackTask> ListCallbackTasks(const Actor& actor,
                                                       const domain::PageRequest& page);

  // Public page (no login): the receipt number and its token.
  PublicMatterView GetPublic(const std::string& number, const std::string& token,
                             domain::Epoch now);
  std::string SendPublicCode(const std::string& number, const std::string& token,
                             domain::Epoch now);
  // The token lets its holder follow the matter; signing off also needs input.code (the SMS
  // code), else Forbidden sign_off.proof_required naming the proofs this matter offers.
  PublicMatterView ConfirmOnPublicPage(const std::string& number, const std::string& token,
                                       const SignOffInput& input, domain::Epoch now);
  // Staff: the public page of a matter they may read, without its token, with what this user
  // may do towards its sign-off (rights). Reading only: it confirms nothing.
  PublicMatterView GetPublicPreview(const Actor& actor, Id matter_id);

  // Escalation (idempotent) and supervision. `kind`: overdue, nearly_due, escalated, supervised.
  EscalationReport RunEscalation(const Actor& actor);
  domain::Page<domain::Matter> SupervisionList(const Actor& actor, const std::string& kind,
                                               std::optional<Id> region_id,
                                               const domain::PageRequest& page);

  // Three rates and dashboard, from the counters only. `dimension`: unit, region, person, category.
  std::vector<RatesRow> Rates(const Actor& actor, const std::string& dimension,
                              const PeriodQuery& period);
  // The same rows as a spreadsheet table with Chinese headers (counters, rates as "87.5%") and a
  // last 合计 row (the sum of the rows, with its rates).
  formats::Table ExportRates(const Actor& actor, const std::string& dimension,
                             const PeriodQuery& period);
  Dashboard GetDashboard(const Actor& actor, const PeriodQuery& period);

  // Catalogue and routing (admin writes; anyone logged in reads).
  std::vector<domain::MatterCategory> ListCategories(const Actor& actor);
  // Every unit a matter can be dispatched or transferred to, for staff (a unit handler's unit
  // list shows only its own unit, but it transfers to others). Residents: domain::Forbidden.
  std::vector<domain::Unit> ListHandlingUnits(const Actor& actor);
  domain::MatterCategory CreateCategory(const Actor& actor, const CategoryInput& input);
  domain::MatterCategory UpdateCategory(const Actor& actor, Id id, const CategoryInput& input);
  std::vector<domain::RoutingRule> ListRoutingRules(const Actor& actor);
  domain::RoutingRule CreateRoutingRule(const Actor& actor, Id category_id,
                                        std::optional<Id> region_id, Id unit_id,
                                        std::optional<int> completion_days);
  void DeleteRoutingRule(const Actor& actor, Id id);

  // Holiday table.
  CalendarView GetCalendar(const Actor& actor, std::optional<int> year);
  void PutCalendarDay(const Actor& actor, const std::string& date, const std::string& kind,
                      const std::string& name);
  void DeleteCalendarDay(const Actor& actor, const std::string& date);
  // Imports "date,kind,name" rows; throws InvalidInput listing every bad line. Returns rows.
  std::int64_t ImportCalendar(const Actor& actor, const std::string& csv);

  // Time slots and appointments (节假日预约: holidays allowed).
  std::vector<domain::TimeSlot> ListSlots(const Actor& actor, Id unit_id, const std::string& from,
                                          const std::string& to);
  domain::TimeSlot CreateSlot(const Actor& actor, Id unit_id, const SlotInput& input);
  domain::Appointment Book(const Actor& actor, Id slot_id, const AppointmentInput& input);
  // The bookings of one slot, oldest first: who comes, their phone and what for. For the window
  // and leaders only (names and phones of other people).
  std::vector<domain::Appointment> ListAppointments(const Actor& actor, Id slot_id);
  // "booked" (again, if the slot has room), "done" or "cancelled".
  domain::Appointment SetAppointmentStatus(const Actor& actor, Id appointment_id,
                                           const std::string& status);

  // Proxy errands (代办).
  std::vector<domain::ProxyErrand> ListErrands(const Actor& actor, std::optional<Id> household_id,
                                               bool mine);
  domain::ProxyErrand CreateErrand(const Actor& actor, const ErrandInput& input);
  domain::ProxyErrand UpdateErrand(const Actor& actor, Id id, const ErrandInput& input);

  // Development SMS outbox (admin).
  domain::Page<SmsMessage> ListSms(const Actor& actor, const domain::PageRequest& page);

  // The working-day calendar, shared: rebuilt when this process changes the holiday table and
  // at least every 30 s (other processes).
  std::shared_ptr<const domain::WorkCalendar> Calendar(StoreTx& tx);
  // The routing rules, cached the same way (invalidated when this process changes them).
  std::shared_ptr<const std::vector<domain::RoutingRule>> RoutingRules(StoreTx& tx);

 private:
  // An intake checked and completed from a read snapshot (household, region, category,
  // deadlines, token): everything but the receipt number, which the writer assigns.
  struct PreparedAccept {
    domain::Matter matter;
    bool answer_on_spot = false;
  };
  std::shared_ptr<const PreparedAccept> Prepare(const Actor& actor, const MatterInput& input);
  // The list filter for `query` in the actor's scope; none when the actor can see no matter.
  std::optional<MatterFilter> FilterFor(StoreTx& tx, const Actor& actor, const MatterQuery& query);
  static constexpr std::int64_t kExportPageRows = 10000;  // The store's largest page.
  // The data-area generations the intake caches are read and filled under. Taken before `reads`
  // opens its snapshot, so that what a miss reads is never older than the generation it is
  // stored under.
  struct IntakeGenerations {
    std::uint64_t registry = 0;
    std::uint64_t catalogue = 0;
  };
  IntakeGenerations CurrentGenerations() const;
  // Throws InvalidInput (every problem at once), NotFound or Forbidden. Reads the household,
  // region and category from the caches below; `reads` is opened only for what they miss.
  PreparedAccept PrepareAccept(LazyRead& reads, const IntakeGenerations& generations,
                               const Actor& actor, const MatterInput& input);
  // A household with its residents (in ListHouseholdResidents order), as an intake needs them.
  struct IntakeHousehold {
    domain::Household household;
    std::vector<domain::Resident> residents;
  };
  std::shared_ptr<const IntakeHousehold> FindIntakeHousehold(LazyRead& reads,
                                                             const IntakeGenerations& generations,
                                                             Id household_id, domain::Epoch now);
  std::optional<domain::Region> FindIntakeRegion(LazyRead& reads,
                                                 const IntakeGenerations& generations, Id region_id,
                                                 domain::Epoch now);
  std::shared_ptr<const std::vector<domain::MatterCategory>> Categories(
      LazyRead& reads, const IntakeGenerations& generations, domain::Epoch now);
  // The batcher job that writes `prepared` (its result: an AcceptResult).
  IntakeBatcher::Job WriteJob(const Actor& actor, std::shared_ptr<const PreparedAccept> prepared);
  // Runs in the shared intake commit; may run twice (see IntakeBatcher).
  AcceptResult WriteAccept(StoreTx& tx, const Actor& actor, const PreparedAccept& prepared);
  domain::Matter SignOff(StoreTx& tx, const Actor& actor, domain::Matter matter,
                         const SignOffInput& input, const std::string& via);
  void CheckCode(StoreTx& tx, Id matter_id, const std::string& code, domain::Epoch now);
  std::string IssueCode(StoreTx& tx, const domain::Matter& matter, domain::Epoch now);

  Store& store_;
  MatterServiceOptions options_;
  std::unique_ptr<SmsSender> sms_;
  SharedSnapshot<domain::WorkCalendar> calendar_{std::chrono::seconds(30)};
  SharedSnapshot<std::vector<domain::RoutingRule>> rules_{std::chrono::seconds(30)};
  // Matter pages by id, as read before authorisation (checked on every call); keyed on the
  // store's write generation like the household pages.
  ReadCache<Id, MatterDetail> matter_pages_{20000, 5};
  // What an intake reads before it is queued, keyed on the generation of the data area it comes
  // from, so that the stream of intakes (which changes matters only) does not empty them.
  ReadCache<Id, std::shared_ptr<const IntakeHousehold>> intake_households_{5000, 5};
  ReadCache<Id, domain::Region> intake_regions_{20000, 5};
  ReadCache<int, std::shared_ptr<const std::vector<domain::MatterCategory>>> categories_{1, 5};
  std::unique_ptr<IntakeBatcher> batcher_;
};

}  // namespace minqing::app
