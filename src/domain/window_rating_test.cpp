#include "domain/window_rating.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(WindowRatingTest, ConsultationClosedWithinTheHourIsOnTheSpot) {
  EXPECT_EQ(MatterServiceKind(MatterType::kConsultation, 1000, 1000),
            WindowServiceKind::kOnTheSpot);
  EXPECT_EQ(MatterServiceKind(MatterType::kConsultation, 1000, 1000 + kOnTheSpotSeconds),
            WindowServiceKind::kOnTheSpot);
  EXPECT_EQ(MatterServiceKind(MatterType::kConsultation, 1000, 1001 + kOnTheSpotSeconds),
            WindowServiceKind::kIntake);
  EXPECT_EQ(MatterServiceKind(MatterType::kConsultation, 1000, std::nullopt),
            WindowServiceKind::kIntake);
  // Only a consultation is answered: help closed at once is still an intake.
  EXPECT_EQ(MatterServiceKind(MatterType::kHelp, 1000, 1000), WindowServiceKind::kIntake);
}

TEST(WindowRatingTest, KindCodesRoundTrip) {
  for (auto kind : {WindowServiceKind::kIntake, WindowServiceKind::kOnTheSpot,
                    WindowServiceKind::kAppointment}) {
    EXPECT_EQ(ParseWindowServiceKind(WindowServiceKindCode(kind)), kind);
    EXPECT_FALSE(WindowServiceKindLabel(kind).empty());
  }
  EXPECT_FALSE(ParseWindowServiceKind("tablet").has_value());
}

TEST(WindowRatingTest, StarsOneToFiveAndCommentLimitedInCharacters) {
  EXPECT_TRUE(CheckRating(1, "").empty());
  EXPECT_TRUE(CheckRating(5, "很好").empty());
  ASSERT_EQ(CheckRating(0, "").size(), 1u);
  EXPECT_EQ(CheckRating(0, "")[0].code, "rating.bad_stars");
  EXPECT_EQ(CheckRating(6, "")[0].field, "stars");
  std::string three_hundred;
  for (int i = 0; i < 300; ++i) three_hundred += "好";
  EXPECT_TRUE(CheckRating(4, three_hundred).empty());  // 900 bytes, 300 characters.
  auto problems = CheckRating(9, three_hundred + "好");
  ASSERT_EQ(problems.size(), 2u);  // Every problem at once.
  EXPECT_EQ(problems[1].code, "rating.comment_too_long");
}

TEST(WindowRatingTest, SuggestionNeedsContentWithinLimits) {
  EXPECT_TRUE(CheckSuggestion("大厅需要增加座椅", "").empty());
  EXPECT_EQ(CheckSuggestion("  　 ", "")[0].code, "suggestion.too_short");
  EXPECT_EQ(CheckSuggestion("好", "")[0].code, "suggestion.too_short");
  std::string long_text(1001, 'a');
  EXPECT_EQ(CheckSuggestion(long_text, "")[0].code, "suggestion.too_long");
  EXPECT_EQ(CheckSuggestion("大厅需要增加座椅", std::string(61, '1'))[0].code,
            "suggestion.contact_too_long");
}

TEST(WindowRatingTest, FiguresCountAverageAndLowShare) {
  RatingFigures figures;
  EXPECT_EQ(figures.Average(), 0.0);
  EXPECT_EQ(figures.LowShare(), 0.0);
  for (int stars : {5, 4, 2, 1}) figures.Add(stars);
  EXPECT_EQ(figures.count, 4);
  EXPECT_DOUBLE_EQ(figures.Average(), 3.0);
  EXPECT_EQ(figures.low_count, 2);
  EXPECT_DOUBLE_EQ(figures.LowShare(), 0.5);
  EXPECT_TRUE(IsLowRating(2));
  EXPECT_FALSE(IsLowRating(3));
}

}  // namespace
}  // namespace minqing::domain
