// The id node of a process that writes to a database other processes may write to at the same
// time (several servers, a server and an import): one of the nodes 1..15 of domain::IdGenerator,
// held as the job lease "id-node-N" (job_leases) so that no two live processes make ids as the
// same node. The constructor claims the first free node and sets the process's generator
// (domain::GlobalIds) to it; Renew() keeps it (call it well within kLeaseSeconds; a process that
// lost its node, e.g. after a long pause, claims another); the destructor gives it back. When all
// nodes are held, or the database refuses, the process writes as node 0 and says so in the log.
// Thread-safety: Renew() and the destructor from one thread at a time.
#pragma once

#include <functional>
#include <string>

#include "app/store.hpp"
#include "domain/model.hpp"

namespace minqing::app {

class IdNodeLease {
 public:
  static constexpr int kLeaseSeconds = 600;

  IdNodeLease(Store& store, std::string holder, std::function<domain::Epoch()> now);
  ~IdNodeLease();
  IdNodeLease(const IdNodeLease&) = delete;
  IdNodeLease& operator=(const IdNodeLease&) = delete;

  // The node held, 0 when none.
  int node() const { return node_; }
  void Renew();

 private:
  // Takes `node_` again or else the first free node; 0 when none.
  int Claim();

  Store& store_;
  std::string holder_;
  std::function<domain::Epoch()> now_;
  int node_ = 0;
  bool warned_ = false;
};

// The job lease name of id node `node`.
std::string IdNodeLeaseName(int node);

}  // namespace minqing::app
