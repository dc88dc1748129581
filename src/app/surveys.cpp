#include "app/surveys.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/network_internal.hpp"
#include "app/survey_slips_pdf.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"

namespace minqing::app {
namespace {

using domain::AnswerRefusal;
using domain::Permission;
using domain::QuestionKind;
using domain::Survey;
using domain::SurveyState;

constexpr Refusal kOwnEvaluation{"survey.own_evaluation",
                                 "被评议的干部不能组织本人的评议，也不能录入答卷"};

std::string Snapshot(const Survey& s) {
  return JsonObjectWriter()
      .Add("title", s.title)
      .Add("subject", domain::SurveySubjectCode(s.subject))
      .Add("subject_user_id", s.subject_user_id)
      .Add("region_id", s.region_id)
      .Add("opens_on", s.opens_on)
      .Add("closes_on", s.closes_on)
      .Add("state", domain::SurveyStateCode(s.state))
      .Add("questions", static_cast<std::int64_t>(s.questions.size()))
      .Finish();
}

Survey Reload(StoreTx& tx, Id id) {
  auto survey = tx.Surveys().FindSurvey(id);
  if (!survey) throw domain::NotFound("survey.not_found", "问卷不存在");
  return *survey;
}

Survey Blanked(Survey s) {
  s.token_key.clear();
  return s;
}

std::string NewKey() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4U]);
    out.push_back(kHex[b & 15U]);
  }
  return out;
}

void CheckFields(Survey& s, const SurveyInput& in) {
  s.title = domain::Trim(in.title);
  s.description = in.description;
  s.subject = in.subject;
  s.subject_text = domain::Trim(in.subject_text);
  s.subject_user_id = in.subject_user_id;
  s.opens_on = domain::Trim(in.opens_on);
  s.closes_on = domain::Trim(in.closes_on);
  s.questions = in.questions;
  for (auto& q : s.questions) {
    q.text = domain::Trim(q.text);
    for (auto& o : q.options) o = domain::Trim(o);
  }
  auto problems = domain::ValidateSurvey(s);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "问卷信息有误", std::move(problems));
  }
}

// The village a household answers for: its village, else its own region.
Id VillageIdOf(StoreTx& tx, const domain::Household& household) {
  auto village = network_internal::VillageOf(tx, household.region_path);
  return village ? village->id : household.region_id;
}

bool Covers(const Survey& s, std::string_view household_path) {
  return household_path.substr(0, s.region_path.size()) == s.region_path;
}

std::vector<domain::QuestionTally> EmptyTallies(const Survey& s) {
  std::vector<domain::QuestionTally> out;
  for (const auto& q : s.questions) {
    domain::QuestionTally t;
    if (q.kind == QuestionKind::kRating) t.counts.assign(domain::kRatingMax, 0);
    if (q.kind == QuestionKind::kSingle || q.kind == QuestionKind::kMultiple) {
      t.counts.assign(q.options.size(), 0);
    }
    out.push_back(std::move(t));
  }
  return out;
}

void AddTo(std::vector<domain::QuestionTally>& tallies, const SurveyCount& c) {
  if (c.question < 0 || static_cast<std::size_t>(c.question) >= tallies.size()) return;
  auto& t = tallies[static_cast<std::size_t>(c.question)];
  if (c.choice == 0) {
    t.answered += c.answers;
  } else if (c.choice > 0 && static_cast<std::size_t>(c.choice) <= t.counts.size()) {
    t.counts[static_cast<std::size_t>(c.choice - 1)] += c.answers;
  }
}

}  // namespace

std::string SurveyService::HouseholdToken(const Survey& survey, Id household_id) {
  const std::string mac = Sha256Hex("minqing-survey:" + survey.token_key + ":" +
                                    std::to_string(survey.id) + ":" + std::to_string(household_id));
  return std::to_string(household_id) + "-" + mac.substr(0, 16);
}

SurveyService::SurveyService(Store& store) : store_(store) {}

SurveyView SurveyService::View(StoreTx& tx, const Actor& actor, Survey survey) {
  SurveyView view;
  std::int64_t households = 0;
  for (const auto& [village, n] : tx.Surveys().HouseholdsByVillage(survey.region_path)) {
    households += n;
  }
  std::int64_t answered = 0;
  for (const auto& [village, n] : tx.Surveys().ResponsesByVillage(survey.id)) answered += n;
  view.households = households;
  view.answered = answered;
  view.may_manage = domain::RoleHas(actor.user.role, Permission::kManageSurveys) &&
                    domain::RegionInScope(actor.user, survey.region_path) &&
                    survey.subject_user_id != actor.user.id;
  view.survey = Blanked(std::move(survey));
  return view;
}

