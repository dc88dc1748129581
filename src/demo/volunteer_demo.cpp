#include "demo/volunteer_demo.hpp"

#include "app/volunteer_store.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::demo {

void LoadDemoVolunteers(app::Services& services, domain::Epoch now) {
  std::optional<domain::User> assistant;
  std::optional<domain::Region> village;
  std::optional<domain::Id> resident_id;
  {
    auto tx = services.store->BeginRead();
    assistant = tx->Accounts().FindUserByUsername("assistant");
    if (!assistant || !assistant->scope_region_id) return;
    village = tx->Registry().FindRegion(*assistant->scope_region_id);
    if (!village) return;
    app::VolunteerTeamFilter filter;
    filter.region_path = village->path;
    if (!tx->Volunteers().ListTeams(filter).empty()) return;
    auto resident = tx->Accounts().FindUserByUsername("resident");
    if (resident && resident->resident_id) {
      auto person = tx->Registry().FindResident(*resident->resident_id);
      if (person && person->region_path.rfind(village->path, 0) == 0) resident_id = person->id;
    }
  }
  const app::Actor system = app::SystemActor(now);
  app::VolunteerTeamInput team;
  team.name = "爱心志愿服务队";
  team.region_id = village->id;
  team.leader_user_id = assistant->id;
  team.note = "学习郭明义，帮老助残、义务理发、环境整治";
  const domain::VolunteerTeam made = services.volunteers.CreateTeam(system, team);
  app::VolunteerInput person;
  person.name = "赵志红";
  person.phone = "13900001111";
  services.volunteers.AddVolunteer(system, made.id, person);
  person.name = "钱立新";
  person.phone = "";
  services.volunteers.AddVolunteer(system, made.id, person);
  if (resident_id) {
    app::VolunteerInput own;
    own.resident_id = resident_id;
    services.volunteers.AddVolunteer(system, made.id, own);
  }
  app::ActivityInput activity;
  activity.title = "敬老院义务理发";
  activity.date = domain::FormatDate(domain::ChinaDay(now) + 7);
  activity.time = "09:00";
  activity.place = "村委会";
  activity.capacity = 8;
  activity.hours = "2";
  services.volunteers.AddActivity(system, made.id, activity);
}

}  // namespace minqing::demo
