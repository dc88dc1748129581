#include "app/matters/catalogue.hpp"

#include <map>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
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

std::vector<domain::Unit> CatalogueService::ListHandlingUnits(const Actor& actor) {
  Require(actor, Permission::kReadUnits, Refusal{"auth.forbidden", "无权查看单位列表"});
  auto tx = context_.store().BeginRead();
  return tx->Registry().ListUnits();
}

std::vector<domain::MatterCategory> CatalogueService::ListCategories(const Actor& actor) {
  Require(actor, Permission::kReadCatalogue);
  auto tx = context_.store().BeginRead();
  return tx->Matters().ListCategories();
}

namespace {
void ApplyCategory(StoreTx& tx, domain::MatterCategory& c, const CategoryInput& input) {
  std::vector<FieldProblem> problems;
  std::string name = Trim(input.name);
  if (!name.empty()) c.name = name;
  if (c.name.empty()) problems.push_back({"name", "category.name_required", "请填写分类名称"});
  c.parent_id = input.parent_id.has_value() ? input.parent_id : c.parent_id;
  if (c.parent_id && (*c.parent_id == c.id || !tx.Matters().FindCategory(*c.parent_id))) {
    problems.push_back({"parent_id", "category.parent_invalid", "上级分类无效"});
  }
  if (!input.keywords.empty()) c.keywords = Trim(input.keywords);
  if (input.default_unit_id) {
    if (!tx.Registry().FindUnit(*input.default_unit_id)) {
      problems.push_back({"default_unit_id", "unit.not_found", "单位不存在"});
    }
    c.default_unit_id = input.default_unit_id;
  }
  if (input.response_hours) c.response_hours = *input.response_hours;
  if (input.completion_days) c.completion_days = *input.completion_days;
  if (c.response_hours < 1 || c.response_hours > 200) {
    problems.push_back({"response_hours", "category.limit_range", "响应时限应为1–200小时"});
  }
  if (c.completion_days < 0 || c.completion_days > 120) {
    problems.push_back({"completion_days", "category.limit_range", "办结时限应为0–120个工作日"});
  }
  if (input.active) c.active = *input.active;
  ThrowIfProblems(std::move(problems));
}

std::string Snapshot(const domain::MatterCategory& c) {
  return JsonObjectWriter()
      .Add("name", c.name)
      .Add("parent_id", c.parent_id)
      .Add("default_unit_id", c.default_unit_id)
      .Add("response_hours", static_cast<std::int64_t>(c.response_hours))
      .Add("completion_days", static_cast<std::int64_t>(c.completion_days))
      .Add("active", c.active)
      .Finish();
}
}  // namespace

domain::MatterCategory CatalogueService::CreateCategory(const Actor& actor,
                                                        const CategoryInput& input) {
  Require(actor, Permission::kManageCatalogue);
  auto tx = context_.store().Begin();
  domain::MatterCategory c;
  c.id = domain::NewId();
  ApplyCategory(*tx, c, input);
  tx->Matters().InsertCategory(c);
  RecordAudit(*tx, actor, "category.create", "category", c.id, "", Snapshot(c));
  tx->Commit();
  return c;
}

domain::MatterCategory CatalogueService::UpdateCategory(const Actor& actor, Id id,
                                                        const CategoryInput& input) {
  Require(actor, Permission::kManageCatalogue);
  auto tx = context_.store().Begin();
  auto c = tx->Matters().FindCategory(id);
  if (!c) throw domain::NotFound("category.not_found", "诉求分类不存在");
  auto before = Snapshot(*c);
  ApplyCategory(*tx, *c, input);
  tx->Matters().UpdateCategory(*c);
  RecordAudit(*tx, actor, "category.update", "category", id, before, Snapshot(*c));
  tx->Commit();
  return *c;
}

std::vector<domain::RoutingRule> CatalogueService::ListRoutingRules(const Actor& actor) {
  Require(actor, Permission::kReadCatalogue);
  auto tx = context_.store().BeginRead();
  auto rules = tx->Matters().ListRoutingRules();
  std::map<std::string, std::string> names;  // By path: a few townships serve many rules.
  for (auto& rule : rules) {
    auto [it, fresh] = names.try_emplace(rule.region_path);
    if (fresh) {
      auto ids = domain::RegionPathIds(rule.region_path);
      auto region = ids.empty() ? std::nullopt : tx->Registry().FindRegion(ids.back());
      if (region) it->second = region->name;
    }
    rule.region_name = it->second;
  }
  return rules;
}

