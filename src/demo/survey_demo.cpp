#include "demo/survey_demo.hpp"

#include "domain/work_calendar.hpp"

namespace minqing::demo {

void LoadDemoSurveys(app::Services& services, domain::Epoch now) {
  std::optional<domain::User> assistant;
  std::optional<domain::User> leader;
  std::optional<domain::Region> village;
  {
    auto tx = services.store->BeginRead();
    assistant = tx->Accounts().FindUserByUsername("assistant");
    leader = tx->Accounts().FindUserByUsername("leader");
    if (!assistant || !leader || !assistant->scope_region_id) return;
    village = tx->Registry().FindRegion(*assistant->scope_region_id);
    if (!village || !tx->Surveys().ListSurveys(village->path).empty()) return;
  }
  app::Actor actor{*leader, domain::Channel::kCli, now};
  const domain::DayNumber today = domain::ChinaDay(now);
  using K = domain::QuestionKind;

  app::SurveyInput needs;
  needs.title = "三问三解：今年村里最该办的事";
  needs.description = "问需于民、问计于民、问效于民。请每户填写一份，答卷只按村统计。";
  needs.subject = domain::SurveySubject::kTopic;
  needs.subject_text = "村级民生实事";
  needs.region_id = village->id;
  needs.opens_on = domain::FormatDate(today);
  needs.closes_on = domain::FormatDate(today + 30);
  needs.questions = {{K::kMultiple,
                      "您最希望村里解决哪些问题？",
                      {"道路硬化", "饮水安全", "路灯照明", "垃圾清运"},
                      true,
                      2},
                     {K::kRating, "您对本村党员联系户工作的满意度", {}, true, 0},
                     {K::kText, "您的意见和建议", {}, false, 0}};
  auto made = services.surveys.Create(actor, needs);
  services.surveys.Open(actor, made.survey.id);

  app::SurveyInput evaluation;
  evaluation.title = "三有两评：村级事务助理评议";
  evaluation.description = "有思路、有作为、有实绩；群众评、党员评。";
  evaluation.subject = domain::SurveySubject::kCadre;
  evaluation.subject_user_id = assistant->id;
  evaluation.region_id = village->id;
  evaluation.opens_on = domain::FormatDate(today + 7);
  evaluation.closes_on = domain::FormatDate(today + 21);
  evaluation.questions = {{K::kSingle, "工作有思路吗？", {"有", "一般", "没有"}, true, 0},
                          {K::kSingle, "办事有作为吗？", {"有", "一般", "没有"}, true, 0},
                          {K::kSingle, "为民有实绩吗？", {"有", "一般", "没有"}, true, 0},
                          {K::kRating, "总体评价", {}, true, 0}};
  services.surveys.Create(actor, evaluation);
}

}  // namespace minqing::demo
