#include "domain/code_tables.hpp"

#include <utility>

namespace minqing::domain {
namespace {

// Escalation levels (Matter::escalation_level, labelled by EscalationLevelLabel): the level a
// matter overdue has been raised to.
CodeKind EscalationLevels() {
  return {"escalation_level",
          {{"0", "村/社区", "Village"}, {"1", "乡镇/街道", "Township"}, {"2", "县/区", "County"}}};
}

// Appointment statuses, which the window services keep as these strings.
CodeKind AppointmentStatuses() {
  return {"appointment_status",
          {{"booked", "已预约", "Booked"},
           {"done", "已办理", "Served"},
           {"cancelled", "已取消", "Cancelled"}}};
}

// How the household confirmed a visit (Visit::confirmed_via); card_code confirmations predate
// V024 and are not counted as the household's confirmation (ConfirmedByHousehold).
CodeKind ConfirmChannels() {
  return {
      "confirm_channel",
      {{"phone_code", "户主手机验证码", "SMS code to the head of household"},
       {"household_account", "本户账号登录确认", "The household's own account"},
       {"card_code", "联系卡确认码（旧方式，不算农户确认）", "Card code (old way, not counted)"}}};
}

// The proof a matter's sign-off carries (Matter::confirmed_via). public_page closures predate
// the verified channels and are never written again, but old records still show them.
CodeKind SignOffProofs() {
  return {"sign_off_proof",
          {{"sms_code", "短信验证码", "SMS code"},
           {"resident_account", "本户居民账户", "The household's own account"},
           {"callback", "回访", "Callback"},
           {"window", "当场办结", "Closed at the window"},
           {"public_page", "仅凭查询链接（旧记录，未经验证）",
            "Receipt link only (old record, unverified)"}}};
}

std::vector<CodeKind> MakeTables() {
  std::vector<CodeKind> out;
  auto append = [&out](std::vector<CodeKind> kinds) {
    for (auto& k : kinds) out.push_back(std::move(k));
  };
  append(detail::RegistryCodeKinds());
  append(detail::MatterCodeKinds());
  append({EscalationLevels(), AppointmentStatuses()});
  append(detail::NetworkCodeKinds());
  append({ConfirmChannels(), detail::UncoveredReasonCodeKind(), SignOffProofs()});
  append(detail::VoteCodeKinds());
  return out;
}

}  // namespace

std::string_view CodeLabel(std::string_view kind, std::string_view code) {
  for (const auto& k : CodeTables()) {
    if (k.kind != kind) continue;
    for (const auto& row : k.rows) {
      if (row.code == code) return row.label_zh;
    }
  }
  return {};
}

const std::vector<CodeKind>& CodeTables() {
  static const std::vector<CodeKind> tables = MakeTables();
  return tables;
}

}  // namespace minqing::domain
