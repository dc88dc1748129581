// Sending short messages (the sign-off code). The interface lets a deployment plug in its SMS
// gateway; the development implementation writes each message into the repository's outbox
// (GET /api/v1/dev/sms) in the caller's transaction, so a message exists exactly when the code
// it carries was committed. Thread-safety: implementations must be safe to share between threads.
#pragma once

#include <optional>
#include <string>

#include "app/store.hpp"

namespace minqing::app {

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Sends `text` to `phone`; `tx` is the caller's transaction (for outbox-style senders).
  virtual void Send(StoreTx& tx, const std::string& phone, const std::string& text,
                    std::optional<domain::Id> matter_id, domain::Epoch now) = 0;
};

// Development sender: the repository's SMS outbox.
class OutboxSmsSender final : public SmsSender {
 public:
  void Send(StoreTx& tx, const std::string& phone, const std::string& text,
            std::optional<domain::Id> matter_id, domain::Epoch now) override;
};

}  // namespace minqing::app
