#include "app/sms_gateway.hpp"

namespace minqing::app {

const std::vector<SmsKindInfo>& SmsKinds() {
  static const std::vector<SmsKindInfo> kinds = {
      {"signoff_code", "诉求确认验证码", "matter sign-off code", {"number", "code", "link"}, true},
      {"visit_code", "走访确认码", "visit confirmation code", {"date", "code"}, true},
      {"activation",
       "账号激活码",
       "account activation code",
       {"name", "code", "expires", "link"},
       true},
      {"signup_code", "群众注册验证码", "resident sign-up code", {"code"}, true},
      {"login_code", "群众登录验证码", "resident log-in code", {"code"}, true},
      {"report_code", "扫码反映验证码", "report-by-QR code", {"code"}, true},
      {"matter_dispatched", "诉求交办提醒", "matter dispatched", {"number", "title"}, false},
      {"matter_replied", "诉求办理回复", "matter replied", {"number", "link"}, false},
      {"matter_overdue", "诉求逾期提醒", "matter overdue", {"number", "unit"}, false},
      {"matter_supervised", "督办提醒", "supervision order", {"number", "due"}, false},
      {"network_event", "五必到提醒", "five-must-visit event", {"household", "event"}, false},
      {"notice_due", "通知送达提醒", "notice due", {"title", "due"}, false},
      {"appointment_reminder", "预约提醒", "appointment tomorrow", {"date", "time", "unit"}, false},
      {"network_change", "联系户变动提醒", "contact link changed", {"detail"}, false},
      {"vote_code", "述职评议投票码", "year-end vote ballot code", {"title", "code", "link"}, true},
  };
  return kinds;
}

const SmsKindInfo* FindSmsKind(const std::string& code) {
  for (const auto& kind : SmsKinds()) {
    if (kind.code == code) return &kind;
  }
  return nullptr;
}

DeliveryResult DevSmsGateway::Deliver(const OutgoingSms& message) {
  return {DeliveryOutcome::kSent, "dev-" + message.idempotency_key, ""};
}

}  // namespace minqing::app
