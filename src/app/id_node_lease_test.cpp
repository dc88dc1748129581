#include "app/id_node_lease.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "domain/ids.hpp"

namespace minqing::app {
namespace {

class IdNodeLeaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing-id-node-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    store_ = OpenStore((dir_ / "test.db").string());
  }
  void TearDown() override {
    store_.reset();
    domain::GlobalIds().SetNode(0);
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<IdNodeLease> Lease(const std::string& holder) {
    return std::make_unique<IdNodeLease>(*store_, holder, [this] { return now_; });
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  domain::Epoch now_ = 1780000000;
};

TEST_F(IdNodeLeaseTest, LiveProcessesHoldDifferentNodesAndTheProcessWritesAsItsOwn) {
  auto server = Lease("server-a");
  auto import = Lease("import-b");
  EXPECT_NE(server->node(), 0);
  EXPECT_NE(import->node(), 0);
  EXPECT_NE(server->node(), import->node());
  EXPECT_EQ(domain::GlobalIds().node(), import->node());
  // Renewing keeps the node its holder has.
  const int held = server->node();
  now_ += 60;
  server->Renew();
  EXPECT_EQ(server->node(), held);
}

TEST_F(IdNodeLeaseTest, AGivenBackNodeIsTakenAgainAndAnExpiredOneIsTakenOver) {
  int first = 0;
  {
    auto gone = Lease("gone");
    first = gone->node();
  }
  auto next = Lease("next");
  EXPECT_EQ(next->node(), first);
  // A process that stopped renewing (paused, killed) loses its node once the lease has expired.
  now_ += IdNodeLease::kLeaseSeconds + 1;
  auto later = Lease("later");
  EXPECT_EQ(later->node(), first);
  // The paused one, back, claims another node instead of writing as the same one.
  next->Renew();
  EXPECT_NE(next->node(), later->node());
  EXPECT_NE(next->node(), 0);
}

TEST_F(IdNodeLeaseTest, WhenEveryNodeIsHeldTheProcessWritesAsNodeZero) {
  std::vector<std::unique_ptr<IdNodeLease>> leases;
  std::set<int> nodes;
  for (int i = 1; i < domain::kIdNodes; ++i) {
    leases.push_back(Lease("p" + std::to_string(i)));
    nodes.insert(leases.back()->node());
  }
  EXPECT_EQ(nodes.size(), static_cast<std::size_t>(domain::kIdNodes - 1));
  EXPECT_EQ(nodes.count(0), 0U);
  auto one_too_many = Lease("one-too-many");
  EXPECT_EQ(one_too_many->node(), 0);
  EXPECT_EQ(domain::GlobalIds().node(), 0);
}

}  // namespace
}  // namespace minqing::app
