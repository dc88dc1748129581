#include "app/votes.hpp"

#include <sodium.h>

#include <ctime>
#include <set>
#include <utility>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/scorecards/scorecards.hpp"
#include "app/vote_slips_pdf.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::app {
namespace {

using domain::Permission;
using domain::VoteSession;
using domain::VoteState;

constexpr Refusal kOwnSession{"vote.own_session", "被评议人不能组织、发放或查看本人的评议"};

// "2026年12月20日 09:00", China time.
std::string ChinaTime(domain::Epoch epoch) {
  std::time_t t = static_cast<std::time_t>(epoch + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%d年%d月%d日 %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min);
  return text;
}

std::string NewCode() {
  std::string code;
  for (std::size_t i = 0; i < domain::kVoteCodeLength; ++i) {
    code.push_back(domain::kVoteCodeAlphabet[randombytes_uniform(
        static_cast<std::uint32_t>(domain::kVoteCodeAlphabet.size()))]);
  }
  return code;
}

bool IsMobile(const std::string& phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string SessionSnapshot(const VoteSession& s) {
  return JsonObjectWriter()
      .Add("title", s.title)
      .Add("year", std::int64_t{s.year})
      .Add("region_id", s.region_id)
      .Add("assessed_user_id", s.assessed_user_id)
      .Add("posting_id", s.posting_id)
      .Add("state", domain::VoteStateCode(s.state))
      .Add("opens_at", s.opens_at)
      .Add("closes_at", s.closes_at)
      .Add("printed", s.printed)
      .Add("texted", s.texted)
      .Finish();
}

VoteSession Reload(StoreTx& tx, Id id) {
  auto session = tx.Votes().FindSession(id);
  if (!session) throw domain::NotFound("vote.not_found", "评议不存在");
  return *session;
}

}  // namespace

std::string VoteCodeHash(const std::string& code) {
  return Sha256Hex("minqing-vote:" + domain::NormalizeVoteCode(code));
}

VoteService::VoteService(Store& store) : store_(store) {}

VoteSessionView VoteService::View(StoreTx& tx, const Actor& actor, VoteSession session) {
  VoteSessionView view;
  view.eligible =
      static_cast<std::int64_t>(tx.Votes().ListEligibleVoters(session.region_path).size());
  view.may_manage = domain::RoleHas(actor.user.role, Permission::kManageVotes) &&
                    domain::RegionInScope(actor.user, session.region_path) &&
                    actor.user.id != session.assessed_user_id;
  if (view.may_manage) {
    view.codes_issued = tx.Votes().CountCodes(session.id, false);
    view.codes_used = tx.Votes().CountCodes(session.id, true);
    view.refusals = tx.Votes().Refusals(session.id);
  }
  if (session.state == VoteState::kPublished) view.tally = tx.Votes().Tally(session.id);
  view.session = std::move(session);
  return view;
}

domain::VoteSession VoteService::LoadForManage(StoreTx& tx, const Actor& actor, Id id) {
  Require(actor, Permission::kManageVotes);
  auto session = tx.Votes().FindSession(id);
  if (!session) throw domain::NotFound("vote.not_found", "评议不存在");
  Require(actor, Permission::kManageVotes, session->region_path);
  if (actor.user.id == session->assessed_user_id) {
    throw domain::Forbidden(std::string(kOwnSession.code), std::string(kOwnSession.message));
  }
  return *session;
}

std::vector<VoteSessionView> VoteService::List(const Actor& actor, std::optional<Id> region_id,
                                               std::optional<int> year) {
  Require(actor, Permission::kReadVotes);
  auto tx = store_.BeginRead();
  std::string prefix = actor.user.scope_region_path;
  if (region_id) {
    auto region = tx->Registry().FindRegion(*region_id);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    Require(actor, Permission::kReadVotes, region->path);
    prefix = region->path;
  }
  std::vector<VoteSessionView> out;
  for (auto& session : tx->Votes().ListSessions(prefix, year)) {
    if (!domain::RegionInScope(actor.user, session.region_path)) continue;
    out.push_back(View(*tx, actor, std::move(session)));
  }
  return out;
}

VoteSessionView VoteService::Get(const Actor& actor, Id id) {
  Require(actor, Permission::kReadVotes);
  auto tx = store_.BeginRead();
  auto session = Reload(*tx, id);
  Require(actor, Permission::kReadVotes, session.region_path);
  return View(*tx, actor, std::move(session));
}

std::vector<EligibleVoter> VoteService::Voters(const Actor& actor, Id id) {
  auto tx = store_.BeginRead();
  auto session = LoadForManage(*tx, actor, id);
  auto voters = tx->Votes().ListEligibleVoters(session.region_path);
  for (auto& v : voters) v.phone = domain::MaskPhone(v.phone);
  return voters;
}

VoteSessionView VoteService::Create(const Actor& actor, const VoteSessionInput& input) {
  Require(actor, Permission::kManageVotes);
  auto tx = store_.Begin();
  auto posting = input.posting_id != 0 ? tx->Postings().FindPosting(input.posting_id)
                                       : std::optional<domain::Posting>();
  if (!posting) {
    throw domain::InvalidInput("validation.failed", "评议信息有误",
                               {{"posting_id", "vote.posting_required", "请选择被评议的派驻干部"}});
  }
  Require(actor, Permission::kManageVotes, posting->region_path,
          {"auth.forbidden", "无权为该村的派驻干部组织评议"});
  auto region = tx->Registry().FindRegion(posting->region_id);
  if (!region || region->level != domain::RegionLevel::kVillage) {
    throw domain::InvalidInput(
        "validation.failed", "评议信息有误",
        {{"posting_id", "vote.village_required", "评议只能按村（社区）组织"}});
  }
  auto assessed = tx->Accounts().FindUser(posting->user_id);
  if (!assessed) {
    throw domain::InvalidInput("validation.failed", "评议信息有误",
                               {{"posting_id", "vote.assessed_required", "派驻账号不存在"}});
  }
  if (assessed->id == actor.user.id) {
    throw domain::Forbidden(std::string(kOwnSession.code), std::string(kOwnSession.message));
  }
  std::string scorecard = "{}";
  if (input.year >= 2000 && input.year <= 2100) {
    scorecard = ScorecardService::FrozenJson(
        ScorecardService::Compute(*tx, *posting, ScorecardQuery{input.year, "", ""}));
  }
  VoteSession s;
  s.id = domain::NewId();
  s.region_id = region->id;
  s.region_path = region->path;
  s.assessed_user_id = assessed->id;
  s.posting_id = posting->id;
  s.title = domain::Trim(input.title);
  s.year = input.year;
  s.report = input.report;
  s.scorecard = std::move(scorecard);
  s.opens_at = input.opens_at;
  s.closes_at = input.closes_at;
  s.state = VoteState::kDraft;
  s.created_by = actor.user.id == 0 ? std::nullopt : std::optional<Id>(actor.user.id);
  s.created_at = actor.now;
  s.updated_at = actor.now;
  auto problems = domain::ValidateVoteSession(s);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "评议信息有误", std::move(problems));
  }
  tx->Votes().InsertSession(s);
  RecordAudit(*tx, actor, "vote.create", "vote", s.id, "", SessionSnapshot(s));
  tx->Commit();
  auto read = store_.BeginRead();
  return View(*read, actor, Reload(*read, s.id));
}

