#include "demo/away_demo.hpp"

#include "domain/work_calendar.hpp"

namespace minqing::demo {

void LoadDemoAwayMembers(app::Services& services, domain::Epoch now) {
  std::optional<domain::User> assistant;
  std::optional<domain::PartyOrg> branch;
  {
    auto tx = services.store->BeginRead();
    assistant = tx->Accounts().FindUserByUsername("assistant");
    if (!assistant || !assistant->scope_region_id) return;
    auto village = tx->Registry().FindRegion(*assistant->scope_region_id);
    if (!village || !tx->Away().ListActivities(village->path).empty()) return;
    for (const auto& org : tx->Registry().ListPartyOrgsUnder(village->path)) {
      if (org.kind == domain::PartyOrgKind::kBranch && org.region_id == village->id) branch = org;
    }
  }
  if (!branch) return;
  app::Actor actor{*assistant, domain::Channel::kCli, now};
  const domain::DayNumber today = domain::ChinaDay(now);
  app::StudyActivityInput study;
  study.org_id = branch->id;
  study.title = "网上学习：《中国共产党章程》第一章 党员";
  study.material =
      "第一条 年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和"
      "章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国"
      "共产党。\n在外务工的党员请在手机上学习后写几句心得签到；回村后未能上网的，可到支部补学。";
  study.opens_on = domain::FormatDate(today);
  study.closes_on = domain::FormatDate(today + 30);
  services.away.CreateActivity(actor, study);

  auto away = services.away.ListMembers(actor, std::nullopt);
  if (away.empty()) return;
  app::AwayContactInput contact;
  contact.date = domain::FormatDate(today - 20);
  contact.way = "wechat";
  contact.contact_by = assistant->display_name.empty() ? "支部书记" : assistant->display_name;
  contact.note = "微信视频，了解务工和生活情况，转达支部近期工作";
  services.away.LogContact(actor, away.front().member_id, contact);
}

}  // namespace minqing::demo
