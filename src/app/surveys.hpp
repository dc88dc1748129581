// Surveys and evaluations (问卷与评议: 三问三解, 三有两评) use cases. An organiser
// (surveys.manage, in the region's scope, never the cadre evaluated) creates a survey for a
// township or village with ordered questions, edits it while in draft, opens and closes it, and
// prints one slip per household with a QR code of the household's own link. Answers come from
// households, one per household: recorded by the party member the household is linked to
// (surveys.record; optionally on a diary visit), or by the household on the public page through
// its link. A second answer is refused (survey.already_answered, with the date of the first) and
// the first kept; every refused answer is counted per reason.
//
// Anonymity: an answer is stored as per-village counters and per-village texts; the
// "household has answered" marker (survey_responses) is a separate row with the date only, so no
// stored row ties what was answered to a household (required for cadre evaluations, done for all).
// Answers and markers are not audited (an audit entry's time would order them).
// Thread-safety: safe to share between threads (state lives in the store).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/public_links.hpp"
#include "app/store.hpp"
#include "domain/survey.hpp"

namespace minqing::app {

struct SurveyInput {
  std::string title;
  std::string description;
  domain::SurveySubject subject = domain::SurveySubject::kTopic;
  std::string subject_text;
  std::optional<Id> subject_user_id;
  Id region_id = 0;  // A township or a village (create only; kept on update).
  std::string opens_on;
  std::string closes_on;
  std::vector<domain::SurveyQuestion> questions;
};

struct SurveyView {
  domain::Survey survey;        // token_key blanked.
  std::int64_t households = 0;  // Households in the region now.
  std::int64_t answered = 0;    // Households that have answered.
  bool may_manage = false;
};

struct VillageResult {
  Id village_id = 0;
  std::string village_name;
  std::int64_t households = 0;
  std::int64_t answered = 0;
  std::vector<domain::QuestionTally> questions;  // Texts only in the overall tallies.
};

struct SurveyResults {
  SurveyView view;
  std::vector<domain::QuestionTally> overall;
  std::vector<VillageResult> villages;  // By village name.
  // Text answers with their village's name: (question, village name, text).
  struct Text {
    int question = 0;
    std::string village_name;
    std::string text;
  };
  std::vector<Text> texts;
  std::map<std::string, std::int64_t> refusals;  // By reason code.
};

// A household's answer link, as on its slip.
struct HouseholdLink {
  Id household_id = 0;
  std::string label;  // "东街村 DJ-0012 东街12号"
  std::string url;    // <base>/s/<survey id>?t=<token>
};

// An open survey a member may record for one household.
struct HouseholdSurvey {
  domain::Survey survey;                   // token_key blanked.
  std::optional<std::string> answered_on;  // Set when the household has answered.
};

// The public answer page: the survey (questions, no secret), where the household lives.
struct PublicSurvey {
  domain::Survey survey;  // token_key blanked.
  std::string village_name;
  std::optional<std::string> answered_on;
};

class SurveyService {
 public:
  explicit SurveyService(Store& store);
  void SetPublicLinks(const PublicLinks& links) { links_ = &links; }

  // Surveys of regions under `region_id` (default: the reader's scope).
  std::vector<SurveyView> List(const Actor& actor, std::optional<Id> region_id);
  SurveyView Get(const Actor& actor, Id id);
  SurveyView Create(const Actor& actor, const SurveyInput& input);
  // Replaces the editable fields and questions of a draft (Conflict "survey.not_draft" after).
  SurveyView Update(const Actor& actor, Id id, const SurveyInput& input);
  SurveyView Open(const Actor& actor, Id id);
  SurveyView Close(const Actor& actor, Id id);
  SurveyResults Results(const Actor& actor, Id id);
  // The households' slips (QR code of each household's link) of one village as a PDF; the
  // village may be omitted for a village survey.
  std::string SlipsPdf(const Actor& actor, Id id, std::optional<Id> village_id);
  // The same households' links, for sending them another way (a message, a chat group).
  std::vector<HouseholdLink> Links(const Actor& actor, Id id, std::optional<Id> village_id);

  // The open surveys covering a household linked to the acting member, but those evaluating the
  // member.
  std::vector<HouseholdSurvey> ForHousehold(const Actor& actor, Id household_id);
  // A member records the household's answers (at actor.now). Refused: a household not linked to
  // the member (survey.not_linked), the cadre evaluated (survey.own_evaluation), a visit that is
  // not the member's to this household (survey.bad_visit); then as Answer.
  void Record(const Actor& actor, Id id, Id household_id, std::optional<Id> visit_id,
              const std::vector<domain::AnswerInput>& answers);

  // No login. The page of a household's link; a draft or a bad token reads as not found.
  PublicSurvey PublicPage(Id id, const std::string& token);
  // The household of `token` answers at `now`. Refusals (counted): survey.bad_token,
  // survey.not_open, survey.closed, survey.outside_region, survey.already_answered (Conflict);
  // invalid answers are InvalidInput validation.failed with per-answer problems, nothing stored.
  void Answer(Id id, const std::string& token, const std::vector<domain::AnswerInput>& answers,
              domain::Epoch now);

  // The token of a household's link: "<household id>-<16 hex>", keyed by the survey's secret.
  static std::string HouseholdToken(const domain::Survey& survey, Id household_id);

 private:
  SurveyView View(StoreTx& tx, const Actor& actor, domain::Survey survey);
  domain::Survey LoadForManage(StoreTx& tx, const Actor& actor, Id id);
  SurveyView Transition(const Actor& actor, Id id, domain::SurveyState from, domain::SurveyState to,
                        const char* action);
  // The survey (checked for surveys.manage, not closed) and the links of one village's households.
  std::pair<domain::Survey, std::vector<HouseholdLink>> LoadLinks(const Actor& actor, Id id,
                                                                  std::optional<Id> village_id);
  void Submit(StoreTx& tx, const domain::Survey& survey, const domain::Household& household,
              domain::AnswerChannel channel, std::optional<Id> recorded_by,
              std::optional<Id> visit_id, const std::vector<domain::AnswerInput>& answers,
              domain::Epoch now);

  Store& store_;
  const PublicLinks* links_ = nullptr;
};

}  // namespace minqing::app
