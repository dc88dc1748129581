#include "storage/sql_volunteer_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

Value Int(int v) { return static_cast<std::int64_t>(v); }

domain::VolunteerTeam ReadTeam(const Row& row) {
  domain::VolunteerTeam t;
  t.id = row.GetInt64(0);
  t.name = row.GetText(1);
  t.region_id = row.GetInt64(2);
  t.region_path = row.GetText(3);
  t.leader_user_id = row.GetOptionalInt64(4);
  t.unit_id = row.GetOptionalInt64(5);
  t.note = row.GetText(6);
  t.created_at = row.GetInt64(7);
  t.region_name = row.GetText(8);
  t.leader_name = row.GetText(9);
  t.unit_name = row.GetText(10);
  return t;
}

domain::Volunteer ReadVolunteer(const Row& row) {
  domain::Volunteer v;
  v.id = row.GetInt64(0);
  v.team_id = row.GetInt64(1);
  v.resident_id = row.GetOptionalInt64(2);
  v.name = row.GetText(3);
  v.phone = row.GetText(4);
  v.joined = row.GetText(5);
  v.active = row.GetInt64(6) != 0;
  v.created_at = row.GetInt64(7);
  v.hours_tenths = static_cast<int>(row.GetInt64(8));
  return v;
}

domain::VolunteerActivity ReadActivity(const Row& row) {
  domain::VolunteerActivity a;
  a.id = row.GetInt64(0);
  a.team_id = row.GetInt64(1);
  a.title = row.GetText(2);
  a.date = row.GetText(3);
  a.time = row.GetText(4);
  a.place = row.GetText(5);
  a.capacity = static_cast<int>(row.GetInt64(6));
  a.hours_tenths = static_cast<int>(row.GetInt64(7));
  a.state = static_cast<domain::ActivityState>(row.GetInt64(8));
  a.created_at = row.GetInt64(9);
  a.signed_up = static_cast<int>(row.GetInt64(10));
  a.team_name = row.GetText(11);
  a.region_path = row.GetText(12);
  return a;
}

domain::VolunteerSignUp ReadSignUp(const Row& row) {
  domain::VolunteerSignUp s;
  s.activity_id = row.GetInt64(0);
  s.volunteer_id = row.GetInt64(1);
  s.attended = row.GetInt64(2) != 0;
  s.created_at = row.GetInt64(3);
  s.created_by = row.GetOptionalInt64(4);
  s.volunteer_name = row.GetText(5);
  return s;
}

domain::VolunteerHours ReadHours(const Row& row) {
  domain::VolunteerHours h;
  h.id = row.GetInt64(0);
  h.volunteer_id = row.GetInt64(1);
  h.activity_id = row.GetOptionalInt64(2);
  h.tenths = static_cast<int>(row.GetInt64(3));
  h.reason = row.GetText(4);
  h.created_at = row.GetInt64(5);
  h.created_by = row.GetOptionalInt64(6);
  h.activity_title = row.GetText(7);
  h.activity_date = row.GetText(8);
  return h;
}

domain::VolunteerCertificate ReadCertificate(const Row& row) {
  domain::VolunteerCertificate c;
  c.code = row.GetText(0);
  c.volunteer_id = row.GetInt64(1);
  c.volunteer_name = row.GetText(2);
  c.team_name = row.GetText(3);
  c.hours_tenths = static_cast<int>(row.GetInt64(4));
  c.issued_at = row.GetInt64(5);
  c.issued_by = row.GetOptionalInt64(6);
  return c;
}

class SqlVolunteerRepository final : public app::VolunteerRepository {
 public:
  explicit SqlVolunteerRepository(Connection& conn) : conn_(conn) {}

  void InsertTeam(const domain::VolunteerTeam& t) override {
    RunSql(conn_, sql::volunteer_team_insert,
           {t.id, t.name, t.region_id, t.region_path, OptionalValue(t.leader_user_id),
            OptionalValue(t.unit_id), t.note, t.created_at});
  }

  std::optional<domain::VolunteerTeam> FindTeam(Id id) override {
    QueryBuilder b;
    b.Where("t.id = " + b.Param(id));
    return First<domain::VolunteerTeam>(
        SelectRows(conn_, sql::volunteer_team_select, b.WhereClause(), b.params()), ReadTeam);
  }

  std::vector<domain::VolunteerTeam> ListTeams(const app::VolunteerTeamFilter& filter) override {
    QueryBuilder b;
    std::string in_scope = "t.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path));
    if (filter.leader_id) {
      b.Where("(" + in_scope + " OR t.leader_user_id = " + b.Param(*filter.leader_id) + ")");
    } else {
      b.Where(in_scope);
    }
    return ReadAll<domain::VolunteerTeam>(
        SelectRows(conn_, sql::volunteer_team_select, b.WhereClause() + " ORDER BY t.name, t.id",
                   b.params()),
        ReadTeam);
  }

