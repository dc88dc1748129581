// The authorisation matrix, tried from the outside: every path × method of the OpenAPI document
// (built from the registered routes) × every role and anonymous × (an object in the caller's
// scope, an object in another township), on a real server (port 0) over a small fixture county.
// The expected answer comes from the role × permission matrix (domain/authz) and the route table
// (http/route_permissions): anonymous → 401 on authenticated routes; a role without the route's
// permission → 403 auth.forbidden (before any body is read, so the bodies sent here are empty
// objects); a foreign object → 403, or 404 where the route hides whether it exists; an object in
// scope → neither 401 nor 403 (a 400 for the empty body is fine). Never a 5xx.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "app/services.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/route_permissions.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::HttpResult;

constexpr char kPassword[] = "pass-word-1";

// One township's objects: the caller's own (township A) or a foreign one (township B).
struct Side {
  domain::Id township = 0, village = 0, unit = 0, org = 0, member = 0, member_user = 0;
  std::vector<domain::Id> households;
  std::vector<domain::Id> heads, spouses;
  domain::Id matter = 0, attachment = 0, slot = 0, appointment = 0, errand = 0, notice = 0,
             event = 0, visit = 0, link = 0;
  domain::Id assistant_user = 0, posting = 0, agreement = 0;  // The side's posted assistant.
  std::string number;
  std::map<std::string, std::string> ids;  // Resource word → id for paths.
};

class AuthzMatrixTest : public testing::ServerTest {
 protected:
  AuthzMatrixTest() : ServerTest("minqing_authz_") {}

  void SetUp() override {
    ServerTest::SetUp();
    system_ = app::SystemActor(NowEpoch());
    auto county = AddRegion(std::nullopt, "county", "示范县", "330102000000");
    MakeSide(a_, county, "001", "城关镇", "东村");
    MakeSide(b_, county, "002", "河西乡", "西村");
    category_ = services_->catalogue
                    .CreateCategory(system_,
                                    [] {
                                      app::CategoryInput c;
                                      c.name = "低保救助";
                                      c.keywords = "低保";
                                      return c;
                                    }())
                    .id;
    User("admin", "admin", std::nullopt, std::nullopt, std::nullopt);
    User("leader", "leader", a_.township, std::nullopt, std::nullopt);
    User("clerk", "centre_staff", a_.township, std::nullopt, std::nullopt);
    User("handler", "unit_handler", std::nullopt, a_.unit, std::nullopt);
    a_.assistant_user =
        User("assistant", "village_assistant", a_.village, std::nullopt, std::nullopt);
    b_.assistant_user =
        User("assistant_b", "village_assistant", b_.village, std::nullopt, std::nullopt);
    a_.member_user = User("member", "party_member", a_.village, std::nullopt, a_.heads[0]);
    User("resident", "resident", std::nullopt, std::nullopt, a_.heads[1]);
    b_.member_user = User("member_b", "party_member", b_.village, std::nullopt, b_.heads[0]);

    ServerOptions options = testing::TestServerOptions();
    options.web_root = dir_.string();
    options.dev_sms = true;  // So that GET /api/v1/dev/sms is registered and checked too.
    StartServer(options);
    admin_ = Login("admin");
    FillSide(a_, Login("member"));
    FillSide(b_, Login("member_b"));
  }

  domain::Id User(const std::string& name, const char* role, std::optional<domain::Id> region,
                  std::optional<domain::Id> unit, std::optional<domain::Id> resident) {
    app::UserInput in;
    in.username = name;
    in.display_name = name;
    in.role = role;
    in.password = kPassword;
    in.scope_region_id = region;
    in.scope_unit_id = unit;
    in.resident_id = resident;
    return services_->auth.CreateUser(system_, in).id;
  }

  void MakeSide(Side& side, const domain::Region& county, const std::string& t,
                const std::string& town_name, const std::string& village_name) {
    auto& registry = services_->registry;
    auto town = AddRegion(county.id, "township", town_name, "330102" + t + "000");
    auto village = AddRegion(town.id, "village", village_name, "330102" + t + "001");
    side.township = town.id;
    side.village = village.id;
    app::PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = village_name + "党支部";
    branch.region_id = village.id;
    side.org = registry.CreatePartyOrg(system_, branch).id;
    for (int i = 0; i < 3; ++i) {
      app::HouseholdInput h;
      h.region_id = village.id;
      h.address = village_name + std::to_string(i + 1) + "号";
      app::ResidentInput head;
      head.name = village_name + "户主" + std::to_string(i);
      head.id_card = domain::MakeIdCard("330102", "19700101", (t == "001" ? 10 : 30) + i);
      head.phone = "138123456" + t.substr(2) + std::to_string(i);
      head.relation = "户主";
      // A second member, whom the registry routes act on (a move with an empty body takes a
      // resident out of the household: not the one the resident login is).
      app::ResidentInput spouse;
      spouse.name = village_name + "家属" + std::to_string(i);
      spouse.id_card = domain::MakeIdCard("330102", "19720101", (t == "001" ? 50 : 70) + i);
      spouse.relation = "配偶";
      auto id = registry.CreateHousehold(system_, h, {head, spouse}).id;
      side.households.push_back(id);
      for (const auto& member : registry.GetHousehold(system_, id).members) {
        (member.name == head.name ? side.heads : side.spouses).push_back(member.id);
      }
    }
    app::PartyMemberInput member;
    member.resident_id = side.heads[0];
    member.org_id = side.org;
    member.status = "full";
    member.joined_on = "2001-07-01";
    side.member = registry.CreatePartyMember(system_, member).id;
    app::UnitInput unit{town_name + "服务中心", "service_centre", town.id, ""};
    side.unit = registry.CreateUnit(system_, unit).id;
  }

