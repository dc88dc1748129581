// A small in-memory cache for read-mostly values (sessions, household pages). An entry is valid
// only while the Store's write generation is unchanged and for at most `ttl_seconds`, so writes
// made through this process are seen at once, writes by other processes on PostgreSQL as soon as
// their commit is announced (Store::WriteGeneration), and any other write within the TTL.
// Bounded: when full, it is emptied. Thread-safe (one mutex; entries are copied out).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
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

// One shared value loaded from the store, such as the holiday table or the routing rules: reloaded
// after Invalidate() (call it after the change's commit) and at least every `max_age` for changes
// made by other processes. Thread-safety: Get() and Invalidate() may be called from any thread.
template <typename Value>
class SharedSnapshot {
 public:
  explicit SharedSnapshot(std::chrono::seconds max_age) : max_age_(max_age) {}

  std::shared_ptr<const Value> Get(const std::function<Value()>& load) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    std::uint64_t version = version_.load();
    if (!value_ || loaded_version_ != version || now - loaded_at_ >= max_age_) {
      value_ = std::make_shared<const Value>(load());
      loaded_version_ = version;
      loaded_at_ = now;
    }
    return value_;
  }

  void Invalidate() { version_.fetch_add(1); }

 private:
  std::chrono::seconds max_age_;
  std::mutex mutex_;
  std::shared_ptr<const Value> value_;
  std::chrono::steady_clock::time_point loaded_at_{};
  std::uint64_t loaded_version_ = 0;
  std::atomic<std::uint64_t> version_{1};
};

}  // namespace minqing::app
