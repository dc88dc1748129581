// Fixtures shared by the HTTP tests.
//   TempDir      a fresh directory under the system temp folder, removed with its contents when
//                the object goes.
//   ServerTest   a GoogleTest fixture: a SQLite store in a TempDir (dir_), the Services over it
//                (services_) and, once the test's SetUp calls StartServer, the real Server on
//                port 0 (server_, port_); Login and Send talk to it over HTTP.
//   ExpectProblem  checks an error answer: its status and its `error.code`.
// Thread-safety: a fixture belongs to its test's thread; Login and Send open a connection per call
// and may run on several threads at once.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#include "app/services.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"

namespace minqing::http::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            (prefix + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The options every HTTP test starts from: port 0, one I/O thread, two workers.
inline ServerOptions TestServerOptions() {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 2;
  return options;
}

class ServerTest : public ::testing::Test {
 protected:
  explicit ServerTest(const std::string& prefix) : temp_(prefix), dir_(temp_.path()) {}

  void SetUp() override {
    services_ = std::make_unique<app::Services>(app::OpenStore((dir_ / "db.sqlite").string()));
  }

  void TearDown() override {
    server_.reset();
    services_.reset();
  }

  // Starts the server over services_ (on port 0 whatever `options` says) and sets port_.
  void StartServer(ServerOptions options = TestServerOptions()) {
    options.port = 0;
    server_ = std::make_unique<Server>(*services_, options);
    port_ = server_->Start();
  }

  // Logs in over the API and returns the bearer token (empty, with a failed expectation, when
  // the login is refused).
  std::string LoginAs(const std::string& username, const std::string& password) {
    HttpResult r = Call(port_, "POST", "/api/v1/auth/login",
                        nlohmann::json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    return r.Json().value("token", "");
  }

  // One request on a fresh connection, with the bearer token when there is one.
  HttpResult SendAs(const std::string& method, const std::string& target, const std::string& token,
                    const std::string& body = "") {
    if (token.empty()) return Call(port_, method, target, body);
    return Call(port_, method, target, body, {{"Authorization", "Bearer " + token}});
  }

  TempDir temp_;
  const std::filesystem::path dir_;
  std::unique_ptr<app::Services> services_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

// An error answer: `status` and the stable code in {"error": {"code": ...}}.
inline void ExpectProblem(const HttpResult& result, int status, std::string_view code) {
  EXPECT_EQ(result.status, status) << result.body;
  EXPECT_EQ(result.ErrorCode(), code) << result.body;
}

}  // namespace minqing::http::testing