VoteSessionView VoteService::Update(const Actor& actor, Id id, const VoteSessionPatch& patch) {
  auto tx = store_.Begin();
  auto s = LoadForManage(*tx, actor, id);
  if (s.state != VoteState::kDraft) {
    throw domain::Conflict("vote.not_draft", "投票开始后不能再修改述职报告和投票时间");
  }
  const std::string before = SessionSnapshot(s);
  if (patch.title) s.title = domain::Trim(*patch.title);
  if (patch.report) s.report = *patch.report;
  if (patch.opens_at) s.opens_at = *patch.opens_at;
  if (patch.closes_at) s.closes_at = *patch.closes_at;
  auto problems = domain::ValidateVoteSession(s);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "评议信息有误", std::move(problems));
  }
  s.updated_at = actor.now;
  tx->Votes().UpdateSession(s);
  RecordAudit(*tx, actor, "vote.update", "vote", s.id, before, SessionSnapshot(s));
  tx->Commit();
  auto read = store_.BeginRead();
  return View(*read, actor, Reload(*read, id));
}

VoteSessionView VoteService::Transition(const Actor& actor, Id id, VoteState from, VoteState to,
                                        const char* action) {
  auto tx = store_.Begin();
  auto s = LoadForManage(*tx, actor, id);
  if (s.state != from) {
    throw domain::Conflict("vote.bad_state", std::string("评议当前状态为“") +
                                                 std::string(domain::VoteStateLabel(s.state)) +
                                                 "”，不能执行此操作");
  }
  if (to == VoteState::kOpen && domain::Trim(s.report).empty()) {
    throw domain::Conflict("vote.report_required", "请先填写述职报告再开始投票");
  }
  const std::string before = SessionSnapshot(s);
  s.state = to;
  s.updated_at = actor.now;
  if (to == VoteState::kPublished) s.published_at = actor.now;
  tx->Votes().UpdateSession(s);
  // At the close no stored message says any longer which code a voter was sent.
  if (to == VoteState::kClosed) tx->Votes().ScrubSentVoteCodes();
  RecordAudit(*tx, actor, action, "vote", s.id, before, SessionSnapshot(s));
  tx->Commit();
  auto read = store_.BeginRead();
  return View(*read, actor, Reload(*read, id));
}

