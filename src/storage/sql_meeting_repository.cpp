#include "storage/sql_meeting_repository.hpp"

#include <utility>

#include "domain/matter.hpp"
#include "domain/projects.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

app::Meeting ReadMeeting(const Row& row) {
  app::Meeting m;
  m.id = row.GetInt64(0);
  m.kind = row.GetText(1);
  m.title = row.GetText(2);
  m.date = row.GetText(3);
  m.start = row.GetText(4);
  m.end = row.GetText(5);
  m.place = row.GetText(6);
  m.region_id = row.GetInt64(7);
  m.region_path = row.GetText(8);
  m.region_name = row.GetText(9);
  m.host_user_id = row.GetInt64(10);
  m.host_name = row.GetText(11);
  m.host_unit_id = row.GetOptionalInt64(12);
  m.host_unit_name = row.GetText(13);
  m.project_id = row.GetOptionalInt64(14);
  m.minutes = row.GetText(15);
  m.state = row.GetText(16);
  m.slot_id = row.GetOptionalInt64(17);
  m.created_by = row.GetInt64(18);
  m.created_at = row.GetInt64(19);
  m.updated_at = row.GetInt64(20);
  return m;
}

app::MeetingAttendee ReadAttendee(const Row& row) {
  app::MeetingAttendee a;
  a.id = row.GetInt64(0);
  a.kind = row.GetText(1);
  a.unit_id = row.GetOptionalInt64(2);
  a.resident_id = row.GetOptionalInt64(3);
  a.name = row.GetText(4);
  a.organisation = row.GetText(5);
  return a;
}

app::MeetingDecision ReadDecision(const Row& row) {
  app::MeetingDecision d;
  d.id = row.GetInt64(0);
  d.meeting_id = row.GetInt64(1);
  d.meeting_title = row.GetText(2);
  d.meeting_kind = row.GetText(3);
  d.text = row.GetText(4);
  d.owner_user_id = row.GetOptionalInt64(5);
  d.owner_user_name = row.GetText(6);
  d.owner_unit_id = row.GetOptionalInt64(7);
  d.owner_unit_name = row.GetText(8);
  d.deadline = row.GetText(9);
  d.state = row.GetText(10);
  d.result_note = row.GetText(11);
  d.matter_id = row.GetOptionalInt64(12);
  d.matter_number = row.GetText(13);
  std::optional<domain::MatterStatus> matter_status;
  if (auto status = row.GetOptionalInt64(14)) {
    matter_status = static_cast<domain::MatterStatus>(*status);
    d.matter_status = std::string(domain::MatterStatusCode(*matter_status));
  }
  d.region_path = row.GetText(15);
  d.done_by = row.GetOptionalInt64(16);
  d.done_at = row.GetOptionalInt64(17);
  d.created_at = row.GetInt64(18);
  std::optional<bool> matter_solved;
  if (auto solved = row.GetOptionalInt64(19)) matter_solved = *solved != 0;
  d.completed = domain::DecisionCompleted(d.state, matter_status, matter_solved, row.GetText(20));
  return d;
}

class SqlMeetingRepository final : public app::MeetingRepository {
 public:
  explicit SqlMeetingRepository(Connection& conn) : conn_(conn) {}

  void InsertMeeting(const app::Meeting& m) override {
    RunSql(conn_, sql::meeting_insert,
           {m.id, m.kind, m.title, m.date, m.start, m.end, m.place, m.region_id, m.region_path,
            m.host_user_id, OptionalValue(m.host_unit_id), OptionalValue(m.project_id), m.minutes,
            m.state, OptionalValue(m.slot_id), m.created_by, m.created_at, m.updated_at});
    InsertAttendees(m);
  }

  void UpdateMeeting(const app::Meeting& m) override {
    RequireOneRow(RunSql(conn_, sql::meeting_update,
                         {m.id, m.kind, m.title, m.date, m.start, m.end, m.place, m.host_user_id,
                          OptionalValue(m.host_unit_id), OptionalValue(m.project_id), m.minutes,
                          m.state, OptionalValue(m.slot_id), m.updated_at}),
                  "meeting.not_found", "会议不存在");
    RunSql(conn_, sql::meeting_attendees_delete, {m.id});
    InsertAttendees(m);
  }

  std::optional<app::Meeting> FindMeeting(domain::Id id) override {
    QueryBuilder b;
    b.Where("m.id = " + b.Param(id));
    auto m = First<app::Meeting>(
        SelectRows(conn_, sql::meeting_select, b.WhereClause(), b.params()), ReadMeeting);
    if (m) {
      m->attendees = ReadAll<app::MeetingAttendee>(
          QueryRows(conn_, sql::meeting_attendees_select, {id}), ReadAttendee);
    }
    return m;
  }

