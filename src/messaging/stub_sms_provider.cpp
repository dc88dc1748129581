#include "messaging/stub_sms_provider.hpp"

// clang-format off
#include <utility>  // Before the Asio headers: g++ 12 with C++20 needs it.
// clang-format on

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

#include "messaging/alibaba_sms.hpp"
#include "messaging/signing.hpp"
#include "messaging/tencent_sms.hpp"
#include "messaging/webhook_sms.hpp"

namespace minqing::messaging {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;
using Request = bhttp::request<bhttp::string_body>;

constexpr std::int64_t kMaxSkewSeconds = 300;

struct Answer {
  int status = 200;
  std::string body;
  bool hang = false;
};

Answer JsonAnswer(int status, const json& body) { return {status, body.dump(), false}; }

std::string Header(const Request& request, std::string_view name) {
  const auto found = request.find(beast::string_view(name.data(), name.size()));
  if (found == request.end()) return {};
  return std::string(found->value());
}

std::string Target(const Request& request) { return std::string(request.target()); }

std::string PathOf(const Request& request) {
  const std::string target = Target(request);
  return target.substr(0, target.find('?'));
}

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
}

// "Credential=a, SignedHeaders=b, Signature=c" (after the algorithm) -> {name: value}.
std::map<std::string, std::string> AuthorizationFields(std::string_view fields) {
  std::map<std::string, std::string> out;
  for (const std::string& part : Split(fields, ',')) {
    const std::string item = Trimmed(part);
    const auto equals = item.find('=');
    if (equals != std::string::npos) out[item.substr(0, equals)] = item.substr(equals + 1);
  }
  return out;
}

// The signed headers named in `list` ("a;b;c") with the values the request carries; nullopt when
// one is missing.
std::optional<HeaderList> SignedHeaderValues(const Request& request, const std::string& list) {
  HeaderList headers;
  for (const std::string& name : Split(list, ';')) {
    const auto found = request.find(name);
    if (found == request.end()) return std::nullopt;
    headers.emplace_back(name, std::string(found->value()));
  }
  return headers;
}

bool Contains(const std::string& list, const std::string& name) {
  for (const std::string& item : Split(list, ';')) {
    if (item == name) return true;
  }
  return false;
}

std::string Text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return {};
}

}  // namespace

class StubSmsProvider::Impl {
 public:
  explicit Impl(StubSmsProviderOptions options)
      : options_(std::move(options)), acceptor_(context_) {}

  std::uint16_t Start() {
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    Accept();
    thread_ = std::thread([this] { context_.run(); });
    return port_;
  }

  void Stop() {
    context_.stop();
    if (thread_.joinable()) thread_.join();
  }

  Answer Handle(const Request& request);

  std::uint16_t port_ = 0;
  StubSmsProviderOptions options_;
  mutable std::mutex mutex_;
  int fail_next_ = 0;
  int hang_next_ = 0;
  int error_next_ = 0;
  std::string error_code_;
  std::set<std::string> rejected_templates_;
  std::set<std::string> nonces_;
  std::vector<StubSmsMessage> messages_;
  int requests_ = 0;
  int signature_failures_ = 0;
  int next_id_ = 0;

  asio::io_context context_;
  tcp::acceptor acceptor_;
  std::thread thread_;

 private:
  void Accept();
  // `request_id` names the request in the clouds' answers.
  Answer Tencent(const Request& request, const std::string& request_id);
  Answer Alibaba(const Request& request, const std::string& request_id);
  Answer Webhook(const Request& request);
  // Takes one of the error answers the test asked for; the caller holds mutex_.
  bool TakeErrorLocked(std::string& code) {
    if (error_next_ <= 0) return false;
    --error_next_;
    code = error_code_;
    return true;
  }
  std::string Record(StubSmsMessage message) {
    message.provider_message_id = "stub-" + message.provider + "-" + std::to_string(++next_id_);
    messages_.push_back(message);
    return message.provider_message_id;
  }
};

namespace {

// One client connection, handled on the stub's I/O thread.
class StubSession : public std::enable_shared_from_this<StubSession> {
 public:
  StubSession(tcp::socket socket, StubSmsProvider::Impl& stub)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), stub_(stub) {}

