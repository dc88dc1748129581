#include "storage/sql_away_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::AwayContact ReadContact(const Row& row) {
  domain::AwayContact c;
  c.id = row.GetInt64(0);
  c.member_id = row.GetInt64(1);
  c.region_path = row.GetText(2);
  c.date = row.GetText(3);
  c.way = row.GetText(4);
  c.contact_by = row.GetText(5);
  c.note = row.GetText(6);
  c.recorded_by = row.GetInt64(7);
  c.recorded_at = row.GetInt64(8);
  c.recorded_by_name = row.GetText(9);
  return c;
}

domain::AwayMemberRow ReadMemberRow(const Row& row) {
  domain::AwayMemberRow m;
  m.member_id = row.GetInt64(0);
  m.name = row.GetText(1);
  m.phone = row.GetText(2);
  m.org_name = row.GetText(3);
  m.away_to = row.GetText(4);
  m.region_path = row.GetText(5);
  if (!row.IsNull(6)) m.last_contact = row.GetText(6);
  m.contacts = row.GetInt64(7);
  m.households = row.GetInt64(8);
  m.study_attended = row.GetInt64(9);
  m.study_activities = row.GetInt64(10);
  return m;
}

domain::StudyActivity ReadActivity(const Row& row) {
  domain::StudyActivity a;
  a.id = row.GetInt64(0);
  a.org_id = row.GetInt64(1);
  a.region_path = row.GetText(2);
  a.title = row.GetText(3);
  a.material = row.GetText(4);
  a.link = row.GetText(5);
  a.opens_on = row.GetText(6);
  a.closes_on = row.GetText(7);
  a.created_by = row.GetInt64(8);
  a.created_at = row.GetInt64(9);
  a.org_name = row.GetText(10);
  a.attended = row.GetInt64(11);
  return a;
}

domain::StudyAttendance ReadAttendance(const Row& row) {
  domain::StudyAttendance a;
  a.activity_id = row.GetInt64(0);
  a.member_id = row.GetInt64(1);
  a.note = row.GetText(2);
  a.made_up = row.GetBool(3);
  a.recorded_by = row.GetInt64(4);
  a.recorded_at = row.GetInt64(5);
  a.member_name = row.GetText(6);
  a.member_away = row.GetBool(7);
  a.recorded_by_name = row.GetText(8);
  return a;
}

class SqlAwayRepository final : public app::AwayRepository {
 public:
  explicit SqlAwayRepository(Connection& conn) : conn_(conn) {}

  void InsertContact(const domain::AwayContact& c) override {
    RunSql(conn_, sql::away_contact_insert,
           {c.id, c.member_id, c.region_path, c.date, c.way, c.contact_by, c.note, c.recorded_by,
            c.recorded_at});
  }

  std::vector<domain::AwayContact> ContactsOf(Id member_id) override {
    return ReadAll<domain::AwayContact>(QueryRows(conn_, sql::away_contact_select, {member_id}),
                                        ReadContact);
  }

  std::vector<domain::AwayMemberRow> ListAwayMembers(const std::string& region_path,
                                                     const std::string& today) override {
    return ReadAll<domain::AwayMemberRow>(
        QueryRows(conn_, sql::away_member_list, {PathPrefixPattern(region_path), today}),
        ReadMemberRow);
  }

  void InsertActivity(const domain::StudyActivity& a) override {
    RunSql(conn_, sql::study_activity_insert,
           {a.id, a.org_id, a.region_path, a.title, a.material, a.link, a.opens_on, a.closes_on,
            a.created_by, a.created_at});
  }

  std::optional<domain::StudyActivity> FindActivity(Id id) override {
    QueryBuilder b;
    b.Where("a.id = " + b.Param(id));
    return First<domain::StudyActivity>(
        SelectRows(conn_, sql::study_activity_select, b.WhereClause(), b.params()), ReadActivity);
  }

  std::vector<domain::StudyActivity> ListActivities(const std::string& region_path) override {
    QueryBuilder b;
    b.Where("a.region_path LIKE " + b.Param(PathPrefixPattern(region_path)));
    return ReadAll<domain::StudyActivity>(
        SelectRows(conn_, sql::study_activity_select,
                   b.WhereClause() + " ORDER BY a.opens_on DESC, a.id DESC", b.params()),
        ReadActivity);
  }

  std::vector<domain::StudyActivity> ActivitiesCovering(
      const std::string& member_region_path) override {
    QueryBuilder b;
    b.Where(b.Param(member_region_path) + " LIKE a.region_path || '%'");
    return ReadAll<domain::StudyActivity>(
        SelectRows(conn_, sql::study_activity_select,
                   b.WhereClause() + " ORDER BY a.opens_on DESC, a.id DESC", b.params()),
        ReadActivity);
  }

  void InsertAttendance(const domain::StudyAttendance& a) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::study_attendance_insert,
                 {a.activity_id, a.member_id, a.note, std::int64_t{a.made_up ? 1 : 0},
                  a.recorded_by, a.recorded_at});
        },
        "study.already_attended", "该党员已参加本次学习");
  }

  std::optional<domain::StudyAttendance> FindAttendance(Id activity_id, Id member_id) override {
    return First<domain::StudyAttendance>(
        QueryRows(conn_, sql::study_attendance_find, {activity_id, member_id}), ReadAttendance);
  }

  std::vector<domain::StudyAttendance> Roster(const domain::StudyActivity& activity) override {
    std::vector<domain::StudyAttendance> out;
    for (const auto& row : QueryRows(conn_, sql::study_roster,
                                     {activity.id, PathPrefixPattern(activity.region_path)})) {
      domain::StudyAttendance a;
      a.activity_id = activity.id;
      a.member_id = row.GetInt64(0);
      a.member_name = row.GetText(1);
      a.member_away = row.GetBool(2);
      a.attended = !row.IsNull(4);
      if (a.attended) {
        a.note = row.GetText(3);
        a.made_up = row.GetBool(4);
        a.recorded_by = row.GetInt64(5);
        a.recorded_at = row.GetInt64(6);
        a.recorded_by_name = row.GetText(7);
      }
      out.push_back(std::move(a));
    }
    return out;
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::AwayRepository> MakeSqlAwayRepository(Connection& conn) {
  return std::make_unique<SqlAwayRepository>(conn);
}

}  // namespace minqing::storage
