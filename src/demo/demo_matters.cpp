#include "demo/demo_matters.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/region_tree.hpp"
#include "demo/joint_demo.hpp"
#include "domain/ids.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/search_text.hpp"

namespace minqing::demo {

using app::JsonObjectWriter;
using app::RandomHex;
using app::StatsDelta;
using app::SystemActor;

namespace {

using domain::Epoch;
using domain::MatterEventKind;

struct CategorySeed {
  const char* name;
  const char* keywords;
  const char* centre;  // Which township centre handles it.
  int weight;
  int completion_days;
  domain::MatterType type;
  std::array<const char*, 3> texts;
};

const CategorySeed kCategories[] = {
    {"低保救助",
     "低保 救助 困难 五保",
     "社会事务服务中心",
     14,
     5,
     domain::MatterType::kHelp,
     {"家里老人常年生病，想申请低保", "低保年审材料不知道怎么准备", "五保户房屋漏雨需要救助"}},
    {"医疗保险",
     "医保 新农合 报销 住院",
     "社会事务服务中心",
     12,
     5,
     domain::MatterType::kConsultation,
     {"住院费用医保报销比例是多少", "新农合缴费后信息没有更新", "异地就医报销手续怎么办"}},
    {"养老服务",
     "养老 养老金 老人 高龄补贴",
     "社会事务服务中心",
     8,
     5,
     domain::MatterType::kHelp,
     {"高龄补贴这个月没有到账", "独居老人需要上门照料", "养老金认证不会操作"}},
    {"就业创业",
     "就业 培训 创业 贷款",
     "经济发展服务中心",
     7,
     7,
     domain::MatterType::kConsultation,
     {"想参加电商培训，在哪里报名", "返乡创业贷款有什么条件", "农闲时想找附近的工作"}},
    {"农业生产",
     "种植 大棚 化肥 种子 农机",
     "经济发展服务中心",
     10,
     5,
     domain::MatterType::kHelp,
     {"大棚蔬菜出现病害，需要技术指导", "购买的种子出苗率很低", "农机补贴申请进度查询"}},
    {"土地承包",
     "土地 承包 流转 宅基地 确权",
     "经济发展服务中心",
     6,
     10,
     domain::MatterType::kComplaint,
     {"土地流转租金拖欠未付", "宅基地确权面积有误", "承包地边界与邻居有争议"}},
    {"邻里纠纷",
     "纠纷 矛盾 邻居 调解",
     "综治信访服务中心",
     9,
     5,
     domain::MatterType::kComplaint,
     {"邻居在院墙边堆放杂物引发矛盾", "因排水问题与邻居发生纠纷", "宅前道路被邻居占用"}},
    {"环境卫生",
     "垃圾 污水 卫生 异味",
     "综治信访服务中心",
     9,
     3,
     domain::MatterType::kComplaint,
     {"村口垃圾几天没人清运", "养殖场污水排到路边有异味", "河道里漂浮大量垃圾"}},
    {"道路交通",
     "道路 路灯 桥 坑洼 停车",
     "经济发展服务中心",
     8,
     7,
     domain::MatterType::kReport,
     {"村里路灯坏了好几盏", "村道坑洼不平雨天积水", "集市附近乱停车堵塞道路"}},
    {"供水供电",
     "停水 停电 水管 电线",
     "经济发展服务中心",
     7,
     2,
     domain::MatterType::kHelp,
     {"自来水管破裂，全组停水", "电线老化存在安全隐患", "冬季用电电压不稳"}},
    {"政策咨询",
     "政策 咨询 补贴 办理",
     "社会事务服务中心",
     6,
     3,
     domain::MatterType::kConsultation,
     {"耕地地力补贴发放标准", "残疾人两项补贴如何申请", "独生子女奖励扶助政策"}},
    {"意见建议",
     "建议 意见",
     "综治信访服务中心",
     4,
     10,
     domain::MatterType::kSuggestion,
     {"建议在村委会旁建一个小广场", "建议增加公交班次", "建议定期组织义诊"}},
};

// County units that take a share of a category's matters from the township centres: the county
// bureaus, the cooperative's technicians and the volunteer team (the civil affairs bureau takes
// its share of 低保救助 below, as the demo handler's unit).
struct CountyShare {
  const char* category;
  const char* unit;  // Part of the unit's name.
  double share;
};

const CountyShare kCountyShares[] = {
    {"就业创业", "人力资源和社会保障局", 0.3}, {"养老服务", "人力资源和社会保障局", 0.1},
    {"农业生产", "专业合作社", 0.12},          {"养老服务", "志愿服务队", 0.15},
    {"环境卫生", "志愿服务队", 0.05},
};

// The village path ("/county/township/village/") of a household's region path, whose last part
// may be a group.
std::string VillagePath(const std::string& region_path) {
  std::size_t end = 0;
  for (int slashes = 0; slashes < 4 && end != std::string::npos; ++slashes) {
    end = region_path.find('/', slashes == 0 ? 0 : end + 1);
  }
  return end == std::string::npos ? region_path : region_path.substr(0, end + 1);
}

}  // namespace

DemoMattersSummary LoadDemoMatters(app::Services& services, std::uint64_t seed, domain::Epoch now) {
  DemoMattersSummary summary;
  std::mt19937_64 rng(seed ^ 0x6d61747465727321ULL);
  auto uniform = [&](double a, double b) {
    return std::uniform_real_distribution<double>(a, b)(rng);
  };
  auto chance = [&](double p) { return uniform(0, 1) < p; };

  auto tx = services.store->Begin();
  auto& repo = tx->Matters();
  const domain::WorkCalendar calendar = *services.matters.Calendar(*tx);
  const domain::RegionLevels levels = app::ConfiguredRegionLevels(*tx);
  auto units = tx->Registry().ListUnits();
  auto townships = tx->Registry().ListRegionsUnder("", domain::RegionLevel::kTownship);
  // Every household of the county: the store serves pages of at most 10,000.
  std::vector<domain::Household> households;
  for (domain::PageRequest page{0, 10000, "number"};; page.offset += page.limit) {
    auto batch = tx->Registry().ListHouseholds({}, page).items;
    if (batch.empty()) break;
    households.insert(households.end(), std::make_move_iterator(batch.begin()),
                      std::make_move_iterator(batch.end()));
  }
  if (households.empty() || townships.empty()) return summary;
  domain::Id clerk = 0, handler = 0;
  std::optional<domain::Id> handler_unit;  // The demo handler's unit (the county's civil affairs).
  if (auto u = tx->Accounts().FindUserByUsername("clerk")) clerk = u->id;
  if (auto u = tx->Accounts().FindUserByUsername("handler")) {
    handler = u->id;
    handler_unit = u->scope_unit_id;
  }

  // Catalogue and routing: each category goes to its centre in the matter's township.
  // A demo category reuses the seeded catalogue's category of the same name (so the catalogue
  // has no twins) and only gains a default unit; names the seed lacks are added at the top level.
  std::vector<domain::MatterCategory> categories;
  std::map<std::pair<domain::Id, std::size_t>, domain::Id> unit_of;  // (township, category) → unit
  const auto seeded = repo.ListCategories();
  for (std::size_t c = 0; c < std::size(kCategories); ++c) {
    domain::MatterCategory cat;
    auto existing = std::find_if(seeded.begin(), seeded.end(),
                                 [&](const auto& s) { return s.name == kCategories[c].name; });
    if (existing != seeded.end()) {
      cat = *existing;
    } else {
      cat.id = domain::NewId();
      cat.name = kCategories[c].name;
      cat.keywords = kCategories[c].keywords;
      cat.response_hours = 4;
    }
    cat.completion_days = kCategories[c].completion_days;
    for (const auto& unit : units) {
      if (unit.name.find(kCategories[c].centre) != std::string::npos && !cat.default_unit_id) {
        cat.default_unit_id = unit.id;
      }
    }
    if (existing != seeded.end()) {
      repo.UpdateCategory(cat);
    } else {
      repo.InsertCategory(cat);
    }
    categories.push_back(cat);
    for (const auto& township : townships) {
      for (const auto& unit : units) {
        if (unit.region_id == township.id && unit.name == township.name + kCategories[c].centre) {
          domain::RoutingRule rule;
          rule.id = domain::NewId();
          rule.category_id = cat.id;
          rule.region_path = township.path;
          rule.unit_id = unit.id;
          repo.InsertRoutingRule(rule);
          unit_of[{township.id, c}] = unit.id;
          ++summary.routing_rules;
        }
      }
    }
  }
  // County units' shares: (category index, unit, share).
  std::vector<std::tuple<std::size_t, domain::Id, double>> county_shares;
  for (const auto& share : kCountyShares) {
    for (std::size_t c = 0; c < std::size(kCategories); ++c) {
      if (std::string_view(kCategories[c].name) != share.category) continue;
      for (const auto& unit : units) {
        if (unit.name.find(share.unit) != std::string::npos) {
          county_shares.emplace_back(c, unit.id, share.share);
          break;
        }
      }
    }
  }
  summary.categories = static_cast<std::int64_t>(categories.size());

  // Who calls: households in proportion to their members, times a factor per village (some
  // villages raise more than others, 0.5x to 2x). The village of the demo logins is a busy one,
  // so that its assistant finds matters open on any day.
  std::vector<double> household_weights;
  household_weights.reserve(households.size());
  {
    std::map<std::string, double> village_factor;
    std::string first_village;
    for (const auto& h : households) {
      std::string village = VillagePath(h.region_path);
      if (first_village.empty()) first_village = village;
      auto [it, added] = village_factor.try_emplace(village, 1.0);
      if (added) {
        it->second = village == first_village
                         ? 2.0
                         : std::clamp(std::lognormal_distribution<double>(0, 0.35)(rng), 0.5, 2.0);
      }
      household_weights.push_back(static_cast<double>(std::max<std::int64_t>(1, h.member_count)) *
                                  it->second);
    }
  }
  std::discrete_distribution<std::size_t> pick_household(household_weights.begin(),
                                                         household_weights.end());
  std::vector<double> weights;
  for (const auto& c : kCategories) weights.push_back(c.weight);
  std::discrete_distribution<std::size_t> pick_category(weights.begin(), weights.end());

  // The three-rate counters come from the state machine, as the use cases book them, summed
  // per cell and written once at the end.
  using CellKey = std::tuple<domain::StatsDimension, domain::Id, domain::Id, domain::DayNumber>;
  std::map<CellKey, StatsDelta> cells;
  auto book = [&](const domain::Transition& t) {
    for (const auto& d : t.counters) {
      auto& cell = cells[{d.dimension, d.key, d.key2, d.day}];
      cell.dimension = domain::StatsDimensionCode(d.dimension);
      cell.key = d.key;
      cell.key2 = d.key2;
      cell.path = d.path;
      cell.day = d.day;
      cell.counters += d.counters;
    }
  };
  auto transition = [](const domain::Matter& m, const domain::MatterCommand& command, Epoch at) {
    domain::Transition t = domain::Apply(m, command, at, 0);  // The demo is a county.
    if (t.refusal) throw std::logic_error("demo matter: " + t.refusal->code);
    return t;
  };
  // Applies a step: its counters are booked and the matter takes its new state. The demo writes
  // its own timeline below.
  auto apply = [&](domain::Matter& m, const domain::MatterCommand& command, Epoch at) {
    domain::Transition t = transition(m, command, at);
    book(t);
    m = std::move(t.matter);
  };
  auto event = [&](const domain::Matter& m, MatterEventKind kind, Epoch at, std::string text,
                   bool internal, std::optional<domain::Id> to_unit, const char* who) {
    domain::MatterEvent e;
    e.id = domain::NewId();
    e.matter_id = m.id;
    e.kind = kind;
    e.at = at;
    e.user_name = who;
    e.to_unit_id = to_unit;
    e.text = std::move(text);
    e.internal = internal;
    repo.InsertEvent(e);
    ++summary.events;
  };

  domain::DayNumber today = domain::ChinaDay(now);
  for (domain::DayNumber day = today - 364; day <= today; ++day) {
    int weekday = domain::Weekday(day);
    int year = 0, month = 0, dom = 0;
    domain::CivilFromDay(day, year, month, dom);
    double seasonal = 1.0 + 0.25 * std::cos((month - 1) * 2 * 3.14159265 / 12.0);  // Winter peak.
    double base = calendar.IsWorkingDay(day) ? 118 : 35;
    if (weekday == 1) base *= 1.2;
    int volume = std::max(0, static_cast<int>(std::lround(base * seasonal * uniform(0.8, 1.2))));
    std::vector<Epoch> times;
    for (int i = 0; i < volume; ++i) {
      times.push_back(domain::ChinaDayStart(day) + 8 * 3600 + 1800 +
                      static_cast<Epoch>(uniform(0, 9 * 3600)));
    }
    std::sort(times.begin(), times.end());
    for (Epoch accepted_at : times) {
      if (accepted_at > now) break;
      const auto& h = households[pick_household(rng)];
      std::size_t c = pick_category(rng);
      const auto& seed_cat = kCategories[c];
      domain::Matter m;
      m.id = domain::NewId();
      m.type = seed_cat.type;
      m.category_id = categories[c].id;
      m.channel = static_cast<domain::MatterChannel>(1 + rng() % 7);
      m.urgency = chance(0.05) ? domain::Urgency::kUrgent : domain::Urgency::kNormal;
      m.household_id = h.id;
      m.caller_name = h.head_name;
      m.caller_phone = "1380000" + std::to_string(1000 + rng() % 9000);
      m.region_id = h.region_id;
      m.region_path = h.region_path;
      m.content = seed_cat.texts[rng() % 3];
      m.title = m.content.substr(0, std::min<std::size_t>(m.content.size(), 30));
      m.address = h.address;
      m.accepted_by = clerk;
      m.accepted_at = accepted_at;
      m.public_token = RandomHex(16);
      m.number = domain::MatterNumber(domain::FormatDate(day), repo.NextMatterSerial(day));
      int days = m.urgency == domain::Urgency::kUrgent ? 1 : seed_cat.completion_days;
      m.response_due_at =
          calendar.DueAfterWorkingHours(accepted_at, m.urgency == domain::Urgency::kUrgent ? 2 : 4);
      m.due_at = calendar.DueAfterWorkingDays(accepted_at, days);
      domain::Id township = domain::TownshipId(h.region_path, 0);
      auto unit_it = unit_of.find({township, c});
      std::optional<domain::Id> unit =
          unit_it == unit_of.end() ? categories[c].default_unit_id : std::optional(unit_it->second);
      // Part of the low-income relief cases go to the county bureau the demo handler works at,
      // so that login has an inbox and a workload to show.
      if (std::string_view(seed_cat.name) == "低保救助" && handler_unit && chance(0.3)) {
        unit = handler_unit;
      }
      for (const auto& [category, county_unit, share] : county_shares) {
        if (category == c && chance(share)) {
          unit = county_unit;
          break;
        }
      }
      apply(m, domain::AcceptCommand(clerk, false, ""), accepted_at);
      std::vector<std::tuple<MatterEventKind, Epoch, std::string, bool>> timeline;
      timeline.push_back({MatterEventKind::kAccepted, accepted_at, "受理", false});

      Epoch age = now - accepted_at;
      bool on_spot = m.type == domain::MatterType::kConsultation && chance(0.35);
      if (on_spot) {
        apply(m, domain::CloseOnSpotCommand(clerk, "已当场解答"), accepted_at + 600);
        timeline.push_back({MatterEventKind::kClosedOnSpot, accepted_at + 600, m.reply, false});
      } else if (unit && age > 1800) {
        Epoch dispatched = accepted_at + static_cast<Epoch>(uniform(300, 5400));
        apply(m, domain::DispatchCommand(clerk, *unit, "", std::nullopt, ""), dispatched);
        // The unit names the demo handler after the dispatch: the person cell counts from the
        // unit's acceptance on.
        if (handler && unit == handler_unit && chance(0.5)) m.handler_id = handler;
        timeline.push_back({MatterEventKind::kDispatched, dispatched, "派单", false});
        bool late_response = chance(0.08);
        Epoch responded = late_response
                              ? m.response_due_at + static_cast<Epoch>(uniform(600, 86400))
                              : dispatched + static_cast<Epoch>(uniform(300, 3 * 3600));
        if (!late_response)
          responded = std::min(responded, std::max(dispatched + 60, m.response_due_at - 60));
        if (responded < now) {
          apply(m, domain::UnitAcceptCommand(0), responded);
          timeline.push_back({MatterEventKind::kUnitAccepted, responded, "签收", false});
          // A few of the recent ones stay open past their deadline, as in a county whose
          // escalation and supervision work: a few per cent of the open matters are overdue.
          bool stuck = age < 45 * 86400 && chance(0.002);
          // 6% are replied late: deadlines fall at the end of a day, and escalation has the
          // reply made the next morning (08:30 to 12:00).
          Epoch replied =
              chance(0.94)
                  ? responded + static_cast<Epoch>(uniform(0.2, 0.95) *
                                                   std::max<Epoch>(3600, m.due_at - responded))
                  : m.due_at + static_cast<Epoch>(uniform(8.5 * 3600, 12 * 3600));
          if (stuck) {
            if (m.due_at < now) {
              int level = std::min(
                  2, 1 + calendar.WorkingDaysBetween(m.due_at, domain::ChinaDayStart(today) - 1));
              const std::string level_name = domain::EscalationLevelLabel(level, levels);
              apply(m, domain::EscalateCommand(level, level_name), m.due_at + 60);
              timeline.push_back(
                  {MatterEventKind::kEscalated, m.due_at + 60, "逾期升级至" + level_name, true});
              ++summary.open_overdue;
            }
          } else if (replied < now) {
            // A late reply was overdue a minute after its deadline. The demo records no
            // escalation step for it (its level stays 0), only the counters the first
            // escalation books.
            if (replied > m.due_at) {
              book(transition(m,
                              domain::EscalateCommand(1, domain::EscalationLevelLabel(1, levels)),
                              m.due_at + 60));
            }
            apply(m,
                  domain::ReplyCommand(
                      0, "经核实已处理：" + std::string(seed_cat.name) + "相关问题已按政策办理"),
                  replied);
            timeline.push_back(
                {MatterEventKind::kStep, (responded + replied) / 2, "已到现场核实情况", false});
            timeline.push_back({MatterEventKind::kReplied, replied, m.reply, false});
            Epoch signed_at = replied + static_cast<Epoch>(uniform(1800, 3 * 86400));
            if (signed_at < now && chance(0.9)) {
              double r = uniform(0, 1);
              int rating = r < 0.55 ? 5 : r < 0.83 ? 4 : r < 0.93 ? 3 : r < 0.97 ? 2 : 1;
              bool solved = rating >= 3 ? chance(0.97) : chance(0.4);
              // Every sign-off carries a proof: mostly the caller's SMS code, else a callback.
              const std::string via = chance(0.5) || chance(0.6) ? "sms_code" : "callback";
              const std::string proof(domain::ProofLabel(via));
              apply(m, domain::ConfirmCommand(0, solved, rating, "", via), signed_at);
              if (solved) {
                timeline.push_back(
                    {MatterEventKind::kConfirmed, signed_at,
                     "群众确认（" + proof + "）已解决，评价" + std::to_string(rating) + "星",
                     false});
              } else {
                m.solved.reset();
                m.rating.reset();
                m.confirmed_via.clear();
                timeline.push_back({MatterEventKind::kReopened, signed_at,
                                    "群众反馈（" + proof + "）未解决，重新办理", false});
                // A reopened matter is handled again the next day and signed off on the
                // callback four hours later; until then it is open, and past its deadline.
                const Epoch second = signed_at + 86400;
                const Epoch second_sign_off = second + 4 * 3600;
                if (second_sign_off < now) {
                  timeline.push_back(
                      {MatterEventKind::kReplied, second, "重新办理后再次答复", false});
                  timeline.push_back({MatterEventKind::kConfirmed, second_sign_off,
                                      "群众确认（经回访）已解决，评价4星", false});
                  // The demo has never counted this second reply (only its sign-off): its
                  // figures stay as they were.
                  m = transition(m, domain::ReplyCommand(0, m.reply), second).matter;
                  apply(m, domain::ConfirmCommand(0, true, 4, "", "callback"), second_sign_off);
                }
              }
            }
          }
        }
      }
      m.updated_at = std::get<1>(timeline.back());
      repo.InsertMatter(m);
      for (auto& [kind, at, text, internal] : timeline) {
        event(m, kind, at, text, internal,
              kind == MatterEventKind::kDispatched ? m.unit_id : std::nullopt,
              kind == MatterEventKind::kAccepted ? "窗口" : "承办单位");
      }
      std::vector<domain::MatterEvent> steps(timeline.size());
      for (std::size_t i = 0; i < timeline.size(); ++i) {
        std::tie(steps[i].kind, std::ignore, steps[i].text, steps[i].internal) = timeline[i];
      }
      repo.IndexMatterText(m.id, domain::MatterSearchDocument(m, steps));
      ++summary.matters;
    }
  }
  std::vector<StatsDelta> deltas;
  deltas.reserve(cells.size());
  for (auto& [key, cell] : cells) deltas.push_back(std::move(cell));
  repo.AddStats(deltas);

  // Holiday appointments at the first township's social affairs centre (节假日预约).
  for (const auto& unit : units) {
    if (unit.region_id == townships.front().id && unit.name.find("社会事务") != std::string::npos) {
      for (domain::DayNumber day = today; day < today + 30; ++day) {
        for (const char* start : {"09:00", "10:00", "14:00", "15:00"}) {
          domain::TimeSlot slot;
          slot.id = domain::NewId();
          slot.unit_id = unit.id;
          slot.date = domain::FormatDate(day);
          slot.start = start;
          char end[16];
          std::snprintf(end, sizeof end, "%02d:00", std::stoi(start) + 1);
          slot.end = end;
          slot.capacity = calendar.IsWorkingDay(day) ? 6 : 3;
          repo.InsertTimeSlot(slot);
        }
      }
      break;
    }
  }
  // Joint handling (主办/协办) and an arbitrated dispute (争议), as the use cases book them.
  summary.matters +=
      LoadJointDemo(*tx, units, handler_unit, clerk, households,
                    categories.empty() ? std::nullopt : std::optional(categories[0].id), now);
  RecordAudit(*tx, SystemActor(now), "demo.matters", "matter", 0, "",
              JsonObjectWriter()
                  .Add("matters", summary.matters)
                  .Add("seed", static_cast<std::int64_t>(seed))
                  .Finish());
  tx->Commit();
  return summary;
}

}  // namespace minqing::demo