VoteSessionView VoteService::Open(const Actor& actor, Id id) {
  return Transition(actor, id, VoteState::kDraft, VoteState::kOpen, "vote.open");
}

VoteSessionView VoteService::Close(const Actor& actor, Id id) {
  return Transition(actor, id, VoteState::kOpen, VoteState::kClosed, "vote.close");
}

VoteSessionView VoteService::Publish(const Actor& actor, Id id) {
  return Transition(actor, id, VoteState::kClosed, VoteState::kPublished, "vote.publish");
}

IssueResult VoteService::Issue(const Actor& actor, Id id,
                               std::optional<IssueChannel> maybe_channel) {
  // Read and draw first (the PDF takes a while), then store in one short write transaction that
  // checks again that nothing was issued meanwhile.
  std::vector<EligibleVoter> voters;
  VoteSession session;
  {
    auto tx = store_.BeginRead();
    session = LoadForManage(*tx, actor, id);
    if (!maybe_channel) {
      throw domain::InvalidInput(
          "validation.failed", "发放方式有误",
          {{"channel", "vote.bad_channel", "发放方式应为 print（打印）或 sms（短信）"}});
    }
    if (session.issued_at) {
      throw domain::Conflict("vote.already_issued",
                             "本次评议的投票码已经发放过，不能再次发放（每人只有一个投票码）");
    }
    if (session.state != VoteState::kDraft && session.state != VoteState::kOpen) {
      throw domain::Conflict("vote.bad_state", "投票已经结束，不能发放投票码");
    }
    voters = tx->Votes().ListEligibleVoters(session.region_path);
  }
  if (voters.empty()) {
    throw domain::Conflict("vote.no_voters",
                           "该村没有登记村两委成员、党员或村民代表，无法发放投票码");
  }
  const IssueChannel channel = maybe_channel.value_or(IssueChannel::kPrint);
  const std::string base = links_ ? links_->Base() : std::string(PublicLinks::kDefaultBase);
  const std::string page = base + "/v/" + std::to_string(session.id);

  IssueResult result;
  result.eligible = static_cast<std::int64_t>(voters.size());
  std::vector<std::string> hashes;
  std::vector<SmsDraft> texts;
  std::set<std::string> phones;
  for (const auto& voter : voters) {
    std::string code = NewCode();
    hashes.push_back(VoteCodeHash(code));
    const std::string printed = domain::FormatVoteCode(code);
    // One phone, one message: a phone shared by two voters gets one text, the other a slip.
    if (channel == IssueChannel::kSms && IsMobile(voter.phone) &&
        phones.insert(voter.phone).second) {
      SmsDraft draft;
      draft.phone = voter.phone;
      draft.kind = "vote_code";
      draft.params = {{"title", session.title}, {"code", printed}, {"link", page}};
      draft.text = "您受邀参加“";
      draft.text += session.title;
      draft.text += "”，投票码 ";
      draft.text += printed;
      draft.text += "，请打开 ";
      draft.text += page;
      draft.text += " 阅读述职报告后投票。一码一票，请勿转告他人。";
      texts.push_back(std::move(draft));
      continue;
    }
    std::string url = page;
    url += "?c=";
    url += printed;
    result.slips.push_back({printed, std::move(url)});
  }
  if (!result.slips.empty()) {
    VoteSlipHeader header{session.title, session.region_name, session.assessed_name,
                          ChinaTime(session.opens_at) + " 至 " + ChinaTime(session.closes_at)};
    std::vector<VoteSlip> slips;
    for (const auto& s : result.slips) slips.push_back({s.code, s.url});
    result.slips_pdf = RenderVoteSlipsPdf(header, slips);
  }

  auto tx = store_.Begin();
  auto fresh = LoadForManage(*tx, actor, id);
  if (fresh.issued_at) {
    throw domain::Conflict("vote.already_issued",
                           "本次评议的投票码已经发放过，不能再次发放（每人只有一个投票码）");
  }
  const std::string before = SessionSnapshot(fresh);
  tx->Votes().InsertCodes(fresh.id, hashes);
  for (const auto& draft : texts) sms_->Send(*tx, draft, actor.now);
  result.texted = static_cast<std::int64_t>(texts.size());
  fresh.issued_at = actor.now;
  fresh.printed = static_cast<std::int64_t>(result.slips.size());
  fresh.texted = result.texted;
  fresh.updated_at = actor.now;
  tx->Votes().UpdateSession(fresh);
  RecordAudit(*tx, actor, "vote.issue", "vote", fresh.id, before, SessionSnapshot(fresh));
  tx->Commit();
  return result;
}

