// Who is acting, through which channel, and when. Every use case takes one: authorisation reads
// the user's role and scope, the audit log records all three, and "now" is passed in so that the
// rules stay testable. `request_id` is the HTTP request's id (X-Request-Id, also in the server's
// log lines), recorded with each audit entry; empty outside a request. Thread-safety: plain
// value.
#pragma once

#include <string>

#include "app/read_fence.hpp"
#include "domain/model.hpp"

namespace minqing::app {

struct Actor {
  domain::User user;
  domain::Channel channel = domain::Channel::kWeb;
  domain::Epoch now = 0;
  std::string request_id = {};
  // What the actor's reads from a replica must include: its session's last write (set by the HTTP
  // layer; see Store::BeginReplicaRead). None for the command line and public pages.
  ReadFence read_fence{};
};

// An actor with full rights for command-line administration and demo loading.
Actor SystemActor(domain::Epoch now, domain::Channel channel = domain::Channel::kCli);

// Who acts for a resident without a session (a public page: the receipt, a code request, a
// sign-up): no user id, the resident role, the web channel. For audit entries.
Actor PublicActor(domain::Epoch now);

}  // namespace minqing::app
