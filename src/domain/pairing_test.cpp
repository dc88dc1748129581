#include "domain/pairing.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

Pair Make(Id id, Id unit, Id region, std::string from,
          std::optional<std::string> to = std::nullopt) {
  Pair p;
  p.id = id;
  p.unit_id = unit;
  p.region_id = region;
  p.unit_name = "县农业农村局";
  p.region_name = "东村";
  p.from = std::move(from);
  p.to = std::move(to);
  return p;
}

TEST(Pairing, OverlapOnlyForSameUnitAndVillage) {
  std::vector<Pair> others = {Make(1, 10, 20, "2026-01-01", "2026-12-31")};
  EXPECT_NE(FindPairOverlap(Make(2, 10, 20, "2026-06-01"), others), nullptr);
  EXPECT_EQ(FindPairOverlap(Make(2, 11, 20, "2026-06-01"), others), nullptr);
  EXPECT_EQ(FindPairOverlap(Make(2, 10, 21, "2026-06-01"), others), nullptr);
  EXPECT_EQ(FindPairOverlap(Make(2, 10, 20, "2027-01-01"), others), nullptr);
  EXPECT_NE(FindPairOverlap(Make(2, 10, 20, "2025-01-01", "2026-01-01"), others), nullptr);
}

TEST(Pairing, OverlapErrorNamesTheOther) {
  const Pair other = Make(42, 10, 20, "2026-01-01");
  try {
    ThrowPairOverlap(other);
    FAIL();
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "pairing.overlap");
    EXPECT_NE(std::string(e.what()).find("42"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("东村"), std::string::npos);
  }
}

TEST(Pairing, ValidatesDatesAndRequiredFields) {
  Pair p = Make(0, 0, 0, "2026-13-01", "2025-01-01");
  auto problems = ValidatePair(p);
  // Unit, village and the start date; the end is not compared with a start that is no date.
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[2].code, "date.invalid");
  p = Make(0, 1, 2, "2026-02-01", "2026-01-01");
  problems = ValidatePair(p);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "pairing.to_before_from");
  EXPECT_TRUE(ValidatePair(Make(0, 1, 2, "2026-01-01")).empty());
}

TEST(Pairing, ProjectStatesAndFields) {
  for (auto state :
       {PairProjectState::kPlanned, PairProjectState::kOngoing, PairProjectState::kDone}) {
    EXPECT_EQ(ParsePairProjectState(PairProjectStateCode(state)), state);
  }
  EXPECT_FALSE(ParsePairProjectState("cancelled"));
  PairProject p;
  EXPECT_EQ(ValidateProject(p).size(), 1u);
  p.title = "共建村文化广场";
  EXPECT_TRUE(ValidateProject(p).empty());
}

TEST(Pairing, KindsRoundTrip) {
  for (auto kind : {PairingKind::kFunds, PairingKind::kMaterials, PairingKind::kSkills,
                    PairingKind::kJobs, PairingKind::kOther}) {
    EXPECT_EQ(ParsePairingKind(PairingKindCode(kind)), kind);
  }
  EXPECT_FALSE(ParsePairingKind("gold").has_value());
}

TEST(Pairing, MatchNeedsOpenNeedAndAvailableResourceOfTheSamePair) {
  PairNeed need;
  need.pair_id = 1;
  PairResource resource;
  resource.pair_id = 1;
  EXPECT_NO_THROW(CheckMatch(need, resource));
  resource.pair_id = 2;
  EXPECT_THROW(CheckMatch(need, resource), InvalidInput);
  resource.pair_id = 1;
  need.state = NeedState::kMatched;
  EXPECT_THROW(CheckMatch(need, resource), Conflict);
  need.state = NeedState::kOpen;
  resource.state = ResourceState::kCommitted;
  EXPECT_THROW(CheckMatch(need, resource), Conflict);
  EXPECT_TRUE(ValidateNeed(need).size() == 1u);
  EXPECT_TRUE(ValidateResource(resource).size() == 1u);
}

}  // namespace
}  // namespace minqing::domain
