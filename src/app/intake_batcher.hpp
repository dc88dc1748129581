// Group commit for intake: concurrent callers hand a job to one writer thread, which takes every
// queued job (up to `max_batch`), runs them in one StoreTx, commits once and then completes every
// caller's future. Jobs that arrive during a commit form the next batch, so no time is spent
// waiting for company when the load is light. When the batch fails (one job threw, or the commit
// failed), the batch is rolled back and every job is retried alone in its own transaction, so one
// bad item fails only its own caller. A job must therefore be safe to run twice (everything it
// writes goes through the transaction it is given). Results reach callers only after their commit.
//
// Callers either wait (Submit) or hand over a completion (SubmitAsync) that the writer thread
// calls after the commit, so a server need not park a thread per request while the disk syncs.
//
// Thread-safety: Submit() and SubmitAsync() may be called from any number of threads; jobs and
// completions run on the writer thread only. The destructor finishes queued jobs (calling their
// completions) and joins the writer.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "app/store.hpp"

namespace minqing::app {

struct IntakeBatcherOptions {
  std::size_t max_batch = 64;
};

class IntakeBatcher {
 public:
  // A job runs inside the shared transaction and returns an opaque result that Submit hands
  // back to its caller after the commit.
  using Job = std::function<std::shared_ptr<void>(StoreTx&)>;
  // Called once with the job's result, or with its exception (result null). Runs on the writer
  // thread between commits, so it must be quick and must not throw: hand the result on.
  using Completion = std::function<void(std::exception_ptr error, std::shared_ptr<void> result)>;

  IntakeBatcher(Store& store, IntakeBatcherOptions options);
  ~IntakeBatcher();
  IntakeBatcher(const IntakeBatcher&) = delete;
  IntakeBatcher& operator=(const IntakeBatcher&) = delete;

  // Runs `job` in a shared commit; returns its result or rethrows its exception.
  std::shared_ptr<void> Submit(Job job);
  // Queues `job` and returns at once; `done` is called after the job's commit (or failure).
  void SubmitAsync(Job job, Completion done);

  // Number of commits made (for tests and benchmarks).
  std::uint64_t commits() const { return commits_.load(); }

  // What /metrics shows of the writer: jobs waiting now, and the batches taken so far with
  // their sizes (counts of batches of 1, 2-4, 5-16, 17-64 and more jobs).
  struct Stats {
    std::uint64_t waiting = 0;
    std::uint64_t batches = 0;
    std::uint64_t jobs = 0;
    std::array<std::uint64_t, 5> batch_sizes{};
  };
  static constexpr std::array<std::uint64_t, 4> kBatchSizeBounds = {1, 4, 16, 64};
  Stats stats();

 private:
  struct Item {
    Job job;
    Completion done;
  };
  void Run(const std::stop_token& stop);
  void RunBatch(std::vector<Item>& batch);

  Store& store_;
  IntakeBatcherOptions options_;
  std::mutex mutex_;
  std::condition_variable_any ready_;
  std::deque<Item> queue_;
  std::atomic<std::uint64_t> commits_{0};
  Stats taken_;  // Under mutex_; `waiting` unused.
  std::jthread writer_;
};

}  // namespace minqing::app
