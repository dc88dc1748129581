// The year-end report and vote (述职评议) against the real server: a whole vote with printed
// codes (create, report, open, issue slips, ballots on the public API, refusals of a used, a
// foreign, an unknown and a late code, close, publish, the tally on the board), and its
// anonymity read from the database itself: no table joins a choice to a code, a voter or a time,
// and a ballot adds no row anywhere. The administrator and the assessed cadre cannot vote without
// a code, read the tally before it is published, or issue a second set of codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "http/api.hpp"
#include "http/test_server.hpp"
#include "storage/sql_store.hpp"

namespace minqing::http {
namespace {

using Json = nlohmann::json;
using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;

class VotesIntegrationTest : public testing::ServerTest {
 protected:
  VotesIntegrationTest() : ServerTest("minqing_votes_") {}

  void SetUp() override {
    ServerTest::SetUp();
    place_ = AddVillage("东街村");
    other_ = AddRegion(place_.township.id, "village", "西街村");
    AddUser("admin", "admin");
    AddUser("leader", "leader", place_.township.id);
    AddUser("clerk", "centre_staff", place_.township.id);
    AddUser("zhuli", "village_assistant", place_.village.id);  // The assessed cadre.
    AddUser("leader2", "leader", place_.township.id);          // Assessed in another session.
    StartServer();
    admin_ = LoginAs("admin");
    leader_ = LoginAs("leader");
    clerk_ = LoginAs("clerk");
    assessed_ = LoginAs("zhuli");
    leader2_ = LoginAs("leader2");
    for (const auto& u : services_->auth.ListUsers(app::SystemActor(kNow), {0, 100, ""}).items) {
      users_[u.username] = u.id;
    }
  }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const Json& body = Json()) {
    return SendAs(method, target, token, body.is_null() ? "" : body.dump());
  }

  // Voters: a committee member and a villager representative set through the resident API, a
  // party member, and a resident who holds no role.
  void AddVoters(const domain::Region& village) {
    HttpResult made = Send("POST", "/api/v1/households", admin_,
                           {{"region_id", village.id},
                            {"address", "东街1号"},
                            {"members",
                             {{{"name", "甲委员"},
                               {"relation", "户主"},
                               {"phone", "13800000001"},
                               {"village_committee", true}},
                              {{"name", "乙代表"}, {"relation", "配偶"}, {"phone", "13800000002"}},
                              {{"name", "丙党员"}, {"relation", "子"}},
                              {{"name", "丁群众"}, {"relation", "女"}}}}});
    ASSERT_EQ(made.status, 201) << made.body;
    const auto household = made.Json()["id"].get<domain::Id>();
    Json detail = Send("GET", "/api/v1/households/" + std::to_string(household), admin_).Json();
    std::map<std::string, domain::Id> ids;
    for (const auto& m : detail["members"]) ids[m["name"]] = m["id"].get<domain::Id>();
    HttpResult rep = Send("PATCH", "/api/v1/residents/" + std::to_string(ids["乙代表"]), admin_,
                          {{"name", "乙代表"}, {"relation", "配偶"}, {"villager_rep", true}});
    ASSERT_EQ(rep.status, 200) << rep.body;
    EXPECT_TRUE(rep.Json()["villager_rep"].get<bool>());
    // An edit that does not name the flags keeps them.
    HttpResult kept = Send("PATCH", "/api/v1/residents/" + std::to_string(ids["甲委员"]), admin_,
                           {{"name", "甲委员"}, {"relation", "户主"}});
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_TRUE(kept.Json()["village_committee"].get<bool>());
    app::PartyOrgInput org;
    org.kind = "branch";
    org.name = village.name + "党支部";
    org.region_id = village.id;
    auto branch = services_->registry.CreatePartyOrg(app::SystemActor(kNow), org);
    app::PartyMemberInput member;
    member.resident_id = ids["丙党员"];
    member.org_id = branch.id;
    member.status = "full";
    services_->registry.CreatePartyMember(app::SystemActor(kNow), member);
  }

