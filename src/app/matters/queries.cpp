#include "app/matters/queries.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "app/matters/joint.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/matter_number_lookup.hpp"
#include "domain/matter_requests.hpp"
#include "domain/privacy.hpp"
#include "domain/search_text.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::MatterStatus;
using domain::Permission;
using domain::Role;
using domain::Trim;
using domain::Utf8Length;
using domain::Utf8Prefix;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace {

std::vector<Id> CategorySubtree(const std::vector<domain::MatterCategory>& all, Id root) {
  std::vector<Id> out{root};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& c : all) {
      if (c.parent_id == out[i]) out.push_back(c.id);
    }
  }
  return out;
}

}  // namespace

std::optional<MatterFilter> MatterQueryService::FilterFor(StoreTx& tx, const Actor& actor,
                                                          const MatterQuery& query) {
  MatterFilter filter;
  filter.region_path_prefix = ListPrefix(tx, PrefixFor(tx, actor, query.region_id));
  for (const auto& code : query.statuses) {
    auto status = domain::ParseMatterStatus(code);
    if (!status) Invalid("status", "matter.bad_status", "状态无效");
    filter.statuses.push_back(*status);
  }
  filter.unit_id = query.unit_id;
  filter.handler_id = query.handler_id;
  if (query.category_id) {
    filter.category_ids = CategorySubtree(tx.Matters().ListCategories(), *query.category_id);
  }
  filter.household_id = query.household_id;
  if (!query.type.empty()) {
    filter.type = domain::ParseMatterType(query.type);
    if (!filter.type) Invalid("type", "matter.bad_type", "诉求类型无效");
  }
  filter.text = Trim(query.text);
  filter.accepted_from = query.from;
  filter.accepted_to = query.to;
  if (query.overdue) filter.due_before = actor.now;
  filter.min_escalation_level = query.min_level;
  filter.supervised_only = query.supervised;
  if (!query.outcome.empty()) {
    auto outcome = domain::ParseMatterOutcome(query.outcome);
    if (!outcome) Invalid("outcome", "outcome.invalid", "办结类型无效");
    filter.outcome = std::string(domain::MatterOutcomeCode(*outcome));
  }
  if (!query.pending.empty()) {
    filter.pending_request = domain::ParseMatterRequestKind(query.pending);
    if (!filter.pending_request) Invalid("pending", "request.bad_kind", "申请类型无效");
  }
  switch (actor.user.role) {
    case Role::kUnitHandler:
      if (!actor.user.scope_unit_id) return std::nullopt;
      if (query.assisting) {
        filter.unit_id.reset();
        filter.assisting_unit_id = actor.user.scope_unit_id;
        return filter;
      }
      filter.unit_id = actor.user.scope_unit_id;
      break;
    case Role::kResident: {
      auto own = OwnHouseholdOf(tx, actor);
      if (!own) return std::nullopt;
      filter.household_id = own;
      break;
    }
    default:
      break;
  }
  if (query.inbox) {
    // A unit's inbox holds what it has to sign for or handle, the window's what it has to
    // dispatch; a status asked for (the inbox's tabs) picks among those in scope instead.
    if (actor.user.scope_unit_id) {
      filter.unit_id = actor.user.scope_unit_id;
      if (filter.statuses.empty()) {
        filter.statuses = {MatterStatus::kDispatched, MatterStatus::kInProgress};
      }
    } else if (filter.statuses.empty()) {
      filter.statuses = {MatterStatus::kAccepted};
    }
  }
  return filter;
}

domain::Page<Matter> MatterQueryService::ListMatters(const Actor& actor, const MatterQuery& query,
                                                     const domain::PageRequest& page) {
  Require(actor, Permission::kMatterRead);
  auto tx = context_.store().BeginReplicaRead(actor.read_fence);
  auto filter = FilterFor(*tx, actor, query);
  if (!filter) return {};
  filter->capped_total = true;
  domain::PageRequest request = Clamp(page);
  // Overdue matters, most overdue first: the open matters' due index yields them in that order.
  if (query.overdue && request.sort.empty()) request.sort = "due_at";
  auto result = tx->Matters().ListMatters(*filter, request);
  context_.region_labels().Fill(actor, result.items);
  return result;
}

