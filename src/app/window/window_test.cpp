#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"
#include "app/window/appointments.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, CalendarSlotsAndErrands) {
  auto cal = catalogue().GetCalendar(admin_, 2026);
  EXPECT_FALSE(cal.items.empty());
  // A slot on a holiday can be booked (节假日预约) until it is full.
  SlotInput slot_input{"2026-10-03", "09:00", "10:00", 1, std::nullopt};
  auto slot = appointments().CreateSlot(clerk_, unit1_.id, slot_input);
  AppointmentInput booking;
  booking.person_name = "王景云";
  booking.phone = "13812345678";
  auto first = appointments().Book(clerk_, slot.id, booking);
  try {
    appointments().Book(clerk_, slot.id, booking);
    FAIL();
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "slot.full");
  }
  // The window sees who booked; a village assistant does not see other people's bookings.
  auto booked = appointments().ListAppointments(clerk_, slot.id);
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].person_name, "王景云");
  EXPECT_EQ(booked[0].phone, "13812345678");
  EXPECT_EQ(appointments().ListAppointments(leader_, slot.id).size(), 1u);
  EXPECT_THROW(appointments().ListAppointments(assistant_, slot.id), domain::Forbidden);
  EXPECT_THROW(appointments().ListAppointments(clerk_, 424242), domain::NotFound);
  // A cancellation frees the place; the cancelled booking cannot come back once it is taken.
  appointments().SetAppointmentStatus(clerk_, first.id, "cancelled");
  booking.person_name = "李四";
  auto second = appointments().Book(clerk_, slot.id, booking);
  try {
    appointments().SetAppointmentStatus(clerk_, first.id, "booked");
    FAIL();
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "slot.full");
  }
  EXPECT_EQ(appointments().SetAppointmentStatus(clerk_, second.id, "done").status, "done");
  booked = appointments().ListAppointments(clerk_, slot.id);
  ASSERT_EQ(booked.size(), 2u);
  EXPECT_EQ(booked[0].status, "cancelled");
  EXPECT_EQ(booked[1].status, "done");
  auto m = AcceptParking(At("2026-09-01", 9));
  ErrandInput errand;
  errand.household_id = household_a_.id;
  errand.matter_id = m.matter.id;
  errand.purpose = "代办低保年审";
  errand.documents = {{"户口本", 1, std::nullopt, std::nullopt}};
  auto e = errands().CreateErrand(assistant_, errand);
  EXPECT_TRUE(e.documents[0].received_at);
  ErrandInput update;
  update.status = "returned";
  e = errands().UpdateErrand(assistant_, e.id, update);
  EXPECT_TRUE(e.documents[0].returned_at);
  auto view = sign_off().GetPublic(m.receipt.number, m.receipt.token, kNow);
  ASSERT_EQ(view.errands.size(), 1u);
  errand.household_id = household_b_.id;
  errand.matter_id.reset();
  EXPECT_THROW(errands().CreateErrand(assistant_, errand), domain::Forbidden);
  // Import a later year.
  EXPECT_EQ(catalogue().ImportCalendar(admin_, "date,kind,name\n2027-01-01,off,元旦\n"), 1);
  EXPECT_THROW(catalogue().ImportCalendar(admin_, "2027-13-01,off,x\n"), domain::InvalidInput);
}

}  // namespace
}  // namespace minqing::app
