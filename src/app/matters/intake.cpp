#include "app/matters/intake.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/matter_intake_rules.hpp"
#include "domain/matter_state_machine.hpp"
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

// Half of the shorter text's character pairs recur in the other (domain::TextSimilarity).
constexpr double kDuplicateSimilarity = 0.5;
constexpr domain::Epoch kDuplicateWindow = 30 * 86400;
constexpr domain::Epoch kBackfillSkewSeconds = 300;

}  // namespace

Receipt ReceiptOf(const Matter& m) {
  return {m.number, m.public_token, "/p/" + m.number + "?t=" + m.public_token};
}

IntakePreview IntakeService::PreviewIntake(const Actor& actor, std::optional<Id> household_id,
                                           std::optional<Id> region_id, const std::string& text) {
  Require(actor, Permission::kMatterIntake);
  const IntakeGenerations generations = CurrentGenerations();
  LazyRead reads(context_.store());
  IntakePreview preview;
  std::string prefix;
  if (household_id) {
    auto found = FindIntakeHousehold(reads, generations, *household_id, actor.now);
    if (!found) throw domain::NotFound("household.not_found", "该户不存在");
    const domain::Household* household = &found->household;
    std::optional<Id> own =
        actor.user.role == Role::kResident ? OwnHouseholdOf(*reads, actor) : std::nullopt;
    Require(actor, Permission::kReadRegistry,
            HouseholdScope{household->id, household->region_path, own},
            {"auth.forbidden", "无权访问该户"});
    prefix = household->region_path;
  } else if (region_id) {
    prefix = PrefixFor(*reads, actor, region_id);
  }
  std::vector<domain::MatterCategory> active;
  for (const auto& c : *Categories(reads, generations, actor.now)) {
    if (c.active) active.push_back(c);
  }
  std::vector<Id> suggested = domain::SuggestCategories(text, active, 5);
  for (Id id : suggested) {
    for (const auto& c : active) {
      if (c.id == id) preview.suggested_categories.push_back(c);
    }
  }
  if (household_id || region_id) {
    auto near = reads->Matters().ListOpenMattersNear(household_id, prefix,
                                                     actor.now - kDuplicateWindow, 200);
    Id top_category = suggested.empty() ? 0 : suggested.front();
    for (auto& m : near) {
      if (household_id && m.household_id == household_id) {
        preview.household_open_matters.push_back(m);
      }
      double similarity = text.empty() ? 0 : domain::TextSimilarity(text, m.title + m.content);
      bool same_household_category = household_id && m.household_id == household_id &&
                                     top_category != 0 && m.category_id == top_category;
      if (similarity >= kDuplicateSimilarity || same_household_category) {
        preview.duplicates.push_back({m, similarity});
      }
    }
    std::stable_sort(preview.duplicates.begin(), preview.duplicates.end(),
                     [](const auto& a, const auto& b) { return a.similarity > b.similarity; });
  }
  return preview;
}

AcceptResult IntakeService::Accept(const Actor& actor, const MatterInput& input) {
  auto result = context_.batcher().Submit(WriteJob(actor, Prepare(actor, input)));
  return *std::static_pointer_cast<AcceptResult>(result);
}

AcceptResult IntakeService::Accept(const Actor& actor, const MatterInput& input,
                                   std::function<void(StoreTx&)> in_same_commit) {
  auto write = WriteJob(actor, Prepare(actor, input));
  auto result = context_.batcher().Submit(
      [write = std::move(write), before = std::move(in_same_commit)](StoreTx& tx) {
        before(tx);
        return write(tx);
      });
  return *std::static_pointer_cast<AcceptResult>(result);
}

void IntakeService::AcceptAsync(const Actor& actor, const MatterInput& input, AcceptDone done) {
  context_.batcher().SubmitAsync(WriteJob(actor, Prepare(actor, input)),
                                 [done = std::move(done)](const std::exception_ptr& error,
                                                          const std::shared_ptr<void>& result) {
                                   done(error,
                                        std::static_pointer_cast<const AcceptResult>(result));
                                 });
}

