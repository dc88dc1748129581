// The repository of Open311 API keys (open311_keys): a key is stored as its SHA-256 only, with a
// short prefix to recognise it in the list. Nothing is deleted; a revoked key keeps its row.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

struct Open311Key {
  domain::Id id = 0;
  std::string name;    // What the administrator called it ("FixMyStreet 城关镇").
  std::string prefix;  // The key's first characters, shown in the list.
  domain::Id owner_id = 0;
  std::string owner_name;  // The owner's display name (or user name); filled by reads.
  domain::Epoch created_at = 0;
  std::optional<domain::Epoch> last_used_at;
  std::int64_t request_count = 0;
  std::optional<domain::Epoch> revoked_at;
};

class Open311Repository {
 public:
  virtual ~Open311Repository() = default;

  // Conflict "open311.key_exists" should the hash repeat (never, for a random key).
  virtual void InsertKey(const Open311Key& key, std::string_view key_hash) = 0;
  // Newest first, revoked ones included.
  virtual std::vector<Open311Key> ListKeys() = 0;
  virtual std::optional<Open311Key> FindKey(domain::Id id) = 0;
  virtual std::optional<Open311Key> FindKeyByHash(std::string_view key_hash) = 0;
  // Counts one request made with the key at `at`.
  virtual void RecordUse(domain::Id id, domain::Epoch at) = 0;
  // False when the key was already revoked or does not exist.
  virtual bool RevokeKey(domain::Id id, domain::Epoch at, domain::Id by) = 0;
};

}  // namespace minqing::app