domain::RoutingRule CatalogueService::CreateRoutingRule(const Actor& actor, Id category_id,
                                                        std::optional<Id> region_id, Id unit_id,
                                                        std::optional<int> completion_days) {
  Require(actor, Permission::kManageCatalogue);
  auto tx = context_.store().Begin();
  std::vector<FieldProblem> problems;
  if (!tx->Matters().FindCategory(category_id)) {
    problems.push_back({"category_id", "category.not_found", "诉求分类不存在"});
  }
  if (!tx->Registry().FindUnit(unit_id))
    problems.push_back({"unit_id", "unit.not_found", "单位不存在"});
  domain::RoutingRule rule;
  if (region_id) {
    auto region = tx->Registry().FindRegion(*region_id);
    if (!region) {
      problems.push_back({"region_id", "region.not_found", "区域不存在"});
    } else {
      rule.region_path = region->path;
      rule.region_name = region->name;
    }
  }
  if (completion_days && (*completion_days < 0 || *completion_days > 120)) {
    problems.push_back({"completion_days", "category.limit_range", "办结时限应为0–120个工作日"});
  }
  ThrowIfProblems(std::move(problems));
  rule.id = domain::NewId();
  rule.category_id = category_id;
  rule.unit_id = unit_id;
  rule.completion_days = completion_days;
  tx->Matters().InsertRoutingRule(rule);
  RecordAudit(*tx, actor, "routing_rule.create", "routing_rule", rule.id, "",
              JsonObjectWriter()
                  .Add("category_id", category_id)
                  .Add("region_path", rule.region_path)
                  .Add("unit_id", unit_id)
                  .Finish());
  tx->Commit();
  context_.RoutingRulesChanged();
  return rule;
}

void CatalogueService::DeleteRoutingRule(const Actor& actor, Id id) {
  Require(actor, Permission::kManageCatalogue);
  auto tx = context_.store().Begin();
  tx->Matters().DeleteRoutingRule(id);
  RecordAudit(*tx, actor, "routing_rule.delete", "routing_rule", id, "", "");
  tx->Commit();
  context_.RoutingRulesChanged();
}

// ---------------------------------------------------------------------------------------------
// Calendar

CalendarView CatalogueService::GetCalendar(const Actor& actor, std::optional<int> year) {
  Require(actor, Permission::kReadCatalogue);
  auto tx = context_.store().BeginRead();
  CalendarView view;
  auto days = tx->Matters().ListCalendarDays();
  view.covered_years = domain::WorkCalendar(days).CoveredYears();
  for (auto& d : days) {
    if (!year || d.date.compare(0, 4, std::to_string(*year)) == 0)
      view.items.push_back(std::move(d));
  }
  return view;
}

void CatalogueService::PutCalendarDay(const Actor& actor, const std::string& date,
                                      const std::string& kind, const std::string& name) {
  Require(actor, Permission::kManageCatalogue);
  auto day = domain::ParseDate(date);
  if (!day) Invalid("date", "date.invalid", "日期格式应为 YYYY-MM-DD");
  domain::CalendarDay row;
  row.date = domain::FormatDate(*day);
  if (kind == "off") {
    row.kind = domain::DayKind::kOff;
  } else if (kind == "workday") {
    row.kind = domain::DayKind::kMakeUpWorkday;
  } else {
    Invalid("kind", "calendar.bad_kind", "类型应为 off 或 workday");
  }
  row.name = Trim(name);
  auto tx = context_.store().Begin();
  tx->Matters().UpsertCalendarDay(row);
  RecordAudit(
      *tx, actor, "calendar.put", "calendar", *day, "",
      JsonObjectWriter().Add("date", row.date).Add("kind", kind).Add("name", row.name).Finish());
  tx->Commit();
  context_.CalendarChanged();
}

void CatalogueService::DeleteCalendarDay(const Actor& actor, const std::string& date) {
  Require(actor, Permission::kManageCatalogue);
  auto day = domain::ParseDate(date);
  if (!day) Invalid("date", "date.invalid", "日期格式应为 YYYY-MM-DD");
  auto tx = context_.store().Begin();
  tx->Matters().DeleteCalendarDay(domain::FormatDate(*day));
  RecordAudit(*tx, actor, "calendar.delete", "calendar", *day, "", "");
  tx->Commit();
  context_.CalendarChanged();
}

std::int64_t CatalogueService::ImportCalendar(const Actor& actor, const std::string& csv) {
  Require(actor, Permission::kManageCatalogue);
  std::vector<std::string> problems;
  auto rows = domain::ParseCalendarCsv(csv, problems);
  if (!problems.empty()) {
    std::vector<FieldProblem> details;
    for (auto& p : problems) details.push_back({"csv", "calendar.bad_line", p});
    throw domain::InvalidInput("validation.failed", "节假日表有误", std::move(details));
  }
  auto tx = context_.store().Begin();
  for (const auto& row : rows) tx->Matters().UpsertCalendarDay(row);
  RecordAudit(*tx, actor, "calendar.import", "calendar", 0, "",
              JsonObjectWriter().Add("rows", static_cast<std::int64_t>(rows.size())).Finish());
  tx->Commit();
  context_.CalendarChanged();
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace minqing::app
