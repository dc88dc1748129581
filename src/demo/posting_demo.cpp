#include "demo/posting_demo.hpp"

#include "domain/work_calendar.hpp"

namespace minqing::demo {

void LoadDemoPostings(app::Services& services, domain::Epoch now) {
  std::optional<domain::User> assistant;
  std::optional<domain::User> leader;
  {
    auto tx = services.store->BeginRead();
    assistant = tx->Accounts().FindUserByUsername("assistant");
    leader = tx->Accounts().FindUserByUsername("leader");
    if (!assistant || !leader || !assistant->scope_region_id) return;
    if (app::PostingService::CurrentAssistant(*tx, *assistant->scope_region_id, now)) return;
  }
  app::Actor actor{*leader, domain::Channel::kCli, now};
  app::PostingInput in;
  in.user_id = assistant->id;
  in.region_id = *assistant->scope_region_id;
  in.role = "village_affairs_assistant";
  in.home_unit = "乡镇党政办";
  in.team = "乡镇驻村工作队";
  in.from = domain::FormatDate(domain::ChinaDay(now) - 200);
  domain::Posting posting = services.postings.Create(actor, in);

  const std::string today = domain::FormatDate(domain::ChinaDay(now));
  app::AgreementInput agreement;
  agreement.year = std::stoi(today.substr(0, 4));
  using K = domain::AgreementItemKind;
  agreement.items = {{K::kVisitCoverage, "", 100, "", 25},
                     {K::kConsultations, "", 120, "", 15},
                     {K::kErrandsOnTime, "", 60, "", 15},
                     {K::kSatisfactionRate, "", 90, "", 15},
                     {K::kProsperProjects, "", 2, "", 15},
                     {K::kMeetingsAttended, "", 12, "", 10},
                     {K::kCustom, "协调解决村内道路照明问题", 1, "项", 5}};
  auto drafted = services.postings.CreateAgreement(actor, posting.id, agreement);
  services.postings.SignAgreement(actor, drafted.agreement.id, today);
}

}  // namespace minqing::demo
