// Issue 15's end-to-end check over real HTTP: a matter goes from intake to the resident's
// sign-off with every message delivered through a real gateway (Tencent Cloud's signed API) to
// the stub provider, which checks each signature; and a handler's open event stream hears of a
// dispatch made in another session.
#include <sys/socket.h>

// clang-format off
#include <utility>  // Before the Asio headers: g++ 12 with C++20 needs it.
// clang-format on
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <thread>

#include "app/sms_outbox.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"
#include "messaging/sms_gateways.hpp"
#include "messaging/stub_sms_provider.hpp"

namespace minqing::messaging {
namespace {

using http::testing::HttpResult;
using Json = nlohmann::json;

class SmsFlowTest : public http::testing::ServerTest {
 protected:
  SmsFlowTest() : ServerTest("minqing_sms_flow_") {}

  void SetUp() override {
    ServerTest::SetUp();
    const app::Actor system = app::SystemActor(http::NowEpoch());
    auto place = AddVillage("东关村");
    app::HouseholdInput household;
    household.region_id = place.village.id;
    household.address = "东关村1号";
    app::ResidentInput head;
    head.name = "王景云";
    head.id_card = "11010519491231002X";
    head.phone = "13812345678";
    head.relation = "户主";
    household_ = services_->registry.CreateHousehold(system, household, {head}).id;
    app::UnitInput unit{"社会事务服务中心", "service_centre", place.township.id, ""};
    unit_ = services_->registry.CreateUnit(system, unit).id;
    app::CategoryInput category;
    category.name = "低保救助";
    category.keywords = "低保 救助";
    category.default_unit_id = unit_;
    category_ = services_->catalogue.CreateCategory(system, category).id;
    AddUser("clerk", "centre_staff", place.township.id);
    app::UserInput handler;
    handler.username = "handler";
    handler.display_name = "handler";
    handler.role = "unit_handler";
    handler.password = PasswordOf("handler");
    handler.scope_unit_id = unit_;
    services_->auth.CreateUser(system, handler);

    SmsGatewayConfig config;
    config.provider = "tencent";
    config.endpoint = stub_.TencentUrl();
    config.secret_id = "stub-secret-id";
    config.secret_key = "stub-secret-key";
    config.sign_name = "饶阳民情";
    config.app_id = "1400000001";
    config.timeout_ms = 2000;
    for (const auto& kind : app::SmsKinds()) config.templates[kind.code] = "T-" + kind.code;
    std::shared_ptr<app::SmsGateway> gateway = MakeSmsGateway(config);
    services_->sms_dispatcher.SetGateway(gateway);
    // The flow runs at any hour of the day: without quiet hours every message is due at once
    // (the quiet hours have their own tests in app/sms_sender_test.cpp).
    services_->sms_quiet_hours->Set(app::SmsQuietHours{0, 0});
    sender_ = std::make_unique<app::SmsSenderThread>(
        services_->sms_dispatcher, std::chrono::milliseconds(20), [] { return http::NowEpoch(); });
    StartServer();
  }

  void TearDown() override {
    sender_.reset();
    ServerTest::TearDown();
  }

  HttpResult Post(const std::string& target, const Json& body, const std::string& token = "") {
    return SendAs("POST", target, token, body.dump());
  }

