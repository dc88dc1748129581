// Scorecards (考核记分卡) of postings: what a posted cadre achieved in a year (or a date range;
// always clipped to the posting's own from/to) against weighted targets, computed from the records
// minqing holds for the posting's village and account, ranked among the postings of one role in a
// township, exported as a spreadsheet.
//
// Lines and their kinds are the agreement item kinds (domain/posting.hpp). What each counts:
//   visit_coverage     households of the village with a household-confirmed diary visit in the
//                      period / households of the village, %
//   consultations      matters of the village accepted in the period, 件
//   errands_on_time    errands (代办) the posted account carried, received in the period and done
//                      on time: by the linked matter's due date, or within kErrandDueDays days, 件
//   response_rate, resolution_rate, satisfaction_rate
//                      the village's three rates over the period (the stats counters), %
//   window_rating      the average stars of the window ratings of services the account gave, 分
//   prosper_projects, meetings_attended, custom
//                      no data source yet: "尚无数据来源" unless a leader entered a manual actual
//                      with a note (人工填报, audited)
// Weights and targets: the county defaults (site setting "scorecard.defaults", set by
// scorecards.configure; built-in defaults until then), replaced by the items of the posting's
// SIGNED agreement for the year when there is one; each line shows both targets.
//
// Who may read (checked before any counting): scorecards.read, and a village assistant only the
// cards of their own postings; others the postings whose village lies in their region scope.
// Manual actuals: scorecards.enter in the posting's scope, never the posted person themselves.
// Each line carries `link`, the web route listing the records it counts.
//
// Caches: none. Thread-safety: safe to share; each call runs in its own transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/posting.hpp"
#include "formats/table.hpp"

namespace minqing::app {

// An errand not linked to a matter is on time when done within this many days of its receipt.
inline constexpr int kErrandDueDays = 7;

struct ScorecardDefault {
  domain::AgreementItemKind kind = domain::AgreementItemKind::kCustom;
  double weight = 0;
  double target = 0;
};

struct ScorecardLine {
  domain::AgreementItemKind kind = domain::AgreementItemKind::kCustom;
  std::string label;
  std::string unit;
  double weight = 0;  // Used: the agreement's when signed, else the county default.
  double target = 0;
  std::optional<double> county_target;     // The county default, when the kind has one.
  std::optional<double> agreement_target;  // The signed agreement's, when there is one.
  std::optional<double> actual;            // Absent: no data.
  std::optional<std::int64_t> count;       // What was counted (households, matters, errands...).
  std::optional<std::int64_t> of;          // Out of (households, errands done, ratings).
  std::string source;                      // "computed", "manual" or "none" (尚无数据来源).
  std::string note;                        // Manual: the note.
  std::string entered_by;                  // Manual: who entered it.
  std::optional<domain::Epoch> entered_at;
  double achievement = 0;
  double points = 0;
  std::string link;  // Web route of the records counted ("" for none).
};

struct Scorecard {
  domain::Posting posting;
  int year = 0;
  std::string from;  // YYYY-MM-DD, inclusive.
  std::string to;
  std::optional<domain::Id> agreement_id;  // The signed agreement used.
  std::string agreement_signed_on;
  std::vector<ScorecardLine> lines;
  double points = 0;
  double max_points = 0;
  double percent = 0;
  bool may_enter = false;  // The reader may enter manual actuals.
};

struct ScorecardQuery {
  int year = 0;
  std::string from;  // Optional range inside or instead of the year; default the whole year.
  std::string to;
};

struct RankingRow {
  int rank = 0;
  Scorecard card;
};

struct Ranking {
  domain::Id region_id = 0;
  std::string region_name;
  std::string role;  // PostingRole code.
  int year = 0;
  std::vector<RankingRow> rows;  // Best first.
};

struct ManualActualInput {
  std::string kind;              // Agreement item kind code.
  std::optional<double> actual;  // Absent: remove the manual actual.
  std::string note;
};

class ScorecardService {
 public:
  explicit ScorecardService(Store& store) : store_(store) {}

  Scorecard Card(const Actor& actor, domain::Id posting_id, const ScorecardQuery& query);
  // The postings of `role` (code) in the region `region_id` (a township, or any region in scope;
  // default the actor's scope) that overlap the period, ranked by points. A village assistant
  // gets only their own postings' rows.
  Ranking Rank(const Actor& actor, std::optional<domain::Id> region_id, const std::string& role,
               const ScorecardQuery& query);
  // The ranking as a sheet: one row per posting with each line's actual and points.
  formats::Table ExportRanking(const Actor& actor, std::optional<domain::Id> region_id,
                               const std::string& role, const ScorecardQuery& query);

  // The county defaults (scorecards.read) and their replacement (scorecards.configure).
  std::vector<ScorecardDefault> Defaults(const Actor& actor);
  std::vector<ScorecardDefault> SetDefaults(const Actor& actor,
                                            const std::vector<ScorecardDefault>& items);

  // Enters (or with no actual, removes) the manual actual of a kind without a data source.
  Scorecard SetManualActual(const Actor& actor, domain::Id posting_id, int year,
                            const ManualActualInput& input);

  // Computes the card of a posting in the caller's transaction without any authorisation (the
  // vote freezes it at creation).
  static Scorecard Compute(StoreTx& tx, const domain::Posting& posting,
                           const ScorecardQuery& query);
  // The card as the JSON text a vote session freezes: {"year", "from", "to", "points",
  // "max_points", "lines": [{"item", "score", "kind", "target", "actual", "weight", ...}]}.
  static std::string FrozenJson(const Scorecard& card);

  // The built-in defaults, used until an administrator sets the county's.
  static std::vector<ScorecardDefault> BuiltInDefaults();

 private:
  Store& store_;
};

}  // namespace minqing::app
