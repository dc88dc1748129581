// A small in-memory cache for read-mostly values (sessions, household pages). An entry is valid
// only while the Store's write generation is unchanged and for at most `ttl_seconds`, so writes
// made through this process are seen at once, writes by other processes on PostgreSQL as soon as
// their commit is announced (Store::WriteGeneration), and any other write within the TTL.
// Bounded: when full, it is emptied. Each cache has a name and counts its hits and misses (a
// stale entry is a miss) for GET /metrics. Thread-safe (one mutex; entries are copied out).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "domain/model.hpp"

namespace minqing::app {

// A cache's name and its counters at some moment.
struct CacheCount {
  std::string name;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
};

// The hit and miss counters a cache keeps beside its entries.
class CacheCounters {
 public:
  explicit CacheCounters(std::string name) : name_(std::move(name)) {}
  void Hit() { hits_.fetch_add(1, std::memory_order_relaxed); }
  void Miss() { misses_.fetch_add(1, std::memory_order_relaxed); }
  CacheCount Count() const {
    return {name_, hits_.load(std::memory_order_relaxed), misses_.load(std::memory_order_relaxed)};
  }

 private:
  std::string name_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
};

template <typename Key, typename Value>
class ReadCache {
 public:
  ReadCache(std::string name, std::size_t capacity, domain::Epoch ttl_seconds)
      : counters_(std::move(name)), capacity_(capacity), ttl_seconds_(ttl_seconds) {}

  std::optional<Value> Get(const Key& key, std::uint64_t generation, domain::Epoch now) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      counters_.Miss();
      return std::nullopt;
    }
    if (it->second.generation != generation || it->second.stored_at + ttl_seconds_ <= now ||
        it->second.stored_at > now) {
      entries_.erase(it);
      counters_.Miss();
      return std::nullopt;
    }
    counters_.Hit();
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

  CacheCount Count() const { return counters_.Count(); }

 private:
  struct Entry {
    std::uint64_t generation;
    domain::Epoch stored_at;
    Value value;
  };
  CacheCounters counters_;
  std::size_t capacity_;
  domain::Epoch ttl_seconds_;
  std::mutex mutex_;
  std::unordered_map<Key, Entry> entries_;
};

// One shared value loaded from the store, such as the holiday table or the routing rules: reloaded
// after Invalidate() (call it after the change's commit) and at least every `max_age` for changes
// made by other processes. A Get() that loads counts as a miss, one that reuses the value as a hit.
// Thread-safety: Get() and Invalidate() may be called from any thread.
template <typename Value>
class SharedSnapshot {
 public:
  SharedSnapshot(std::string name, std::chrono::seconds max_age)
      : counters_(std::move(name)), max_age_(max_age) {}

  std::shared_ptr<const Value> Get(const std::function<Value()>& load) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    std::uint64_t version = version_.load();
    if (!value_ || loaded_version_ != version || now - loaded_at_ >= max_age_) {
      counters_.Miss();
      value_ = std::make_shared<const Value>(load());
      loaded_version_ = version;
      loaded_at_ = now;
    } else {
      counters_.Hit();
    }
    return value_;
  }

  void Invalidate() { version_.fetch_add(1); }

  CacheCount Count() const { return counters_.Count(); }

 private:
  CacheCounters counters_;
  std::chrono::seconds max_age_;
  std::mutex mutex_;
  std::shared_ptr<const Value> value_;
  std::chrono::steady_clock::time_point loaded_at_{};
  std::uint64_t loaded_version_ = 0;
  std::atomic<std::uint64_t> version_{1};
};

}  // namespace minqing::app
