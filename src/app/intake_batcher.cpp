#include "app/intake_batcher.hpp"

namespace minqing::app {

IntakeBatcher::IntakeBatcher(Store& store, IntakeBatcherOptions options)
    : store_(store), options_(options) {
  writer_ = std::jthread([this](std::stop_token stop) { Run(stop); });
}

IntakeBatcher::~IntakeBatcher() {
  writer_.request_stop();
  ready_.notify_all();
  if (writer_.joinable()) writer_.join();
}

std::shared_ptr<void> IntakeBatcher::Submit(Job job) {
  std::future<std::shared_ptr<void>> future;
  {
    std::lock_guard lock(mutex_);
    Item item{std::move(job), {}};
    future = item.promise.get_future();
    queue_.push_back(std::move(item));
  }
  ready_.notify_one();
  return future.get();
}

void IntakeBatcher::Run(std::stop_token stop) {
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
    }
    RunBatch(batch);
  }
}

void IntakeBatcher::RunBatch(std::vector<Item>& batch) {
  std::vector<std::shared_ptr<void>> results;
  results.reserve(batch.size());
  try {
    auto tx = store_.Begin();
    for (auto& item : batch) results.push_back(item.job(*tx));
    tx->Commit();
    commits_.fetch_add(1);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].promise.set_value(results[i]);
    return;
  } catch (...) {
    if (batch.size() == 1) {
      batch[0].promise.set_exception(std::current_exception());
      return;
    }
  }
  // The shared transaction was rolled back: run each job alone.
  for (auto& item : batch) {
    try {
      auto tx = store_.Begin();
      auto result = item.job(*tx);
      tx->Commit();
      commits_.fetch_add(1);
      item.promise.set_value(std::move(result));
    } catch (...) {
      item.promise.set_exception(std::current_exception());
    }
  }
}

}  // namespace minqing::app
