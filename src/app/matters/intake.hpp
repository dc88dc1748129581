// Intake of matters (诉求) at one window (一个窗口受理): the preview (possible duplicates,
// suggested categories, the household's open matters) and the accept itself, with its receipt.
//
// Contract: every call checks Require(actor, matter.intake, the household or region in scope),
// takes "now" from the Actor, and throws the typed errors of domain/errors.hpp (InvalidInput
// listing every problem, NotFound, Forbidden). Accept() returns only after the matter is
// committed; concurrent accepts share commits through the context's IntakeBatcher, and the
// writer only numbers and writes what the caller's thread checked and prepared.
//
// Caches: households with their residents and regions (keyed on the registry's generation) and
// the category list (keyed on the catalogue's generation), so that the stream of intakes, which
// writes matters only, does not empty them; the calendar and routing rules of MattersContext.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/intake_batcher.hpp"
#include "app/matters/context.hpp"
#include "app/read_cache.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"
#include "domain/office_hours.hpp"

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

class IntakeService {
 public:
  explicit IntakeService(MattersContext& context) : context_(context) {}

  IntakePreview PreviewIntake(const Actor& actor, std::optional<Id> household_id,
                              std::optional<Id> region_id, const std::string& text);
  // Returns after the durable (group) commit. Throws InvalidInput listing every problem,
  // NotFound or Forbidden.
  AcceptResult Accept(const Actor& actor, const MatterInput& input);
  // As Accept, with `in_same_commit` run first in the transaction that writes the matter: what it
  // writes is committed with the matter or not at all, and when it throws the matter is not
  // written and Accept rethrows (it runs after every check of the input). Like the write itself it
  // may run twice (see IntakeBatcher).
  AcceptResult Accept(const Actor& actor, const MatterInput& input,
                      std::function<void(StoreTx&)> in_same_commit);
  // As Accept, but returns as soon as the intake is checked and queued for the shared commit;
  // problems with the input are thrown here, before anything is queued. `done` then receives
  // the result after the commit, or the error, on the intake writer's thread: it must be quick
  // and must not throw (hand the result to another thread).
  using AcceptDone =
      std::function<void(std::exception_ptr error, std::shared_ptr<const AcceptResult> result)>;
  void AcceptAsync(const Actor& actor, const MatterInput& input, AcceptDone done);

  // Its read caches' hit and miss counters (GET /metrics).
  std::vector<CacheCount> CacheCounts() const {
    return {intake_households_.Count(), intake_regions_.Count(), categories_.Count()};
  }

 private:
  // An intake checked and completed from a read snapshot (household, region, category,
  // deadlines, token): everything but the receipt number, which the writer assigns.
  struct PreparedAccept {
    domain::Matter matter;
    bool answer_on_spot = false;
    // CountyIndex of the matter's region path, read with the rest (the writer reads nothing).
    std::size_t county_index = 0;
  };
  std::shared_ptr<const PreparedAccept> Prepare(const Actor& actor, const MatterInput& input);
  // The data-area generations the intake caches are read and filled under. Taken before `reads`
  // opens its snapshot, so that what a miss reads is never older than the generation it is
  // stored under.
  struct IntakeGenerations {
    std::uint64_t registry = 0;
    std::uint64_t catalogue = 0;
    std::uint64_t accounts = 0;  // Units.
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
  // The office hours of the unit a matter is routed to (standard hours when none).
  domain::OfficeHours IntakeUnitHours(LazyRead& reads, const IntakeGenerations& generations,
                                      std::optional<Id> unit_id, domain::Epoch now);
  std::shared_ptr<const std::vector<domain::MatterCategory>> Categories(
      LazyRead& reads, const IntakeGenerations& generations, domain::Epoch now);
  // The batcher job that writes `prepared` (its result: an AcceptResult). It holds no reference
  // to this service.
  static IntakeBatcher::Job WriteJob(const Actor& actor,
                                     std::shared_ptr<const PreparedAccept> prepared);
  // Runs in the shared intake commit; may run twice (see IntakeBatcher).
  static AcceptResult WriteAccept(StoreTx& tx, const Actor& actor, const PreparedAccept& prepared);

  MattersContext& context_;
  // What an intake reads before it is queued, keyed on the generation of the data area it comes
  // from, so that the stream of intakes (which changes matters only) does not empty them.
  ReadCache<Id, std::shared_ptr<const IntakeHousehold>> intake_households_{"intake_households",
                                                                           5000, 5};
  ReadCache<Id, domain::Region> intake_regions_{"intake_regions", 20000, 5};
  ReadCache<Id, domain::OfficeHours> intake_unit_hours_{"intake_unit_hours", 5000, 5};
  ReadCache<int, std::shared_ptr<const std::vector<domain::MatterCategory>>> categories_{
      "matter_categories", 1, 5};
};

}  // namespace minqing::app
