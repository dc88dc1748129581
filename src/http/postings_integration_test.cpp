// Postings (驻村) and target-responsibility agreements on a real server (port 0): a township
// leader posts an assistant, an overlapping posting is refused naming the other one, the
// assistant drafts their agreement, the leader signs it, a signed agreement cannot change, and
// the public board shows the assistant and the signed agreement. Scope: an assistant cannot post
// anyone, cannot sign their own agreement and cannot read or edit another's; the leader of
// another township can neither see nor change anything here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class PostingsHttpTest : public testing::ServerTest {
 protected:
  PostingsHttpTest() : ServerTest("minqing_postings_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    auto county = AddRegion(std::nullopt, "county", "示范县");
    auto east = AddRegion(county.id, "township", "东镇");
    auto west = AddRegion(county.id, "township", "西镇");
    village_ = AddRegion(east.id, "village", "东村").id;
    other_village_ = AddRegion(east.id, "village", "南村").id;
    west_village_ = AddRegion(west.id, "village", "西村").id;
    AddUser("admin", "admin");
    AddUser("leader_east", "leader", east.id);
    AddUser("leader_west", "leader", west.id);
    AddUser("zhang", "village_assistant", village_);
    AddUser("lisi", "village_assistant", other_village_);
    StartServer();
    leader_ = LoginAs("leader_east");
    west_leader_ = LoginAs("leader_west");
    zhang_ = LoginAs("zhang");
    li_ = LoginAs("lisi");
    zhang_id_ = UserId(leader_, "zhang");
    li_id_ = UserId(leader_, "lisi");
    year_ = domain::FormatDate(domain::ChinaDay(NowEpoch())).substr(0, 4);
  }

  domain::Id UserId(const std::string& token, const std::string& name) {
    HttpResult r = SendAs("GET", "/api/v1/postings/candidates", token);
    EXPECT_EQ(r.status, 200) << r.body;
    const Json body = r.Json();
    for (const auto& c : body["items"]) {
      if (c["name"] == name) return c["id"].get<domain::Id>();
    }
    ADD_FAILURE() << name << " is no candidate: " << r.body;
    return 0;
  }

  Json PostingBody(domain::Id user, domain::Id village, const std::string& from,
                   const std::string& role = "village_affairs_assistant") {
    return {{"user_id", user},      {"region_id", village},        {"role", role},
            {"team", "三万工作队"}, {"home_unit", "县农业农村局"}, {"from", from}};
  }

  Json AgreementBody(double second_weight = 40) {
    return {{"year", std::stoi(year_)},
            {"items", Json::array({{{"kind", "visit_coverage"}, {"target", 100}, {"weight", 60}},
                                   {{"kind", "custom"},
                                    {"label", "协调修通村道"},
                                    {"target", 1},
                                    {"unit", "项"},
                                    {"weight", second_weight}}})}};
  }

  static std::string Id(const HttpResult& r) {
    return std::to_string(r.Json()["id"].get<domain::Id>());
  }

  domain::Id village_ = 0, other_village_ = 0, west_village_ = 0;
  domain::Id zhang_id_ = 0, li_id_ = 0;
  std::string leader_, west_leader_, zhang_, li_, year_;
};

