#include "demo/joint_demo.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "app/auth_service.hpp"
#include "domain/ids.hpp"
#include "domain/matter_joint.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/search_text.hpp"

namespace minqing::demo {
namespace {

using domain::Epoch;
using domain::Id;
using domain::Matter;
using domain::Transition;

// One matter's writes as the use cases make them: events, counters, then the matter.
class Booker {
 public:
  Booker(app::StoreTx& tx, Matter m) : tx_(tx), m_(std::move(m)) {}

  Matter& matter() { return m_; }

  void Apply(const domain::MatterCommand& command, Epoch at, const char* who) {
    Take(domain::Apply(m_, command, at, 0), who);  // The demo is a county.
  }

  // A transition of the joint rules (or any other), checked and written.
  void Take(Transition t, const char* who) {
    if (t.refusal) throw std::logic_error("demo joint matter: " + t.refusal->code);
    for (const auto& e : t.events) {
      domain::MatterEvent event;
      event.id = domain::NewId();
      event.matter_id = m_.id;
      event.kind = e.kind;
      event.at = t.at;
      event.user_name = who;
      event.from_unit_id = e.from_unit_id;
      event.to_unit_id = e.to_unit_id;
      event.text = e.text;
      event.internal = e.internal;
      events_.push_back(std::move(event));
    }
    std::vector<app::StatsDelta> deltas;
    for (const auto& d : t.counters) {
      deltas.push_back({std::string(domain::StatsDimensionCode(d.dimension)), d.key, d.key2, d.path,
                        d.day, d.counters});
    }
    if (!deltas.empty()) tx_.Matters().AddStats(deltas);
    m_ = std::move(t.matter);
    m_.updated_at = t.at;
  }

  std::vector<domain::MatterEvent> Events() const { return events_; }

  // Inserts the matter and its timeline (the matter before its assists and disputes, which
  // refer to it).
  void Write() {
    tx_.Matters().InsertMatter(m_);
    for (const auto& e : events_) tx_.Matters().InsertEvent(e);
    tx_.Matters().IndexMatterText(m_.id, domain::MatterSearchDocument(m_, events_));
  }

