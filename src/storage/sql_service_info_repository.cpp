#include "storage/sql_service_info_repository.hpp"

#include <map>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

domain::ServiceGuide ReadGuide(const Row& row) {
  domain::ServiceGuide g;
  g.id = row.GetInt64(0);
  g.category_id = row.GetInt64(1);
  g.region_id = row.GetInt64(2);
  g.title = row.GetText(3);
  g.materials = domain::SplitLines(row.GetText(4));
  g.steps = domain::SplitLines(row.GetText(5));
  g.place = row.GetText(6);
  g.window_name = row.GetText(7);
  g.fees = row.GetText(8);
  g.office_hours = row.GetText(9);
  g.phone = row.GetText(10);
  g.published = row.GetBool(11);
  g.updated_at = row.GetInt64(12);
  g.updated_by = row.GetOptionalInt64(13);
  g.region_name = row.GetText(14);
  g.region_path = row.GetText(15);
  return g;
}

class SqlServiceInfoRepository final : public app::ServiceInfoRepository {
 public:
  explicit SqlServiceInfoRepository(Connection& conn) : conn_(conn) {}

  std::vector<domain::DutyDay> ListDutyDays(domain::Id unit_id, const std::string& from,
                                            const std::string& to) override {
    std::vector<domain::DutyDay> days;
    std::map<std::string, std::size_t> index;
    for (const Row& row : QueryRows(conn_, sql::duty_day_select, {unit_id, from, to})) {
      domain::DutyDay day;
      day.unit_id = row.GetInt64(0);
      day.date = row.GetText(1);
      day.leader_user_id = row.GetOptionalInt64(2);
      day.leader_name = row.GetText(3);
      day.leader_badge_number = static_cast<int>(row.GetInt64(4));
      index[day.date] = days.size();
      days.push_back(std::move(day));
    }
    for (const Row& row : QueryRows(conn_, sql::duty_post_select, {unit_id, from, to})) {
      auto it = index.find(row.GetText(0));
      if (it == index.end()) continue;
      domain::DutyPost post;
      post.user_id = row.GetInt64(1);
      post.post = row.GetText(2);
      post.name = row.GetText(3);
      post.badge_number = static_cast<int>(row.GetInt64(4));
      days[it->second].staff.push_back(std::move(post));
    }
    return days;
  }

  void PutDutyDay(const domain::DutyDay& day, domain::Epoch now,
                  std::optional<domain::Id> by) override {
    RunSql(conn_, sql::duty_posts_delete, {day.unit_id, day.date});
    RunSql(conn_, sql::duty_day_delete, {day.unit_id, day.date});
    if (domain::IsEmptyDutyDay(day)) return;
    RunSql(conn_, sql::duty_day_insert,
           {day.unit_id, day.date, OptionalValue(day.leader_user_id),
            static_cast<std::int64_t>(now), OptionalValue(by)});
    if (day.leader_user_id) EnsureBadge(day.unit_id, *day.leader_user_id);
    std::int64_t position = 0;
    for (const auto& post : day.staff) {
      RenameConflict(
          [&] {
            RunSql(conn_, sql::duty_post_insert,
                   {day.unit_id, day.date, post.user_id, post.post, position++});
          },
          "duty.staff_twice", "同一人同一天只能在一个窗口值班");
      EnsureBadge(day.unit_id, post.user_id);
    }
  }

  int FindBadgeNumber(domain::Id unit_id, domain::Id user_id) override {
    auto rows = QueryRows(conn_, sql::duty_badge_select, {unit_id, user_id});
    return rows.empty() ? 0 : static_cast<int>(rows.front().GetInt64(0));
  }

  std::optional<domain::ServiceGuide> FindGuide(domain::Id id) override {
    return First<domain::ServiceGuide>(
        SelectRows(conn_, sql::service_guide_select, " WHERE g.id = $1", {id}), ReadGuide);
  }

  std::vector<domain::ServiceGuide> ListGuides() override {
    return ReadAll<domain::ServiceGuide>(
        SelectRows(conn_, sql::service_guide_select, " ORDER BY r.path, g.category_id", {}),
        ReadGuide);
  }

  void InsertGuide(const domain::ServiceGuide& g) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::service_guide_insert,
                 {g.id, g.category_id, g.region_id, g.title, domain::JoinLines(g.materials),
                  domain::JoinLines(g.steps), g.place, g.window_name, g.fees, g.office_hours,
                  g.phone, std::int64_t{g.published ? 1 : 0},
                  static_cast<std::int64_t>(g.updated_at), OptionalValue(g.updated_by)});
        },
        "guide.exists", "该分类在该地区已有办事指南，请直接修改");
  }

  void UpdateGuide(const domain::ServiceGuide& g) override {
    RequireOneRow(
        RunSql(conn_, sql::service_guide_update,
               {g.id, g.title, domain::JoinLines(g.materials), domain::JoinLines(g.steps), g.place,
                g.window_name, g.fees, g.office_hours, g.phone, std::int64_t{g.published ? 1 : 0},
                static_cast<std::int64_t>(g.updated_at), OptionalValue(g.updated_by)}),
        "guide.not_found", "办事指南不存在");
  }

 private:
  void EnsureBadge(domain::Id unit_id, domain::Id user_id) {
    RunSql(conn_, sql::duty_badge_insert, {unit_id, user_id});
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::ServiceInfoRepository> MakeSqlServiceInfoRepository(Connection& conn) {
  return std::make_unique<SqlServiceInfoRepository>(conn);
}

}  // namespace minqing::storage
