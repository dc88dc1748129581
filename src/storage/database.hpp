// A pool of connections to one database. Each thread checks out a connection with Acquire()
// and gives it back when the Lease is destroyed; Acquire() blocks while all `max_connections`
// are leased. Every connection is wrapped in an ObservedConnection that counts and times its
// statements in counters() (observed_connection.hpp). Thread-safety: Database is thread-safe; a
// Lease belongs to one thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "storage/connection.hpp"
#include "storage/observed_connection.hpp"

namespace minqing::storage {

class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // Returns a leased connection to its pool on destruction.
  class Lease {
   public:
    Lease(Database& db, std::unique_ptr<Connection> conn) : db_(&db), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept
        : db_(std::exchange(other.db_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();

    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }
    // Drops the connection instead of returning it, e.g. after it may have been left broken.
    void Discard() { conn_.reset(); }

   private:
    Database* db_;
    std::unique_ptr<Connection> conn_;
  };

  Database(Dialect dialect, Factory factory, std::size_t max_connections);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  Lease Acquire();
  // Closes the idle connections (leased ones still return), e.g. after their server went away.
  void DropIdle();
  // What this pool's connections ran (failures to connect count as connection errors).
  const StatementCounters& counters() const { return counters_; }

 private:
  void Release(std::unique_ptr<Connection> conn);

  const Dialect dialect_;
  const Factory factory_;
  const std::size_t max_connections_;
  StatementCounters counters_;  // Before idle_: the connections count into it.
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // Idle plus leased.
};

}  // namespace minqing::storage
