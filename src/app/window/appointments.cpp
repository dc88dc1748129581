#include "app/window/appointments.hpp"

#include <cctype>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "app/window_ratings.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::MatterStatus;
using domain::Permission;
using domain::Role;
using domain::Trim;
using domain::Utf8Length;
using domain::Utf8Prefix;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace {
bool IsClock(const std::string& s) {
  return s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) &&
         std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && s.substr(0, 2) < "24" &&
         s.substr(3, 2) < "60";
}
}  // namespace

namespace {

// The region path of a unit's area; "" for a unit without a region (county-wide).
std::string UnitPath(StoreTx& tx, const domain::Unit& unit) {
  if (!unit.region_id) return "";
  auto region = tx.Registry().FindRegion(*unit.region_id);
  return region ? region->path : "";
}

domain::Unit LoadUnit(StoreTx& tx, Id unit_id) {
  auto unit = tx.Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  return *unit;
}

// Staff manage a unit's slots and bookings when the unit's area lies in their region scope;
// handlers only their own unit's.
bool ManagesUnit(const Actor& actor, const domain::Unit& unit, const std::string& unit_path) {
  switch (actor.user.role) {
    case Role::kUnitHandler:
      return actor.user.scope_unit_id == unit.id;
    case Role::kResident:
      return false;
    default:
      return domain::RegionInScope(actor.user, unit_path);
  }
}

// A unit serves the caller when its area contains the caller's scope (a township centre serves
// its villages) or lies inside it; a resident is served where their household lives.
void RequireServes(StoreTx& tx, const Actor& actor, const domain::Unit& unit,
                   const std::string& unit_path) {
  if (ManagesUnit(actor, unit, unit_path)) return;
  std::string caller_path = actor.user.scope_region_path;
  if (actor.user.role == Role::kResident) {
    caller_path.clear();
    if (auto own = OwnHouseholdOf(tx, actor)) {
      if (auto household = tx.Registry().FindHousehold(*own)) caller_path = household->region_path;
    }
  }
  bool serves = actor.user.role != Role::kUnitHandler && !caller_path.empty() &&
                caller_path.compare(0, unit_path.size(), unit_path) == 0;
  if (!serves) throw domain::Forbidden("auth.forbidden", "该单位不服务您所在的区域");
}

}  // namespace

std::vector<domain::TimeSlot> AppointmentService::ListSlots(const Actor& actor, Id unit_id,
                                                            const std::string& from,
                                                            const std::string& to) {
  Require(actor,
          {Permission::kBookAppointments, Permission::kReadAppointments, Permission::kReadUnits});
  auto tx = store_.BeginRead();
  domain::Unit unit = LoadUnit(*tx, unit_id);
  RequireServes(*tx, actor, unit, UnitPath(*tx, unit));
  std::string f = from.empty() ? domain::FormatDate(domain::ChinaDay(actor.now)) : from;
  std::string t = to.empty() ? domain::FormatDate(domain::ChinaDay(actor.now) + 30) : to;
  return tx->Matters().ListTimeSlots(unit_id, f, t);
}

domain::TimeSlot AppointmentService::CreateSlot(const Actor& actor, Id unit_id,
                                                const SlotInput& input) {
  Require(actor, domain::Permission::kManageSlots);
  auto tx = store_.Begin();
  {
    domain::Unit unit = LoadUnit(*tx, unit_id);
    if (!ManagesUnit(actor, unit, UnitPath(*tx, unit))) {
      throw domain::Forbidden("auth.forbidden", "只能为本辖区的单位设置预约时段");
    }
  }
  std::vector<FieldProblem> problems;
  auto day = domain::ParseDate(input.date);
  if (!day) problems.push_back({"date", "date.invalid", "日期格式应为 YYYY-MM-DD"});
  if (!IsClock(input.start)) problems.push_back({"start", "time.invalid", "时间格式应为 HH:MM"});
  if (!IsClock(input.end) || input.end <= input.start) {
    problems.push_back({"end", "time.invalid", "结束时间应晚于开始时间"});
  }
  if (input.capacity < 1 || input.capacity > 500) {
    problems.push_back({"capacity", "slot.capacity_range", "名额应为1–500"});
  }
  ThrowIfProblems(std::move(problems));
  domain::TimeSlot slot;
  slot.id = domain::NewId();
  slot.unit_id = unit_id;
  slot.date = domain::FormatDate(*day);
  slot.start = input.start;
  slot.end = input.end;
  slot.capacity = input.capacity;
  slot.staff_user_id = input.staff_user_id;
  tx->Matters().InsertTimeSlot(slot);
  RecordAudit(*tx, actor, "slot.create", "slot", slot.id, "",
              JsonObjectWriter().Add("date", slot.date).Add("start", slot.start).Finish());
  tx->Commit();
  return slot;
}

