// The fixture of the matter (诉求) and window service tests: the registry fixture's county with
// two units, two categories (one routed by rule to unit 1 in village A, one defaulting to unit 2),
// a window clerk, two unit handlers and a leader, and helpers that take a matter through intake,
// dispatch and reply. For app/ tests only.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "app/services.hpp"
#include "app/test_fixture.hpp"

namespace minqing::app {

using domain::ChinaDayEnd;
using domain::ChinaDayStart;
using domain::MatterStatus;

inline domain::Epoch At(const char* date, int hour, int minute = 0) {
  return ChinaDayStart(*domain::ParseDate(date)) + hour * 3600 + minute * 60;
}

class MattersTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    unit1_ = MakeUnit("社会事务服务中心");
    unit2_ = MakeUnit("经济发展服务中心");
    CategoryInput parking;
    parking.name = "停车管理";
    parking.keywords = "停车 车位 占道";
    parking.response_hours = 4;
    parking.completion_days = 2;
    category_ = catalogue().CreateCategory(admin_, parking);
    CategoryInput relief;
    relief.name = "低保救助";
    relief.keywords = "低保 救助 困难";
    relief.default_unit_id = unit2_.id;
    relief_ = catalogue().CreateCategory(admin_, relief);
    catalogue().CreateRoutingRule(admin_, category_.id, village_a_.id, unit1_.id, std::nullopt);
    clerk_ = UserActor("clerk", "centre_staff", township_.id);
    handler1_ = UserActor("handler1", "unit_handler", std::nullopt, std::nullopt, unit1_.id);
    handler2_ = UserActor("handler2", "unit_handler", std::nullopt, std::nullopt, unit2_.id);
    leader_ = UserActor("leader", "leader", county_.id);
  }

  IntakeService& intake() { return services_->intake; }
  MatterQueryService& queries() { return services_->queries; }
  HandlingService& handling() { return services_->handling; }
  SignOffService& sign_off() { return services_->sign_off; }
  RatesService& rates() { return services_->rates; }
  CatalogueService& catalogue() { return services_->catalogue; }
  AppointmentService& appointments() { return services_->appointments; }
  ErrandService& errands() { return services_->errands; }

  domain::Unit MakeUnit(const char* name) {
    UnitInput input;
    input.name = name;
    input.kind = "service_centre";
    input.region_id = township_.id;
    return services_->registry.CreateUnit(admin_, input);
  }

  static Actor WithNow(Actor actor, domain::Epoch now) {
    actor.now = now;
    return actor;
  }

  AcceptResult AcceptParking(domain::Epoch at,
                             const char* text = "小区门口有人长期占道停车，车位不够") {
    MatterInput input;
    input.type = "complaint";
    input.category_id = category_.id;
    input.household_id = household_a_.id;
    input.content = text;
    return intake().Accept(WithNow(clerk_, at), input);
  }

  // Accepted → dispatched (routing rule) → unit accepted → replied.
  domain::Matter Replied(domain::Epoch at) {
    auto accepted = AcceptParking(at);
    handling().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt,
                        "");
    handling().UnitAccept(WithNow(handler1_, at + 600), accepted.matter.id);
    return handling().Reply(WithNow(handler1_, at + 3600), accepted.matter.id,
                            "已协调物业增划车位");
  }

  std::string LastCode() {
    auto sms = sign_off().ListSms(admin_, {0, 1, ""});
    EXPECT_FALSE(sms.items.empty());
    const std::string& text = sms.items.front().text;
    auto pos = text.find("验证码为");
    return text.substr(pos + std::string("验证码为").size(), 6);
  }

  domain::RateCounters UnitCounters(domain::Id unit, domain::Epoch now) {
    PeriodQuery period{"2026-01-01", "2026-12-31", std::nullopt};
    for (const auto& row : rates().Rates(WithNow(leader_, now), "unit", period)) {
      if (row.key == unit) return row.counters;
    }
    return {};
  }

  domain::Unit unit1_, unit2_;
  domain::MatterCategory category_, relief_;
  Actor clerk_, handler1_, handler2_, leader_;
};

}  // namespace minqing::app
