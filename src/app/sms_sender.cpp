#include "app/sms_sender.hpp"

#include "domain/ids.hpp"

namespace minqing::app {

void OutboxSmsSender::Send(StoreTx& tx, const std::string& phone, const std::string& text,
                           std::optional<domain::Id> matter_id, domain::Epoch now) {
  SmsMessage message;
  message.id = domain::NewId();
  message.phone = phone;
  message.text = text;
  message.created_at = now;
  message.matter_id = matter_id;
  tx.Matters().InsertSms(message);
}

}  // namespace minqing::app
