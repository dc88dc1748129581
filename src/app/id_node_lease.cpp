#include "app/id_node_lease.hpp"

#include <exception>

#include "domain/ids.hpp"
#include "log/log.hpp"

namespace minqing::app {

std::string IdNodeLeaseName(int node) { return "id-node-" + std::to_string(node); }

IdNodeLease::IdNodeLease(Store& store, std::string holder, std::function<domain::Epoch()> now)
    : store_(store), holder_(std::move(holder)), now_(std::move(now)) {
  Renew();
}

IdNodeLease::~IdNodeLease() {
  if (node_ == 0) return;
  try {
    const domain::Epoch now = now_();
    auto tx = store_.Begin();
    tx->Settings().TakeJobLease(IdNodeLeaseName(node_), holder_, now, now);
    tx->Commit();
  } catch (const std::exception& e) {
    log::Warn("minqing: 释放编号节点失败 releasing the id node failed",
              {{"error", std::string_view(e.what())}});
  }
}

void IdNodeLease::Renew() {
  const int before = node_;
  try {
    node_ = Claim();
  } catch (const std::exception& e) {
    log::Warn("minqing: 编号节点续约失败 renewing the id node failed",
              {{"error", std::string_view(e.what())}});
    return;
  }
  domain::GlobalIds().SetNode(node_);
  if (node_ == 0 && (before != 0 || !warned_)) {
    warned_ = true;
    log::Warn(
        "minqing: 编号节点已全部占用，本进程与其他进程同时写入时编号可能冲突 / every id node is "
        "held: ids made at the same moment as another process's may collide");
  }
}

int IdNodeLease::Claim() {
  const domain::Epoch now = now_();
  const domain::Epoch until = now + kLeaseSeconds;
  auto tx = store_.Begin();
  int held = 0;
  if (node_ != 0 && tx->Settings().TakeJobLease(IdNodeLeaseName(node_), holder_, now, until)) {
    held = node_;
  }
  for (int node = 1; held == 0 && node < domain::kIdNodes; ++node) {
    if (tx->Settings().TakeJobLease(IdNodeLeaseName(node), holder_, now, until)) held = node;
  }
  tx->Commit();
  return held;
}

}  // namespace minqing::app
