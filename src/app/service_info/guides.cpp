// ServiceInfoService: service guides (办事指南 / 明白纸) per matter category.
#include <algorithm>
#include <map>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/service_info/service_info.hpp"
#include "app/service_info/service_info_pdf.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

using domain::Permission;

std::string GuideSnapshot(const domain::ServiceGuide& g) {
  return JsonObjectWriter()
      .Add("category_id", g.category_id)
      .Add("region_id", g.region_id)
      .Add("title", g.title)
      .Add("materials", domain::JoinLines(g.materials))
      .Add("steps", domain::JoinLines(g.steps))
      .Add("place", g.place)
      .Add("window_name", g.window_name)
      .Add("fees", g.fees)
      .Add("office_hours", g.office_hours)
      .Add("phone", g.phone)
      .Add("published", g.published)
      .Finish();
}

domain::MatterCategory LoadCategory(StoreTx& tx, Id id) {
  auto category = tx.Matters().FindCategory(id);
  if (!category) throw domain::NotFound("category.not_found", "分类不存在");
  return *category;
}

GuideView MakeView(StoreTx& tx, domain::ServiceGuide guide, const PublicLinks& links) {
  GuideView view;
  view.category = LoadCategory(tx, guide.category_id);
  view.time_limit = domain::GuideTimeLimit(view.category);
  view.public_url = links.Url("/guides/g/" + std::to_string(guide.id));
  view.guide = std::move(guide);
  return view;
}

domain::ServiceGuide LoadGuideInScope(StoreTx& tx, const Actor& actor, Id id) {
  auto guide = tx.ServiceInfo().FindGuide(id);
  if (!guide) throw domain::NotFound("guide.not_found", "办事指南不存在");
  Require(actor, Permission::kManageGuides, guide->region_path,
          {"auth.forbidden", "无权修改其他地区的办事指南"});
  return *guide;
}

void ApplyInput(domain::ServiceGuide& g, const GuideInput& in) {
  g.title = in.title;
  g.materials = in.materials;
  g.steps = in.steps;
  g.place = in.place;
  g.window_name = in.window_name;
  g.fees = in.fees;
  g.office_hours = in.office_hours;
  g.phone = in.phone;
  g.published = in.published;
}

void CheckOrThrow(domain::ServiceGuide& g) {
  auto problems = domain::CheckServiceGuide(g);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "办事指南填写有误，未保存", problems);
  }
}

// The region a new guide is for: the given one, else the actor's scope region, else the county.
domain::Region GuideRegion(StoreTx& tx, const Actor& actor, std::optional<Id> region_id) {
  if (!region_id) region_id = actor.user.scope_region_id;
  if (!region_id) {
    auto roots = tx.Registry().ListRegionChildren(std::nullopt);
    if (roots.empty()) throw domain::NotFound("region.not_found", "请先建立区划");
    return roots.front();
  }
  auto region = tx.Registry().FindRegion(*region_id);
  if (!region) throw domain::NotFound("region.not_found", "区划不存在");
  return *region;
}

}  // namespace

std::vector<GuideView> ServiceInfoService::ListGuides(const Actor& actor) {
  Require(actor, Permission::kManageGuides);
  auto tx = store_.BeginRead();
  const std::string& scope = actor.user.scope_region_path;
  std::vector<GuideView> out;
  for (auto& guide : tx->ServiceInfo().ListGuides()) {
    const bool in_scope = domain::RegionInScope(actor.user, guide.region_path);
    // Guides of the regions above the scope apply in it too: shown, not editable.
    const bool above = scope.substr(0, guide.region_path.size()) == guide.region_path;
    if (!in_scope && !above) continue;
    GuideView view = MakeView(*tx, std::move(guide), links_);
    view.editable = in_scope;
    out.push_back(std::move(view));
  }
  return out;
}

GuideView ServiceInfoService::GetGuide(const Actor& actor, Id guide_id) {
  Require(actor, Permission::kManageGuides);
  auto tx = store_.BeginRead();
  GuideView view = MakeView(*tx, LoadGuideInScope(*tx, actor, guide_id), links_);
  view.editable = true;
  return view;
}

