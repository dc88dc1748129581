#include "app/intake_batcher.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>

#include "domain/errors.hpp"

namespace minqing::app {
namespace {

constexpr domain::DayNumber kDay = 20500;

class IntakeBatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing-batcher-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    store_ = OpenStore((dir_ / "test.db").string());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The serial the next committed job would get: every serial handed out by a committed job
  // is used up, every one taken by a rolled-back job is handed out again.
  std::int64_t NextSerial() {
    auto tx = store_->Begin();  // Not committed: looking does not use the serial up.
    return tx->Matters().NextMatterSerial(kDay);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

// A job that takes a serial and, when asked to, fails after taking it.
IntakeBatcher::Job SerialJob(bool fail) {
  return [fail](StoreTx& tx) -> std::shared_ptr<void> {
    auto serial = std::make_shared<std::int64_t>(tx.Matters().NextMatterSerial(kDay));
    if (fail) throw domain::InvalidInput("test.fail", "失败");
    return serial;
  };
}

TEST_F(IntakeBatcherTest, AsyncCompletionsFollowTheCommitAndAFailingJobFailsAlone) {
  constexpr int kJobs = 300;
  std::mutex mutex;
  std::condition_variable all_done;
  int completed = 0, failures = 0;
  std::set<std::int64_t> serials;
  {
    IntakeBatcher batcher(*store_, {});
    for (int i = 0; i < kJobs; ++i) {
      const bool fail = i % 40 == 7;
      batcher.SubmitAsync(SerialJob(fail),
                          [&, fail](std::exception_ptr error, std::shared_ptr<void> result) {
                            std::lock_guard lock(mutex);
                            if (error) {
                              EXPECT_TRUE(fail);
                              EXPECT_EQ(result, nullptr);
                              ++failures;
                            } else {
                              EXPECT_FALSE(fail);
                              serials.insert(*std::static_pointer_cast<std::int64_t>(result));
                            }
                            if (++completed == kJobs) all_done.notify_one();
                          });
    }
    std::unique_lock lock(mutex);
    all_done.wait(lock, [&] { return completed == kJobs; });
    // Queued at once, the jobs shared commits: far fewer commits than jobs, even with the
    // batches that had to be re-run one by one.
    EXPECT_LT(batcher.commits(), static_cast<std::uint64_t>(kJobs));
  }
  EXPECT_EQ(failures, 8);
  const auto committed = static_cast<std::int64_t>(kJobs - failures);
  // Unique, gapless serials: the failed jobs' serials were rolled back with them.
  ASSERT_EQ(serials.size(), static_cast<std::size_t>(committed));
  EXPECT_EQ(*serials.begin(), 1);
  EXPECT_EQ(*serials.rbegin(), committed);
  EXPECT_EQ(NextSerial(), committed + 1);
}

TEST_F(IntakeBatcherTest, SubmitWaitsForTheCommitAndRethrows) {
  IntakeBatcher batcher(*store_, {});
  auto first = batcher.Submit(SerialJob(false));
  EXPECT_EQ(*std::static_pointer_cast<std::int64_t>(first), 1);
  EXPECT_EQ(NextSerial(), 2);  // Committed before Submit returned.
  EXPECT_THROW(batcher.Submit(SerialJob(true)), domain::InvalidInput);
  EXPECT_EQ(NextSerial(), 2);
}

TEST_F(IntakeBatcherTest, DestructorCompletesQueuedJobs) {
  int completed = 0;  // Written by the writer thread only; read after it is joined.
  {
    IntakeBatcher batcher(*store_, {});
    for (int i = 0; i < 100; ++i) {
      batcher.SubmitAsync(SerialJob(false), [&](std::exception_ptr error, std::shared_ptr<void>) {
        if (!error) ++completed;
      });
    }
  }
  EXPECT_EQ(completed, 100);
  EXPECT_EQ(NextSerial(), 101);
}

}  // namespace
}  // namespace minqing::app