  std::string Login(const std::string& username) { return LoginAs(username, kPassword); }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const Json& body = Json::object()) {
    return Call(port_, method, target, method == "GET" ? "" : body.dump(),
                {{"Authorization", "Bearer " + token}});
  }

  domain::Id Created(const HttpResult& r, const char* what, const char* key = "id") {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << what << ": " << r.status << " " << r.body;
    auto json = r.Json();
    if (json.is_discarded() || !json.contains(key)) return 0;
    return json[key].get<domain::Id>();
  }

  // The objects that need the API (network, matter, diary ...), created by the admin and the
  // side's party member.
  void FillSide(Side& side, const std::string& member) {
    std::string v = std::to_string(side.village);
    HttpResult preview = Send("POST", "/api/v1/network/villages/" + v + "/preview", admin_);
    ASSERT_EQ(preview.status, 200) << preview.body;
    std::string plan = preview.Json()["plan_id"];
    ASSERT_EQ(Send("POST", "/api/v1/network/plans/" + plan + "/apply", admin_).status, 200);
    Json tree = Send("GET", "/api/v1/network/villages/" + v, admin_).Json();
    for (const auto& group : tree["groups"]) {
      for (const auto& m : group["members"]) {
        for (const auto& h : m["households"]) {
          if (side.link == 0) side.link = h["id"].get<domain::Id>();
        }
      }
    }
    HttpResult matter = Send("POST", "/api/v1/matters", admin_,
                             {{"type", "help"},
                              {"category_id", category_},
                              {"household_id", side.households[1]},
                              {"content", "家里困难，想申请低保"}});
    ASSERT_EQ(matter.status, 201) << matter.body;
    side.matter = matter.Json()["matter"]["id"].get<domain::Id>();
    side.number = matter.Json()["matter"]["number"].get<std::string>();
    std::string mid = std::to_string(side.matter);
    EXPECT_EQ(Send("POST", "/api/v1/matters/" + mid + "/dispatch", admin_, {{"unit_id", side.unit}})
                  .status,
              200);
    side.attachment = Created(Send("POST", "/api/v1/matters/" + mid + "/attachments", admin_,
                                   {{"file_name", "a.pdf"},
                                    {"content_type", "application/pdf"},
                                    {"data_base64", "JVBERi0xLjQKJSVFT0YK"}}),
                              "attachment");
    side.slot = Created(
        Send("POST", "/api/v1/units/" + std::to_string(side.unit) + "/slots", admin_,
             {{"date", "2030-03-05"}, {"start", "09:00"}, {"end", "10:00"}, {"capacity", 5}}),
        "slot");
    side.appointment =
        Created(Send("POST", "/api/v1/slots/" + std::to_string(side.slot) + "/appointments", admin_,
                     {{"household_id", side.households[1]},
                      {"person_name", "户主"},
                      {"phone", "13800000000"},
                      {"purpose", "咨询低保"}}),
                "appointment");
    side.errand = Created(Send("POST", "/api/v1/errands", admin_,
                               {{"household_id", side.households[1]},
                                {"matter_id", side.matter},
                                {"purpose", "代办低保"},
                                {"documents", Json::array({{{"name", "户口簿"}, {"copies", 1}}})}}),
                          "errand");
    side.notice = Created(Send("POST", "/api/v1/notices", admin_,
                               {{"region_id", side.village},
                                {"kind", "policy"},
                                {"title", "医保缴费"},
                                {"body", "请按时缴费"},
                                {"due_date", "2030-03-05"}}),
                          "notice");
    side.event = Created(Send("POST", "/api/v1/household-events", admin_,
                              {{"household_id", side.households[1]},
                               {"kind", "hospital"},
                               {"date", "2026-11-30"},
                               {"note", "住院"}}),
                         "event");
    side.visit = Created(Send("POST", "/api/v1/visits", member,
                              {{"household_id", side.households[1]}, {"learned", "一切安好"}}),
                         "visit");
    side.posting = Created(Send("POST", "/api/v1/postings", admin_,
                                {{"user_id", side.assistant_user},
                                 {"region_id", side.village},
                                 {"role", "village_affairs_assistant"},
                                 {"from", "2026-01-01"}}),
                           "posting");
    side.agreement =
        Created(Send("POST", "/api/v1/postings/" + std::to_string(side.posting) + "/agreements",
                     admin_, {{"year", 2026}}),
                "agreement");
    // A year-end vote of the village, about its posted assistant (who may not manage votes).
    domain::Id vote = Created(Send("POST", "/api/v1/votes", admin_,
                                   {{"posting_id", side.posting},
                                    {"title", "述职评议"},
                                    {"year", 2026},
                                    {"report", "述职报告"},
                                    {"opens_at", NowEpoch() - 60},
                                    {"closes_at", NowEpoch() + 3600}}),
                              "vote");
    auto id = [](domain::Id x) { return std::to_string(x); };
    side.ids = {{"postings", id(side.posting)},
                {"scorecards", id(side.posting)},
                {"agreements", id(side.agreement)},
                {"matters", id(side.matter)},
                {"by-number", side.number},
                {"attachments", id(side.attachment)},
                {"households", id(side.households[1])},
                {"deliveries", id(side.households[1])},
                {"residents", id(side.spouses[1])},
                {"regions", id(side.village)},
                {"villages", id(side.village)},
                {"settings", id(side.village)},
                {"stations", id(side.village)},
                {"board", id(side.village)},
                {"units", id(side.unit)},
                {"slots", id(side.slot)},
                {"appointments", id(side.appointment)},
                {"errands", id(side.errand)},
                {"notices", id(side.notice)},
                {"household-events", id(side.event)},
                {"visits", id(side.visit)},
                {"orgs", id(side.org)},
                {"members", id(side.member)},
                {"leader-links", id(side.member)},
                {"links", id(side.link)},
                {"users", id(side.member_user)},
                {"votes", id(vote)}};
  }

  // The path with its parameters filled from `side` (an id that no object has where the fixture
  // holds none of that kind: such a route is then checked for its role half only).
  static std::string Fill(const std::string& pattern, const Side& side, bool* scoped) {
    std::vector<std::string> segments = SplitPath(pattern);
    std::string path;
    *scoped = false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      std::string segment = segments[i];
      if (segment.size() > 2 && segment.front() == '{') {
        std::string word = i > 0 ? segments[i - 1] : "";
        auto it = side.ids.find(word);
        if (it != side.ids.end() && it->second != "0") {
          segment = it->second;
          *scoped = true;
        } else if (segment == "{date}") {
          segment = "2030-10-08";
        } else {
          segment = "1";
        }
      }
      path += "/" + segment;
    }
    return path;
  }

  app::Actor system_;
  std::string admin_;
  domain::Id category_ = 0;
  Side a_, b_;
};

