// Window ratings and the suggestion box, as use cases on a real SQLite store: the receipt's page
// finds the service a clerk gave at the window; the token rates it once; the clerk who served
// cannot rate it with their own session; a leader sees it in the figures of their township and a
// leader of another township does not; an appointment served reaches the window's tablet; a
// suggestion reaches the centre's leader, who answers it with a note.
#include "app/window_ratings.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

class WindowRatingsTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    centre_ = services_->registry.CreateUnit(
        admin_, UnitInput{"饶阳镇社会事务服务中心", "service_centre", township_.id, ""});
    clerk_ = UserActor("clerk", "centre_staff", township_.id);
    leader_ = UserActor("leader", "leader", township_.id);
    RegionInput other;
    other.parent_id = county_.id;
    other.level = "township";
    other.code = "131124200000";
    other.name = "大尹村镇";
    other_township_ = services_->registry.CreateRegion(admin_, other);
    other_leader_ = UserActor("leader_b", "leader", other_township_.id);
  }

  AcceptResult AcceptAtWindow(bool answer_on_spot) {
    MatterInput input;
    input.type = answer_on_spot ? "consultation" : "help";
    input.household_id = household_a_.id;
    input.content = answer_on_spot ? "低保怎么申请" : "想申请低保";
    input.answer_on_spot = answer_on_spot;
    if (answer_on_spot) input.reply = "带户口簿到窗口填表";
    return services_->intake.Accept(clerk_, input);
  }

  WindowRatingService& ratings() { return services_->window_ratings; }

  domain::Unit centre_;
  Actor clerk_, leader_, other_leader_;
  domain::Region other_township_;
};

TEST_F(WindowRatingsTest, ReceiptRatesTheClerksServiceOnceAndNeverByTheClerk) {
  AcceptResult accepted = AcceptAtWindow(true);
  const auto& receipt = accepted.receipt;
  EXPECT_THROW(ratings().ForReceipt(receipt.number, "wrong", kNow), domain::NotFound);
  WindowService s = ratings().ForReceipt(receipt.number, receipt.token, kNow);
  EXPECT_EQ(s.kind, "on_the_spot");
  EXPECT_EQ(s.clerk_id, clerk_.user.id);
  EXPECT_EQ(s.unit_id, centre_.id);
  EXPECT_EQ(s.token.size(), 32u);
  EXPECT_EQ(ratings().ForReceipt(receipt.number, receipt.token, kNow).token, s.token);

  // The clerk's own session cannot rate the clerk's service, even with the token.
  try {
    ratings().Rate(s.token, {5, "", "receipt"}, clerk_.user, kNow + 60);
    ADD_FAILURE() << "the clerk rated their own service";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "rating.own_service");
  }
  EXPECT_THROW(ratings().Rate(s.token, {0, "", "receipt"}, std::nullopt, kNow + 60),
               domain::InvalidInput);
  EXPECT_THROW(ratings().Rate("not-a-token", {5, "", "receipt"}, std::nullopt, kNow + 60),
               domain::NotFound);
  EXPECT_FALSE(ratings().ForToken(s.token).stars);  // Nothing stored by the refusals.

  WindowService rated =
      ratings().Rate(s.token, {2, "等了很久", "receipt"}, std::nullopt, kNow + 60);
  EXPECT_EQ(rated.stars, 2);
  // A second rating, whoever sends it (the administrator's session too), is refused.
  try {
    ratings().Rate(s.token, {5, "", "receipt"}, admin_.user, kNow + 120);
    ADD_FAILURE() << "a second rating was taken";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "rating.already_rated");
  }
  EXPECT_EQ(ratings().ForToken(s.token).stars, 2);

  leader_.now = kNow + 3600;
  RatingStats stats = ratings().Stats(leader_, kNow - 86400, kNow + 86400, std::nullopt);
  EXPECT_EQ(stats.total.count, 1);
  EXPECT_EQ(stats.total.low_count, 1);
  ASSERT_EQ(stats.clerks.size(), 1u);
  EXPECT_EQ(stats.clerks[0].id, clerk_.user.id);
  ASSERT_EQ(stats.units.size(), 1u);
  EXPECT_EQ(stats.units[0].id, centre_.id);
  auto listed = ratings().List(leader_, {}, std::nullopt, {0, 20, ""});
  EXPECT_EQ(listed.total, 0);  // The filter's period is empty: [0, 0).
  RatingFilter period;
  period.from = kNow - 86400;
  period.to = kNow + 86400;
  listed = ratings().List(leader_, period, std::nullopt, {0, 20, ""});
  ASSERT_EQ(listed.total, 1);
  EXPECT_EQ(listed.items[0].comment, "等了很久");
  EXPECT_TRUE(listed.items[0].token.empty());  // Readers are not given the right to rate.

  // Another township's leader sees none of it and may not ask for this township.
  EXPECT_EQ(ratings().Stats(other_leader_, kNow - 86400, kNow + 86400, std::nullopt).total.count,
            0);
  EXPECT_THROW(ratings().Stats(other_leader_, kNow - 86400, kNow + 86400, township_.id),
               domain::Forbidden);
  // Window staff open the tablet; a village assistant reads no ratings.
  EXPECT_THROW(ratings().Stats(assistant_, kNow - 86400, kNow + 86400, std::nullopt),
               domain::Forbidden);
}

