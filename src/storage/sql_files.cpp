#include "storage/sql_files.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "domain/errors.hpp"

namespace minqing::storage {
namespace {

constexpr std::string_view kPostgresSuffix = ".postgres.sql";
constexpr std::string_view kSqlSuffix = ".sql";

const SqlFile* FindFile(std::string_view name) {
  auto files = EmbeddedSqlFiles();
  auto it = std::lower_bound(files.begin(), files.end(), name,
                             [](const SqlFile& f, std::string_view n) { return f.name < n; });
  if (it == files.end() || it->name != name) return nullptr;
  return &*it;
}

}  // namespace

std::string_view QuerySql(std::string_view name, Dialect dialect) {
  std::string base = "queries/" + std::string(name);
  if (dialect == Dialect::kPostgres) {
    if (const SqlFile* f = FindFile(base + std::string(kPostgresSuffix))) return f->text;
  }
  if (const SqlFile* f = FindFile(base + std::string(kSqlSuffix))) return f->text;
  throw domain::StorageError("storage.missing_query", "缺少 SQL 文件: " + base + ".sql");
}

std::vector<Migration> Migrations(Dialect dialect) {
  constexpr std::string_view kDir = "migrations/V";
  std::map<std::int64_t, Migration> by_version;
  for (const SqlFile& f : EmbeddedSqlFiles()) {
    if (!f.name.starts_with(kDir)) continue;
    bool is_postgres = f.name.ends_with(kPostgresSuffix);
    if (is_postgres && dialect != Dialect::kPostgres) continue;
    std::string_view rest = f.name.substr(kDir.size());
    std::int64_t version = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), version);
    if (ec != std::errc()) continue;
    std::string_view file = f.name.substr(std::string_view("migrations/").size());
    std::string name(
        file.substr(0, file.size() - (is_postgres ? kPostgresSuffix.size() : kSqlSuffix.size())));
    auto it = by_version.find(version);
    // The PostgreSQL override wins over the shared file whatever order they come in.
    if (it == by_version.end() || is_postgres) {
      by_version[version] = Migration{version, std::move(name), f.text};
    }
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

}  // namespace minqing::storage