// A list whose scope the test names in the query: a reader whose scope is not the whole county
// reads the audit log of a named object.
std::string ScopedQuery(const std::string& pattern, const Side& side) {
  if (pattern == "/api/v1/audit") {
    return "?entity=household&entity_id=" + std::to_string(side.households[1]);
  }
  return "";
}

// Routes that answer an object outside the caller's scope as if it did not exist (404), so that
// its existence is not revealed; every other route answers 403.
// DELETE /network/links/{id} looks the link up within the caller's scope only.
const std::set<std::string> kHiddenWhenForeign = {"DELETE /api/v1/network/links/{id}"};

// Refusals by a rule of the object itself, not by role or scope: a proof that this caller cannot
// give (the handler typing in the resident's code, staff confirming a visit without the
// household's code). The matrix allows the call; the object still says no, with its own code.
// matter.not_assisting: the assisting unit's actions (协办) are for an assisting unit only, which
// the fixture's unit (the lead) and an administrator are not.
const std::set<std::string> kProofRuleCodes = {
    "sign_off.code_by_handler", "matter.callback_by_handler",  "visit.proof_required",
    "visit.not_own_household",  "sign_off.not_your_household", "matter.not_assisting"};

bool IsObjectScope(RouteScope scope) {
  return scope == RouteScope::kRegion || scope == RouteScope::kMatter ||
         scope == RouteScope::kUnit || scope == RouteScope::kHousehold;
}