  domain::Page<app::Meeting> ListMeetings(const app::MeetingFilter& filter,
                                          const domain::PageRequest& page) override {
    QueryBuilder b;
    if (!filter.region_path.empty()) {
      b.Where("m.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path)));
    }
    if (!filter.kind.empty()) b.Where("m.kind = " + b.Param(filter.kind));
    if (!filter.state.empty()) b.Where("m.state = " + b.Param(filter.state));
    if (!filter.from_date.empty()) b.Where("m.date >= " + b.Param(filter.from_date));
    if (filter.project_id) b.Where("m.project_id = " + b.Param(*filter.project_id));
    return ListPage<app::Meeting>(conn_, sql::meeting_select, sql::meeting_count, b,
                                  filter.from_date.empty()
                                      ? "m.date DESC, m.start_time DESC, m.id DESC"
                                      : "m.date, m.start_time, m.id",
                                  page, ReadMeeting);
  }

  void InsertDecision(const app::MeetingDecision& d) override {
    RunSql(
        conn_, sql::meeting_decision_insert,
        {d.id, d.meeting_id, d.text, OptionalValue(d.owner_user_id), OptionalValue(d.owner_unit_id),
         d.deadline, d.state, d.result_note, OptionalValue(d.matter_id), d.region_path,
         OptionalValue(d.done_by), OptionalValue(d.done_at), d.created_at});
  }

  std::optional<app::MeetingDecision> FindDecision(domain::Id id) override {
    QueryBuilder b;
    b.Where("d.id = " + b.Param(id));
    return First<app::MeetingDecision>(
        SelectRows(conn_, sql::meeting_decision_select, b.WhereClause(), b.params()), ReadDecision);
  }

  bool UpdateDecisionState(const app::MeetingDecision& d,
                           const std::string& expected_state) override {
    return RunSql(conn_, sql::meeting_decision_update_state,
                  {d.id, d.state, d.result_note, OptionalValue(d.matter_id),
                   OptionalValue(d.done_by), OptionalValue(d.done_at), expected_state}) == 1;
  }

  std::vector<app::MeetingDecision> ListDecisionsOfMeeting(domain::Id meeting_id) override {
    QueryBuilder b;
    b.Where("d.meeting_id = " + b.Param(meeting_id));
    return ReadAll<app::MeetingDecision>(SelectRows(conn_, sql::meeting_decision_select,
                                                    b.WhereClause() + " ORDER BY d.id", b.params()),
                                         ReadDecision);
  }

  std::vector<app::MeetingDecision> ListDecisions(const app::DecisionFilter& filter,
                                                  int limit) override {
    QueryBuilder b;
    if (!filter.region_path.empty()) {
      b.Where("d.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path)));
    }
    if (filter.owner_user_id && filter.owner_unit_id) {
      std::string user = b.Param(*filter.owner_user_id);
      b.Where("(d.owner_user_id = " + user +
              " OR d.owner_unit_id = " + b.Param(*filter.owner_unit_id) + ")");
    } else if (filter.owner_user_id) {
      b.Where("d.owner_user_id = " + b.Param(*filter.owner_user_id));
    } else if (filter.owner_unit_id) {
      b.Where("d.owner_unit_id = " + b.Param(*filter.owner_unit_id));
    }
    if (!filter.state.empty()) b.Where("d.state = " + b.Param(filter.state));
    if (!filter.deadline_before.empty()) {
      b.Where("d.deadline < " + b.Param(filter.deadline_before));
    }
    std::string tail = b.WhereClause() + " ORDER BY d.deadline, d.id LIMIT " +
                       b.Param(static_cast<std::int64_t>(limit));
    return ReadAll<app::MeetingDecision>(
        SelectRows(conn_, sql::meeting_decision_select, tail, b.params()), ReadDecision);
  }

 private:
  void InsertAttendees(const app::Meeting& m) {
    for (const auto& a : m.attendees) {
      RunSql(conn_, sql::meeting_attendee_insert,
             {a.id, m.id, a.kind, OptionalValue(a.unit_id), OptionalValue(a.resident_id), a.name,
              a.organisation});
    }
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::MeetingRepository> MakeSqlMeetingRepository(Connection& conn) {
  return std::make_unique<SqlMeetingRepository>(conn);
}

}  // namespace minqing::storage
