// Requests answered on an HTTP I/O thread must not wait for a database round trip (PostgreSQL,
// where every read crosses the network): the server answers a quick read inside a NoDatabaseWait
// scope, in which asking the store for a connection throws WouldWaitForDatabase before anything
// is sent or written; the server then hands the request to its worker threads, which answer it
// from the start. So a read the caches answer costs no hand-over between threads, and a read
// that needs the database never stalls the other connections of its I/O thread.
// Thread-safety: a scope belongs to the thread that made it.
#pragma once

#include <exception>

namespace minqing::app {

// Header-only, so that the storage layer (which depends on app headers alone) can check it.
inline thread_local bool database_wait_forbidden = false;

class WouldWaitForDatabase : public std::exception {
 public:
  const char* what() const noexcept override { return "the database was needed on an I/O thread"; }
};

// While one is alive on this thread, CheckDatabaseWaitAllowed() throws. Scopes nest.
class NoDatabaseWait {
 public:
  NoDatabaseWait() : previous_(database_wait_forbidden) { database_wait_forbidden = true; }
  ~NoDatabaseWait() { database_wait_forbidden = previous_; }
  NoDatabaseWait(const NoDatabaseWait&) = delete;
  NoDatabaseWait& operator=(const NoDatabaseWait&) = delete;

 private:
  bool previous_;
};

// Throws WouldWaitForDatabase inside a NoDatabaseWait scope; called before every wait for the
// database (a connection from the pool, a shared rate-limit count).
inline void CheckDatabaseWaitAllowed() {
  if (database_wait_forbidden) throw WouldWaitForDatabase();
}

}  // namespace minqing::app
