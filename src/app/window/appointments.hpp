// Time slots of a unit and the appointments booked in them (节假日预约: holidays allowed), a
// window service beside the matters (诉求) an appointment may belong to.
//
// Contract: a unit's slots and bookings are managed by staff whose region scope holds the unit's
// area and by the unit's own handlers (slots.manage, appointments.read, appointments.manage); a
// unit serves callers of its area (a resident: where their household lives); residents book for
// their own household (appointments.book). Runs in one transaction per call and audits writes.
//
// Caches: none.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"

namespace minqing::app {

struct SlotInput {
  std::string date;
  std::string start;
  std::string end;
  int capacity = 1;
  std::optional<Id> staff_user_id;
};

struct AppointmentInput {
  std::optional<Id> matter_id;
  std::optional<Id> household_id;
  std::string person_name;
  std::string phone;
  std::string purpose;
};

class AppointmentService {
 public:
  explicit AppointmentService(Store& store) : store_(store) {}

  std::vector<domain::TimeSlot> ListSlots(const Actor& actor, Id unit_id, const std::string& from,
                                          const std::string& to);
  domain::TimeSlot CreateSlot(const Actor& actor, Id unit_id, const SlotInput& input);
  domain::Appointment Book(const Actor& actor, Id slot_id, const AppointmentInput& input);
  // The bookings of one slot, oldest first: who comes, their phone and what for. For the window
  // and leaders only (names and phones of other people).
  std::vector<domain::Appointment> ListAppointments(const Actor& actor, Id slot_id);
  // "booked" (again, if the slot has room), "done" or "cancelled".
  domain::Appointment SetAppointmentStatus(const Actor& actor, Id appointment_id,
                                           const std::string& status);

 private:
  Store& store_;
};

}  // namespace minqing::app