IntakeBatcher::Job IntakeService::WriteJob(const Actor& actor,
                                           std::shared_ptr<const PreparedAccept> prepared) {
  return [actor, prepared = std::move(prepared)](StoreTx& tx) -> std::shared_ptr<void> {
    return std::make_shared<AcceptResult>(WriteAccept(tx, actor, *prepared));
  };
}

std::shared_ptr<const IntakeService::PreparedAccept> IntakeService::Prepare(
    const Actor& actor, const MatterInput& input) {
  // Checks and look-ups run on the caller's thread from a read snapshot; the shared writer only
  // numbers and writes what they produced.
  const IntakeGenerations generations = CurrentGenerations();
  LazyRead reads(context_.store());
  return std::make_shared<const PreparedAccept>(PrepareAccept(reads, generations, actor, input));
}

IntakeService::IntakeGenerations IntakeService::CurrentGenerations() const {
  return {context_.store().AreaGeneration(DataArea::kRegistry),
          context_.store().AreaGeneration(DataArea::kCatalogue),
          context_.store().AreaGeneration(DataArea::kAccounts)};
}

std::shared_ptr<const IntakeService::IntakeHousehold> IntakeService::FindIntakeHousehold(
    LazyRead& reads, const IntakeGenerations& generations, Id household_id, domain::Epoch now) {
  if (auto cached = intake_households_.Get(household_id, generations.registry, now)) return *cached;
  auto household = reads->Registry().FindHousehold(household_id);
  if (!household) return nullptr;
  auto found = std::make_shared<const IntakeHousehold>(IntakeHousehold{
      *std::move(household), reads->Registry().ListHouseholdResidents(household_id)});
  intake_households_.Put(household_id, generations.registry, now, found);
  return found;
}

std::optional<domain::Region> IntakeService::FindIntakeRegion(LazyRead& reads,
                                                              const IntakeGenerations& generations,
                                                              Id region_id, domain::Epoch now) {
  if (auto cached = intake_regions_.Get(region_id, generations.registry, now)) return cached;
  auto region = reads->Registry().FindRegion(region_id);
  if (region) intake_regions_.Put(region_id, generations.registry, now, *region);
  return region;
}

domain::OfficeHours IntakeService::IntakeUnitHours(LazyRead& reads,
                                                   const IntakeGenerations& generations,
                                                   std::optional<Id> unit_id, domain::Epoch now) {
  if (!unit_id) return domain::OfficeHours::Standard();
  if (auto cached = intake_unit_hours_.Get(*unit_id, generations.accounts, now)) return *cached;
  auto hours = UnitOfficeHours(*reads, unit_id);
  intake_unit_hours_.Put(*unit_id, generations.accounts, now, hours);
  return hours;
}

std::shared_ptr<const std::vector<domain::MatterCategory>> IntakeService::Categories(
    LazyRead& reads, const IntakeGenerations& generations, domain::Epoch now) {
  if (auto cached = categories_.Get(0, generations.catalogue, now)) return *cached;
  auto categories = std::make_shared<const std::vector<domain::MatterCategory>>(
      reads->Matters().ListCategories());
  categories_.Put(0, generations.catalogue, now, categories);
  return categories;
}

