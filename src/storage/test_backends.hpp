// A GoogleTest fixture that gives each test a fresh, migrated database on every backend: SQLite
// in a temp file, and PostgreSQL when MINQING_TEST_PG_URL names a server (started by
// scripts/pg_test_server.sh; without it the PostgreSQL cases skip with a message). Use with
// MINQING_INSTANTIATE_BACKENDS(SuiteName). MakeRegion and AddRegion write the region rows a
// contract test starts from. For tests only.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "app/store.hpp"
#include "domain/model.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sql_store.hpp"

namespace minqing::storage::testing {

inline constexpr const char* kSqlite = "Sqlite";
inline constexpr const char* kPostgres = "Postgres";

// Replaces the database name in a libpq URI ("postgresql:///old?host=..." → ".../new?...").
inline std::string WithDatabase(const std::string& url, const std::string& name) {
  std::size_t scheme = url.find("://");
  std::size_t slash = url.find('/', scheme + 3);
  std::size_t query = url.find('?', scheme + 3);
  std::string head = slash == std::string::npos || (query != std::string::npos && slash > query)
                         ? url.substr(0, query == std::string::npos ? url.size() : query)
                         : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + name + tail;
}

// A region row as the contract tests write it straight into a store.
inline domain::Region MakeRegion(domain::Id id, std::optional<domain::Id> parent,
                                 domain::RegionLevel level, std::string name, std::string path,
                                 std::string code = "") {
  return domain::Region{
      id,           parent,       level, std::move(code), std::move(name), std::move(path),
      std::nullopt, std::nullopt, 0};
}

// MakeRegion's row inserted through `tx`.
inline void AddRegion(app::StoreTx& tx, domain::Id id, std::optional<domain::Id> parent,
                      domain::RegionLevel level, std::string name, std::string path) {
  tx.Registry().InsertRegion(MakeRegion(id, parent, level, std::move(name), std::move(path)));
}

class BackendTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    std::string unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
    if (std::string(GetParam()) == kPostgres) {
      const char* server = std::getenv("MINQING_TEST_PG_URL");
      if (server == nullptr || *server == '\0') {
        GTEST_SKIP() << "PostgreSQL backend skipped: set MINQING_TEST_PG_URL (see "
                        "scripts/pg_test_server.sh) to run it";
      }
      admin_url_ = server;
      pg_database_ = "minqing_t_" + unique;
      PgConnection(admin_url_).Execute("CREATE DATABASE " + pg_database_, {});
      url_ = WithDatabase(admin_url_, pg_database_);
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("minqing-storage-" + unique);
      std::filesystem::create_directories(dir_);
      url_ = (dir_ / "test.db").string();
    }
    auto db = OpenDatabase(url_);
    Migrate(*db, 1700000000);
    store_ = std::make_unique<SqlStore>(std::move(db));
  }

  void TearDown() override {
    store_.reset();
    if (!pg_database_.empty()) {
      PgConnection(admin_url_)
          .Execute("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)", {});
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  bool IsPostgres() const { return std::string(GetParam()) == kPostgres; }

  std::string url_;
  std::string admin_url_;
  std::string pg_database_;
  std::filesystem::path dir_;
  std::unique_ptr<SqlStore> store_;
};

}  // namespace minqing::storage::testing

#define MINQING_INSTANTIATE_BACKENDS(suite)                      \
  INSTANTIATE_TEST_SUITE_P(                                      \
      Backends, suite,                                           \
      ::testing::Values(::minqing::storage::testing::kSqlite,    \
                        ::minqing::storage::testing::kPostgres), \
      [](const ::testing::TestParamInfo<const char*>& info) { return std::string(info.param); })