  void Read() {
    request_ = {};
    bhttp::async_read(
        stream_, buffer_, request_,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnRead(error); });
  }

 private:
  void OnRead(beast::error_code error) {
    if (error) return Close();
    const Answer answer = stub_.Handle(request_);
    if (answer.hang) {
      timer_.expires_after(stub_.options_.hang_for);
      timer_.async_wait([self = shared_from_this()](beast::error_code) { self->Close(); });
      return;
    }
    auto response = std::make_shared<bhttp::response<bhttp::string_body>>();
    response->version(request_.version());
    response->result(static_cast<unsigned>(answer.status));
    response->set(bhttp::field::content_type, "application/json; charset=utf-8");
    response->keep_alive(request_.keep_alive());
    response->body() = answer.body;
    response->prepare_payload();
    bhttp::async_write(
        stream_, *response,
        [self = shared_from_this(), response](beast::error_code write_error, std::size_t) {
          if (write_error || !response->keep_alive()) return self->Close();
          self->Read();
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  StubSmsProvider::Impl& stub_;
  beast::flat_buffer buffer_;
  Request request_;
};

}  // namespace

void StubSmsProvider::Impl::Accept() {
  acceptor_.async_accept([this](beast::error_code error, tcp::socket socket) {
    if (error) return;
    std::make_shared<StubSession>(std::move(socket), *this)->Read();
    Accept();
  });
}

Answer StubSmsProvider::Impl::Handle(const Request& request) {
  std::string request_id;
  {
    std::lock_guard lock(mutex_);
    request_id = "stub-request-" + std::to_string(++requests_);
    if (hang_next_ > 0) {
      --hang_next_;
      return {0, "", true};
    }
    if (fail_next_ > 0) {
      --fail_next_;
      return JsonAnswer(500, {{"error", "stub: internal error"}});
    }
  }
  if (request.method() != bhttp::verb::post) {
    return JsonAnswer(405, {{"error", "stub: POST only"}});
  }
  const std::string path = PathOf(request);
  if (path == "/tencent") return Tencent(request, request_id);
  if (path == "/alibaba") return Alibaba(request, request_id);
  if (path == "/webhook") return Webhook(request);
  return JsonAnswer(404, {{"error", "stub: no such path " + path}});
}

Answer StubSmsProvider::Impl::Tencent(const Request& request, const std::string& request_id) {
  auto error = [&](const std::string& code, const std::string& message) {
    return JsonAnswer(
        200, {{"Response",
               {{"Error", {{"Code", code}, {"Message", message}}}, {"RequestId", request_id}}}});
  };
  auto auth_failure = [&](const std::string& code, const std::string& message) {
    std::lock_guard lock(mutex_);
    ++signature_failures_;
    return error(code, message);
  };
  const std::string authorization = Header(request, "Authorization");
  constexpr std::string_view kAlgorithm = "TC3-HMAC-SHA256 ";
  if (authorization.rfind(kAlgorithm, 0) != 0) {
    return auth_failure("AuthFailure.InvalidAuthorization", "Authorization is not TC3");
  }
  auto fields = AuthorizationFields(std::string_view(authorization).substr(kAlgorithm.size()));
  const std::vector<std::string> credential = Split(fields["Credential"], '/');
  if (credential.size() != 4 || credential[2] != "sms" || credential[3] != "tc3_request") {
    return auth_failure("AuthFailure.InvalidAuthorization", "bad Credential");
  }
  if (credential[0] != options_.secret_id) {
    return auth_failure("AuthFailure.SecretIdNotFound", "The SecretId is not found");
  }
  std::int64_t timestamp = 0;
  try {
    timestamp = std::stoll(Header(request, "X-TC-Timestamp"));
  } catch (const std::exception&) {
    return auth_failure("AuthFailure.InvalidAuthorization", "bad X-TC-Timestamp");
  }
  if (timestamp < Now() - kMaxSkewSeconds || timestamp > Now() + kMaxSkewSeconds) {
    return auth_failure("AuthFailure.SignatureExpire", "The signature has expired");
  }
  const std::string& signed_list = fields["SignedHeaders"];
  const auto headers = SignedHeaderValues(request, signed_list);
  if (!headers || !Contains(signed_list, "content-type") || !Contains(signed_list, "host") ||
      credential[1] != UtcDate(timestamp)) {
    return auth_failure("AuthFailure.InvalidAuthorization", "bad SignedHeaders or date");
  }
  Tc3Input input;
  input.method = std::string(request.method_string());
  input.canonical_uri = PathOf(request);
  input.headers = *headers;
  input.payload = request.body();
  input.timestamp = timestamp;
  input.service = "sms";
  if (!ConstantTimeEquals(SignTc3(input, options_.secret_key).signature, fields["Signature"])) {
    return auth_failure("AuthFailure.SignatureFailure",
                        "The provided credentials could not be "
                        "validated");
  }
  if (Header(request, "X-TC-Action") != "SendSms") return error("InvalidAction", "not SendSms");
  if (Header(request, "X-TC-Version") != kTencentSmsVersion) {
    return error("InvalidParameter.Version", "bad X-TC-Version");
  }
  const json body = json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("PhoneNumberSet") ||
      !body["PhoneNumberSet"].is_array() || body["PhoneNumberSet"].size() != 1) {
    return error("InvalidParameter", "bad body");
  }
  StubSmsMessage message;
  message.provider = "tencent";
  message.phone = Text(body["PhoneNumberSet"][0]);
  message.template_id = Text(body.value("TemplateId", json()));
  message.sign_name = Text(body.value("SignName", json()));
  message.app_id = Text(body.value("SmsSdkAppId", json()));
  message.idempotency_key = Text(body.value("SessionContext", json()));
  for (const auto& value : body.value("TemplateParamSet", json::array())) {
    message.params.emplace_back("", Text(value));
  }
  std::lock_guard lock(mutex_);
  if (rejected_templates_.count(message.template_id) != 0) {
    return error("FailedOperation.TemplateIncorrectOrUnapproved", "template not approved");
  }
  json status = {{"PhoneNumber", message.phone},
                 {"SessionContext", message.idempotency_key},
                 {"IsoCode", "CN"},
                 {"Fee", 1}};
  if (std::string code; TakeErrorLocked(code)) {
    status["SerialNo"] = "";
    status["Code"] = code;
    status["Message"] = "stub error";
  } else {
    status["SerialNo"] = Record(message);
    status["Code"] = "Ok";
    status["Message"] = "send success";
  }
  return JsonAnswer(
      200, {{"Response", {{"SendStatusSet", json::array({status})}, {"RequestId", request_id}}}});
}