Survey SurveyService::LoadForManage(StoreTx& tx, const Actor& actor, Id id) {
  Require(actor, Permission::kManageSurveys);
  auto survey = Reload(tx, id);
  Require(actor, Permission::kManageSurveys, survey.region_path);
  if (survey.subject_user_id && *survey.subject_user_id == actor.user.id) {
    throw domain::Forbidden(std::string(kOwnEvaluation.code), std::string(kOwnEvaluation.message));
  }
  return survey;
}

std::vector<SurveyView> SurveyService::List(const Actor& actor, std::optional<Id> region_id) {
  Require(actor, Permission::kReadSurveys);
  auto tx = store_.BeginRead();
  std::string prefix = actor.user.scope_region_path;
  if (region_id) {
    auto region = tx->Registry().FindRegion(*region_id);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    Require(actor, Permission::kReadSurveys, region->path);
    prefix = region->path;
  }
  std::vector<SurveyView> out;
  for (auto& survey : tx->Surveys().ListSurveys(prefix)) {
    if (!domain::RegionInScope(actor.user, survey.region_path)) continue;
    out.push_back(View(*tx, actor, std::move(survey)));
  }
  return out;
}

SurveyView SurveyService::Get(const Actor& actor, Id id) {
  Require(actor, Permission::kReadSurveys);
  auto tx = store_.BeginRead();
  auto survey = Reload(*tx, id);
  Require(actor, Permission::kReadSurveys, survey.region_path);
  return View(*tx, actor, std::move(survey));
}

SurveyView SurveyService::Create(const Actor& actor, const SurveyInput& input) {
  Require(actor, Permission::kManageSurveys);
  auto tx = store_.Begin();
  auto region = tx->Registry().FindRegion(input.region_id);
  if (!region) {
    throw domain::InvalidInput("validation.failed", "问卷信息有误",
                               {{"region_id", "survey.region_required", "请选择乡镇或村（社区）"}});
  }
  Require(actor, Permission::kManageSurveys, region->path);
  if (region->level != domain::RegionLevel::kVillage &&
      region->level != domain::RegionLevel::kTownship) {
    throw domain::InvalidInput(
        "validation.failed", "问卷信息有误",
        {{"region_id", "survey.region_required", "问卷只能按乡镇或村（社区）组织"}});
  }
  if (input.subject_user_id) {
    if (!tx->Accounts().FindUser(*input.subject_user_id)) {
      throw domain::InvalidInput(
          "validation.failed", "问卷信息有误",
          {{"subject_user_id", "survey.cadre_required", "被评议的干部账号不存在"}});
    }
    if (*input.subject_user_id == actor.user.id) {
      throw domain::Forbidden(std::string(kOwnEvaluation.code),
                              std::string(kOwnEvaluation.message));
    }
  }
  Survey s;
  s.id = domain::NewId();
  s.region_id = region->id;
  s.region_path = region->path;
  s.state = SurveyState::kDraft;
  s.token_key = NewKey();
  s.created_by = actor.user.id == 0 ? std::nullopt : std::optional<Id>(actor.user.id);
  s.created_at = actor.now;
  s.updated_at = actor.now;
  CheckFields(s, input);
  tx->Surveys().InsertSurvey(s);
  RecordAudit(*tx, actor, "survey.create", "survey", s.id, "", Snapshot(s));
  tx->Commit();
  auto read = store_.BeginRead();
  return View(*read, actor, Reload(*read, s.id));
}

SurveyView SurveyService::Update(const Actor& actor, Id id, const SurveyInput& input) {
  auto tx = store_.Begin();
  auto s = LoadForManage(*tx, actor, id);
  if (s.state != SurveyState::kDraft) {
    throw domain::Conflict("survey.not_draft", "问卷开始后不能再修改题目和时间");
  }
  if (input.subject_user_id && *input.subject_user_id != s.subject_user_id.value_or(0)) {
    if (!tx->Accounts().FindUser(*input.subject_user_id)) {
      throw domain::InvalidInput(
          "validation.failed", "问卷信息有误",
          {{"subject_user_id", "survey.cadre_required", "被评议的干部账号不存在"}});
    }
    if (*input.subject_user_id == actor.user.id) {
      throw domain::Forbidden(std::string(kOwnEvaluation.code),
                              std::string(kOwnEvaluation.message));
    }
  }
  const std::string before = Snapshot(s);
  CheckFields(s, input);
  s.updated_at = actor.now;
  tx->Surveys().UpdateSurvey(s);
  RecordAudit(*tx, actor, "survey.update", "survey", s.id, before, Snapshot(s));
  tx->Commit();
  auto read = store_.BeginRead();
  return View(*read, actor, Reload(*read, id));
}