IntakeService::PreparedAccept IntakeService::PrepareAccept(LazyRead& reads,
                                                           const IntakeGenerations& generations,
                                                           const Actor& actor,
                                                           const MatterInput& input) {
  Require(actor, Permission::kMatterIntake);
  Matter m;
  auto checked = domain::CheckIntakeForm(
      {input.type, input.channel, input.urgency, input.title, input.content, input.caller_phone,
       input.lat, input.lng, input.accepted_at.has_value(), input.answer_on_spot},
      {actor.user.role == Role::kResident, actor.user.role == Role::kAdmin});
  std::vector<FieldProblem> problems = std::move(checked.problems);
  const auto type = checked.type;
  const auto channel = checked.channel;
  const auto urgency = checked.urgency;
  const std::string content = std::move(checked.content);
  const std::string title = std::move(checked.title);
  std::string phone = std::move(checked.caller_phone);

  // Where: the household's region, or a chosen region in scope.
  std::shared_ptr<const IntakeHousehold> found;
  const domain::Household* household = nullptr;
  std::optional<domain::Region> region;
  if (input.household_id) {
    found = FindIntakeHousehold(reads, generations, *input.household_id, actor.now);
    if (!found) throw domain::NotFound("household.not_found", "该户不存在");
    household = &found->household;
    std::optional<Id> own =
        actor.user.role == Role::kResident ? OwnHouseholdOf(*reads, actor) : std::nullopt;
    Require(actor, Permission::kReadRegistry,
            HouseholdScope{household->id, household->region_path, own},
            {"auth.forbidden", "无权为该户受理诉求"});
    m.household_id = household->id;
  } else if (actor.user.role == Role::kResident) {
    problems.push_back({"household_id", "household.required", "请选择本户"});
  }
  Id region_id = input.region_id.value_or(household ? household->region_id : 0);
  if (region_id == 0) {
    problems.push_back({"region_id", "region.required", "请选择诉求所在区域"});
  } else {
    region = FindIntakeRegion(reads, generations, region_id, actor.now);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    // A resident files for their own household, in its region.
    bool allowed = actor.user.role == Role::kResident
                       ? household && region->id == household->region_id
                       : domain::RegionInScope(actor.user, region->path);
    if (!allowed) throw domain::Forbidden("auth.forbidden", "无权受理该区域的诉求");
  }
  if (input.resident_id) {
    std::optional<domain::Resident> resident;
    if (found) {
      for (const auto& r : found->residents) {
        if (r.id == *input.resident_id) resident = r;
      }
    } else {
      resident = reads->Registry().FindResident(*input.resident_id);
      // Without a household the resident is looked up alone: only one inside the caller's
      // scope, or its name and phone would leak through the new matter.
      if (resident && !domain::RegionInScope(actor.user, resident->region_path)) {
        throw domain::Forbidden("auth.forbidden", "无权为该居民受理诉求");
      }
    }
    if (!resident || (household && resident->household_id != household->id)) {
      problems.push_back({"resident_id", "resident.not_in_household", "该居民不属于所选户"});
    } else {
      m.resident_id = resident->id;
      if (input.caller_name.empty()) m.caller_name = resident->name;
      if (phone.empty()) phone = resident->phone;
    }
  } else if (household && (phone.empty() || input.caller_name.empty())) {
    const auto& members = found->residents;
    if (!members.empty()) {
      if (input.caller_name.empty()) m.caller_name = members.front().name;
      if (phone.empty()) phone = members.front().phone;
    }
  }
  std::optional<domain::MatterCategory> category;
  if (input.category_id) {
    for (const auto& c : *Categories(reads, generations, actor.now)) {
      if (c.id == *input.category_id) category = c;
    }
    if (!category || !category->active) {
      problems.push_back({"category_id", "category.not_found", "诉求分类不存在"});
    }
  }
  std::optional<Matter> target;
  if (input.merge_into_id) {
    target = reads->Matters().FindMatter(*input.merge_into_id);
    if (!target || !domain::IsOpen(target->status) || !MayRead(*reads, actor, *target)) {
      problems.push_back({"merge_into_id", "matter.merge_target", "合并目标不存在或已办结"});
    }
  }
  // A backfilled acceptance is in the past: a typo in the year must not date a matter (and its
  // id, which is made no earlier than its acceptance) years ahead. A few minutes of clock skew
  // between the clerk's machine and the server are let through.
  if (input.accepted_at && *input.accepted_at > actor.now + kBackfillSkewSeconds) {
    problems.push_back({"accepted_at", "matter.accepted_in_future", "补录的受理时间不能晚于现在"});
  }
  ThrowIfProblems(std::move(problems));

  m.type = *type;
  m.channel = *channel;
  m.urgency = *urgency;
  m.category_id = input.category_id;
  if (!input.caller_name.empty()) m.caller_name = Trim(input.caller_name);
  m.caller_phone = phone;
  m.region_id = region->id;
  m.region_path = region->path;
  m.title = title;
  m.content = content;
  m.address = Trim(input.address.empty() && household ? household->address : input.address);
  m.lat = input.lat;
  m.lng = input.lng;
  m.accepted_by = actor.user.id;
  m.accepted_at = input.accepted_at.value_or(actor.now);
  m.id = domain::NewIdNotBefore(m.accepted_at);
  m.updated_at = actor.now;
  m.public_token = RandomHex(16);

  // Deadlines: the category's limits, a routing rule's override, urgency. The status (closed on
  // the spot, merged) comes from the state machine when the matter is written.
  const auto rules = context_.RoutingRules(reads);
  const auto limits =
      domain::LimitsFor(category ? &*category : nullptr,
                        domain::MatchRoutingRule(*rules, m.category_id, m.region_path), m.urgency);
  const auto calendar = context_.Calendar(reads);
  // The response limit counts in the office hours of the unit the matter will be routed to.
  const auto hours = IntakeUnitHours(
      reads, generations, domain::RouteUnit(*rules, m, category ? &*category : nullptr), actor.now);
  const auto due = domain::DeadlinesFor(limits, m.accepted_at, *calendar, hours);
  m.response_due_at = due.response_due_at;
  m.due_at = due.due_at;
  if (input.answer_on_spot) {
    m.reply = Trim(input.reply);
  } else if (target) {
    m.merged_into_id = target->id;
  }
  const auto root = matters_internal::RootRegionId(m.region_path);
  const std::size_t county_index = matters_internal::CountyIndexOfRoot(
      root ? FindIntakeRegion(reads, generations, *root, actor.now) : std::nullopt);
  return {std::move(m), input.answer_on_spot, county_index};
}