Answer StubSmsProvider::Impl::Alibaba(const Request& request, const std::string& request_id) {
  auto error = [&](int status, const std::string& code, const std::string& message) {
    return JsonAnswer(status, {{"Code", code}, {"Message", message}, {"RequestId", request_id}});
  };
  auto auth_failure = [&](int status, const std::string& code, const std::string& message) {
    std::lock_guard lock(mutex_);
    ++signature_failures_;
    return error(status, code, message);
  };
  const std::string authorization = Header(request, "Authorization");
  constexpr std::string_view kAlgorithm = "ACS3-HMAC-SHA256 ";
  if (authorization.rfind(kAlgorithm, 0) != 0) {
    return auth_failure(400, "IncompleteSignature", "Authorization is not ACS3");
  }
  auto fields = AuthorizationFields(std::string_view(authorization).substr(kAlgorithm.size()));
  if (fields["Credential"] != options_.secret_id) {
    return auth_failure(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  const std::string& signed_list = fields["SignedHeaders"];
  const auto headers = SignedHeaderValues(request, signed_list);
  for (const char* required : {"host", "x-acs-action", "x-acs-version", "x-acs-date",
                               "x-acs-signature-nonce", "x-acs-content-sha256"}) {
    if (!headers || !Contains(signed_list, required)) {
      return auth_failure(400, "IncompleteSignature", std::string("unsigned ") + required);
    }
  }
  if (Header(request, "x-acs-content-sha256") != Sha256Hex(request.body())) {
    return auth_failure(400, "SignatureDoesNotMatch", "x-acs-content-sha256 does not match");
  }
  const std::string target = Target(request);
  const auto query_start = target.find('?');
  std::vector<std::pair<std::string, std::string>> query;
  if (query_start != std::string::npos) {
    for (const std::string& pair : Split(std::string_view(target).substr(query_start + 1), '&')) {
      if (pair.empty()) continue;
      const auto equals = pair.find('=');
      query.emplace_back(PercentDecode(pair.substr(0, equals)),
                         equals == std::string::npos ? "" : PercentDecode(pair.substr(equals + 1)));
    }
  }
  Acs3Input input;
  input.method = std::string(request.method_string());
  input.canonical_uri = PathOf(request);
  input.query = query;
  input.headers = *headers;
  input.hashed_payload = Header(request, "x-acs-content-sha256");
  if (!ConstantTimeEquals(SignAcs3(input, options_.secret_key).signature, fields["Signature"])) {
    return auth_failure(400, "SignatureDoesNotMatch",
                        "Specified signature is not matched with our calculation.");
  }
  {
    std::lock_guard lock(mutex_);
    if (!nonces_.insert(Header(request, "x-acs-signature-nonce")).second) {
      return error(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
  }
  if (Header(request, "x-acs-action") != "SendSms") {
    return error(400, "InvalidAction.NotFound", "not SendSms");
  }
  if (Header(request, "x-acs-version") != kAlibabaSmsVersion) {
    return error(400, "InvalidVersion", "bad x-acs-version");
  }
  StubSmsMessage message;
  message.provider = "alibaba";
  for (const auto& [name, value] : query) {
    if (name == "PhoneNumbers") message.phone = value;
    if (name == "SignName") message.sign_name = value;
    if (name == "TemplateCode") message.template_id = value;
    if (name == "OutId") message.idempotency_key = value;
    if (name == "TemplateParam") {
      const json params = json::parse(value, nullptr, false);
      if (params.is_discarded() || !params.is_object()) {
        return error(200, "isv.INVALID_JSON_PARAM", "TemplateParam is not a JSON object");
      }
      for (const auto& [key, param] : params.items()) message.params.emplace_back(key, Text(param));
    }
  }
  if (message.phone.empty() || message.template_id.empty()) {
    return error(400, "MissingParameter", "PhoneNumbers and TemplateCode are required");
  }
  std::lock_guard lock(mutex_);
  if (rejected_templates_.count(message.template_id) != 0) {
    return error(200, "isv.SMS_TEMPLATE_ILLEGAL", "template not approved");
  }
  if (std::string code; TakeErrorLocked(code)) return error(200, code, "stub error");
  return JsonAnswer(
      200,
      {{"Code", "OK"}, {"Message", "OK"}, {"BizId", Record(message)}, {"RequestId", request_id}});
}

Answer StubSmsProvider::Impl::Webhook(const Request& request) {
  const std::string timestamp = Header(request, kWebhookTimestampHeader);
  const std::string signature = Header(request, kWebhookSignatureHeader);
  std::int64_t seconds = -1;
  try {
    seconds = std::stoll(timestamp);
  } catch (const std::exception&) {
    seconds = -1;
  }
  if (seconds < Now() - kMaxSkewSeconds || seconds > Now() + kMaxSkewSeconds ||
      !ConstantTimeEquals(signature,
                          WebhookSignature(options_.secret_key, timestamp, request.body()))) {
    std::lock_guard lock(mutex_);
    ++signature_failures_;
    return JsonAnswer(401, {{"error", "签名错误 / bad signature"}});
  }
  const json body = json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("params") ||
      !body["params"].is_object()) {
    return JsonAnswer(400, {{"error", "stub: bad body"}});
  }
  StubSmsMessage message;
  message.provider = "webhook";
  message.idempotency_key = Text(body.value("id", json()));
  message.phone = Text(body.value("phone", json()));
  message.kind = Text(body.value("kind", json()));
  message.template_id = Text(body.value("template", json()));
  message.text = Text(body.value("text", json()));
  for (const auto& [key, value] : body["params"].items())
    message.params.emplace_back(key, Text(value));
  if (message.idempotency_key.empty() ||
      Header(request, kWebhookIdempotencyHeader) != message.idempotency_key) {
    return JsonAnswer(400, {{"error", "stub: Idempotency-Key differs from id"}});
  }
  std::lock_guard lock(mutex_);
  if (!message.template_id.empty() && rejected_templates_.count(message.template_id) != 0) {
    return JsonAnswer(400, {{"error", "template rejected: " + message.template_id}});
  }
  if (std::string code; TakeErrorLocked(code)) return JsonAnswer(400, {{"error", code}});
  return JsonAnswer(200, {{"message_id", Record(message)}});
}

StubSmsProvider::StubSmsProvider(StubSmsProviderOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->Start();
}

StubSmsProvider::~StubSmsProvider() { impl_->Stop(); }

std::uint16_t StubSmsProvider::port() const { return impl_->port_; }

std::string StubSmsProvider::TencentUrl() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/tencent";
}

std::string StubSmsProvider::AlibabaUrl() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/alibaba";
}

std::string StubSmsProvider::WebhookUrl() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/webhook";
}

void StubSmsProvider::FailNext(int count) {
  std::lock_guard lock(impl_->mutex_);
  impl_->fail_next_ = count;
}

void StubSmsProvider::HangNext(int count) {
  std::lock_guard lock(impl_->mutex_);
  impl_->hang_next_ = count;
}

void StubSmsProvider::RejectTemplate(const std::string& template_id) {
  std::lock_guard lock(impl_->mutex_);
  impl_->rejected_templates_.insert(template_id);
}

void StubSmsProvider::AnswerErrorNext(int count, const std::string& code) {
  std::lock_guard lock(impl_->mutex_);
  impl_->error_next_ = count;
  impl_->error_code_ = code;
}

std::vector<StubSmsMessage> StubSmsProvider::Messages() const {
  std::lock_guard lock(impl_->mutex_);
  return impl_->messages_;
}

int StubSmsProvider::RequestCount() const {
  std::lock_guard lock(impl_->mutex_);
  return impl_->requests_;
}

int StubSmsProvider::SignatureFailures() const {
  std::lock_guard lock(impl_->mutex_);
  return impl_->signature_failures_;
}

}  // namespace minqing::messaging
