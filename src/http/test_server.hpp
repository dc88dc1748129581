// Fixtures shared by the HTTP tests.
//   TempDir      a fresh directory under the system temp folder, removed with its contents when
//                the object goes.
//   ServerTest   a GoogleTest fixture: a SQLite store in a TempDir (dir_), the Services over it
//                (services_) and, once the test's SetUp calls StartServer, the real Server on
//                port 0 (server_, port_); Login and Send talk to it over HTTP. AddRegion,
//                AddVillage and AddUser make a test's regions and users before the server starts.
//   ExpectProblem  checks an error answer: its status and its `error.code`.
// Thread-safety: a fixture belongs to its test's thread; Login and Send open a connection per call
// and may run on several threads at once.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
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

  // A region made by app::SystemActor(kNow) under `parent` (none: a root), with the statistical
  // division code `code` (empty: none).
  domain::Region AddRegion(std::optional<domain::Id> parent, const std::string& level,
                           const std::string& name, const std::string& code = "") {
    app::RegionInput input;
    input.parent_id = parent;
    input.level = level;
    input.code = code;
    input.name = name;
    return services_->registry.CreateRegion(app::SystemActor(kNow), input);
  }

  // The county 饶阳县, its township 饶阳镇 and there the village `village`, made by AddRegion.
  struct Village {
    domain::Region county, township, village;
  };
  Village AddVillage(const std::string& village) {
    Village made;
    made.county = AddRegion(std::nullopt, "county", "饶阳县");
    made.township = AddRegion(made.county.id, "township", "饶阳镇");
    made.village = AddRegion(made.township.id, "village", village);
    return made;
  }

  // A user made by app::SystemActor(kNow): `username` is also its display name, its password is
  // PasswordOf(username) and its scope `scope` (none: unscoped).
  void AddUser(const std::string& username, const std::string& role,
               std::optional<domain::Id> scope = std::nullopt) {
    app::UserInput input;
    input.username = username;
    input.display_name = username;
    input.role = role;
    input.password = PasswordOf(username);
    input.scope_region_id = scope;
    services_->auth.CreateUser(app::SystemActor(kNow), input);
  }

  static std::string PasswordOf(const std::string& username) { return "password-" + username; }

  // Logs in over the API and returns the bearer token (empty, with a failed expectation, when
  // the login is refused).
  std::string LoginAs(const std::string& username, const std::string& password) {
    HttpResult r = Call(port_, "POST", "/api/v1/auth/login",
                        nlohmann::json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    return r.Json().value("token", "");
  }

  // Logs in as a user made by AddUser.
  std::string LoginAs(const std::string& username) {
    return LoginAs(username, PasswordOf(username));
  }

  // One request on a fresh connection, with the bearer token when there is one.
  HttpResult SendAs(const std::string& method, const std::string& target, const std::string& token,
                    const std::string& body = "") {
    if (token.empty()) return Call(port_, method, target, body);
    return Call(port_, method, target, body, {{"Authorization", "Bearer " + token}});
  }

  // The time AddRegion and AddUser make things at: a fixed day (2026-05-28), so that what a
  // test's SetUp makes does not depend on the day the test runs.
  static constexpr domain::Epoch kNow = 1780000000;

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