SurveyView SurveyService::Transition(const Actor& actor, Id id, SurveyState from, SurveyState to,
                                     const char* action) {
  auto tx = store_.Begin();
  auto s = LoadForManage(*tx, actor, id);
  if (s.state != from) {
    throw domain::Conflict("survey.bad_state", std::string("问卷当前状态为“") +
                                                   std::string(domain::SurveyStateLabel(s.state)) +
                                                   "”，不能执行此操作");
  }
  if (to == SurveyState::kOpen && s.questions.empty()) {
    throw domain::Conflict("survey.no_questions", "请先添加题目再开始问卷");
  }
  const std::string before = Snapshot(s);
  s.state = to;
  s.updated_at = actor.now;
  tx->Surveys().UpdateSurvey(s);
  RecordAudit(*tx, actor, action, "survey", s.id, before, Snapshot(s));
  tx->Commit();
  auto read = store_.BeginRead();
  return View(*read, actor, Reload(*read, id));
}

SurveyView SurveyService::Open(const Actor& actor, Id id) {
  return Transition(actor, id, SurveyState::kDraft, SurveyState::kOpen, "survey.open");
}

SurveyView SurveyService::Close(const Actor& actor, Id id) {
  return Transition(actor, id, SurveyState::kOpen, SurveyState::kClosed, "survey.close");
}

SurveyResults SurveyService::Results(const Actor& actor, Id id) {
  Require(actor, Permission::kReadSurveys);
  auto tx = store_.BeginRead();
  auto survey = Reload(*tx, id);
  Require(actor, Permission::kReadSurveys, survey.region_path);
  SurveyResults out;
  out.overall = EmptyTallies(survey);
  std::map<Id, VillageResult> villages;
  auto village = [&](Id village_id) -> VillageResult& {
    auto it = villages.find(village_id);
    if (it != villages.end()) return it->second;
    VillageResult v;
    v.village_id = village_id;
    if (auto region = tx->Registry().FindRegion(village_id)) v.village_name = region->name;
    v.questions = EmptyTallies(survey);
    return villages.emplace(village_id, std::move(v)).first->second;
  };
  for (const auto& [id_of, n] : tx->Surveys().HouseholdsByVillage(survey.region_path)) {
    village(id_of).households = n;
  }
  for (const auto& [id_of, n] : tx->Surveys().ResponsesByVillage(survey.id)) {
    village(id_of).answered = n;
  }
  for (const auto& c : tx->Surveys().Counts(survey.id)) {
    AddTo(out.overall, c);
    AddTo(village(c.village_id).questions, c);
  }
  for (auto& t : tx->Surveys().Texts(survey.id)) {
    if (t.question >= 0 && static_cast<std::size_t>(t.question) < out.overall.size()) {
      out.overall[static_cast<std::size_t>(t.question)].texts.push_back(t.body);
    }
    out.texts.push_back({t.question, village(t.village_id).village_name, std::move(t.body)});
  }
  out.refusals = tx->Surveys().Refusals(survey.id);
  for (auto& [key, v] : villages) out.villages.push_back(std::move(v));
  std::sort(out.villages.begin(), out.villages.end(),
            [](const VillageResult& a, const VillageResult& b) {
              return a.village_name < b.village_name;
            });
  out.view = View(*tx, actor, std::move(survey));
  return out;
}

std::pair<Survey, std::vector<HouseholdLink>> SurveyService::LoadLinks(
    const Actor& actor, Id id, std::optional<Id> village_id) {
  auto tx = store_.BeginRead();
  auto survey = LoadForManage(*tx, actor, id);
  if (survey.state == SurveyState::kClosed) {
    throw domain::Conflict("survey.bad_state", "问卷已经结束，不能再发放问卷码");
  }
  const Id vid = village_id.value_or(survey.region_id);
  auto village = tx->Registry().FindRegion(vid);
  if (!village || village->level != domain::RegionLevel::kVillage ||
      !Covers(survey, village->path)) {
    throw domain::InvalidInput(
        "validation.failed", "请选择问卷范围内的一个村（社区）",
        {{"village_id", "survey.village_required", "请选择问卷范围内的一个村（社区）"}});
  }
  const std::string base = links_ ? links_->Base() : std::string(PublicLinks::kDefaultBase);
  std::vector<HouseholdLink> links;
  HouseholdFilter filter;
  filter.region_path_prefix = village->path;
  domain::PageRequest page{0, 500, "number"};
  while (true) {
    auto chunk = tx->Registry().ListHouseholds(filter, page);
    for (const auto& h : chunk.items) {
      links.push_back(
          {h.id, village->name + " " + h.number + " " + h.address,
           base + "/s/" + std::to_string(survey.id) + "?t=" + HouseholdToken(survey, h.id)});
    }
    page.offset += static_cast<std::int64_t>(chunk.items.size());
    if (chunk.items.empty() || page.offset >= chunk.total) break;
  }
  if (links.empty()) {
    throw domain::Conflict("survey.no_households", "该村还没有登记农户，无法发放问卷码");
  }
  return {std::move(survey), std::move(links)};
}