TEST_F(PostingsHttpTest, PostingOverlapAndScope) {
  HttpResult created = SendAs("POST", "/api/v1/postings", leader_,
                              PostingBody(zhang_id_, village_, "2026-01-01").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["role_label"], "村级事务助理");
  EXPECT_EQ(created.Json()["region_name"], "东村");
  EXPECT_TRUE(created.Json()["to"].is_null());

  // Same village, same role, overlapping period: refused, naming the other posting.
  HttpResult overlap = SendAs("POST", "/api/v1/postings", leader_,
                              PostingBody(li_id_, village_, "2026-03-01").dump());
  ExpectProblem(overlap, 409, "posting.overlap");
  const std::string message = overlap.Json()["error"]["message"];
  EXPECT_NE(message.find("zhang"), std::string::npos) << message;
  EXPECT_NE(message.find(Id(created)), std::string::npos) << message;
  // Another role in the same village is fine; so is the same role before the first starts.
  EXPECT_EQ(SendAs("POST", "/api/v1/postings", leader_,
                   PostingBody(li_id_, village_, "2026-03-01", "first_secretary").dump())
                .status,
            201);
  Json before = PostingBody(li_id_, village_, "2025-01-01");
  before["to"] = "2025-12-31";
  EXPECT_EQ(SendAs("POST", "/api/v1/postings", leader_, before.dump()).status, 201);
  ExpectProblem(SendAs("POST", "/api/v1/postings", leader_,
                       PostingBody(li_id_, village_, "2026-13-01").dump()),
                400, "validation.failed");

  // An assistant cannot post anyone; another township's leader cannot post here nor read.
  ExpectProblem(SendAs("POST", "/api/v1/postings", zhang_,
                       PostingBody(li_id_, other_village_, "2026-01-01").dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/postings", west_leader_,
                       PostingBody(li_id_, other_village_, "2026-01-01").dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("GET", "/api/v1/postings/" + Id(created), west_leader_), 403,
                "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/postings/" + Id(created) + "/end", west_leader_,
                       Json{{"to", "2026-06-30"}}.dump()),
                403, "auth.forbidden");
  EXPECT_EQ(SendAs("GET", "/api/v1/postings", west_leader_).Json()["total"], 0);
  EXPECT_EQ(SendAs("GET", "/api/v1/postings", leader_).Json()["total"], 3);
  // The assistant reads their own postings only.
  HttpResult own = SendAs("GET", "/api/v1/postings", zhang_);
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.Json()["total"], 1);
  EXPECT_EQ(own.Json()["items"][0]["user_name"], "zhang");
  HttpResult current = SendAs("GET", "/api/v1/postings?current=true&role=first_secretary", leader_);
  EXPECT_EQ(current.Json()["total"], 1) << current.body;

  // Ending: never before the start; then the record stays with its end date.
  ExpectProblem(SendAs("POST", "/api/v1/postings/" + Id(created) + "/end", leader_,
                       Json{{"to", "2025-12-31"}}.dump()),
                400, "validation.failed");
  HttpResult ended = SendAs("POST", "/api/v1/postings/" + Id(created) + "/end", leader_,
                            Json{{"to", "2026-06-30"}}.dump());
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.Json()["to"], "2026-06-30");
  EXPECT_EQ(SendAs("GET", "/api/v1/postings/" + Id(created), leader_).Json()["to"], "2026-06-30");
  // After the end, the next assistant may start the day after.
  EXPECT_EQ(SendAs("POST", "/api/v1/postings", leader_,
                   PostingBody(li_id_, village_, "2026-07-01").dump())
                .status,
            201);
}

