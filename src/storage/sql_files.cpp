#include "storage/sql_files.hpp"

#include <charconv>
#include <map>

namespace minqing::storage {
namespace {

constexpr std::string_view kPostgresSuffix = ".postgres.sql";
constexpr std::string_view kSqlSuffix = ".sql";

}  // namespace

std::string_view QuerySql(sql::Query query, Dialect dialect) {
  const QueryText& q = EmbeddedQueries()[query];
  if (dialect == Dialect::kPostgres && !q.postgres.empty()) return q.postgres;
  return q.shared;
}

std::string_view QueryFileName(sql::Query query) { return EmbeddedQueries()[query].name; }

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