AcceptResult IntakeService::WriteAccept(StoreTx& tx, const Actor& actor,
                                        const PreparedAccept& prepared) {
  Matter m = prepared.matter;
  std::optional<Matter> target;
  if (m.merged_into_id) {
    // Checked again: the target may have been closed since the snapshot the intake was read from.
    target = tx.Matters().FindMatter(*m.merged_into_id);
    if (!target || !domain::IsOpen(target->status)) {
      ThrowIfProblems({{"merge_into_id", "matter.merge_target", "合并目标不存在或已办结"}});
    }
  }
  const domain::DayNumber day = domain::ChinaDay(m.accepted_at);
  m.number = domain::MatterNumber(domain::FormatDate(day), tx.Matters().NextMatterSerial(day));
  Actor at_acceptance = actor;
  at_acceptance.now = m.accepted_at;
  auto t = domain::Apply(m,
                         domain::AcceptCommand(actor.user.id, prepared.answer_on_spot, m.reply,
                                               m.merged_into_id, target ? target->number : "",
                                               target ? target->status : MatterStatus::kAccepted),
                         m.accepted_at, prepared.county_index);
  if (t.refusal) ThrowIfProblems({{t.refusal->field, t.refusal->code, t.refusal->message}});
  tx.Matters().InsertMatter(t.matter);
  AddEvents(tx, at_acceptance, t);
  AddCounters(tx, t);
  m = std::move(t.matter);
  tx.Matters().IndexMatterText(m.id, domain::MatterSearchDocument(m, {}));
  RecordAudit(tx, actor, "matter.accept", "matter", m.id, "", Snapshot(m));
  return {m, ReceiptOf(m)};
}

}  // namespace minqing::app
