// The scope holes found by probing (issue 11), each tried by the person who must not get through:
// intake by resident id, a resident filing into another region, the audit log, appointments and
// slots across townships, input or state answered before scope, and leaders handling matters.
#include <gtest/gtest.h>

#include "app/matters/handling.hpp"
#include "app/matters/intake.hpp"
#include "app/matters/queries.hpp"
#include "app/network_service.hpp"
#include "app/test_fixture.hpp"
#include "app/window/appointments.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

class AuthzScopeTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    other_township_ = Region(county_.id, "township", "131124200000", "大尹村镇");
    other_village_ = Region(other_township_.id, "village", "131124200001", "北村");
    other_household_ = Household(other_village_.id, "北村1号", "赵国强",
                                 domain::MakeIdCard("131124", "19650303", 33));
    unit_ = MakeUnit("饶阳镇服务中心", township_.id);
    other_unit_ = MakeUnit("大尹村镇服务中心", other_township_.id);
    clerk_ = UserActor("clerk", "centre_staff", township_.id);
    leader_ = UserActor("leader", "leader", township_.id);
    auto head = services_->registry.GetHousehold(admin_, household_a_.id).members.front();
    resident_ = UserActor("resident_a", "resident", std::nullopt, head.id);
  }

  domain::Unit MakeUnit(const char* name, domain::Id region) {
    UnitInput input;
    input.name = name;
    input.kind = "service_centre";
    input.region_id = region;
    return services_->registry.CreateUnit(admin_, input);
  }

  domain::Id OtherHead() {
    return services_->registry.GetHousehold(admin_, other_household_.id).members.front().id;
  }

  domain::TimeSlot Slot(domain::Id unit) {
    SlotInput slot{"2026-10-12", "09:00", "10:00", 5, std::nullopt};
    return services_->appointments.CreateSlot(admin_, unit, slot);
  }

  AcceptResult Accept(const Actor& actor, domain::Id household) {
    MatterInput input;
    input.type = "help";
    input.household_id = household;
    input.content = "想申请低保";
    return services_->intake.Accept(actor, input);
  }

  domain::Region other_township_, other_village_;
  domain::Household other_household_;
  domain::Unit unit_, other_unit_;
  Actor clerk_, leader_, resident_;
};

// A village assistant walked the county's residents by id: the new matter carried their name
// and masked phone.
TEST_F(AuthzScopeTest, IntakeByResidentIdStaysInScope) {
  MatterInput input;
  input.type = "help";
  input.region_id = village_a_.id;
  input.resident_id = OtherHead();
  input.content = "想申请低保";
  EXPECT_THROW(services_->intake.Accept(assistant_, input), domain::Forbidden);
  input.resident_id = services_->registry.GetHousehold(admin_, household_a_.id).members[0].id;
  EXPECT_EQ(services_->intake.Accept(assistant_, input).matter.caller_name, "王景云");
}

TEST_F(AuthzScopeTest, ResidentFilesOnlyForOwnHouseholdInItsRegion) {
  MatterInput input;
  input.type = "help";
  input.household_id = household_a_.id;
  input.region_id = other_village_.id;
  input.content = "路灯坏了";
  EXPECT_THROW(services_->intake.Accept(resident_, input), domain::Forbidden);
  input.region_id = village_b_.id;
  EXPECT_THROW(services_->intake.Accept(resident_, input), domain::Forbidden);
  input.region_id.reset();
  EXPECT_EQ(services_->intake.Accept(resident_, input).matter.region_id, village_a_.id);
  EXPECT_THROW(Accept(resident_, household_b_.id), domain::Forbidden);
}

TEST_F(AuthzScopeTest, AuditLogFollowsTheReadersScope) {
  // A township leader reads the log of objects and people of the township only.
  EXPECT_THROW(services_->registry.ListAudit(leader_, {}, {0, 20, ""}), domain::Forbidden);
  EXPECT_THROW(services_->registry.ListAudit(
                   leader_, {"household", other_household_.id, std::nullopt}, {0, 20, ""}),
               domain::Forbidden);
  auto own = services_->registry.ListAudit(leader_, {"household", household_a_.id, std::nullopt},
                                           {0, 20, ""});
  EXPECT_FALSE(own.items.empty());
  // A county leader reads it all.
  auto county_leader = UserActor("county_leader", "leader", county_.id);
  EXPECT_FALSE(services_->registry.ListAudit(county_leader, {}, {0, 20, ""}).items.empty());
}

