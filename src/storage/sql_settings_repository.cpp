#include "storage/sql_settings_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

class SqlSettingsRepository final : public app::SettingsRepository {
 public:
  explicit SqlSettingsRepository(Connection& conn) : conn_(conn) {}

  std::optional<std::string> FindSetting(std::string_view name) override {
    auto rows = QueryRows(conn_, sql::site_setting_select, {std::string(name)});
    if (rows.empty()) return std::nullopt;
    return rows.front().GetText(0);
  }

  void PutSetting(std::string_view name, const std::string& value, domain::Epoch now,
                  std::optional<domain::Id> by) override {
    RunSql(conn_, sql::site_setting_upsert,
           {std::string(name), value, static_cast<std::int64_t>(now), OptionalValue(by)});
  }

  bool TakeJobLease(std::string_view name, std::string_view holder, domain::Epoch now,
                    domain::Epoch until) override {
    return RunSql(conn_, sql::job_lease_take,
                  {std::string(name), std::string(holder), static_cast<std::int64_t>(until),
                   static_cast<std::int64_t>(now)}) > 0;
  }

  int CountRequest(std::string_view bucket_key, domain::Epoch window_start) override {
    const auto rows = QueryRows(conn_, sql::request_window_count,
                                {std::string(bucket_key), static_cast<std::int64_t>(window_start)});
    return static_cast<int>(rows.at(0).GetInt64(0));
  }

  std::int64_t PruneRequestWindows(domain::Epoch before) override {
    return RunSql(conn_, sql::request_windows_prune, {static_cast<std::int64_t>(before)});
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::SettingsRepository> MakeSqlSettingsRepository(Connection& conn) {
  return std::make_unique<SqlSettingsRepository>(conn);
}

}  // namespace minqing::storage