  void InsertVolunteer(const domain::Volunteer& v) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::volunteer_insert,
                 {v.id, v.team_id, OptionalValue(v.resident_id), v.name, v.phone, v.joined,
                  Int(v.active ? 1 : 0), v.created_at});
        },
        "volunteer.duplicate", "该居民已是本队志愿者");
  }

  void SetVolunteerActive(Id id, bool active) override {
    RequireOneRow(RunSql(conn_, sql::volunteer_active, {id, Int(active ? 1 : 0)}),
                  "volunteer.not_found", "志愿者不存在");
  }

  std::optional<domain::Volunteer> FindVolunteer(Id id) override {
    QueryBuilder b;
    b.Where("v.id = " + b.Param(id));
    return First<domain::Volunteer>(
        SelectRows(conn_, sql::volunteer_select, b.WhereClause(), b.params()), ReadVolunteer);
  }

  std::vector<domain::Volunteer> VolunteersOf(Id team_id) override {
    QueryBuilder b;
    b.Where("v.team_id = " + b.Param(team_id));
    return ReadAll<domain::Volunteer>(
        SelectRows(conn_, sql::volunteer_select, b.WhereClause() + " ORDER BY v.name, v.id",
                   b.params()),
        ReadVolunteer);
  }

  std::vector<domain::Volunteer> VolunteersOfResident(Id resident_id) override {
    QueryBuilder b;
    b.Where("v.resident_id = " + b.Param(resident_id));
    return ReadAll<domain::Volunteer>(
        SelectRows(conn_, sql::volunteer_select, b.WhereClause() + " ORDER BY v.id", b.params()),
        ReadVolunteer);
  }

  void InsertActivity(const domain::VolunteerActivity& a) override {
    RunSql(conn_, sql::volunteer_activity_insert,
           {a.id, a.team_id, a.title, a.date, a.time, a.place, Int(a.capacity), Int(a.hours_tenths),
            Int(static_cast<int>(a.state)), a.created_at});
  }

  void SetActivityState(Id id, domain::ActivityState state) override {
    RequireOneRow(RunSql(conn_, sql::volunteer_activity_state, {id, Int(static_cast<int>(state))}),
                  "volunteer.activity_not_found", "活动不存在");
  }

  void LockActivity(Id id) override {
    RequireOneRow(RunSql(conn_, sql::volunteer_activity_lock, {id}), "volunteer.activity_not_found",
                  "活动不存在");
  }

  std::optional<domain::VolunteerActivity> FindActivity(Id id) override {
    QueryBuilder b;
    b.Where("a.id = " + b.Param(id));
    return First<domain::VolunteerActivity>(
        SelectRows(conn_, sql::volunteer_activity_select, b.WhereClause(), b.params()),
        ReadActivity);
  }

  std::vector<domain::VolunteerActivity> ActivitiesOf(Id team_id) override {
    QueryBuilder b;
    b.Where("a.team_id = " + b.Param(team_id));
    return ReadAll<domain::VolunteerActivity>(
        SelectRows(conn_, sql::volunteer_activity_select,
                   b.WhereClause() + " ORDER BY a.activity_date DESC, a.id DESC", b.params()),
        ReadActivity);
  }

  std::vector<domain::VolunteerActivity> OpenActivities(const std::string& region_path,
                                                        const std::string& from) override {
    QueryBuilder b;
    b.Where("t.region_path LIKE " + b.Param(PathPrefixPattern(region_path)));
    b.Where("a.state = " + b.Param(Int(static_cast<int>(domain::ActivityState::kOpen))));
    b.Where("a.activity_date >= " + b.Param(from));
    return ReadAll<domain::VolunteerActivity>(
        SelectRows(conn_, sql::volunteer_activity_select,
                   b.WhereClause() + " ORDER BY a.activity_date, a.activity_time, a.id",
                   b.params()),
        ReadActivity);
  }

  void InsertSignUp(const domain::VolunteerSignUp& s) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::volunteer_signup_insert,
                 {s.activity_id, s.volunteer_id, s.created_at, OptionalValue(s.created_by)});
        },
        "volunteer.signed_up", "该志愿者已报名此活动");
  }

  void SetAttended(Id activity_id, Id volunteer_id) override {
    RequireOneRow(RunSql(conn_, sql::volunteer_signup_attended, {activity_id, volunteer_id}),
                  "volunteer.not_signed_up", "该志愿者未报名此活动");
  }

  std::vector<domain::VolunteerSignUp> SignUpsOf(Id activity_id) override {
    return ReadAll<domain::VolunteerSignUp>(
        QueryRows(conn_, sql::volunteer_signup_select, {activity_id}), ReadSignUp);
  }

  void InsertHours(const domain::VolunteerHours& h) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::volunteer_hours_insert,
                 {h.id, h.volunteer_id, OptionalValue(h.activity_id), Int(h.tenths), h.reason,
                  h.created_at, OptionalValue(h.created_by)});
        },
        "volunteer.credited", "该活动的时长已记入");
  }

  std::vector<domain::VolunteerHours> HoursOf(Id volunteer_id) override {
    return ReadAll<domain::VolunteerHours>(
        QueryRows(conn_, sql::volunteer_hours_select, {volunteer_id}), ReadHours);
  }

  void InsertCertificate(const domain::VolunteerCertificate& c) override {
    RunSql(conn_, sql::volunteer_certificate_insert,
           {c.code, c.volunteer_id, c.volunteer_name, c.team_name, Int(c.hours_tenths), c.issued_at,
            OptionalValue(c.issued_by)});
  }

  std::optional<domain::VolunteerCertificate> FindCertificate(const std::string& code) override {
    return First<domain::VolunteerCertificate>(
        QueryRows(conn_, sql::volunteer_certificate_select, {code}), ReadCertificate);
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::VolunteerRepository> MakeSqlVolunteerRepository(Connection& conn) {
  return std::make_unique<SqlVolunteerRepository>(conn);
}

}  // namespace minqing::storage