Workload MatterQueryService::GetWorkload(const Actor& actor) {
  Require(actor, Permission::kMatterRead);
  auto tx = context_.store().BeginReplicaRead(actor.read_fence);
  Workload w;
  // Every count narrows the filter the list uses for the same user (scope, unit, household), so a
  // number on the home page is the total of the list it links to. The scope is read once.
  const std::optional<MatterFilter> scope = FilterFor(*tx, actor, {});
  if (!scope) return w;
  auto count = [&](const MatterFilter& filter) {
    return tx->Matters().ListMatters(filter, {0, 1, ""}).total;
  };
  auto with_status = [&](std::vector<MatterStatus> statuses) {
    MatterFilter filter = *scope;
    filter.statuses = std::move(statuses);
    return filter;
  };

  if (actor.user.scope_unit_id) {
    w.to_sign = count(with_status({MatterStatus::kDispatched}));
    w.handling = count(with_status({MatterStatus::kInProgress}));
  } else if (domain::RoleHas(actor.user.role, Permission::kMatterDispatch)) {
    w.to_dispatch = count(with_status({MatterStatus::kAccepted}));
  }
  const MatterFilter open =
      with_status({MatterStatus::kAccepted, MatterStatus::kDispatched, MatterStatus::kInProgress});
  w.open = count(open);
  w.waiting_signoff = count(with_status({MatterStatus::kReplied}));
  w.done = count(with_status({MatterStatus::kClosed, MatterStatus::kMerged}));
  MatterFilter supervised = open;
  supervised.supervised_only = true;
  w.supervised = count(supervised);
  MatterFilter today = *scope;
  today.accepted_from = domain::ChinaDayStart(domain::ChinaDay(actor.now));
  w.accepted_today = count(today);
  MatterFilter due = open;
  due.due_before = actor.now;
  w.overdue = count(due);
  due.due_before = actor.now + context_.options().escalation.nearly_due_seconds;
  w.nearly_due = count(due) - w.overdue;
  w.most_urgent = tx->Matters().ListMatters(open, {0, 5, "due_at"}).items;
  context_.region_labels().Fill(actor, w.most_urgent);
  if (actor.user.role == Role::kUnitHandler) {
    MatterQuery assisting;
    assisting.assisting = true;
    if (auto filter = FilterFor(*tx, actor, assisting)) {
      filter->statuses = {MatterStatus::kDispatched, MatterStatus::kInProgress};
      w.assisting = count(*filter);
    }
  }
  if (domain::RoleHas(actor.user.role, Permission::kMatterDispatch)) {
    w.disputes_pending =
        tx->Matters().ListPendingDisputes(actor.user.scope_region_path, {0, 1, ""}).total;
  }
  if (domain::RoleHas(actor.user.role, Permission::kMatterCallback)) {
    w.callbacks_open =
        tx->Matters().ListOpenCallbackTasks(actor.user.scope_region_path, {0, 1, ""}).total;
  }
  return w;
}