  // The first message of `template_id` the stub accepted, waiting up to 10 s for it.
  std::optional<StubSmsMessage> WaitForMessage(const std::string& template_id,
                                               std::size_t nth = 0) {
    for (int i = 0; i < 500; ++i) {
      std::size_t seen = 0;
      for (const auto& m : stub_.Messages()) {
        if (m.template_id == template_id && seen++ == nth) return m;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

  std::int64_t QueuedMessages() {
    auto counts = services_->store->BeginRead()->Messaging().CountOutboxByState();
    return counts.contains("queued") ? counts.at("queued") : 0;
  }

  std::string Accepted(const std::string& clerk) {
    auto created = Post("/api/v1/matters",
                        {{"type", "help"},
                         {"category_id", category_},
                         {"household_id", household_},
                         {"content", "家里困难，想申请低保"}},
                        clerk);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.body;
  }

  StubSmsProvider stub_;
  std::unique_ptr<app::SmsSenderThread> sender_;
  domain::Id household_ = 0, unit_ = 0, category_ = 0;
};

TEST_F(SmsFlowTest, AMatterGoesFromIntakeToTheResidentsSignOffWithTheCodeSentThroughTheGateway) {
  const std::string clerk = LoginAs("clerk"), handler = LoginAs("handler");
  Json created = Json::parse(Accepted(clerk));
  const std::string id = std::to_string(created["matter"]["id"].get<domain::Id>());
  const std::string number = created["receipt"]["number"];
  const std::string token = created["receipt"]["token"];
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/dispatch", Json::object(), clerk).status, 200);

  // The handler's message centre has the dispatch.
  HttpResult mine = SendAs("GET", "/api/v1/notifications", handler);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_EQ(mine.Json()["items"][0]["kind"], "matter_dispatched");
  EXPECT_EQ(mine.Json()["items"][0]["link"], "/matters/" + id);
  EXPECT_EQ(mine.Json()["unread"], 1);

  ASSERT_EQ(Post("/api/v1/matters/" + id + "/accept", Json::object(), handler).status, 200);
  ASSERT_EQ(Post("/api/v1/matters/" + id + "/reply", {{"text", "已受理低保申请"}}, handler).status,
            200);
  // The reply reaches the resident's phone, with the link to confirm.
  auto replied = WaitForMessage("T-matter_replied");
  ASSERT_TRUE(replied) << "the reply SMS never reached the provider";
  EXPECT_EQ(replied->phone, "+8613812345678");
  EXPECT_EQ(replied->sign_name, "饶阳民情");
  ASSERT_EQ(replied->params.size(), 2u);
  EXPECT_EQ(replied->params[0].second, number);
  EXPECT_NE(replied->params[1].second.find("/p/" + number), std::string::npos);

  // The resident asks for the code on the public page; it arrives through the gateway only.
  HttpResult code = Post("/api/v1/public/matters/" + number + "/code", {{"token", token}});
  ASSERT_EQ(code.status, 200) << code.body;
  auto sent = WaitForMessage("T-signoff_code");
  ASSERT_TRUE(sent) << "the sign-off code never reached the provider";
  ASSERT_EQ(sent->params.size(), 3u);  // number, code, link, in the kind's order.
  EXPECT_EQ(sent->params[0].second, number);
  const std::string digits = sent->params[1].second;
  EXPECT_EQ(digits.size(), 6u);
  EXPECT_FALSE(sent->idempotency_key.empty());
  EXPECT_EQ(stub_.SignatureFailures(), 0);

  HttpResult confirmed =
      Post("/api/v1/public/matters/" + number + "/confirm",
           {{"token", token}, {"code", digits}, {"solved", true}, {"rating", 5}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  HttpResult page = SendAs("GET", "/api/v1/public/matters/" + number + "?token=" + token, "");
  EXPECT_EQ(page.Json()["status"], "closed") << page.body;

  // The outbox shows both as sent by the provider, with its message ids.
  auto outbox = services_->store->BeginRead()->Messaging().ListOutbox({}, {0, 10, ""});
  int sent_count = 0;
  for (const auto& m : outbox.items) {
    EXPECT_EQ(m.state, "sent") << m.kind;
    EXPECT_EQ(m.provider, "tencent");
    EXPECT_FALSE(m.provider_message_id.empty());
    ++sent_count;
  }
  EXPECT_EQ(sent_count, 2);
}

TEST_F(SmsFlowTest, AProviderThatFailsLeavesTheCodeQueuedAndItIsSentOnceTheProviderRecovers) {
  const std::string clerk = LoginAs("clerk"), handler = LoginAs("handler");
  services_->notifications.PutRules(app::SystemActor(http::NowEpoch()),
                                    {{"matter_replied", true, false}});
  Json created = Json::parse(Accepted(clerk));
  const std::string id = std::to_string(created["matter"]["id"].get<domain::Id>());
  const std::string number = created["receipt"]["number"];
  const std::string token = created["receipt"]["token"];
  Post("/api/v1/matters/" + id + "/dispatch", Json::object(), clerk);
  Post("/api/v1/matters/" + id + "/accept", Json::object(), handler);
  Post("/api/v1/matters/" + id + "/reply", {{"text", "已办理"}}, handler);
  // The dispatch may have queued a message to the handler: the failure is meant for the code,
  // so it is armed only once nothing else is waiting to be sent.
  for (int i = 0; i < 500 && QueuedMessages() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(QueuedMessages(), 0);
  stub_.FailNext(1);
  app::SmsDispatchOptions quick = services_->sms_dispatcher.options();
  quick.first_backoff_seconds = 1;
  services_->sms_dispatcher.SetOptions(quick);
  ASSERT_EQ(Post("/api/v1/public/matters/" + number + "/code", {{"token", token}}).status, 200);
  auto sent = WaitForMessage("T-signoff_code");
  ASSERT_TRUE(sent) << "the code was not retried after the provider's 500";
  auto codes =
      services_->store->BeginRead()->Messaging().ListOutbox({"", "", "signoff_code"}, {0, 1, ""});
  ASSERT_EQ(codes.items.size(), 1u);
  // The gateway has the message before the dispatcher writes down that it was sent: wait for the
  // outbox to record it.
  std::vector<std::string> outcomes;
  for (int i = 0; i < 500; ++i) {
    outcomes.clear();
    for (const auto& e :
         services_->store->BeginRead()->Messaging().OutboxHistory(codes.items.at(0).id)) {
      outcomes.push_back(e.outcome);
    }
    if (!outcomes.empty() && outcomes.back() == "sent") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"queued", "retry", "sent"}));
}

// Reads from a raw socket until `needle` has arrived (or 10 s pass); returns what was read.
std::string ReadUntil(int fd, std::string& buffer, const std::string& needle) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (buffer.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  return buffer;
}

TEST_F(SmsFlowTest, AnOpenEventStreamHearsOfADispatchMadeInAnotherSession) {
  const std::string clerk = LoginAs("clerk"), handler = LoginAs("handler");
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
  http::testing::SetSocketTimeout(socket.native_handle(), 10);
  const std::string request =
      "GET /api/v1/notifications/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + handler +
      "\r\nAccept: text/event-stream\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  std::string got;
  ReadUntil(socket.native_handle(), got, "\"unread\":0");
  ASSERT_NE(got.find("200 OK"), std::string::npos) << got;
  EXPECT_NE(got.find("Content-Type: text/event-stream"), std::string::npos) << got;
  EXPECT_EQ(got.find("Content-Length"), std::string::npos) << got;
  ASSERT_NE(got.find("event: unread\ndata: {\"latest\":null,\"unread\":0}"), std::string::npos)
      << got;

  Json created = Json::parse(Accepted(clerk));
  const auto dispatched_at = std::chrono::steady_clock::now();
  ASSERT_EQ(Post("/api/v1/matters/" + std::to_string(created["matter"]["id"].get<domain::Id>()) +
                     "/dispatch",
                 Json::object(), clerk)
                .status,
            200);
  ReadUntil(socket.native_handle(), got, "\"unread\":1");
  const auto heard_after = std::chrono::steady_clock::now() - dispatched_at;
  ASSERT_NE(got.find("\"unread\":1"), std::string::npos) << got;
  EXPECT_NE(got.find("matter_dispatched"), std::string::npos) << got;
  // Not a timing assertion: only that it came by the stream rather than a reload (the 10 s
  // read timeout bounds it); bench/messages_bench.sh measures the latency (notify_latency.mjs
  // on the stream, notify_browser_latency.mjs in a browser page).
  EXPECT_LT(heard_after, std::chrono::seconds(10));

  // A stream for nobody is refused like any other route without a session.
  HttpResult anonymous = SendAs("GET", "/api/v1/notifications/stream", "");
  EXPECT_EQ(anonymous.status, 401);
}

TEST_F(SmsFlowTest, AStreamWhoseSessionEndedHearsNothingMore) {
  const std::string clerk = LoginAs("clerk"), handler = LoginAs("handler");
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
  http::testing::SetSocketTimeout(socket.native_handle(), 2);
  const std::string request =
      "GET /api/v1/notifications/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + handler +
      "\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  std::string got;
  ReadUntil(socket.native_handle(), got, "\"unread\":0");
  ASSERT_NE(got.find("\"unread\":0"), std::string::npos) << got;
  ASSERT_EQ(Post("/api/v1/auth/logout", Json::object(), handler).status, 204);
  Json created = Json::parse(Accepted(clerk));
  ASSERT_EQ(Post("/api/v1/matters/" + std::to_string(created["matter"]["id"].get<domain::Id>()) +
                     "/dispatch",
                 Json::object(), clerk)
                .status,
            200);
  // The notification is written (the account still has it), but the ended session's stream is
  // not told: reading gives up after the socket's 2 s timeout with nothing new.
  EXPECT_EQ(services_->store->BeginRead()->Messaging().CountUnread(
                services_->store->BeginRead()->Accounts().FindUserByUsername("handler")->id),
            1);
  ReadUntil(socket.native_handle(), got, "\"unread\":1");
  EXPECT_EQ(got.find("\"unread\":1"), std::string::npos) << got;
}

}  // namespace
}  // namespace minqing::messaging