TEST_F(WindowRatingsTest, IntakeIsRatedWithinThirtyDaysOnly) {
  AcceptResult accepted = AcceptAtWindow(false);
  WindowService s = ratings().ForReceipt(accepted.receipt.number, accepted.receipt.token, kNow);
  EXPECT_EQ(s.kind, "intake");
  try {
    ratings().Rate(s.token, {4, "", "receipt"}, std::nullopt,
                   kNow + domain::kRatingWindowSeconds + 1);
    ADD_FAILURE() << "a rating after 30 days was taken";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "rating.expired");
  }
}

TEST_F(WindowRatingsTest, TabletOffersTheClerksLatestServiceAppointmentsToo) {
  EXPECT_FALSE(ratings().LatestForTablet(clerk_));
  EXPECT_THROW(ratings().LatestForTablet(leader_), domain::Forbidden);
  AcceptResult accepted = AcceptAtWindow(false);
  auto latest = ratings().LatestForTablet(clerk_);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->matter_id, accepted.matter.id);

  SlotInput slot{"2026-10-12", "09:00", "10:00", 5, std::nullopt};
  auto created = services_->appointments.CreateSlot(clerk_, centre_.id, slot);
  AppointmentInput booking;
  booking.household_id = household_a_.id;
  booking.person_name = "王景云";
  booking.phone = "13812345678";
  booking.purpose = "办理低保";
  auto appointment = services_->appointments.Book(clerk_, created.id, booking);
  Actor later = clerk_;
  later.now = kNow + 600;
  services_->appointments.SetAppointmentStatus(later, appointment.id, "done");
  latest = ratings().LatestForTablet(later);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->kind, "appointment");
  EXPECT_EQ(latest->appointment_id, appointment.id);
  EXPECT_EQ(latest->unit_id, centre_.id);
  ratings().Rate(latest->token, {5, "", "tablet"}, std::nullopt, kNow + 700);
  later.now = kNow + 800;
  EXPECT_TRUE(ratings().LatestForTablet(later)->stars);  // The tablet then says "rated".
}

TEST_F(WindowRatingsTest, SuggestionReachesTheCentresLeaderWhoAnswersIt) {
  EXPECT_THROW(ratings().Suggest({centre_.id, "好", ""}, kNow), domain::InvalidInput);
  EXPECT_THROW(ratings().Suggest({999, "大厅需要增加座椅", ""}, kNow), domain::NotFound);
  Suggestion x = ratings().Suggest({centre_.id, "大厅需要增加座椅", "13900000000"}, kNow);
  EXPECT_EQ(x.status, "new");
  EXPECT_EQ(services_->notifications.UnreadCount(leader_), 1);
  EXPECT_EQ(services_->notifications.UnreadCount(other_leader_), 0);

  EXPECT_EQ(ratings().ListSuggestions(leader_, "", {0, 20, ""}).total, 1);
  EXPECT_EQ(ratings().ListSuggestions(clerk_, "new", {0, 20, ""}).total, 1);
  EXPECT_EQ(ratings().ListSuggestions(other_leader_, "", {0, 20, ""}).total, 0);
  EXPECT_THROW(ratings().HandleSuggestion(clerk_, x.id, "read", ""), domain::Forbidden);
  EXPECT_THROW(ratings().HandleSuggestion(other_leader_, x.id, "read", ""), domain::Forbidden);
  EXPECT_THROW(ratings().HandleSuggestion(leader_, x.id, "answered", ""), domain::InvalidInput);
  Suggestion answered = ratings().HandleSuggestion(leader_, x.id, "answered", "已增加十把座椅");
  EXPECT_EQ(answered.status, "answered");
  EXPECT_EQ(answered.handled_by, leader_.user.id);
  EXPECT_EQ(ratings().ListSuggestions(leader_, "answered", {0, 20, ""}).items.at(0).note,
            "已增加十把座椅");
}

}  // namespace
}  // namespace minqing::app
