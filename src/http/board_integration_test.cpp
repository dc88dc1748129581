// The village board (公开栏) over HTTP against the real server, with no login: the whole page in
// one answer (party groups with their leader and member → household lists, the notice in force,
// the answered matter without any of the resident's personal data, the station's hours) and its
// A3 poster; an empty village answers with every section empty; a township is no board. And the
// roster upload's voter-flag columns (村两委, 村民代表), whose residents the votes count.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/matter_json.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

constexpr const char* kName = "张秘密";
constexpr const char* kPhone = "13987654321";
constexpr const char* kAddress = "东关村88号";

class BoardIntegrationTest : public testing::ServerTest {
 protected:
  BoardIntegrationTest() : ServerTest("minqing_board_") {}

  void SetUp() override {
    ServerTest::SetUp();
    place_.county = AddRegion(std::nullopt, "county", "饶阳县", "131124000000");
    place_.township = AddRegion(place_.county.id, "township", "饶阳镇", "131124100000");
    place_.village = AddRegion(place_.township.id, "village", "东关村", "131124100201");
    empty_ = AddRegion(place_.township.id, "village", "西关村", "131124100202");
    const app::Actor system = app::SystemActor(kNow);
    app::CategoryInput category;
    category.name = "政策咨询";
    category.keywords = "政策";
    category_ = services_->catalogue.CreateCategory(system, category).id;

    // A household whose head is a party member of 第一党小组, linked to their own household.
    app::HouseholdInput household;
    household.region_id = place_.village.id;
    household.address = kAddress;
    app::ResidentInput head;
    head.name = kName;
    head.id_card = domain::MakeIdCard("131124", "19700101", 11);
    head.phone = kPhone;
    head.relation = "户主";
    household_ = services_->registry.CreateHousehold(system, household, {head}).id;
    app::ResidentInput other_head = head;
    other_head.name = "李党员";
    other_head.id_card = domain::MakeIdCard("131124", "19650303", 21);
    other_head.phone = "13900000002";
    app::HouseholdInput other = household;
    other.address = "东关村2号";
    const domain::Id other_household =
        services_->registry.CreateHousehold(system, other, {other_head}).id;
    app::PartyOrgInput group;
    group.kind = "branch";
    group.name = "东关村党支部";
    group.region_id = place_.village.id;
    const domain::Id org = services_->registry.CreatePartyOrg(system, group).id;
    app::PartyMemberInput member;
    member.resident_id =
        services_->registry.GetHousehold(system, other_household).members.front().id;
    member.org_id = org;
    member.status = "full";
    member.joined_on = "2000-07-01";
    const domain::Id member_id = services_->registry.CreatePartyMember(system, member).id;
    app::PartyOrgEdit lead;
    lead.name = "东关村党支部";
    lead.leader_member_id = member_id;
    services_->registry.UpdatePartyOrg(system, org, lead);
    app::LinkInput link;
    link.member_id = member_id;
    link.household_id = household_;
    services_->network.Pin(system, link);

    AddUser("admin", "admin");
    StartServer();
    admin_ = LoginAs("admin");

    // A notice in force (published now, no due date).
    HttpResult notice = SendAs("POST", "/api/v1/notices", admin_,
                               Json{{"region_id", place_.village.id},
                                    {"kind", "policy"},
                                    {"title", "秋季防火通知"},
                                    {"body", "请勿焚烧秸秆。"}}
                                   .dump());
    ASSERT_EQ(notice.status, 201) << notice.body;

    // A consultation answered on the spot, whose every free-text field holds personal data.
    const std::string secret = std::string(kName) + "，电话" + kPhone + "，住" + kAddress;
    HttpResult matter = SendAs("POST", "/api/v1/matters", admin_,
                               Json{{"type", "consultation"},
                                    {"category_id", category_},
                                    {"household_id", household_},
                                    {"caller_name", kName},
                                    {"caller_phone", kPhone},
                                    {"address", kAddress},
                                    {"title", secret},
                                    {"content", secret},
                                    {"answer_on_spot", true},
                                    {"reply", "已答复" + secret}}
                                   .dump());
    ASSERT_EQ(matter.status, 201) << matter.body;
  }

