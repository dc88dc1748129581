#include "demo/matter_requests_demo.hpp"

#include <string>
#include <vector>

#include "app/audit.hpp"
#include "domain/ids.hpp"
#include "domain/matter_requests.hpp"

namespace minqing::demo {
namespace {

using domain::Epoch;
using domain::Matter;

struct Writer {
  app::StoreTx& tx;
  int written = 0;

  // The matter, its events (by `who`) and counters as the use cases record them.
  void Record(const Matter& before, const domain::RequestTransition& r,
              const domain::RequestActor& who, bool fresh) {
    if (r.transition.refusal) return;
    auto& repo = tx.Matters();
    for (const auto& e : r.transition.events) {
      domain::MatterEvent event;
      event.id = domain::NewId();
      event.matter_id = before.id;
      event.kind = e.kind;
      event.at = r.transition.at;
      if (who.id != 0) event.user_id = who.id;
      event.user_name = who.name;
      event.text = e.text;
      event.internal = e.internal;
      repo.InsertEvent(event);
    }
    std::vector<app::StatsDelta> deltas;
    for (const auto& d : r.transition.counters) {
      deltas.push_back({std::string(domain::StatsDimensionCode(d.dimension)), d.key, d.key2, d.path,
                        d.day, d.counters});
    }
    if (!deltas.empty()) repo.AddStats(deltas);
    Matter after = r.transition.matter;
    after.updated_at = r.transition.at;
    repo.UpdateMatter(after);
    if (fresh) {
      repo.InsertMatterRequest(r.request);
      ++written;
    } else {
      repo.UpdateMatterRequest(r.request);
    }
  }
};

}  // namespace

int LoadDemoMatterRequests(app::Services& services, Epoch now) {
  auto tx = services.store->Begin();
  auto handler = tx->Accounts().FindUserByUsername("handler");
  auto clerk = tx->Accounts().FindUserByUsername("clerk");
  auto leader = tx->Accounts().FindUserByUsername("leader");
  if (!handler || !clerk || !leader || !handler->scope_unit_id) return 0;
  app::MatterFilter filter;
  filter.statuses = {domain::MatterStatus::kInProgress};
  filter.unit_id = handler->scope_unit_id;
  filter.region_path_prefix = clerk->scope_region_path;
  auto matters = tx->Matters().ListMatters(filter, {0, 6, "-accepted_at"}).items;
  if (matters.size() < 6) return 0;
  const domain::WorkCalendar calendar = *services.matters.Calendar(*tx);
  const domain::RequestActor unit{handler->id, handler->display_name};
  const domain::RequestActor dispatcher{clerk->id, clerk->display_name};
  const domain::RequestActor boss{leader->id, leader->display_name};
  Writer writer{*tx};
  // Asked a little after the unit signed for it, decided three hours later (or now at the latest).
  auto asked_at = [&](const Matter& m) {
    return std::min(now - 3600,
                    std::max(m.responded_at.value_or(m.accepted_at) + 3600, now - 2 * 86400));
  };
  auto decided_at = [&](Epoch asked) { return std::min(now, asked + 3 * 3600); };

  const char* reasons[] = {"需要住建部门联合现场勘查，材料尚未返回",
                           "涉及多户协调，需召开院坝会征求意见", "需等待上级部门审核意见"};
  for (int i = 0; i < 3; ++i) {
    const Matter& m = matters[static_cast<std::size_t>(i)];
    const Epoch asked = asked_at(m);
    auto request = domain::RequestExtension(m, {}, unit, domain::NewId(), reasons[i],
                                            calendar.DueAfterWorkingDays(m.due_at, 5),
                                            domain::kDefaultMaxExtensions, asked);
    if (request.transition.refusal) continue;
    const domain::MatterRequest pending = request.request;
    writer.Record(m, request, unit, true);
    if (i == 0) continue;  // Waits for the clerk.
    Matter current = *tx->Matters().FindMatter(m.id);
    auto decision = domain::DecideExtension(
        current, pending, dispatcher, i == 1, std::nullopt,
        i == 1 ? "同意延期，请按期办结" : "时限内可以办完，请抓紧", decided_at(asked), 0);
    writer.Record(current, decision, dispatcher, false);
  }

  struct Outcome {
    domain::MatterOutcome outcome;
    const char* reason;
    const char* plan;
    bool approve;
  };
  const Outcome outcomes[] = {
      {domain::MatterOutcome::kUnfounded, "经入户核实，反映的情况与实际不符", "", false},
      {domain::MatterOutcome::kParked, "道路硬化资金尚未落实，今年无法实施",
       "列入明年村道硬化项目，资金到位后施工", true},
      {domain::MatterOutcome::kUnfounded, "现场查看，门前无占道堆放", "", true},
  };
  for (std::size_t i = 0; i < 3; ++i) {
    const Matter& m = matters[3 + i];
    const Outcome& o = outcomes[i];
    const Epoch asked = asked_at(m);
    const std::string planned = o.outcome == domain::MatterOutcome::kParked
                                    ? domain::FormatDate(domain::ChinaDay(now) + 120)
                                    : "";
    auto proposal = domain::ProposeOutcome(m, {}, unit, domain::NewId(), o.outcome, o.reason,
                                           o.plan, planned, asked);
    if (proposal.transition.refusal) continue;
    const domain::MatterRequest pending = proposal.request;
    writer.Record(m, proposal, unit, true);
    if (!o.approve) continue;  // Waits for the leader.
    Matter current = *tx->Matters().FindMatter(m.id);
    const domain::BookedHere booked = domain::WhereBooked(current, tx->Matters().ListEvents(m.id));
    auto decision =
        domain::DecideOutcome(current, pending, boss, true, "同意", booked, decided_at(asked), 0);
    writer.Record(current, decision, boss, false);
  }
  app::RecordAudit(*tx, app::SystemActor(now), "demo.matter_requests", "matter", 0, "",
                   app::JsonObjectWriter().Add("requests", std::int64_t{writer.written}).Finish());
  tx->Commit();
  return writer.written;
}

}  // namespace minqing::demo
