#include "app/intake_batcher.hpp"

namespace minqing::app {

IntakeBatcher::IntakeBatcher(Store& store, IntakeBatcherOptions options)
    : store_(store), options_(options) {
  writer_ = std::jthread([this](const std::stop_token& stop) { Run(stop); });
}

IntakeBatcher::~IntakeBatcher() {
  writer_.request_stop();
  ready_.notify_all();
  if (writer_.joinable()) writer_.join();
}

std::shared_ptr<void> IntakeBatcher::Submit(Job job) {
  auto promise = std::make_shared<std::promise<std::shared_ptr<void>>>();
  auto future = promise->get_future();
  SubmitAsync(std::move(job),
              [promise](const std::exception_ptr& error, std::shared_ptr<void> result) {
                if (error) {
                  promise->set_exception(error);
                } else {
                  promise->set_value(std::move(result));
                }
              });
  return future.get();
}

void IntakeBatcher::SubmitAsync(Job job, Completion done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Item{std::move(job), std::move(done)});
  }
  ready_.notify_one();
}

IntakeBatcher::Stats IntakeBatcher::stats() {
  std::lock_guard lock(mutex_);
  Stats out = taken_;
  out.waiting = queue_.size();
  return out;
}

void IntakeBatcher::Run(const std::stop_token& stop) {
  for (;;) {
    std::vector<Item> batch;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, stop, [this] { return !queue_.empty(); });
      if (queue_.empty()) return;  // Stopped and drained.
      // No waiting for company: requests that arrive while a commit is being made to disk queue
      // up and form the next batch, so batches grow with the load by themselves.
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      ++taken_.batches;
      taken_.jobs += batch.size();
      std::size_t size_class = 0;
      while (size_class < kBatchSizeBounds.size() && batch.size() > kBatchSizeBounds[size_class]) {
        ++size_class;
      }
      ++taken_.batch_sizes[size_class];
    }
    RunBatch(batch);
  }
}

void IntakeBatcher::RunBatch(std::vector<Item>& batch) {
  std::vector<std::shared_ptr<void>> results;
  results.reserve(batch.size());
  bool committed = false;
  try {
    auto tx = store_.Begin();
    for (auto& item : batch) results.push_back(item.job(*tx));
    tx->Commit();
    commits_.fetch_add(1);
    committed = true;
  } catch (...) {
    if (batch.size() == 1) {
      batch[0].done(std::current_exception(), nullptr);
      return;
    }
  }
  if (committed) {
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(nullptr, std::move(results[i]));
    return;
  }
  // The shared transaction was rolled back: run each job alone.
  for (auto& item : batch) {
    std::shared_ptr<void> result;
    try {
      auto tx = store_.Begin();
      result = item.job(*tx);
      tx->Commit();
      commits_.fetch_add(1);
    } catch (...) {
      item.done(std::current_exception(), nullptr);
      continue;
    }
    item.done(nullptr, std::move(result));
  }
}

}  // namespace minqing::app