  std::string Board(domain::Id village) {
    return "/api/v1/public/board/" + std::to_string(village);
  }

  // The text of a PDF as a reader extracts it, or pdfinfo's answer.
  std::string Poppler(const std::string& tool, const std::string& pdf) {
    const auto in = dir_ / "board.pdf";
    const auto out = dir_ / "board.txt";
    std::ofstream(in, std::ios::binary) << pdf;
    const std::string cmd =
        tool == "pdftotext" ? "pdftotext -enc UTF-8 '" + in.string() + "' '" + out.string() + "'"
                            : tool + " '" + in.string() + "' > '" + out.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << tool << " (poppler-utils) is needed";
    std::ifstream read(out);
    return {std::istreambuf_iterator<char>(read), {}};
  }

  testing::ServerTest::Village place_;
  domain::Region empty_;
  domain::Id category_ = 0, household_ = 0;
  std::string admin_;
};

TEST_F(BoardIntegrationTest, TheWholeBoardWithoutLoginAndWithoutPersonalData) {
  HttpResult r = SendAs("GET", Board(place_.village.id), "");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json board = r.Json();
  EXPECT_EQ(board["village_name"], "东关村");
  ASSERT_EQ(board["groups"].size(), 1u);
  EXPECT_EQ(board["groups"][0]["name"], "东关村党支部");
  EXPECT_EQ(board["groups"][0]["leader"], "李党员");
  EXPECT_EQ(board["groups"][0]["members"][0]["name"], "李党员");
  // The member → household list names the household head (as it always has), nothing more.
  EXPECT_EQ(board["groups"][0]["members"][0]["households"], Json::array({kName}));
  ASSERT_EQ(board["notices"].size(), 1u);
  EXPECT_EQ(board["notices"][0]["title"], "秋季防火通知");
  EXPECT_EQ(board["notices"][0]["body"], "请勿焚烧秸秆。");
  EXPECT_FALSE(board["notices"][0].contains("delivered"));
  ASSERT_EQ(board["matters"].size(), 1u);
  const Json& m = board["matters"][0];
  EXPECT_EQ(m["category"], "政策咨询");
  EXPECT_EQ(m["status"], "closed");
  EXPECT_TRUE(m["on_time"].get<bool>());
  EXPECT_TRUE(m["solved"].is_null());
  EXPECT_FALSE(board["station_hours"].get<std::string>().empty());
  EXPECT_TRUE(board["guides"].is_array());
  EXPECT_TRUE(board["last_vote"].is_null());
  // The matter's section holds none of the resident's data, in any field.
  const std::string matters = board["matters"].dump();
  for (const char* personal : {kName, kPhone, kAddress, "电话", "已答复"}) {
    EXPECT_EQ(matters.find(personal), std::string::npos) << personal;
  }
  // Nor does the rest of the page, beyond the head's name on the member's list.
  Json rest = board;
  rest.erase("groups");
  rest.erase("members");
  const std::string text = rest.dump();
  for (const char* personal : {kName, kPhone, kAddress}) {
    EXPECT_EQ(text.find(personal), std::string::npos) << personal;
  }

  HttpResult pdf = SendAs("GET", Board(place_.village.id) + "/board.pdf", "");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_NE(Poppler("pdfinfo", pdf.body).find("841.89 x 1190.55 pts"), std::string::npos);
  const std::string printed = Poppler("pdftotext", pdf.body);
  EXPECT_NE(printed.find("东关村公开栏"), std::string::npos);
  EXPECT_NE(printed.find("秋季防火通知"), std::string::npos);
  EXPECT_NE(printed.find("政策咨询"), std::string::npos);
  for (const char* personal : {kPhone, kAddress, "已答复"}) {
    EXPECT_EQ(printed.find(personal), std::string::npos) << personal;
  }
}