TEST_F(AuthzScopeTest, SlotsAndAppointmentsStayInScope) {
  // Window staff set slots for their own township's centre only.
  SlotInput slot{"2026-10-12", "09:00", "10:00", 5, std::nullopt};
  EXPECT_THROW(services_->appointments.CreateSlot(clerk_, other_unit_.id, slot), domain::Forbidden);
  EXPECT_NO_THROW(services_->appointments.CreateSlot(clerk_, unit_.id, slot));
  auto other = Slot(other_unit_.id);
  auto own = Slot(unit_.id);
  AppointmentInput booking;
  booking.person_name = "赵国强";
  booking.household_id = other_household_.id;
  auto theirs = services_->appointments.Book(admin_, other.id, booking);
  EXPECT_THROW(services_->appointments.ListAppointments(clerk_, other.id), domain::Forbidden);
  EXPECT_THROW(services_->appointments.SetAppointmentStatus(clerk_, theirs.id, "cancelled"),
               domain::Forbidden);
  EXPECT_THROW(services_->appointments.ListSlots(resident_, other_unit_.id, "", ""),
               domain::Forbidden);
  // A resident books at the centre serving their household, and only for their household.
  EXPECT_THROW(services_->appointments.Book(resident_, other.id, booking), domain::Forbidden);
  EXPECT_THROW(services_->appointments.Book(resident_, own.id, booking), domain::Forbidden);
  booking.household_id = household_a_.id;
  booking.person_name = "王景云";
  EXPECT_EQ(services_->appointments.Book(resident_, own.id, booking).household_id, household_a_.id);
  // A village assistant books for their villagers only.
  booking.household_id = household_b_.id;
  EXPECT_THROW(services_->appointments.Book(assistant_, own.id, booking), domain::Forbidden);
}

// An out-of-scope caller gets 403 before the object's state or the input is judged.
TEST_F(AuthzScopeTest, ScopeBeforeInputAndState) {
  auto theirs = Accept(admin_, other_household_.id).matter;
  AttachmentInput not_a_picture{"x.txt", "text/plain", "hello"};
  EXPECT_THROW(services_->handling.AddAttachment(clerk_, theirs.id, not_a_picture),
               domain::Forbidden);
  HouseholdInput empty;
  EXPECT_THROW(services_->registry.UpdateHousehold(clerk_, other_household_.id, empty),
               domain::Forbidden);
  EXPECT_THROW(services_->handling.Transfer(clerk_, theirs.id, 0, "", ""), domain::Forbidden);
}

// Leaders read, supervise and export; they do not route or handle matters, nor write the diary.
TEST_F(AuthzScopeTest, LeadersSuperviseButDoNotHandle) {
  auto m = Accept(clerk_, household_a_.id).matter;
  EXPECT_THROW(services_->handling.Dispatch(leader_, m.id, unit_.id, std::nullopt, ""),
               domain::Forbidden);
  EXPECT_THROW(services_->handling.AddStep(leader_, m.id, "已了解", false, {}), domain::Forbidden);
  EXPECT_THROW(services_->handling.CloseOnSpot(leader_, m.id, "已答复"), domain::Forbidden);
  auto other = Accept(clerk_, household_a_.id).matter;
  EXPECT_THROW(services_->handling.Merge(leader_, other.id, m.id), domain::Forbidden);
  AttachmentInput pdf{"a.pdf", "application/pdf", "%PDF-1.4\n"};
  EXPECT_THROW(services_->handling.AddAttachment(leader_, m.id, pdf), domain::Forbidden);
  EXPECT_NO_THROW(services_->handling.Supervise(leader_, m.id, "请尽快办理", "2026-12-31"));
  EXPECT_NO_THROW(services_->queries.GetMatter(leader_, m.id));
  VisitInput visit;
  visit.household_id = household_a_.id;
  visit.learned = "一切安好";
  EXPECT_THROW(services_->network.LogVisit(leader_, visit), domain::Forbidden);
  // The clerk still dispatches.
  EXPECT_NO_THROW(services_->handling.Dispatch(clerk_, m.id, unit_.id, std::nullopt, ""));
}

}  // namespace
}  // namespace minqing::app
