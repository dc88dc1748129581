#include "storage/postgres/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <memory>

namespace minqing::storage {
namespace {

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;

void IgnoreNotice(void*, const char*) {}

// Waits `milliseconds` in short steps, returning early when stopped.
void Pause(const std::stop_token& stop, int milliseconds) {
  for (int waited = 0; waited < milliseconds && !stop.stop_requested(); waited += 100) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

PgListener::PgListener(std::string url, std::string channel, OnNotice on_notice)
    : url_(std::move(url)),
      channel_(std::move(channel)),
      on_notice_(std::move(on_notice)),
      thread_([this](const std::stop_token& stop) { Run(stop); }) {}

PgListener::~PgListener() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void PgListener::Run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    ConnPtr conn(PQconnectdb(url_.c_str()));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
      on_notice_("");
      Pause(stop, 1000);
      continue;
    }
    PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
    const std::string listen = "LISTEN " + channel_;
    PGresult* result = PQexec(conn.get(), listen.c_str());
    const bool listening = result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!listening) {
      on_notice_("");
      Pause(stop, 1000);
      continue;
    }
    on_notice_("");  // Whatever was written before the LISTEN is not announced.
    const int socket = PQsocket(conn.get());
    while (!stop.stop_requested()) {
      pollfd wait{socket, POLLIN, 0};
      const int ready = poll(&wait, 1, 200);
      if (ready < 0) break;
      if (ready == 0) continue;
      if (PQconsumeInput(conn.get()) == 0) break;  // Lost: connect again.
      while (PGnotify* notice = PQnotifies(conn.get())) {
        on_notice_(notice->extra != nullptr ? notice->extra : "");
        PQfreemem(notice);
      }
    }
    if (!stop.stop_requested()) {
      on_notice_("");
      Pause(stop, 1000);
    }
  }
}

}  // namespace minqing::storage
