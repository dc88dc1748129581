#include "demo/cooperation_demo.hpp"

#include "domain/work_calendar.hpp"

namespace minqing::demo {

void LoadDemoCooperation(app::Services& services, domain::Epoch now) {
  std::optional<domain::User> assistant;
  std::optional<domain::User> leader;
  std::optional<domain::User> handler;
  std::optional<domain::Region> village;
  std::vector<domain::Id> households;
  {
    auto tx = services.store->BeginRead();
    assistant = tx->Accounts().FindUserByUsername("assistant");
    leader = tx->Accounts().FindUserByUsername("leader");
    handler = tx->Accounts().FindUserByUsername("handler");
    if (!assistant || !leader || !handler || !assistant->scope_region_id ||
        !handler->scope_unit_id) {
      return;
    }
    village = tx->Registry().FindRegion(*assistant->scope_region_id);
    if (!village || !tx->Projects().ListProjects(village->path).empty()) return;
    app::HouseholdFilter filter;
    filter.region_path_prefix = village->path;
    for (const auto& h : tx->Registry().ListHouseholds(filter, {0, 8, ""}).items) {
      households.push_back(h.id);
    }
  }
  app::Actor actor{*leader, domain::Channel::kCli, now};
  const domain::DayNumber today = domain::ChinaDay(now);
  const domain::Id unit_id = *handler->scope_unit_id;

  app::ProjectInput project_input;
  project_input.name = village->name + "背街小巷硬化";
  project_input.kind = "road";
  project_input.region_id = village->id;
  project_input.description = "硬化村内背街小巷，同步铺设排水管；逐户走访征求意见，一户一策。";
  project_input.state = "in_progress";
  const app::Project project = services.projects.Create(actor, project_input);

  app::ProjectTeamMember contractor;
  contractor.kind = "outside";
  contractor.name = "李建国";
  contractor.organisation = "县路桥工程公司";
  contractor.phone = "13900001111";
  contractor.team_role = "施工方代表";
  services.projects.AddTeamMember(actor, project.id, contractor);
  app::ProjectTeamMember cadre;
  cadre.kind = "account";
  cadre.user_id = handler->id;
  cadre.team_role = "联合支部委员";
  services.projects.AddTeamMember(actor, project.id, cadre);
  app::ProjectHouseholdSelection selection;
  selection.household_ids = households;
  if (!households.empty()) services.projects.AddHouseholds(actor, project.id, selection);

  app::IssueInput issue;
  issue.issue_class = "outside_project";
  issue.text = "村口路灯损坏，夜间出行不便";
  issue.owner = "村委会";
  issue.due_at = now + 14 * 86400;
  services.projects.AddIssue(actor, project.id, issue);

  app::MeetingInput joint;
  joint.kind = "joint";
  joint.title = "背街小巷硬化联席会";
  joint.date = domain::FormatDate(today - 1);
  joint.start = "09:00";
  joint.end = "10:30";
  joint.place = village->name + "党群服务中心";
  joint.region_id = village->id;
  joint.project_id = project.id;
  joint.state = "held";
  joint.minutes = "施工方通报进度；村民代表提出排水口位置意见，会议议定调整。";
  joint.attendees = {{"unit", unit_id, std::nullopt, "", ""},
                     {"outside", std::nullopt, std::nullopt, "李建国", "县路桥工程公司"}};
  const app::MeetingView meeting = services.meetings.Create(actor, joint);
  app::DecisionInput decision;
  decision.text = "调整三组排水口位置，施工前与相邻两户确认";
  decision.owner_user_id = handler->id;
  decision.deadline = domain::FormatDate(today + 10);
  services.meetings.AddDecision(actor, meeting.meeting.id, decision);

  app::MeetingInput reception;
  reception.kind = "reception_day";
  reception.title = "县领导接待日";
  reception.date = domain::FormatDate(today + 7);
  reception.start = "09:00";
  reception.end = "11:30";
  reception.place = village->name + "党群服务中心";
  reception.region_id = village->id;
  reception.host_unit_id = unit_id;
  reception.capacity = 10;
  services.meetings.Create(actor, reception);

  app::PairInput pair;
  pair.unit_id = unit_id;
  pair.region_id = village->id;
  pair.from = domain::FormatDate(today - 30);
  pair.note = "三联五帮";
  const domain::Pair made = services.pairing.Create(actor, pair);
  services.pairing.AddNeed(actor, made.id, {"村级养老服务站设备", "materials", "需要护理床两张"});
  services.pairing.AddResource(actor, made.id, {"funds", "帮扶资金2万元"});
}

}  // namespace minqing::demo