 private:
  app::StoreTx& tx_;
  Matter m_;
  std::vector<domain::MatterEvent> events_;
};

Matter NewMatter(app::StoreTx& tx, const domain::Household& h, std::optional<Id> category_id,
                 Id clerk, Epoch accepted_at, const char* content) {
  Matter m;
  m.id = domain::NewId();
  m.type = domain::MatterType::kComplaint;
  m.category_id = category_id;
  m.channel = domain::MatterChannel::kHotline;
  m.household_id = h.id;
  m.caller_name = h.head_name;
  m.caller_phone = "13800009999";
  m.region_id = h.region_id;
  m.region_path = h.region_path;
  m.content = content;
  m.title = content;
  m.address = h.address;
  m.accepted_by = clerk;
  m.accepted_at = accepted_at;
  m.public_token = app::RandomHex(16);
  const domain::DayNumber day = domain::ChinaDay(accepted_at);
  m.number = domain::MatterNumber(domain::FormatDate(day), tx.Matters().NextMatterSerial(day));
  m.response_due_at = accepted_at + 4 * 3600;
  m.due_at = accepted_at + 5 * 86400;
  return m;
}

}  // namespace

std::int64_t LoadJointDemo(app::StoreTx& tx, const std::vector<domain::Unit>& lead_units,
                           std::optional<Id> assisting_unit, Id clerk,
                           const std::vector<domain::Household>& households,
                           std::optional<Id> category_id, Epoch now) {
  // Service centres lead (the township's one-stop centres); any other unit when there are few.
  std::vector<const domain::Unit*> leads;
  for (bool centres_only : {true, false}) {
    for (const auto& u : lead_units) {
      const bool centre = u.name.find("服务中心") != std::string::npos;
      if ((!assisting_unit || u.id != *assisting_unit) && centre == centres_only) {
        leads.push_back(&u);
      }
    }
  }
  if (!assisting_unit || leads.size() < 3 || households.empty()) return 0;
  std::int64_t written = 0;
  const char* kJointTexts[] = {"小区门口占道经营，油烟扰民，需城管与市场监管共同处理",
                               "河道边违建棚屋影响行洪，需水务与属地共同整治",
                               "老旧小区加装电梯意见不一，需住建与社区共同协调"};
  const std::string assisting_name = [&] {
    for (const auto& u : lead_units) {
      if (u.id == *assisting_unit) return u.name;
    }
    return std::string("协办单位");
  }();
  for (int i = 0; i < 3; ++i) {
    const Epoch at = now - (3 - i) * 86400 - 5 * 3600;
    const domain::Unit& lead = *leads[static_cast<std::size_t>(i) % leads.size()];
    Booker b(tx, NewMatter(tx, households[static_cast<std::size_t>(i) * 7 % households.size()],
                           category_id, clerk, at, kJointTexts[i]));
    b.Apply(domain::AcceptCommand(clerk, false, ""), at, "窗口");
    b.Apply(
        domain::DispatchCommand(clerk, lead.id, lead.name, std::nullopt, "主办，请协办单位配合"),
        at + 600, "窗口");
    b.Take(domain::AddAssist(b.matter(), {}, *assisting_unit, assisting_name, at + 600), "窗口");
    b.Apply(domain::UnitAcceptCommand(0), at + 1800, "承办单位");
    domain::MatterAssist assist;
    assist.matter_id = b.matter().id;
    assist.unit_id = *assisting_unit;
    assist.unit_name = assisting_name;
    assist.added_by = clerk;
    assist.added_at = at + 600;
    if (i >= 1) {
      b.Take(domain::AcceptAssist(b.matter(), assist, assisting_name, at + 2400), "协办单位");
      assist.status = domain::AssistStatus::kAccepted;
      assist.accepted_at = at + 2400;
      const std::string report = "已派员到现场核查，配合主办单位提出处理意见";
      b.Take(domain::ReportAssist(b.matter(), assist, assisting_name, report, at + 86400),
             "协办单位");
      assist.status = domain::AssistStatus::kReported;
      assist.reported_at = at + 86400;
      assist.report = report;
    }
    if (i == 2) {
      b.Apply(domain::ReplyCommand(0, "经主办、协办单位共同处理，已形成整改方案并告知群众"),
              at + 2 * 86400, "承办单位");
    }
    b.Write();
    tx.Matters().UpsertAssist(assist);
    ++written;
  }

  // A matter returned once and transferred once (the cap of 2): its unit raised a dispute and
  // the clerk decided that it stays with that unit.
  const Epoch at = now - 2 * 86400 - 3 * 3600;
  Booker b(tx, NewMatter(tx, households[households.size() / 2], category_id, clerk, at,
                         "村口排水沟堵塞，雨天积水进院，几个单位都说不归自己管"));
  b.Apply(domain::AcceptCommand(clerk, false, ""), at, "窗口");
  b.Apply(domain::DispatchCommand(clerk, leads[0]->id, leads[0]->name, std::nullopt, ""), at + 600,
          "窗口");
  b.Apply(domain::ReturnCommand(0, "〔不属于本单位职责〕排水沟属水务管理"), at + 3600, "承办单位");
  b.Apply(domain::DispatchCommand(clerk, leads[1]->id, leads[1]->name, std::nullopt, ""), at + 7200,
          "窗口");
  b.Apply(domain::TransferCommand(0, leads[2]->id, leads[2]->name,
                                  "〔需要其他单位主办〕属村内设施，应由乡镇办理"),
          at + 10800, "承办单位");
  const auto history = domain::RouteHistoryOf(b.Events());
  domain::MatterDispute dispute;
  dispute.id = domain::NewId();
  dispute.matter_id = b.matter().id;
  dispute.unit_id = leads[2]->id;
  dispute.raised_at = at + 14400;
  dispute.raised_by = clerk;
  dispute.reason_code = "不属于本单位职责";
  dispute.reason = "排水沟为水务设施，本单位无维护职责";
  b.Take(domain::RaiseDispute(b.matter(), history, domain::kDefaultRouteCap, {},
                              dispute.reason_code, dispute.reason, dispute.raised_at),
         "承办单位");
  const Epoch decided_at = at + 18000;
  const std::string decision = "村内排水沟属属地管理，由本单位办理，水务站给予技术支持";
  b.Take(domain::DecideDispute(b.matter(), dispute, leads[2]->id, leads[2]->name, decision,
                               decided_at),
         "窗口");
  dispute.decided_by = clerk;
  dispute.decided_at = decided_at;
  dispute.decided_unit_id = leads[2]->id;
  dispute.decision = decision;
  b.Apply(domain::UnitAcceptCommand(0), at + 21600, "承办单位");
  b.Write();
  tx.Matters().InsertDispute(dispute);
  return written + 1;
}

}  // namespace minqing::demo