PublicVote VoteService::PublicPage(Id id) {
  auto tx = store_.BeginRead();
  auto session = tx->Votes().FindSession(id);
  if (!session || session->state == VoteState::kDraft) {
    throw domain::NotFound("vote.not_found", "评议不存在或尚未开始");
  }
  PublicVote out;
  if (session->state == VoteState::kPublished) out.tally = tx->Votes().Tally(id);
  out.session = std::move(*session);
  return out;
}

void VoteService::CastBallot(Id id, const std::string& code, const std::string& choice_text,
                             domain::Epoch now) {
  auto choice = domain::ParseVoteChoice(domain::Trim(choice_text));
  if (!choice) {
    throw domain::InvalidInput("validation.failed", "请选择满意、基本满意或不满意",
                               {{"choice", "vote.bad_choice", "请选择满意、基本满意或不满意"}});
  }
  auto tx = store_.Begin();
  auto session = tx->Votes().FindSession(id);
  if (!session || session->state == VoteState::kDraft) {
    throw domain::NotFound("vote.not_found", "评议不存在或尚未开始");
  }
  auto refuse = [&](domain::BallotRefusal refusal) {
    tx->Votes().CountRefusal(id, domain::BallotRefusalCode(refusal));
    tx->Commit();
    throw domain::Conflict(std::string(domain::BallotRefusalCode(refusal)),
                           std::string(domain::BallotRefusalMessage(refusal)));
  };
  if (auto refusal = domain::BallotWindowRefusal(*session, now)) refuse(*refusal);
  const std::string normalized = domain::NormalizeVoteCode(code);
  if (normalized.size() != domain::kVoteCodeLength) refuse(domain::BallotRefusal::kCodeUnknown);
  const std::string hash = VoteCodeHash(normalized);
  if (tx->Votes().UseCode(hash, id)) {
    tx->Votes().AddVote(id, *choice);
    tx->Commit();
    return;
  }
  auto stored = tx->Votes().FindCode(hash);
  if (!stored) {
    refuse(domain::BallotRefusal::kCodeUnknown);
  } else if (stored->session_id != id) {
    refuse(domain::BallotRefusal::kCodeForeign);
  } else {
    refuse(domain::BallotRefusal::kCodeUsed);
  }
}

std::vector<PublicVote> VoteService::PublishedResults(Id village_id, int limit) {
  auto tx = store_.BeginRead();
  std::vector<PublicVote> out;
  for (auto& session : tx->Votes().ListPublished(village_id, limit)) {
    PublicVote vote;
    vote.tally = tx->Votes().Tally(session.id);
    vote.session = std::move(session);
    out.push_back(std::move(vote));
  }
  return out;
}

}  // namespace minqing::app