domain::Appointment AppointmentService::Book(const Actor& actor, Id slot_id,
                                             const AppointmentInput& input) {
  Require(actor, domain::Permission::kBookAppointments);
  auto tx = store_.Begin();
  auto slot = tx->Matters().FindTimeSlot(slot_id);
  if (!slot) throw domain::NotFound("slot.not_found", "预约时段不存在");
  domain::Unit unit = LoadUnit(*tx, slot->unit_id);
  RequireServes(*tx, actor, unit, UnitPath(*tx, unit));
  // A resident books for their own household; staff for households in their scope.
  if (actor.user.role == Role::kResident) {
    auto own = OwnHouseholdOf(*tx, actor);
    if (!own || (input.household_id && input.household_id != own)) {
      throw domain::Forbidden("auth.forbidden", "只能为本户预约");
    }
  } else if (input.household_id) {
    auto household = tx->Registry().FindHousehold(*input.household_id);
    if (!household) throw domain::NotFound("household.not_found", "该户不存在");
    if (!domain::RegionInScope(actor.user, household->region_path)) {
      throw domain::Forbidden("auth.forbidden", "无权为该户预约");
    }
  }
  std::optional<Matter> matter;
  if (input.matter_id) matter = LoadReadable(*tx, actor, *input.matter_id);
  std::vector<FieldProblem> problems;
  if (Trim(input.person_name).empty()) {
    problems.push_back({"person_name", "appointment.name_required", "请填写预约人姓名"});
  }
  if (!input.phone.empty() && !domain::IsPlausiblePhone(input.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  ThrowIfProblems(std::move(problems));
  if (slot->booked >= slot->capacity) throw domain::Conflict("slot.full", "该时段已约满");
  domain::Appointment a;
  a.id = domain::NewId();
  a.slot_id = slot_id;
  a.matter_id = input.matter_id;
  a.household_id =
      actor.user.role == Role::kResident ? OwnHouseholdOf(*tx, actor) : input.household_id;
  a.person_name = Trim(input.person_name);
  a.phone = input.phone;
  a.purpose = Trim(input.purpose);
  a.status = "booked";
  a.created_at = actor.now;
  tx->Matters().InsertAppointment(a);
  if (matter) {
    AddEvent(*tx, actor, *matter, MatterEventKind::kAppointment,
             "预约 " + slot->date + " " + slot->start + "–" + slot->end);
  }
  RecordAudit(
      *tx, actor, "appointment.book", "appointment", a.id, "",
      JsonObjectWriter().Add("slot_id", slot_id).Add("person_name", a.person_name).Finish());
  tx->Commit();
  return a;
}

std::vector<domain::Appointment> AppointmentService::ListAppointments(const Actor& actor,
                                                                      Id slot_id) {
  Require(actor, domain::Permission::kReadAppointments);
  auto tx = store_.BeginRead();
  auto slot = tx->Matters().FindTimeSlot(slot_id);
  if (!slot) throw domain::NotFound("slot.not_found", "预约时段不存在");
  domain::Unit unit = LoadUnit(*tx, slot->unit_id);
  if (!ManagesUnit(actor, unit, UnitPath(*tx, unit))) {
    throw domain::Forbidden("auth.forbidden", "无权查看该单位的预约");
  }
  return tx->Matters().ListAppointments(slot_id);
}

domain::Appointment AppointmentService::SetAppointmentStatus(const Actor& actor, Id appointment_id,
                                                             const std::string& status) {
  Require(actor, domain::Permission::kManageAppointments);
  auto tx = store_.Begin();
  auto a = tx->Matters().FindAppointment(appointment_id);
  if (!a) throw domain::NotFound("appointment.not_found", "预约不存在");
  // The unit's staff, or staff of the booking household's region (an assistant who booked it).
  {
    auto slot = tx->Matters().FindTimeSlot(a->slot_id);
    if (!slot) throw domain::NotFound("slot.not_found", "预约时段不存在");
    domain::Unit unit = LoadUnit(*tx, slot->unit_id);
    bool allowed = ManagesUnit(actor, unit, UnitPath(*tx, unit));
    if (!allowed && a->household_id) {
      auto household = tx->Registry().FindHousehold(*a->household_id);
      allowed = household && domain::RegionInScope(actor.user, household->region_path);
    }
    if (!allowed) throw domain::Forbidden("auth.forbidden", "无权修改该预约");
  }
  if (status != "booked" && status != "done" && status != "cancelled") {
    Invalid("status", "appointment.bad_status", "状态应为 booked、done 或 cancelled");
  }
  std::string before = a->status;
  if (before == "cancelled" && status != "cancelled") {
    // A cancelled booking takes its place again only if the slot still has room.
    auto slot = tx->Matters().FindTimeSlot(a->slot_id);
    if (slot && slot->booked >= slot->capacity) {
      throw domain::Conflict("slot.full", "该时段已约满");
    }
  }
  a->status = status;
  tx->Matters().UpdateAppointment(*a);
  if (status == "done" && before != "done") {
    // An appointment served is a window service the resident may rate (窗口即时评价).
    if (auto slot = tx->Matters().FindTimeSlot(a->slot_id)) {
      WindowRatingService::RecordAppointmentServed(*tx, actor, *a, *slot);
    }
  }
  RecordAudit(*tx, actor, "appointment.update", "appointment", a->id,
              JsonObjectWriter().Add("status", before).Finish(),
              JsonObjectWriter().Add("status", status).Finish());
  tx->Commit();
  return *a;
}

}  // namespace minqing::app