GuideView ServiceInfoService::CreateGuide(const Actor& actor, const GuideInput& input) {
  Require(actor, Permission::kManageGuides);
  auto tx = store_.Begin();
  domain::Region region = GuideRegion(*tx, actor, input.region_id);
  Require(actor, Permission::kManageGuides, region.path,
          {"auth.forbidden", "无权为其他地区编写办事指南"});
  if (region.level == domain::RegionLevel::kVillage ||
      region.level == domain::RegionLevel::kGroup) {
    throw domain::InvalidInput(
        "validation.failed", "办事指南只能按县或乡镇编写",
        {{"region_id", "guide.bad_region", "办事指南只能按县（全县通用）或乡镇编写"}});
  }
  domain::ServiceGuide guide;
  guide.id = domain::NewId();
  guide.category_id = input.category_id;
  guide.region_id = region.id;
  ApplyInput(guide, input);
  CheckOrThrow(guide);
  LoadCategory(*tx, guide.category_id);
  guide.updated_at = actor.now;
  guide.updated_by = actor.user.id;
  tx->ServiceInfo().InsertGuide(guide);
  RecordAudit(*tx, actor, "guide.create", "service_guide", guide.id, "", GuideSnapshot(guide));
  auto stored = tx->ServiceInfo().FindGuide(guide.id);
  GuideView view = MakeView(*tx, *stored, links_);
  view.editable = true;
  tx->Commit();
  return view;
}

GuideView ServiceInfoService::UpdateGuide(const Actor& actor, Id guide_id,
                                          const GuideInput& input) {
  Require(actor, Permission::kManageGuides);
  auto tx = store_.Begin();
  domain::ServiceGuide guide = LoadGuideInScope(*tx, actor, guide_id);
  const std::string before = GuideSnapshot(guide);
  ApplyInput(guide, input);
  CheckOrThrow(guide);
  guide.updated_at = actor.now;
  guide.updated_by = actor.user.id;
  tx->ServiceInfo().UpdateGuide(guide);
  RecordAudit(*tx, actor, "guide.update", "service_guide", guide.id, before, GuideSnapshot(guide));
  GuideView view = MakeView(*tx, guide, links_);
  view.editable = true;
  tx->Commit();
  return view;
}

std::string ServiceInfoService::GuidePdf(const Actor& actor, Id guide_id) {
  Require(actor, Permission::kManageGuides);
  GuideView view;
  {
    auto tx = store_.BeginRead();
    view = MakeView(*tx, LoadGuideInScope(*tx, actor, guide_id), links_);
  }
  return RenderGuidePdf(view);
}

PublicGuideList ServiceInfoService::PublicGuides(Id region_id) {
  auto tx = store_.BeginRead();
  auto region = tx->Registry().FindRegion(region_id);
  if (!region) throw domain::NotFound("region.not_found", "区划不存在");
  std::map<Id, std::vector<domain::ServiceGuide>> by_category;
  for (auto& guide : tx->ServiceInfo().ListGuides()) {
    if (guide.published) by_category[guide.category_id].push_back(std::move(guide));
  }
  PublicGuideList list;
  list.region = *region;
  for (auto& category : tx->Matters().ListCategories()) {
    if (!category.active) continue;
    PublicGuideEntry entry;
    entry.category = category;
    if (auto guide = domain::ApplicableGuide(by_category[category.id], region->path)) {
      GuideView view;
      view.category = category;
      view.time_limit = domain::GuideTimeLimit(category);
      view.public_url = links_.Url("/guides/g/" + std::to_string(guide->id));
      view.guide = std::move(*guide);
      entry.guide = std::move(view);
    }
    list.items.push_back(std::move(entry));
  }
  return list;
}

GuideView ServiceInfoService::PublicGuide(Id guide_id) {
  auto tx = store_.BeginRead();
  auto guide = tx->ServiceInfo().FindGuide(guide_id);
  if (!guide || !guide->published) throw domain::NotFound("guide.not_found", "办事指南不存在");
  return MakeView(*tx, *guide, links_);
}

std::string ServiceInfoService::PublicGuidePdf(Id guide_id) {
  return RenderGuidePdf(PublicGuide(guide_id));
}

}  // namespace minqing::app