TEST_F(PostingsHttpTest, AgreementSignedByTheLeaderIsFrozenAndPublic) {
  HttpResult zhang_posting = SendAs("POST", "/api/v1/postings", leader_,
                                    PostingBody(zhang_id_, village_, "2026-01-01").dump());
  ASSERT_EQ(zhang_posting.status, 201) << zhang_posting.body;
  HttpResult li_posting = SendAs("POST", "/api/v1/postings", leader_,
                                 PostingBody(li_id_, other_village_, "2026-01-01").dump());
  ASSERT_EQ(li_posting.status, 201) << li_posting.body;
  const std::string zp = Id(zhang_posting);

  // The assistant drafts their own agreement; not one for someone else's posting.
  HttpResult draft =
      SendAs("POST", "/api/v1/postings/" + zp + "/agreements", zhang_, AgreementBody(30).dump());
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_EQ(draft.Json()["items"][0]["label"], "走访农户覆盖率");
  EXPECT_EQ(draft.Json()["items"][0]["unit"], "%");
  const std::string a = Id(draft);
  ExpectProblem(SendAs("POST", "/api/v1/postings/" + Id(li_posting) + "/agreements", zhang_,
                       AgreementBody().dump()),
                403, "auth.forbidden");
  // One per posting and year.
  ExpectProblem(
      SendAs("POST", "/api/v1/postings/" + zp + "/agreements", leader_, AgreementBody().dump()),
      409, "agreement.exists");
  // Weights add up to 90: cannot be signed yet.
  ExpectProblem(SendAs("POST", "/api/v1/agreements/" + a + "/sign", leader_,
                       Json{{"signed_on", year_ + "-02-01"}}.dump()),
                400, "agreement.weights");
  ASSERT_EQ(SendAs("PUT", "/api/v1/agreements/" + a, leader_, AgreementBody(40).dump()).status,
            200);

  // Who must not sign: the assistant themselves, and another township's leader; nor may li or
  // the other leader read or change it.
  ExpectProblem(SendAs("POST", "/api/v1/agreements/" + a + "/sign", zhang_,
                       Json{{"signed_on", year_ + "-02-01"}}.dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/agreements/" + a + "/sign", west_leader_,
                       Json{{"signed_on", year_ + "-02-01"}}.dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("PUT", "/api/v1/agreements/" + a, li_, AgreementBody().dump()), 403,
                "auth.forbidden");
  ExpectProblem(SendAs("PUT", "/api/v1/agreements/" + a, west_leader_, AgreementBody().dump()), 403,
                "auth.forbidden");
  ExpectProblem(SendAs("GET", "/api/v1/agreements/" + a, li_), 403, "auth.forbidden");
  ExpectProblem(SendAs("GET", "/api/v1/agreements/" + a, west_leader_), 403, "auth.forbidden");
  // Unsigned: the public board shows the assistant but no agreement.
  HttpResult unsigned_board =
      SendAs("GET", "/api/v1/public/board/" + std::to_string(village_) + "/assistant", "");
  ASSERT_EQ(unsigned_board.status, 200) << unsigned_board.body;
  EXPECT_EQ(unsigned_board.Json()["assistant"]["name"], "zhang");
  EXPECT_TRUE(unsigned_board.Json()["agreement"].is_null());

  HttpResult signed_ = SendAs("POST", "/api/v1/agreements/" + a + "/sign", leader_,
                              Json{{"signed_on", year_ + "-02-01"}}.dump());
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(signed_.Json()["signed_on"], year_ + "-02-01");
  EXPECT_EQ(signed_.Json()["signed_by_name"], "leader_east");

  // Signed: any change is refused and nothing changes, even by the administrator.
  const std::string stored = SendAs("GET", "/api/v1/agreements/" + a, zhang_).body;
  Json changed = AgreementBody();
  changed["items"][0]["target"] = 50;
  for (const std::string& who : {leader_, zhang_, LoginAs("admin")}) {
    ExpectProblem(SendAs("PUT", "/api/v1/agreements/" + a, who, changed.dump()), 409,
                  "agreement.signed");
    ExpectProblem(SendAs("POST", "/api/v1/agreements/" + a + "/sign", leader_,
                         Json{{"signed_on", year_ + "-03-01"}}.dump()),
                  409, "agreement.signed");
  }
  EXPECT_EQ(SendAs("GET", "/api/v1/agreements/" + a, zhang_).body, stored);

  // The public board: the assistant from the posting, with the signed agreement.
  HttpResult board =
      SendAs("GET", "/api/v1/public/board/" + std::to_string(village_) + "/assistant", "");
  ASSERT_EQ(board.status, 200) << board.body;
  EXPECT_EQ(board.Json()["assistant"]["role_label"], "村级事务助理");
  EXPECT_EQ(board.Json()["agreement"]["signed_on"], year_ + "-02-01");
  EXPECT_EQ(board.Json()["agreement"]["items"].size(), 2u);
  HttpResult members = SendAs("GET", "/api/v1/public/board/" + std::to_string(village_), "");
  ASSERT_EQ(members.status, 200) << members.body;
  EXPECT_EQ(members.Json()["assistant"]["name"], "zhang");
  ExpectProblem(SendAs("GET", "/api/v1/public/board/999/assistant", ""), 404, "region.not_found");

  HttpResult pdf = SendAs("GET", "/api/v1/agreements/" + a + "/agreement.pdf", zhang_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  // The Chinese text is real text in the PDF (pdftotext, poppler-utils).
  const auto path = dir_ / "agreement.pdf";
  const auto text = dir_ / "agreement.txt";
  std::ofstream(path, std::ios::binary) << pdf.body;
  const std::string cmd =
      "pdftotext -layout -enc UTF-8 '" + path.string() + "' '" + text.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) is needed";
  std::ifstream in(text);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* expected :
       {"目标责任书", "东村", "村级事务助理", "走访农户覆盖率", "协调修通村道"}) {
    EXPECT_NE(content.find(expected), std::string::npos) << expected << " not in:\n" << content;
  }
  EXPECT_NE(content.find(year_ + "-02-01"), std::string::npos) << content;
  ExpectProblem(SendAs("GET", "/api/v1/agreements/" + a + "/agreement.pdf", west_leader_), 403,
                "auth.forbidden");
}

}  // namespace
}  // namespace minqing::http
