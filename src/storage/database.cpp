#include "storage/database.hpp"

#include <utility>

#include "app/database_wait.hpp"

namespace minqing::storage {

Database::Lease::~Lease() {
  if (db_ != nullptr) db_->Release(std::move(conn_));
}

Database::Database(Dialect dialect, Factory factory, std::size_t max_connections)
    : dialect_(dialect), factory_(std::move(factory)), max_connections_(max_connections) {}

Database::Lease Database::Acquire() {
  app::CheckDatabaseWaitAllowed();
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(conn));
    }
    ++open_;
  }
  // Connect outside the lock: opening a PostgreSQL connection takes a round trip or more.
  try {
    return Lease(*this, std::make_unique<ObservedConnection>(factory_(), counters_));
  } catch (...) {
    counters_.CountError(StatementCounters::ErrorKind::kConnection);
    std::lock_guard lock(mutex_);
    --open_;
    available_.notify_one();
    throw;
  }
}

void Database::DropIdle() {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= dropped.size();
    available_.notify_all();
  }
}

void Database::Release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  if (conn) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  available_.notify_one();
}

}  // namespace minqing::storage
