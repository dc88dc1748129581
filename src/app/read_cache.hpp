// A small in-memory cache for read-mostly values (sessions, household pages). An entry is valid
// only while the Store's write generation is unchanged and for at most `ttl_seconds`, so writes
// made through this process are seen at once and writes by other processes within the TTL.
// Bounded: when full, it is emptied. Thread-safe (one mutex; entries are copied out).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "domain/model.hpp"

namespace minqing::app {

template <typename Key, typename Value>
class ReadCache {
 public:
  ReadCache(std::size_t capacity, domain::Epoch ttl_seconds)
      : capacity_(capacity), ttl_seconds_(ttl_seconds) {}

  std::optional<Value> Get(const Key& key, std::uint64_t generation, domain::Epoch now) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (it->second.generation != generation || it->second.stored_at + ttl_seconds_ <= now ||
        it->second.stored_at > now) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  void Put(const Key& key, std::uint64_t generation, domain::Epoch now, Value value) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.insert_or_assign(key, Entry{generation, now, std::move(value)});
  }

  void Clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

 private:
  struct Entry {
    std::uint64_t generation;
    domain::Epoch stored_at;
    Value value;
  };
  std::size_t capacity_;
  domain::Epoch ttl_seconds_;
  std::mutex mutex_;
  std::unordered_map<Key, Entry> entries_;
};

}  // namespace minqing::app