// A village with nothing yet, as after `minqing init` and its regions: every section empty,
// no error, and the poster prints its empty states.
TEST_F(BoardIntegrationTest, AnEmptyVillageHasEveryTextSectionEmpty) {
  HttpResult r = SendAs("GET", Board(empty_.id), "");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json board = r.Json();
  EXPECT_EQ(board["village_name"], "西关村");
  for (const char* list : {"groups", "members", "notices", "matters", "guides"}) {
    EXPECT_TRUE(board[list].is_array() && board[list].empty()) << list;
  }
  EXPECT_TRUE(board["agreement"].is_null());
  EXPECT_TRUE(board["last_vote"].is_null());
  EXPECT_EQ(board["assistant"]["name"], "");
  EXPECT_NE(board["station_hours"].get<std::string>().find("综合服务站"), std::string::npos);
  HttpResult pdf = SendAs("GET", Board(empty_.id) + "/board.pdf", "");
  ASSERT_EQ(pdf.status, 200);
  const std::string printed = Poppler("pdftotext", pdf.body);
  EXPECT_NE(printed.find("西关村公开栏"), std::string::npos);
  EXPECT_NE(printed.find("暂无党员联系户名单"), std::string::npos);
  EXPECT_NE(printed.find("暂无已答复的诉求"), std::string::npos);

  ExpectProblem(SendAs("GET", Board(place_.township.id), ""), 404, "region.not_found");
  ExpectProblem(SendAs("GET", Board(place_.township.id) + "/board.pdf", ""), 404,
                "region.not_found");
  ExpectProblem(SendAs("GET", Board(987654321), ""), 404, "region.not_found");
}

// The roster upload sets and updates the voter flags; a bad value is a row problem on its column
// and writes nothing.
TEST_F(BoardIntegrationTest, RosterUploadSetsTheVoterFlags) {
  const std::string id_card = domain::MakeIdCard("131124", "19800808", 31);
  const std::string code = place_.village.code;
  auto upload = [&](const std::string& committee, const std::string& rep) {
    const std::string csv =
        "户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系,"
        "村两委,村民代表\r\n"
        "H-FLAG-1," +
        code + ",东关村5号,,赵代表,,," + id_card + ",13700001111,户主," + committee + "," + rep +
        "\r\n";
    return SendAs("POST", "/api/v1/roster/import", admin_,
                  Json{{"file_name", "花名册.csv"},
                       {"data_base64", EncodeBase64(csv)},
                       {"mode", "all_or_nothing"}}
                      .dump());
  };
  auto flags = [&] {
    auto resident = services_->store->BeginRead()->Registry().FindResidentByIdCard(id_card);
    EXPECT_TRUE(resident.has_value());
    return resident ? std::pair{resident->village_committee, resident->villager_rep}
                    : std::pair{false, false};
  };
  HttpResult bad = upload("是", "也许");
  ASSERT_EQ(bad.status, 200) << bad.body;
  EXPECT_FALSE(bad.Json()["written"].get<bool>());
  ASSERT_EQ(bad.Json()["problems"].size(), 1u) << bad.body;
  EXPECT_EQ(bad.Json()["problems"][0]["row"], 2);
  EXPECT_EQ(bad.Json()["problems"][0]["column"], "村民代表");
  EXPECT_FALSE(services_->store->BeginRead()->Registry().FindResidentByIdCard(id_card));

  HttpResult first = upload("是", "否");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.Json()["written"].get<bool>()) << first.body;
  EXPECT_EQ(flags(), (std::pair{true, false}));
  HttpResult again = upload("0", "Y");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["residents_changed"], 1) << again.body;
  EXPECT_EQ(flags(), (std::pair{false, true}));
}

}  // namespace
}  // namespace minqing::http
