#include "app/matters/context.hpp"

namespace minqing::app {

MattersContext::MattersContext(Store& store, MattersOptions options, std::unique_ptr<SmsSender> sms)
    : store_(store), options_(options), sms_(std::move(sms)) {
  if (!sms_) sms_ = std::make_unique<OutboxSmsSender>();
  batcher_ = std::make_unique<IntakeBatcher>(store_, options_.batcher);
}

MattersContext::~MattersContext() = default;

std::shared_ptr<const domain::WorkCalendar> MattersContext::Calendar(StoreTx& tx) {
  return calendar_.Get([&] { return domain::WorkCalendar(tx.Matters().ListCalendarDays()); });
}

std::shared_ptr<const domain::WorkCalendar> MattersContext::Calendar(LazyRead& reads) {
  return calendar_.Get([&] { return domain::WorkCalendar(reads->Matters().ListCalendarDays()); });
}

std::shared_ptr<const std::vector<domain::RoutingRule>> MattersContext::RoutingRules(StoreTx& tx) {
  return rules_.Get([&] { return tx.Matters().ListRoutingRules(); });
}

std::shared_ptr<const std::vector<domain::RoutingRule>> MattersContext::RoutingRules(
    LazyRead& reads) {
  return rules_.Get([&] { return reads->Matters().ListRoutingRules(); });
}

}  // namespace minqing::app