std::vector<HouseholdLink> SurveyService::Links(const Actor& actor, Id id,
                                                std::optional<Id> village_id) {
  return LoadLinks(actor, id, village_id).second;
}

std::string SurveyService::SlipsPdf(const Actor& actor, Id id, std::optional<Id> village_id) {
  auto [survey, links] = LoadLinks(actor, id, village_id);
  std::vector<SurveySlip> slips;
  slips.reserve(links.size());
  for (auto& link : links) slips.push_back({std::move(link.label), std::move(link.url)});
  std::string subject(domain::SurveySubjectLabel(survey.subject));
  subject += "：";
  subject += survey.subject == domain::SurveySubject::kCadre ? survey.subject_user_name
                                                             : survey.subject_text;
  return RenderSurveySlipsPdf({survey.title, subject, survey.opens_on + " 至 " + survey.closes_on},
                              slips);
}

std::vector<HouseholdSurvey> SurveyService::ForHousehold(const Actor& actor, Id household_id) {
  Require(actor, Permission::kRecordSurveys);
  auto tx = store_.BeginRead();
  auto household = tx->Registry().FindHousehold(household_id);
  if (!household) throw domain::NotFound("household.not_found", "户不存在");
  auto member = network_internal::ActingMember(*tx, actor);
  if (!member || network_internal::LinkedMemberOf(*tx, household_id) != member->id) {
    throw domain::Forbidden("survey.not_linked", "该户不是您联系的农户，不能代为答卷");
  }
  std::vector<HouseholdSurvey> out;
  for (auto& s : tx->Surveys().ListOpenFor(household->region_path)) {
    // The cadre evaluated does not record answers about themselves.
    if (s.subject_user_id && *s.subject_user_id == actor.user.id) continue;
    HouseholdSurvey hs;
    if (auto r = tx->Surveys().FindResponse(s.id, household_id)) hs.answered_on = r->answered_on;
    hs.survey = Blanked(std::move(s));
    out.push_back(std::move(hs));
  }
  return out;
}

void SurveyService::Submit(StoreTx& tx, const Survey& survey, const domain::Household& household,
                           domain::AnswerChannel channel, std::optional<Id> recorded_by,
                           std::optional<Id> visit_id,
                           const std::vector<domain::AnswerInput>& answers, domain::Epoch now) {
  auto refuse = [&](AnswerRefusal refusal, const std::string& message) {
    const std::string code(domain::AnswerRefusalCode(refusal));
    tx.Surveys().CountRefusal(survey.id, code);
    tx.Commit();
    throw domain::Conflict(code, message);
  };
  const std::string today = network_internal::DateOf(now);
  if (auto refusal = domain::AnswerWindowRefusal(survey, today)) {
    refuse(*refusal, std::string(domain::AnswerRefusalMessage(*refusal)));
  }
  if (!Covers(survey, household.region_path)) {
    refuse(AnswerRefusal::kOutsideRegion,
           std::string(domain::AnswerRefusalMessage(AnswerRefusal::kOutsideRegion)));
  }
  if (auto first = tx.Surveys().FindResponse(survey.id, household.id)) {
    refuse(AnswerRefusal::kAlreadyAnswered,
           "该户已于" + first->answered_on + "答过本问卷，保留第一次的答卷");
  }
  auto problems = domain::ValidateAnswers(survey, answers);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "答卷有误", std::move(problems));
  }
  const Id village_id = VillageIdOf(tx, household);
  tx.Surveys().InsertResponse(
      {survey.id, household.id, village_id, today, channel, recorded_by, visit_id});
  for (const auto& a : answers) {
    const auto& q = survey.questions[static_cast<std::size_t>(a.question)];
    const bool empty = a.picks.empty() && !a.rating && domain::Trim(a.text).empty();
    if (empty) continue;
    tx.Surveys().AddCount(survey.id, village_id, a.question, 0);
    if (q.kind == QuestionKind::kRating) {
      tx.Surveys().AddCount(survey.id, village_id, a.question, *a.rating);
    } else if (q.kind == QuestionKind::kText) {
      tx.Surveys().InsertText(survey.id, village_id, a.question, domain::Trim(a.text));
    } else {
      for (int p : a.picks) tx.Surveys().AddCount(survey.id, village_id, a.question, p + 1);
    }
  }
  tx.Commit();
}