  // The posting of `user` in `village` (made once): leader2 as first secretary, leader as contact
  // cadre, anyone else as the village affairs assistant, so that postings do not overlap.
  domain::Id PostingOf(const std::string& user, const domain::Region& village) {
    const std::string key = user + "@" + std::to_string(village.id);
    if (postings_.count(key)) return postings_[key];
    app::PostingInput in;
    in.user_id = users_[user];
    in.region_id = village.id;
    in.role = user == "leader2"  ? "first_secretary"
              : user == "leader" ? "contact_cadre"
                                 : "village_affairs_assistant";
    in.from = "2026-01-01";
    return postings_[key] = services_->postings.Create(app::SystemActor(kNow), in).id;
  }

  // A session made by `token` on the posting of `assessed` in `village`, open from `opens` to
  // `closes` (epoch seconds). The scorecard the request carries is ignored: the server computes it.
  domain::Id CreateSession(const std::string& token, const domain::Region& village,
                           const std::string& assessed, domain::Epoch opens, domain::Epoch closes) {
    HttpResult r = Send("POST", "/api/v1/votes", token,
                        {{"posting_id", PostingOf(assessed, village)},
                         {"title", "2026年度村级事务助理述职评议"},
                         {"year", 2026},
                         {"opens_at", opens},
                         {"closes_at", closes},
                         {"scorecard", {{"走访农户", "92%"}, {"代办按时率", "100%"}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().value("id", domain::Id{0});
  }

  std::string VotePath(domain::Id id, const std::string& tail = "") {
    return "/api/v1/votes/" + std::to_string(id) + tail;
  }

  HttpResult Ballot(domain::Id id, const std::string& code, const std::string& choice,
                    const std::string& token = "") {
    return Send("POST", "/api/v1/public/votes/" + std::to_string(id) + "/ballot", token,
                {{"code", code}, {"choice", choice}});
  }

  // Opens `id` (with a report) and issues printed slips; the codes as printed.
  std::vector<std::string> OpenAndPrint(domain::Id id) {
    EXPECT_EQ(
        Send("PATCH", VotePath(id), leader_, {{"report", "一年来走访农户、代办事项……"}}).status,
        200);
    EXPECT_EQ(Send("POST", VotePath(id, "/open"), leader_).status, 200);
    HttpResult issued = Send("POST", VotePath(id, "/issue"), leader_, {{"channel", "print"}});
    EXPECT_EQ(issued.status, 200) << issued.body;
    EXPECT_FALSE(issued.Json()["slips"].empty()) << issued.body;
    std::vector<std::string> codes;
    const Json answer = issued.Json();
    for (const auto& slip : answer["slips"]) codes.push_back(slip["code"].get<std::string>());
    return codes;
  }

  // Every table's row count, read straight from the database file.
  std::map<std::string, std::int64_t> RowCounts(storage::Connection& conn) {
    std::map<std::string, std::int64_t> out;
    for (const auto& row : conn.Query(
             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      const std::string table = row.GetText(0);
      out[table] = conn.Query("SELECT COUNT(*) FROM \"" + table + "\"").at(0).GetInt64(0);
    }
    return out;
  }

  Village place_;
  domain::Region other_;
  std::string admin_, leader_, clerk_, assessed_, leader2_;
  std::map<std::string, domain::Id> users_;
  std::map<std::string, domain::Id> postings_;
};

TEST_F(VotesIntegrationTest, WholeVoteWithPrintedCodesIsTalliedAndAnonymous) {
  AddVoters(place_.village);
  AddVoters(other_);
  const domain::Epoch now = NowEpoch();
  const domain::Id vote = CreateSession(leader_, place_.village, "zhuli", now - 60, now + 3600);
  ASSERT_NE(vote, 0);

  // A draft is not on the public page; it cannot open without a report.
  ExpectProblem(Send("GET", "/api/v1/public/votes/" + std::to_string(vote), ""), 404,
                "vote.not_found");
  ExpectProblem(Send("POST", VotePath(vote, "/open"), leader_), 409, "vote.report_required");
  HttpResult voters = Send("GET", VotePath(vote, "/voters"), leader_);
  ASSERT_EQ(voters.status, 200) << voters.body;
  std::set<std::string> names;
  const Json voter_list = voters.Json();
  for (const auto& v : voter_list["items"]) names.insert(v["name"].get<std::string>());
  EXPECT_EQ(names, (std::set<std::string>{"甲委员", "乙代表", "丙党员"}));

  std::vector<std::string> codes = OpenAndPrint(vote);
  ASSERT_EQ(codes.size(), 3u);
  for (const auto& code : codes) EXPECT_EQ(code.size(), 11u) << code;  // "ABCDE-FGHJK".
  // Issued once: a second issue gives nobody a second code, whoever asks.
  ExpectProblem(Send("POST", VotePath(vote, "/issue"), leader_, {{"channel", "print"}}), 409,
                "vote.already_issued");
  ExpectProblem(Send("POST", VotePath(vote, "/issue"), admin_, {{"channel", "sms"}}), 409,
                "vote.already_issued");

  // The public page shows the assessed person, the report and the frozen scorecard.
  HttpResult page = Send("GET", "/api/v1/public/votes/" + std::to_string(vote), "");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json()["assessed_name"], "zhuli");
  EXPECT_EQ(page.Json()["report"], "一年来走访农户、代办事项……");
  // The scorecard is the one the server computed from the posting, not the request's.
  const Json card = page.Json()["scorecard"];
  EXPECT_FALSE(card.contains("走访农户")) << card.dump();
  ASSERT_TRUE(card["lines"].is_array()) << card.dump();
  EXPECT_EQ(card["lines"][0]["kind"], "visit_coverage");
  EXPECT_EQ(card["lines"][0]["item"], "走访农户覆盖率");
  EXPECT_EQ(card["year"], 2026);
  EXPECT_EQ(card["lines"].back()["item"], "合计");
  EXPECT_TRUE(page.Json()["result"].is_null());

  // Another village's open session, for a foreign code; a session already past its close.
  const domain::Id foreign = CreateSession(admin_, other_, "zhuli", now - 60, now + 3600);
  std::vector<std::string> foreign_codes = OpenAndPrint(foreign);
  ASSERT_FALSE(foreign_codes.empty());
  const domain::Id late = CreateSession(admin_, place_.village, "leader2", now - 7200, now - 3600);
  std::vector<std::string> late_codes = OpenAndPrint(late);
  ASSERT_FALSE(late_codes.empty());

  auto db = storage::OpenDatabase((dir_ / "db.sqlite").string());
  auto conn = db->Acquire();
  auto codes_before = conn->Query("SELECT rowid, code_hash FROM vote_codes ORDER BY rowid");
  auto before = RowCounts(*conn);

  // Ballots, in another order than the slips were printed; the code as typed on a phone.
  std::string typed = codes[2];
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  std::transform(typed.begin(), typed.end(), typed.begin(),
                 [](char c) { return static_cast<char>(std::tolower(c)); });
  HttpResult first = Ballot(vote, typed, "satisfied");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(RowCounts(*conn), before) << "a ballot must add no row to any table";
  ASSERT_EQ(Ballot(vote, codes[0], "基本满意").status, 200);

  // Refusals, each with its code, each counted.
  ExpectProblem(Ballot(vote, codes[0], "unsatisfied"), 409, "vote.code_used");
  ExpectProblem(Ballot(vote, foreign_codes[0], "unsatisfied"), 409, "vote.code_foreign");
  ExpectProblem(Ballot(vote, "ZZZZZ-ZZZZZ", "unsatisfied"), 409, "vote.code_unknown");
  ExpectProblem(Ballot(late, late_codes[0], "unsatisfied"), 409, "vote.closed");
  ExpectProblem(Ballot(vote, codes[1], "maybe"), 400, "validation.failed");
  // The administrator and the assessed cadre have no code: signed in or not, they cannot vote.
  ExpectProblem(Ballot(vote, "", "satisfied", admin_), 409, "vote.code_unknown");
  ExpectProblem(Ballot(vote, "", "satisfied", assessed_), 409, "vote.code_unknown");
  // Nor can they issue themselves a second code.
  ExpectProblem(Send("POST", VotePath(vote, "/issue"), assessed_, {{"channel", "print"}}), 403,
                "auth.forbidden");

  // Before the close nobody reads the tally; the organisers read the turnout and refusals.
  HttpResult organiser = Send("GET", VotePath(vote), leader_);
  ASSERT_EQ(organiser.status, 200) << organiser.body;
  EXPECT_TRUE(organiser.Json()["result"].is_null());
  EXPECT_EQ(organiser.Json()["turnout"]["codes_issued"], 3);
  EXPECT_EQ(organiser.Json()["turnout"]["codes_used"], 2);
  EXPECT_EQ(organiser.Json()["turnout"]["refusals"]["vote.code_used"], 1);
  EXPECT_EQ(organiser.Json()["turnout"]["refusals"]["vote.code_foreign"], 1);
  EXPECT_EQ(organiser.Json()["turnout"]["refusals"]["vote.code_unknown"], 3);
  EXPECT_EQ(organiser.Json()["turnout"]["refusals"]["vote.closed"], 0);
  HttpResult late_view = Send("GET", VotePath(late), leader_);
  EXPECT_EQ(late_view.Json()["turnout"]["refusals"]["vote.closed"], 1);
  for (const auto* token : {&admin_, &assessed_, &clerk_}) {
    HttpResult r = Send("GET", VotePath(vote), *token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.Json()["result"].is_null()) << r.body;
  }
  // The assessed cadre and other readers do not see the turnout either.
  EXPECT_TRUE(Send("GET", VotePath(vote), assessed_).Json()["turnout"].is_null());
  EXPECT_TRUE(Send("GET", VotePath(vote), clerk_).Json()["turnout"].is_null());
  EXPECT_TRUE(
      Send("GET", "/api/v1/public/votes/" + std::to_string(vote), "").Json()["result"].is_null());
  EXPECT_TRUE(Send("GET",
                   "/api/v1/public/villages/" + std::to_string(place_.village.id) + "/vote-results",
                   "")
                  .Json()["items"]
                  .empty());
  ExpectProblem(Send("POST", VotePath(vote, "/publish"), leader_), 409, "vote.bad_state");

  // Close: the last code is refused as late and counted.
  ASSERT_EQ(Send("POST", VotePath(vote, "/close"), leader_).status, 200);
  ExpectProblem(Ballot(vote, codes[1], "unsatisfied"), 409, "vote.closed");
  EXPECT_TRUE(Send("GET", VotePath(vote), admin_).Json()["result"].is_null());
  HttpResult published = Send("POST", VotePath(vote, "/publish"), leader_);
  ASSERT_EQ(published.status, 200) << published.body;
  Json result = published.Json()["result"];
  EXPECT_EQ(result["counts"]["satisfied"], 1);
  EXPECT_EQ(result["counts"]["basic"], 1);
  EXPECT_EQ(result["counts"]["unsatisfied"], 0);
  EXPECT_EQ(result["total"], 2);
  EXPECT_DOUBLE_EQ(result["satisfaction_rate"].get<double>(), 1.0);
  HttpResult board = Send(
      "GET", "/api/v1/public/villages/" + std::to_string(place_.village.id) + "/vote-results", "");
  ASSERT_EQ(board.status, 200) << board.body;
  ASSERT_EQ(board.Json()["items"].size(), 1u);
  EXPECT_EQ(board.Json()["items"][0]["result"]["total"], 2);
  EXPECT_EQ(board.Json()["items"][0]["assessed_name"], "zhuli");

  // Anonymity, from the schema: no table holds a choice beside a code, a voter or a time.
  std::vector<std::string> choice_tables;
  for (const auto& row : conn->Query(
           "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    const std::string table = row.GetText(0);
    std::vector<std::string> columns;
    for (const auto& column : conn->Query("PRAGMA table_info(\"" + table + "\")")) {
      columns.push_back(column.GetText(1));
    }
    auto has = [&](const std::string& part) {
      return std::any_of(columns.begin(), columns.end(),
                         [&](const std::string& c) { return c.find(part) != std::string::npos; });
    };
    if (!has("choice")) continue;
    choice_tables.push_back(table);
    for (const char* linking :
         {"code", "voter", "resident", "user", "phone", "_at", "time", "rowid"}) {
      EXPECT_FALSE(has(linking)) << table << " joins a choice to " << linking;
    }
    EXPECT_EQ(std::count(columns.begin(), columns.end(), "id"), 0)
        << table << " has a (time-ordered) id beside a choice";
  }
  // The survey counters (V043) are the other anonymous counters; the checks above hold for them
  // too. A new table with a choice column must be added here after passing them.
  std::sort(choice_tables.begin(), choice_tables.end());
  EXPECT_EQ(choice_tables, (std::vector<std::string>{"survey_counts", "vote_tallies"}));
  std::vector<std::string> code_columns;
  for (const auto& column : conn->Query("PRAGMA table_info(vote_codes)")) {
    code_columns.push_back(column.GetText(1));
  }
  EXPECT_EQ(code_columns, (std::vector<std::string>{"code_hash", "session_id", "used"}));
  // From the rows: using a code moved no row (the order of the rows is the order of issue, the
  // same before and after the ballots), and the counters are one row per choice.
  EXPECT_EQ(conn->Query("SELECT rowid, code_hash FROM vote_codes ORDER BY rowid").size(),
            codes_before.size());
  auto codes_after = conn->Query("SELECT rowid, code_hash FROM vote_codes ORDER BY rowid");
  for (std::size_t i = 0; i < codes_before.size(); ++i) {
    EXPECT_EQ(codes_after[i].GetInt64(0), codes_before[i].GetInt64(0));
    EXPECT_EQ(codes_after[i].GetText(1), codes_before[i].GetText(1));
  }
  EXPECT_EQ(conn->Query("SELECT COUNT(*) FROM vote_tallies WHERE session_id = $1", {vote})
                .at(0)
                .GetInt64(0),
            3);
  // No code is stored in clear and no audit entry was written for a ballot.
  for (const auto& code : codes) {
    std::string plain = code;
    plain.erase(std::remove(plain.begin(), plain.end(), '-'), plain.end());
    EXPECT_TRUE(
        conn->Query("SELECT code_hash FROM vote_codes WHERE code_hash = $1", {plain}).empty());
  }
  EXPECT_TRUE(conn->Query("SELECT id FROM audit_log WHERE action LIKE 'vote.ballot%'").empty());
}

TEST_F(VotesIntegrationTest, OrganisersWhoAreAssessedAndReadersOutsideScopeAreRefused) {
  AddVoters(place_.village);
  const domain::Epoch now = NowEpoch();
  // The administrator organises a vote on leader2, who could otherwise manage votes.
  const domain::Id vote = CreateSession(admin_, place_.village, "leader2", now - 60, now + 3600);
  ASSERT_EQ(Send("PATCH", VotePath(vote), admin_, {{"report", "述职报告"}}).status, 200);
  ExpectProblem(Send("POST", VotePath(vote, "/open"), leader2_), 403, "vote.own_session");
  ASSERT_EQ(Send("POST", VotePath(vote, "/open"), admin_).status, 200);
  ExpectProblem(Send("POST", VotePath(vote, "/issue"), leader2_, {{"channel", "print"}}), 403,
                "vote.own_session");
  HttpResult own = Send("GET", VotePath(vote), leader2_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(own.Json()["turnout"].is_null());
  EXPECT_FALSE(own.Json()["may_manage"].get<bool>());
  // Nobody creates a vote on themselves.
  HttpResult self = Send("POST", "/api/v1/votes", leader_,
                         {{"posting_id", PostingOf("leader", place_.village)},
                          {"title", "自评"},
                          {"year", 2026},
                          {"opens_at", now},
                          {"closes_at", now + 60}});
  ExpectProblem(self, 403, "vote.own_session");
  // A village outside the leader's township.
  auto far = AddRegion(place_.county.id, "township", "河西乡");
  auto far_village = AddRegion(far.id, "village", "河西村");
  HttpResult outside = Send("POST", "/api/v1/votes", leader_,
                            {{"posting_id", PostingOf("zhuli", far_village)},
                             {"title", "评议"},
                             {"year", 2026},
                             {"opens_at", now},
                             {"closes_at", now + 60}});
  ExpectProblem(outside, 403, "auth.forbidden");
  // A posting is required and must exist; the period must be a period.
  ExpectProblem(
      Send("POST", "/api/v1/votes", leader_,
           {{"title", "评议"}, {"year", 2026}, {"opens_at", now}, {"closes_at", now + 60}}),
      400, "validation.failed");
  HttpResult town = Send("POST", "/api/v1/votes", leader_,
                         {{"posting_id", 987654321},
                          {"title", "评议"},
                          {"year", 2026},
                          {"opens_at", now},
                          {"closes_at", now + 60}});
  ExpectProblem(town, 400, "validation.failed");
  HttpResult backwards = Send("POST", "/api/v1/votes", leader_,
                              {{"posting_id", PostingOf("zhuli", place_.village)},
                               {"title", "评议"},
                               {"year", 2026},
                               {"opens_at", now},
                               {"closes_at", now - 60}});
  ExpectProblem(backwards, 400, "validation.failed");
  // A clerk reads, but does not manage.
  ExpectProblem(Send("POST", VotePath(vote, "/close"), clerk_), 403, "auth.forbidden");
  // The PDF of slips is a PDF.
  HttpResult issued = Send("POST", VotePath(vote, "/issue"), admin_, {{"channel", "print"}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.Json()["slips_pdf_base64"].get<std::string>().substr(0, 6), "JVBERi");
  EXPECT_EQ(issued.Json()["printed"], 3);
}

TEST_F(VotesIntegrationTest, SmsIssuesOneCodePerPhoneAndSlipsForTheRest) {
  AddVoters(place_.village);
  const domain::Epoch now = NowEpoch();
  const domain::Id vote = CreateSession(leader_, place_.village, "zhuli", now - 60, now + 3600);
  ASSERT_EQ(Send("PATCH", VotePath(vote), leader_, {{"report", "述职报告"}}).status, 200);
  HttpResult issued = Send("POST", VotePath(vote, "/issue"), leader_, {{"channel", "sms"}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  // 甲委员 and 乙代表 have mobiles; 丙党员 has none and gets a printed slip.
  EXPECT_EQ(issued.Json()["texted"], 2);
  EXPECT_EQ(issued.Json()["printed"], 1);
  auto db = storage::OpenDatabase((dir_ / "db.sqlite").string());
  auto conn = db->Acquire();
  auto texts = conn->Query("SELECT phone, text FROM sms_outbox WHERE kind = 'vote_code'");
  ASSERT_EQ(texts.size(), 2u);
  // The close blanks what was sent (here still queued: the dispatcher is not running, so they
  // are blanked once sent by the next close; mark them sent as the dispatcher would).
  conn->Execute("UPDATE sms_outbox SET state = 'sent' WHERE kind = 'vote_code'");
  ASSERT_EQ(Send("POST", VotePath(vote, "/open"), leader_).status, 200);
  ASSERT_EQ(Send("POST", VotePath(vote, "/close"), leader_).status, 200);
  for (const auto& row :
       conn->Query("SELECT text, params FROM sms_outbox WHERE kind = 'vote_code'")) {
    EXPECT_EQ(row.GetText(0).find("投票码 "), std::string::npos) << row.GetText(0);
    EXPECT_EQ(row.GetText(1), "{}");
  }
}

}  // namespace
}  // namespace minqing::http