// Every registered route has an entry in the route table (one line in route_permissions.cpp),
// and every entry names a registered route.
TEST_F(AuthzMatrixTest, EveryRouteHasAnEntry) {
  ApiOptions options;
  options.dev_sms = true;  // Registers the development outbox too.
  Api api(*services_, options);
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : api.router().routes()) {
    registered.insert({route.method, route.pattern});
    EXPECT_NE(FindRoutePermission(route.method, route.pattern), nullptr)
        << route.method << " " << route.pattern
        << " has no entry in the route table (src/http/route_permissions.cpp)";
  }
  for (const auto& entry : RoutePermissions()) {
    EXPECT_TRUE(registered.count({std::string(entry.method), std::string(entry.pattern)}))
        << entry.method << " " << entry.pattern << " is in the route table but not registered";
    EXPECT_EQ(entry.any_of.empty(), entry.scope == RouteScope::kPublic)
        << entry.method << " " << entry.pattern;
  }
}

TEST_F(AuthzMatrixTest, EveryRouteEveryRoleOwnAndForeignScope) {
  HttpResult doc = Call(port_, "GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  Json paths = doc.Json()["paths"];
  ASSERT_GT(paths.size(), 100u);
  std::map<domain::Role, std::string> tokens;
  for (domain::Role role : domain::AllRoles()) {
    std::string code(domain::RoleCode(role));
    std::string username = code == "centre_staff"        ? "clerk"
                           : code == "unit_handler"      ? "handler"
                           : code == "village_assistant" ? "assistant"
                           : code == "party_member"      ? "member"
                                                         : code;
    tokens[role] = Login(username);
  }
  std::vector<std::string> leaks;
  int requests = 0;
  auto check = [&](bool ok, const std::string& what, const HttpResult& r) {
    if (r.status >= 500) {
      leaks.push_back(what + " → " + std::to_string(r.status) + " " + r.body.substr(0, 160));
    } else if (!ok) {
      leaks.push_back(what + " → " + std::to_string(r.status) + " " + r.body.substr(0, 160));
    }
  };
  // The admin acts last, so that its writes (which succeed) do not change what the others see.
  std::vector<domain::Role> order(domain::AllRoles().begin() + 1, domain::AllRoles().end());
  order.push_back(domain::Role::kAdmin);
  for (const auto& [pattern, methods] : paths.items()) {
    for (const auto& [lower, operation] : methods.items()) {
      std::string method;
      for (char c : lower) method.push_back(static_cast<char>(std::toupper(c)));
      const bool needs_auth = !operation["security"].empty();
      const RoutePermission* entry = FindRoutePermission(method, pattern);
      std::string name = method + " " + pattern;
      if (entry == nullptr) {
        leaks.push_back(name + ": no entry in the route table (src/http/route_permissions.cpp)");
        continue;
      }
      if ((entry->scope == RouteScope::kPublic) == needs_auth) {
        leaks.push_back(name + ": the route table says " +
                        std::string(RouteScopeName(entry->scope)) +
                        " but the route's authentication is the other way");
        continue;
      }
      bool scoped = false;
      std::string own = Fill(pattern, a_, &scoped);
      std::string foreign = Fill(pattern, b_, &scoped);
      const bool query_scoped = !ScopedQuery(pattern, a_).empty();
      own += ScopedQuery(pattern, a_);
      foreign += ScopedQuery(pattern, b_);
      if (!needs_auth) {
        ++requests;
        HttpResult r = Call(port_, method, own, method == "GET" ? "" : "{}");
        check(true, name + " (public)", r);
        continue;
      }
      ++requests;
      HttpResult anonymous = Call(port_, method, own, method == "GET" ? "" : "{}");
      check(anonymous.status == 401, name + " anonymous", anonymous);
      for (domain::Role role : order) {
        std::string who(domain::RoleCode(role));
        if (!RouteAllows(*entry, role)) {
          ++requests;
          HttpResult r = Send(method, own, tokens[role]);
          check(r.status == 403 && r.ErrorCode() == "auth.forbidden",
                name + " as " + who + " (no permission: 403 expected)", r);
          continue;
        }
        if (((scoped && IsObjectScope(entry->scope)) || query_scoped) &&
            role != domain::Role::kAdmin) {
          ++requests;
          HttpResult r = Send(method, foreign, tokens[role]);
          const bool hidden = kHiddenWhenForeign.count(name) > 0;
          check(r.status == (hidden ? 404 : 403),
                name + " as " + who + " on " + foreign +
                    " (foreign scope: " + (hidden ? "404" : "403") + " expected)",
                r);
        }
        if (method == "POST" && pattern == "/api/v1/auth/logout") continue;
        ++requests;
        HttpResult r = Send(method, own, tokens[role]);
        check(r.status != 401 && (r.status != 403 || kProofRuleCodes.count(r.ErrorCode()) > 0),
              name + " as " + who + " on " + own + " (own scope: allowed)", r);
      }
    }
  }
  std::ostringstream report;
  for (const auto& leak : leaks) report << "\n  " << leak;
  EXPECT_TRUE(leaks.empty()) << leaks.size() << " of " << requests
                             << " answers differ from the matrix:" << report.str();
  EXPECT_GT(requests, 700);
}

}  // namespace
}  // namespace minqing::http