void SurveyService::Record(const Actor& actor, Id id, Id household_id, std::optional<Id> visit_id,
                           const std::vector<domain::AnswerInput>& answers) {
  Require(actor, Permission::kRecordSurveys);
  auto tx = store_.Begin();
  auto survey = Reload(*tx, id);
  if (survey.subject_user_id && *survey.subject_user_id == actor.user.id) {
    throw domain::Forbidden(std::string(kOwnEvaluation.code), std::string(kOwnEvaluation.message));
  }
  auto household = tx->Registry().FindHousehold(household_id);
  if (!household) throw domain::NotFound("household.not_found", "户不存在");
  auto member = network_internal::ActingMember(*tx, actor);
  if (!member || network_internal::LinkedMemberOf(*tx, household_id) != member->id) {
    throw domain::Forbidden("survey.not_linked", "该户不是您联系的农户，不能代为答卷");
  }
  if (visit_id) {
    auto visit = tx->Network().FindVisit(*visit_id);
    if (!visit || visit->household_id != household_id || visit->visitor_user_id != actor.user.id) {
      throw domain::InvalidInput(
          "validation.failed", "答卷有误",
          {{"visit_id", "survey.bad_visit", "所选民情日记不是您对该户的走访"}});
    }
  }
  Submit(*tx, survey, *household, domain::AnswerChannel::kMember, actor.user.id, visit_id, answers,
         actor.now);
}

namespace {

// The household id of a token, when the token is the survey's for it.
std::optional<Id> HouseholdOfToken(const Survey& survey, const std::string& token) {
  const auto dash = token.find('-');
  if (dash == std::string::npos || dash == 0) return std::nullopt;
  Id household_id = 0;
  const char* first = token.data();
  const char* last = token.data() + dash;
  auto [ptr, ec] = std::from_chars(first, last, household_id);
  if (ec != std::errc() || ptr != last || household_id <= 0) return std::nullopt;
  const std::string expected = SurveyService::HouseholdToken(survey, household_id);
  if (expected.size() != token.size() ||
      sodium_memcmp(expected.data(), token.data(), token.size()) != 0) {
    return std::nullopt;
  }
  return household_id;
}

}  // namespace

PublicSurvey SurveyService::PublicPage(Id id, const std::string& token) {
  auto tx = store_.BeginRead();
  auto survey = tx->Surveys().FindSurvey(id);
  if (!survey || survey->state == SurveyState::kDraft) {
    throw domain::NotFound("survey.not_found", "问卷不存在或尚未开始");
  }
  auto household_id = HouseholdOfToken(*survey, domain::Trim(token));
  if (!household_id) {
    throw domain::NotFound(std::string(domain::AnswerRefusalCode(AnswerRefusal::kBadToken)),
                           std::string(domain::AnswerRefusalMessage(AnswerRefusal::kBadToken)));
  }
  PublicSurvey out;
  if (auto household = tx->Registry().FindHousehold(*household_id)) {
    if (auto village = network_internal::VillageOf(*tx, household->region_path)) {
      out.village_name = village->name;
    } else {
      out.village_name = household->region_name;
    }
  }
  if (auto r = tx->Surveys().FindResponse(id, *household_id)) out.answered_on = r->answered_on;
  out.survey = Blanked(std::move(*survey));
  return out;
}

void SurveyService::Answer(Id id, const std::string& token,
                           const std::vector<domain::AnswerInput>& answers, domain::Epoch now) {
  auto tx = store_.Begin();
  auto survey = tx->Surveys().FindSurvey(id);
  if (!survey || survey->state == SurveyState::kDraft) {
    throw domain::NotFound("survey.not_found", "问卷不存在或尚未开始");
  }
  auto household_id = HouseholdOfToken(*survey, domain::Trim(token));
  std::optional<domain::Household> household;
  if (household_id) household = tx->Registry().FindHousehold(*household_id);
  if (!household) {
    const std::string code(domain::AnswerRefusalCode(AnswerRefusal::kBadToken));
    tx->Surveys().CountRefusal(id, code);
    tx->Commit();
    throw domain::Conflict(code,
                           std::string(domain::AnswerRefusalMessage(AnswerRefusal::kBadToken)));
  }
  Submit(*tx, *survey, *household, domain::AnswerChannel::kLink, std::nullopt, std::nullopt,
         answers, now);
}

}  // namespace minqing::app
