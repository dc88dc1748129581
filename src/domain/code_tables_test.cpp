// CodeTables(): every kind is listed once, codes are unique within a kind, every label is present
// in both languages, and each table agrees with its enum's Code()/Label() functions.
#include "domain/code_tables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/codes.hpp"
#include "domain/contact_network_builder.hpp"
#include "domain/matter.hpp"
#include "domain/matter_rules.hpp"
#include "domain/network.hpp"

namespace minqing::domain {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Every value of E that has a code, as {code, Chinese label} sorted by code; the label is empty
// when the enum has no label function.
template <typename E>
Pairs FromEnum(std::string_view (*code)(E), std::string_view (*label)(E) = nullptr) {
  Pairs out;
  for (int i = 0; i < 64; ++i) {
    const E v = static_cast<E>(i);
    if (code(v).empty()) continue;
    out.emplace_back(std::string(code(v)), label ? std::string(label(v)) : std::string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Pairs FromTable(const CodeKind& kind, bool with_labels) {
  Pairs out;
  for (const auto& row : kind.rows) {
    out.emplace_back(std::string(row.code), with_labels ? std::string(row.label_zh) : "");
  }
  std::sort(out.begin(), out.end());
  return out;
}

const CodeKind* Find(std::string_view name) {
  for (const auto& kind : CodeTables()) {
    if (kind.kind == name) return &kind;
  }
  return nullptr;
}

TEST(CodeTablesTest, KindsAreUniqueAndRowsComplete) {
  std::set<std::string_view> kinds;
  for (const auto& kind : CodeTables()) {
    EXPECT_TRUE(kinds.insert(kind.kind).second) << kind.kind;
    EXPECT_FALSE(kind.rows.empty()) << kind.kind;
    std::set<std::string_view> codes;
    for (const auto& row : kind.rows) {
      EXPECT_FALSE(row.code.empty()) << kind.kind;
      EXPECT_TRUE(codes.insert(row.code).second) << kind.kind << " " << row.code;
      EXPECT_FALSE(row.label_zh.empty()) << kind.kind << " " << row.code;
      EXPECT_FALSE(row.label_en.empty()) << kind.kind << " " << row.code;
    }
  }
  const std::set<std::string_view> expected = {"role",
                                               "region_level",
                                               "sex",
                                               "member_status",
                                               "unit_kind",
                                               "party_org_kind",
                                               "matter_type",
                                               "matter_channel",
                                               "urgency",
                                               "matter_status",
                                               "matter_event_kind",
                                               "errand_status",
                                               "escalation_level",
                                               "appointment_status",
                                               "link_kind",
                                               "notice_kind",
                                               "household_event_kind",
                                               "visit_kind",
                                               "visitor_kind",
                                               "confirm_channel",
                                               "uncovered_reason",
                                               "sign_off_proof",
                                               "vote_state",
                                               "vote_choice",
                                               "ballot_refusal"};
  EXPECT_EQ(kinds, expected);
}

TEST(CodeTablesTest, TablesAgreeWithTheirEnums) {
  const std::map<std::string_view, std::pair<Pairs, bool>> enums = {
      {"role", {FromEnum(RoleCode, RoleLabel), true}},
      {"region_level", {FromEnum(RegionLevelCode, RegionLevelLabel), true}},
      {"sex", {FromEnum(SexCode, SexLabel), true}},
      {"member_status", {FromEnum(MemberStatusCode, MemberStatusLabel), true}},
      {"unit_kind", {FromEnum(UnitKindCode, UnitKindLabel), true}},
      {"party_org_kind", {FromEnum(PartyOrgKindCode), false}},
      {"matter_type", {FromEnum(MatterTypeCode, MatterTypeLabel), true}},
      {"matter_channel", {FromEnum(MatterChannelCode, MatterChannelLabel), true}},
      {"urgency", {FromEnum(UrgencyCode, UrgencyLabel), true}},
      {"matter_status", {FromEnum(MatterStatusCode, MatterStatusLabel), true}},
      {"matter_event_kind", {FromEnum(MatterEventKindCode, MatterEventKindLabel), true}},
      {"errand_status", {FromEnum(ErrandStatusCode, ErrandStatusLabel), true}},
      {"link_kind", {FromEnum(LinkKindCode), false}},
      {"notice_kind", {FromEnum(NoticeKindCode, NoticeKindLabel), true}},
      {"household_event_kind", {FromEnum(HouseholdEventKindCode, HouseholdEventKindLabel), true}},
      {"visit_kind", {FromEnum(VisitKindCode, VisitKindLabel), true}},
      {"visitor_kind", {FromEnum(VisitorKindCode), false}},
      {"uncovered_reason", {FromEnum(UncoveredReasonCode, UncoveredReasonLabel), true}},
  };
  for (const auto& [name, expected] : enums) {
    const CodeKind* kind = Find(name);
    ASSERT_NE(kind, nullptr) << name;
    EXPECT_EQ(FromTable(*kind, expected.second), expected.first) << name;
  }
}

TEST(CodeTablesTest, EscalationLevelsAgreeWithTheirLabels) {
  const CodeKind* kind = Find("escalation_level");
  ASSERT_NE(kind, nullptr);
  ASSERT_EQ(kind->rows.size(), 3U);
  for (EscalationLevel level = 0; level < 3; ++level) {
    EXPECT_EQ(kind->rows[level].code, std::to_string(level));
    // The served labels name both kinds of each level, as RegionLevelLabel does: the screens
    // name the levels as the deployment does (EscalationLevelLabel).
    const RegionLevel region[] = {RegionLevel::kVillage, RegionLevel::kTownship,
                                  RegionLevel::kCounty};
    EXPECT_EQ(kind->rows[level].label_zh, RegionLevelLabel(region[level]));
  }
}

TEST(CodeTablesTest, RowsKeepTheTablesDisplayOrder) {
  const CodeKind* statuses = Find("matter_status");
  ASSERT_NE(statuses, nullptr);
  ASSERT_EQ(statuses->rows.size(), 7U);
  EXPECT_EQ(statuses->rows.front().code, "accepted");
  EXPECT_EQ(statuses->rows.front().label_en, "Accepted");
  EXPECT_EQ(statuses->rows.back().code, "parked");
}

TEST(CodeTablesTest, SignOffProofsAreLabelledAndUnknownCodesAreNot) {
  EXPECT_EQ(CodeLabel("sign_off_proof", "public_page"), "仅凭查询链接（旧记录，未经验证）");
  EXPECT_EQ(CodeLabel("sign_off_proof", "sms_code"), "短信验证码");
  EXPECT_EQ(CodeLabel("sign_off_proof", "no_such_proof"), "");
  EXPECT_EQ(CodeLabel("no_such_kind", "sms_code"), "");
}

}  // namespace
}  // namespace minqing::domain