namespace {

// "2026-10-08 09:30", China time; empty for none.
std::string ChinaTimeText(std::optional<domain::Epoch> at) {
  if (!at) return "";
  const domain::DayNumber day = domain::ChinaDay(*at);
  const domain::Epoch minutes = (*at - domain::ChinaDayStart(day)) / 60;
  char clock[8];
  std::snprintf(clock, sizeof clock, " %02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return domain::FormatDate(day) + clock;
}

// Names of the regions on matters' paths, looked up once each.
class RegionNames {
 public:
  explicit RegionNames(StoreTx& tx) : tx_(tx) {}
  // The name of the path's region at `depth` below the county (1: township, 2: village); empty
  // when shallower. Under a city root (市/区/街道/...) the county is one level down the path.
  std::string At(const std::string& path, std::size_t depth) {
    std::vector<Id> ids;
    try {
      ids = domain::RegionPathIds(path);
    } catch (const std::logic_error&) {
      return "";
    }
    if (!ids.empty() && Region(ids.front()).level == domain::RegionLevel::kCity) ++depth;
    if (ids.size() <= depth) return "";
    return Region(ids[depth]).name;
  }

 private:
  const domain::Region& Region(Id id) {
    auto [it, fresh] = regions_.try_emplace(id);
    if (fresh) {
      if (auto region = tx_.Registry().FindRegion(id)) it->second = std::move(*region);
    }
    return it->second;
  }

  StoreTx& tx_;
  std::map<Id, domain::Region> regions_;
};

// The approved 办结类型, or what awaits a leader's decision.
std::string OutcomeText(const Matter& m) {
  if (auto outcome = domain::ParseMatterOutcome(m.outcome)) {
    return std::string(domain::MatterOutcomeLabel(*outcome));
  }
  return m.outcome_pending ? "待审批" : "";
}

std::vector<std::string> ExportRow(const Matter& m, domain::Epoch now, RegionNames& regions) {
  // Late: overdue now (as the list shows it), or replied after its deadline.
  const bool late = domain::IsOverdue(m, now) || (m.replied_at && *m.replied_at > m.due_at);
  return {m.number,
          ChinaTimeText(m.accepted_at),
          std::string(domain::MatterTypeLabel(m.type)),
          m.category_name,
          std::string(domain::MatterChannelLabel(m.channel)),
          std::string(domain::UrgencyLabel(m.urgency)),
          std::string(domain::MatterStatusLabel(m.status)),
          regions.At(m.region_path, 1),
          regions.At(m.region_path, 2),
          m.region_name,
          m.caller_name,
          domain::MaskPhone(m.caller_phone),
          m.title,
          m.content,
          m.address,
          m.unit_name,
          ChinaTimeText(m.response_due_at),
          ChinaTimeText(m.due_at),
          ChinaTimeText(m.replied_at),
          ChinaTimeText(m.closed_at),
          late ? "是" : "否",
          m.escalation_level > 0 ? std::to_string(m.escalation_level) : "",
          m.supervised ? "是" : "否",
          m.reply,
          m.solved ? (*m.solved ? "已解决" : "未解决") : "",
          m.rating ? std::to_string(*m.rating) : "",
          m.rating_comment,
          std::to_string(m.extension_count),
          OutcomeText(m)};
}

}  // namespace

formats::Table MatterQueryService::ExportMatters(const Actor& actor, const MatterQuery& query) {
  Require(actor,
          {Permission::kMatterExport, Permission::kMatterHandle, Permission::kMatterDispatch});
  formats::Table table;
  table.header = {"工单号",      "受理时间",     "诉求类型",   "分类",     "受理渠道", "紧急程度",
                  "状态",        "乡镇（街道）", "村（社区）", "所在区域", "来电人",   "联系电话",
                  "标题",        "诉求内容",     "地址",       "承办单位", "响应时限", "办结时限",
                  "答复时间",    "办结时间",     "是否超期",   "升级层级", "督办",     "答复内容",
                  "是否解决",    "满意度",       "评价",       "延期次数", "办结类型", "协办单位",
                  "转办退单次数"};
  // Times as dates a spreadsheet sorts, the escalation level and the rating as numbers.
  using formats::CellKind;
  table.kinds.assign(table.header.size(), CellKind::kText);
  for (std::size_t time : {1, 16, 17, 18, 19}) table.kinds[time] = CellKind::kDateTime;
  table.kinds[21] = table.kinds[25] = table.kinds[27] = CellKind::kNumber;
  const std::size_t kAssistColumn = 29;
  table.kinds[kAssistColumn + 1] = CellKind::kNumber;
  {
    auto tx = context_.store().BeginReplicaRead(actor.read_fence);
    auto filter = FilterFor(*tx, actor, query);
    // A deployment that renamed these levels reads its own names; the default names keep the
    // headers county offices know, which name both kinds (乡镇（街道）).
    const auto defaults = domain::DefaultRegionLevels();
    if (auto levels = tx->Registry().LoadRegionLevels(); domain::ValidRegionLevels(levels)) {
      for (auto [column, level] : {std::pair{7, domain::RegionLevel::kTownship},
                                   std::pair{8, domain::RegionLevel::kVillage}}) {
        if (levels.Name(level) != defaults.Name(level)) table.header[column] = levels.Name(level);
      }
    }
    RegionNames regions(*tx);
    // Pages as large as the store serves: each page also counts the matches.
    domain::PageRequest page{0, kExportPageRows, query.overdue ? "due_at" : ""};
    while (filter) {
      auto batch = tx->Matters().ListMatters(*filter, page);
      // A text search's count stops past domain::kMatterSearchCountCap: that many is too many.
      if (page.offset == 0 && !filter->text.empty() &&
          batch.total > domain::kMatterSearchCountCap) {
        throw domain::InvalidInput("export.too_many", "符合条件的诉求超过1万条，请缩小筛选范围");
      }
      if (page.offset == 0 && batch.total > context_.options().max_export_rows) {
        throw domain::InvalidInput(
            "export.too_many",
            "符合条件的诉求有" + std::to_string(batch.total) + "条，超过一次导出的上限" +
                std::to_string(context_.options().max_export_rows) + "条，请缩小筛选范围");
      }
      for (const auto& m : batch.items) {
        auto row = ExportRow(m, actor.now, regions);
        // Joint handling (协办) and the first-receiver count (转办、退单).
        std::string assists;
        for (const auto& a : tx->Matters().ListAssists(m.id)) {
          assists += (assists.empty() ? "" : "、") + a.unit_name;
        }
        row.push_back(assists);
        row.push_back(
            std::to_string(domain::RouteHistoryOf(tx->Matters().ListEvents(m.id)).routed));
        table.rows.push_back(std::move(row));
      }
      page.offset = static_cast<std::int64_t>(table.rows.size());
      if (batch.items.empty() || page.offset >= batch.total) break;
    }
  }
  // Names of many residents leave the system: the export is audited like a reveal.
  auto tx = context_.store().Begin();
  RecordAudit(*tx, actor, "matter.export", "matter", 0, "",
              JsonObjectWriter()
                  .Add("rows", static_cast<std::int64_t>(table.rows.size()))
                  .Add("status", query.statuses.empty() ? "" : query.statuses.front())
                  .Add("text", query.text)
                  .Finish());
  tx->Commit();
  return table;
}

MatterDetail MatterQueryService::GetMatter(const Actor& actor, Id matter_id) {
  Require(actor, Permission::kMatterRead);
  const std::uint64_t generation = context_.store().WriteGeneration();
  const bool staff = actor.user.role != Role::kResident;
  if (staff) {
    if (auto cached = matter_pages_.Get(matter_id, generation, actor.now)) {
      if (!StaffMayRead(actor, cached->matter) && !AssistingUnitOf(actor, cached->assists)) {
        RefuseRead(actor);
      }
      context_.region_labels().Fill(actor, cached->matter);
      context_.region_labels().Fill(actor, cached->merged);
      return *std::move(cached);
    }
  }
  auto tx = context_.store().BeginRead();
  MatterDetail d;
  auto& repo = tx->Matters();
  d.matter = LoadMatter(*tx, matter_id);
  d.assists = repo.ListAssists(matter_id);
  if (!MayRead(*tx, actor, d.matter) && !AssistingUnitOf(actor, d.assists)) RefuseRead(actor);
  d.disputes = repo.ListDisputes(matter_id);
  d.events = repo.ListEvents(matter_id);
  d.attachments = repo.ListAttachments(matter_id);
  d.supervisions = repo.ListSupervisions(matter_id);
  d.callbacks = repo.ListCallbackTasksOfMatter(matter_id);
  d.merged = repo.ListMergedInto(matter_id);
  if (d.matter.household_id) {
    for (auto& e : repo.ListErrands(d.matter.household_id, std::nullopt)) {
      if (e.matter_id == matter_id) d.errands.push_back(std::move(e));
    }
  }
  d.sign_off_options = SignOffOptionsOf(*tx, d.matter);
  if (!staff) {
    d.receipt = ReceiptOf(d.matter);
    // Who handles it is shown; the units' internal exchanges are not.
    d.disputes.clear();
    for (auto& a : d.assists) a.report.clear();
  }
  if (staff) matter_pages_.Put(matter_id, generation, actor.now, d);
  // After the cache: the label depends on the reader.
  context_.region_labels().Fill(actor, d.matter);
  context_.region_labels().Fill(actor, d.merged);
  return d;
}

MatterDetail MatterQueryService::GetMatterByNumber(const Actor& actor, const std::string& number) {
  Id id = 0;
  {
    auto tx = context_.store().BeginRead();
    auto m = tx->Matters().FindMatterByNumber(number);
    if (!m) throw domain::NotFound("matter.not_found", "诉求不存在");
    id = m->id;
  }
  return GetMatter(actor, id);
}

std::vector<Matter> MatterQueryService::LookupNumbers(const Actor& actor, const std::string& text) {
  Require(actor, Permission::kMatterRead);
  auto ranges = domain::MatterNumberRanges(Trim(text), domain::ChinaDay(actor.now));
  if (ranges.empty()) return {};
  auto tx = context_.store().BeginRead();
  auto filter = FilterFor(*tx, actor, {});
  if (!filter) return {};
  filter->number_ranges = std::move(ranges);
  filter->without_total = true;
  return tx->Matters().ListMatters(*filter, {0, 10, "-accepted_at"}).items;
}

domain::Page<Matter> MatterQueryService::SupervisionList(const Actor& actor,
                                                         const std::string& kind,
                                                         std::optional<Id> region_id,
                                                         const domain::PageRequest& page) {
  Require(actor, {Permission::kMatterExport, Permission::kMatterSupervise});
  auto tx = context_.store().BeginReplicaRead(actor.read_fence);
  MatterFilter filter;
  filter.region_path_prefix = ListPrefix(*tx, PrefixFor(*tx, actor, region_id));
  domain::PageRequest request = Clamp(page);
  if (request.sort.empty()) request.sort = "due_at";
  if (kind == "overdue" || kind.empty()) {
    filter.due_before = actor.now;
  } else if (kind == "nearly_due") {
    filter.due_before = actor.now + context_.options().escalation.nearly_due_seconds;
    auto all = tx->Matters().ListMatters(filter, {0, 1000, "due_at"});
    domain::Page<Matter> out;
    std::vector<Matter> near;
    for (auto& m : all.items) {
      if (m.due_at >= actor.now) near.push_back(std::move(m));
    }
    out.total = static_cast<std::int64_t>(near.size());
    for (std::size_t i = static_cast<std::size_t>(request.offset);
         i < near.size() && out.items.size() < static_cast<std::size_t>(request.limit); ++i) {
      out.items.push_back(near[i]);
    }
    context_.region_labels().Fill(actor, out.items);
    return out;
  } else if (kind == "escalated") {
    filter.min_escalation_level = 1;
    filter.statuses = {MatterStatus::kAccepted, MatterStatus::kDispatched,
                       MatterStatus::kInProgress};
    if (page.sort.empty()) request.sort = "-escalation_level";
  } else if (kind == "supervised") {
    // Under supervision now: the order stays on the matter after it is replied or closed.
    filter.supervised_only = true;
    filter.statuses = {MatterStatus::kAccepted, MatterStatus::kDispatched,
                       MatterStatus::kInProgress};
  } else {
    Invalid("kind", "supervision.bad_kind",
            "类型应为 overdue、nearly_due、escalated 或 supervised");
  }
  auto result = tx->Matters().ListMatters(filter, request);
  context_.region_labels().Fill(actor, result.items);
  return result;
}

}  // namespace minqing::app
