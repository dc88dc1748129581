#include "app/matters/intake.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
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

constexpr std::size_t kMaxTitleChars = 100;
constexpr double kDuplicateSimilarity = 0.35;
constexpr domain::Epoch kDuplicateWindow = 30 * 86400;

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

void IntakeService::AcceptAsync(const Actor& actor, const MatterInput& input, AcceptDone done) {
  context_.batcher().SubmitAsync(
      WriteJob(actor, Prepare(actor, input)),
      [done = std::move(done)](std::exception_ptr error, std::shared_ptr<void> result) {
        done(error, std::static_pointer_cast<const AcceptResult>(result));
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
          context_.store().AreaGeneration(DataArea::kCatalogue)};
}

std::shared_ptr<const IntakeService::IntakeHousehold> IntakeService::FindIntakeHousehold(
    LazyRead& reads, const IntakeGenerations& generations, Id household_id, domain::Epoch now) {
  if (auto cached = intake_households_.Get(household_id, generations.registry, now)) return *cached;
  auto household = reads->Registry().FindHousehold(household_id);
  if (!household) return nullptr;
  auto found = std::make_shared<const IntakeHousehold>(
      IntakeHousehold{*std::move(household), reads->Registry().ListHouseholdResidents(household_id)});
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
  std::vector<FieldProblem> problems;
  Matter m;
  m.id = domain::NewId();
  auto type = domain::ParseMatterType(input.type);
  if (!type) problems.push_back({"type", "matter.bad_type", "请选择诉求类型"});
  auto channel = domain::ParseMatterChannel(input.channel.empty() ? "window" : input.channel);
  if (!channel) problems.push_back({"channel", "matter.bad_channel", "受理渠道无效"});
  auto urgency = domain::ParseUrgency(input.urgency.empty() ? "normal" : input.urgency);
  if (!urgency) problems.push_back({"urgency", "matter.bad_urgency", "紧急程度无效"});
  // A resident reports online, or through the QR code of the household's contact card.
  if (actor.user.role == Role::kResident && channel != domain::MatterChannel::kQrCode) {
    channel = domain::MatterChannel::kOnline;
  }
  std::string content = Trim(input.content);
  if (content.empty()) problems.push_back({"content", "matter.content_required", "请填写诉求内容"});
  if (Utf8Length(content) > kMaxContentChars) {
    problems.push_back({"content", "matter.content_too_long", "诉求内容不能超过2000字"});
  }
  std::string title = Trim(input.title);
  if (Utf8Length(title) > kMaxTitleChars) {
    problems.push_back({"title", "matter.title_too_long", "标题不能超过100字"});
  }
  if (title.empty()) title = Utf8Prefix(content.substr(0, content.find('\n')), 30);
  std::string phone = Trim(input.caller_phone);
  if (!phone.empty() && !domain::IsPlausiblePhone(phone)) {
    problems.push_back({"caller_phone", "phone.invalid", "电话号码格式不正确"});
  }
  if (input.accepted_at && actor.user.role != Role::kAdmin) {
    problems.push_back({"accepted_at", "matter.backfill_admin_only", "只有管理员可以补录受理时间"});
  }
  if (input.answer_on_spot && type && *type != domain::MatterType::kConsultation) {
    problems.push_back(
        {"answer_on_spot", "matter.on_spot_consultation", "只有咨询类诉求可以当场办结"});
  }
  if (input.lat && (*input.lat < -90 || *input.lat > 90)) {
    problems.push_back({"lat", "coordinates.invalid", "纬度无效"});
  }
  if (input.lng && (*input.lng < -180 || *input.lng > 180)) {
    problems.push_back({"lng", "coordinates.invalid", "经度无效"});
  }

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
  m.updated_at = actor.now;
  m.public_token = RandomHex(16);

  // Deadlines: the category's limits, a routing rule's override, urgency.
  int response_hours = category ? category->response_hours : 4;
  int completion_days = category ? category->completion_days : 5;
  const auto rules = context_.RoutingRules(reads);
  if (auto rule = MatchRule(*rules, m); rule && rule->completion_days) {
    completion_days = *rule->completion_days;
  }
  if (m.urgency == domain::Urgency::kUrgent) {
    response_hours = std::max(1, response_hours / 2);
    completion_days = std::min(completion_days, 1);
  } else if (m.urgency == domain::Urgency::kSpecial) {
    response_hours = 1;
    completion_days = 0;
  }
  const auto calendar_ptr = context_.Calendar(reads);
  const domain::WorkCalendar& calendar = *calendar_ptr;
  m.response_due_at = calendar.DueAfterWorkingHours(m.accepted_at, response_hours);
  m.due_at = calendar.DueAfterWorkingDays(m.accepted_at, completion_days);

  if (input.answer_on_spot) {
    m.status = MatterStatus::kClosed;
    m.reply = Trim(input.reply);
    m.replied_at = m.closed_at = m.accepted_at;
    m.confirmed_via = "window";
  } else if (target) {
    m.status = MatterStatus::kMerged;
    m.merged_into_id = target->id;
  }
  return {std::move(m), input.answer_on_spot};
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
  domain::RateCounters received;
  received.received = 1;
  Actor at_acceptance = actor;
  at_acceptance.now = m.accepted_at;
  tx.Matters().InsertMatter(m);
  AddEvent(tx, at_acceptance, m, MatterEventKind::kAccepted,
           std::string("受理：") + std::string(domain::MatterChannelLabel(m.channel)));
  if (prepared.answer_on_spot) {
    AddEvent(tx, at_acceptance, m, MatterEventKind::kClosedOnSpot,
             m.reply.empty() ? "当场答复，一次性办结" : m.reply);
    received.replied = received.replied_on_time = 1;
  } else if (target) {
    AddEvent(tx, at_acceptance, m, MatterEventKind::kMerged, "合并至 " + target->number);
    AddEvent(tx, at_acceptance, *target, MatterEventKind::kMerged,
             std::string(kMergedMarker) + m.number, true);
  }
  AddStatsFor(tx, m, m.accepted_at, received, kPlaceDims, std::nullopt);
  tx.Matters().IndexMatterText(m.id, domain::SpaceCjk(m.title + " " + m.content + " " + m.reply));
  RecordAudit(tx, actor, "matter.accept", "matter", m.id, "", Snapshot(m));
  return {m, ReceiptOf(m)};
}

}  // namespace minqing::app
