#include "app/open311/open311.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/open311.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Permission;

namespace {

constexpr std::string_view kKeyPrefix = "o311_";
constexpr double kNearestVillageKm = 20;
// The line the intake keeps a media_url on, at the end of the matter's content.
constexpr std::string_view kMediaLine = "\n附图：";

std::optional<Id> ParseId(std::string_view text) {
  Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string part = domain::Trim(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

const domain::MatterCategory* FindActiveCategory(
    const std::vector<domain::MatterCategory>& categories, const std::string& code) {
  auto id = ParseId(code);
  if (!id) return nullptr;
  for (const auto& c : categories) {
    if (c.id == *id && c.active) return &c;
  }
  return nullptr;
}

std::string CategoryGroup(const std::vector<domain::MatterCategory>& categories,
                          const domain::MatterCategory& category) {
  const domain::MatterCategory* top = &category;
  for (int depth = 0; depth < 16 && top->parent_id; ++depth) {
    auto parent = std::find_if(categories.begin(), categories.end(),
                               [&](const auto& c) { return c.id == *top->parent_id; });
    if (parent == categories.end()) break;
    top = &*parent;
  }
  return top->name;
}

std::string KeywordsCsv(const std::string& spaced) {
  std::string out;
  std::size_t i = 0;
  while (i < spaced.size()) {
    std::size_t j = spaced.find(' ', i);
    if (j == std::string::npos) j = spaced.size();
    if (j > i) {
      if (!out.empty()) out += ',';
      out += spaced.substr(i, j - i);
    }
    i = j + 1;
  }
  return out;
}

}  // namespace

// The region tree as the public answers and the placing of a request need it.
struct Open311Service::Places {
  std::unordered_map<Id, domain::Region> regions;
  std::vector<domain::PlacedRegion> placed_villages;
  std::vector<const domain::Region*> villages;  // Longest name first (address matching).
  std::optional<domain::Region> root;

  // The village (or, above villages, the region itself) a region lies in.
  const domain::Region* VillageOf(Id region_id) const {
    auto it = regions.find(region_id);
    if (it == regions.end()) return nullptr;
    const domain::Region* r = &it->second;
    while (r->level == domain::RegionLevel::kGroup && r->parent_id) {
      auto parent = regions.find(*r->parent_id);
      if (parent == regions.end()) break;
      r = &parent->second;
    }
    return r;
  }
  std::string AddressOf(const domain::Region& village) const {
    std::string out;
    if (village.level == domain::RegionLevel::kVillage && village.parent_id) {
      auto parent = regions.find(*village.parent_id);
      if (parent != regions.end()) out = parent->second.name;
    }
    return out + village.name;
  }
};

std::shared_ptr<const Open311Service::Places> Open311Service::LoadPlaces(StoreTx& tx,
                                                                         domain::Epoch now) {
  const auto generation = store_.AreaGeneration(DataArea::kRegistry);
  if (auto cached = places_.Get(0, generation, now)) return *cached;
  auto places = std::make_shared<Places>();
  for (auto& r : tx.Registry().ListRegionsUnder("", std::nullopt)) {
    const Id id = r.id;
    places->regions.emplace(id, std::move(r));
  }
  for (const auto& [id, r] : places->regions) {
    if (!r.parent_id && (!places->root || r.level < places->root->level)) places->root = r;
    if (r.level != domain::RegionLevel::kVillage) continue;
    places->villages.push_back(&r);
    if (r.lat && r.lng) places->placed_villages.push_back({r.id, *r.lat, *r.lng});
  }
  std::sort(places->villages.begin(), places->villages.end(), [](const auto* a, const auto* b) {
    return a->name.size() != b->name.size() ? a->name.size() > b->name.size() : a->id < b->id;
  });
  std::shared_ptr<const Places> result = std::move(places);
  places_.Put(0, generation, now, result);
  return result;
}

CreatedOpen311Key Open311Service::CreateKey(const Actor& actor, const std::string& name) {
  Require(actor, Permission::kManageOpen311Keys);
  const std::string trimmed = domain::Trim(name);
  if (trimmed.empty() || trimmed.size() > 200) {
    throw domain::InvalidInput(
        "validation.failed", "请填写密钥名称",
        {FieldProblem{"name", "open311.key_name_required", "请填写密钥名称（不超过 200 字节）"}});
  }
  CreatedOpen311Key created;
  created.secret = std::string(kKeyPrefix) + RandomHex(20);
  created.key.id = domain::NewId();
  created.key.name = trimmed;
  created.key.prefix = created.secret.substr(0, kKeyPrefix.size() + 6);
  created.key.owner_id = actor.user.id;
  created.key.owner_name =
      actor.user.display_name.empty() ? actor.user.username : actor.user.display_name;
  created.key.created_at = actor.now;
  auto tx = store_.Begin();
  tx->Open311().InsertKey(created.key, Sha256Hex(created.secret));
  RecordAudit(*tx, actor, "open311.key_create", "open311_key", created.key.id, "",
              JsonObjectWriter().Add("name", trimmed).Add("prefix", created.key.prefix).Finish());
  tx->Commit();
  return created;
}

std::vector<Open311Key> Open311Service::ListKeys(const Actor& actor) {
  Require(actor, Permission::kManageOpen311Keys);
  auto tx = store_.BeginRead();
  return tx->Open311().ListKeys();
}

void Open311Service::RevokeKey(const Actor& actor, Id key_id) {
  Require(actor, Permission::kManageOpen311Keys);
  auto tx = store_.Begin();
  auto key = tx->Open311().FindKey(key_id);
  if (!key) throw domain::NotFound("open311.key_not_found", "接口密钥不存在");
  if (!tx->Open311().RevokeKey(key_id, actor.now, actor.user.id)) {
    throw domain::Conflict("open311.key_revoked", "该密钥已吊销");
  }
  RecordAudit(*tx, actor, "open311.key_revoke", "open311_key", key_id, "",
              JsonObjectWriter().Add("prefix", key->prefix).Finish());
  tx->Commit();
}

std::optional<std::pair<Open311Key, Actor>> Open311Service::UseKey(const std::string& secret,
                                                                   domain::Epoch now) {
  if (secret.rfind(kKeyPrefix, 0) != 0 || secret.size() > 100) return std::nullopt;
  auto tx = store_.Begin();
  auto key = tx->Open311().FindKeyByHash(Sha256Hex(secret));
  if (!key || key->revoked_at) return std::nullopt;
  auto owner = tx->Accounts().FindUser(key->owner_id);
  if (!owner || !owner->active) return std::nullopt;
  tx->Open311().RecordUse(key->id, now);
  tx->Commit();
  Actor actor;
  actor.user = *owner;
  actor.channel = domain::Channel::kApi;
  actor.now = now;
  return std::make_pair(*key, actor);
}

std::string Open311Service::JurisdictionId(domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto places = LoadPlaces(*tx, now);
  if (!places->root) return "";
  return places->root->code.empty() ? std::to_string(places->root->id) : places->root->code;
}

std::vector<Open311ServiceInfo> Open311Service::Services(domain::Epoch) {
  auto tx = store_.BeginRead();
  const auto categories = tx->Matters().ListCategories();
  std::vector<Open311ServiceInfo> out;
  for (const auto& c : categories) {
    if (!c.active) continue;
    out.push_back({std::to_string(c.id), c.name,
                   c.name + "（" + std::to_string(c.completion_days) + " 个工作日内答复）",
                   KeywordsCsv(c.keywords), CategoryGroup(categories, c)});
  }
  return out;
}

Open311ServiceDefinition Open311Service::Definition(const std::string& service_code,
                                                    domain::Epoch) {
  auto tx = store_.BeginRead();
  const auto categories = tx->Matters().ListCategories();
  const auto* category = FindActiveCategory(categories, service_code);
  if (!category) throw domain::NotFound("open311.service_not_found", "服务类别不存在");
  Open311ServiceDefinition definition;
  definition.code = service_code;
  Open311Attribute type{"matter_type", "singlevaluelist", true, "诉求类型", "请选择一项", 1, {}};
  for (auto t : {domain::MatterType::kConsultation, domain::MatterType::kHelp,
                 domain::MatterType::kComplaint, domain::MatterType::kReport,
                 domain::MatterType::kSuggestion}) {
    type.values.push_back(
        {std::string(domain::MatterTypeCode(t)), std::string(domain::MatterTypeLabel(t))});
  }
  Open311Attribute urgency{"urgency", "singlevaluelist", false, "紧急程度", "默认一般", 2, {}};
  for (auto u : {domain::Urgency::kNormal, domain::Urgency::kUrgent, domain::Urgency::kSpecial}) {
    urgency.values.push_back(
        {std::string(domain::UrgencyCode(u)), std::string(domain::UrgencyLabel(u))});
  }
  Open311Attribute household{"household_number",
                             "string",
                             false,
                             "户编号（可不填）",
                             "本户的户编号，填写后诉求归入该户所在村",
                             3,
                             {}};
  definition.attributes = {std::move(type), std::move(urgency), std::move(household)};
  return definition;
}

Open311Submitted Open311Service::Submit(const Actor& owner, const Open311Submission& s) {
  std::vector<FieldProblem> problems;
  MatterInput input;
  input.channel = std::string(domain::MatterChannelCode(domain::MatterChannel::kOnline));
  std::string household_number;
  {
    auto tx = store_.BeginRead();
    const auto categories = tx->Matters().ListCategories();
    const auto* category = FindActiveCategory(categories, s.service_code);
    if (!category) throw domain::NotFound("open311.service_not_found", "服务类别不存在");
    input.category_id = category->id;
    for (const auto& [code, value] : s.attributes) {
      if (code == "matter_type") {
        input.type = value;
      } else if (code == "urgency") {
        input.urgency = value;
      } else if (code == "household_number") {
        household_number = domain::Trim(value);
      } else {
        problems.push_back(
            {"attribute[" + code + "]", "open311.attribute_unknown", "未定义的属性：" + code});
      }
    }
    if (input.type.empty()) {
      problems.push_back(
          {"attribute[matter_type]", "open311.attribute_required", "缺少必填属性 matter_type"});
    } else if (!domain::ParseMatterType(input.type)) {
      problems.push_back(
          {"attribute[matter_type]", "open311.attribute_invalid", "matter_type 的取值无效"});
    }
    if (!input.urgency.empty() && !domain::ParseUrgency(input.urgency)) {
      problems.push_back({"attribute[urgency]", "open311.attribute_invalid", "urgency 的取值无效"});
    }
    if (!s.media_url.empty()) {
      std::string media = domain::CheckMediaUrl(s.media_url);
      if (!media.empty()) {
        problems.push_back({"media_url", media,
                            media == "media_url.too_long" ? "media_url 超过 1024 字符"
                                                          : "media_url 须为 http(s) 地址"});
      }
    }
    if (s.lat.has_value() != s.lng.has_value() ||
        (s.lat && (*s.lat < -90 || *s.lat > 90 || *s.lng < -180 || *s.lng > 180))) {
      problems.push_back(
          {"lat", "open311.location_invalid", "lat 与 long 须成对给出且在有效范围内"});
    }
    const bool located = (s.lat && s.lng) || !domain::Trim(s.address_string).empty() ||
                         !domain::Trim(s.address_id).empty() || !household_number.empty();
    if (!located) {
      problems.push_back({"location", "open311.location_required",
                          "须提供位置：lat/long、address_string 或 address_id"});
    }
    if (domain::Trim(s.description).empty()) {
      problems.push_back({"description", "open311.description_required", "请填写诉求内容"});
    }
    if (problems.empty()) {
      // Where: the household, then address_id, the point, the address's village name.
      auto places = LoadPlaces(*tx, owner.now);
      std::optional<Id> region_id;
      if (!household_number.empty()) {
        auto household = tx->Registry().FindHouseholdByNumber(household_number);
        if (!household) {
          problems.push_back(
              {"attribute[household_number]", "open311.household_not_found", "户编号不存在"});
        } else {
          input.household_id = household->id;
          region_id = household->region_id;
        }
      }
      const std::string address_id = domain::Trim(s.address_id);
      if (!region_id && !address_id.empty()) {
        auto id = ParseId(address_id);
        if (id && places->regions.count(*id)) {
          region_id = id;
        } else {
          for (const auto& [rid, r] : places->regions) {
            if (!r.code.empty() && r.code == address_id) region_id = rid;
          }
        }
      }
      if (!region_id && s.lat && s.lng) {
        region_id =
            domain::NearestRegion(places->placed_villages, *s.lat, *s.lng, kNearestVillageKm);
      }
      if (!region_id && !s.address_string.empty()) {
        for (const auto* village : places->villages) {
          if (s.address_string.find(village->name) != std::string::npos) {
            region_id = village->id;
            break;
          }
        }
      }
      if (problems.empty() && !region_id) {
        problems.push_back({"location", "open311.location_unresolved",
                            "无法根据所给位置确定所在村（社区），请提供 address_id 或村名"});
      }
      if (region_id) input.region_id = region_id;
    }
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "请求有误", std::move(problems));
  }
  const std::string description = domain::Trim(s.description);
  input.content = description;
  if (!s.media_url.empty()) input.content += std::string(kMediaLine) + s.media_url;
  input.address = domain::Trim(s.address_string);
  input.lat = s.lat;
  input.lng = s.lng;
  auto accepted = intake_.Accept(owner, input);
  Open311Submitted out;
  out.service_request_id = accepted.matter.number;
  out.token = accepted.matter.number;
  out.service_notice = "已受理，工单号 " + accepted.matter.number + "，预计 " +
                       domain::Iso8601China(accepted.matter.due_at).substr(0, 10) + " 前答复";
  return out;
}

PublicRequest Open311Service::ToPublic(
    const domain::Matter& m, const Places& places,
    const std::vector<domain::MatterCategory>& categories) const {
  PublicRequest r;
  r.service_request_id = m.number;
  r.status = std::string(domain::Open311Status(m.status));
  r.status_notes = std::string(domain::MatterStatusLabel(m.status));
  if (m.category_id) {
    r.service_code = std::to_string(*m.category_id);
    for (const auto& c : categories) {
      if (c.id == *m.category_id) r.service_name = c.name;
    }
  }
  if (r.service_name.empty()) r.service_name = m.category_name;
  r.description = domain::PublicMatterDescription(m.type, m.title);
  r.agency_responsible = m.unit_name;
  r.service_notice = m.status == domain::MatterStatus::kReplied ? "已答复，待群众确认" : "";
  r.requested_at = m.accepted_at;
  r.updated_at = m.updated_at;
  if (m.due_at > 0) r.expected_at = m.due_at;
  if (const auto* village = places.VillageOf(m.region_id)) {
    r.address = places.AddressOf(*village);
    r.address_id = std::to_string(village->id);
    r.lat = village->lat;
    r.lng = village->lng;
  }
  if (!domain::IsPrivateMatterType(m.type)) {
    auto at = m.content.rfind(kMediaLine);
    if (at != std::string::npos) r.media_url = m.content.substr(at + kMediaLine.size());
  }
  return r;
}

std::vector<PublicRequest> Open311Service::Requests(const Open311Query& q, domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto places = LoadPlaces(*tx, now);
  const auto categories = tx->Matters().ListCategories();
  std::vector<PublicRequest> out;
  if (!q.ids.empty()) {
    for (const auto& id : q.ids) {
      if (auto m = tx->Matters().FindMatterByNumber(id)) {
        out.push_back(ToPublic(*m, *places, categories));
      }
    }
    return out;
  }
  MatterFilter filter;
  filter.without_total = true;
  for (const auto& code : SplitComma(q.service_code)) {
    auto id = ParseId(code);
    if (!id) {
      throw domain::InvalidInput(
          "validation.failed", "service_code 无效",
          {FieldProblem{"service_code", "open311.service_code_invalid", "service_code 无效"}});
    }
    filter.category_ids.push_back(*id);
  }
  for (const auto& status : SplitComma(q.status)) {
    using S = domain::MatterStatus;
    if (status == "open") {
      filter.statuses.insert(filter.statuses.end(),
                             {S::kAccepted, S::kDispatched, S::kInProgress, S::kReplied});
    } else if (status == "closed") {
      filter.statuses.insert(filter.statuses.end(), {S::kClosed, S::kMerged});
    } else {
      throw domain::InvalidInput(
          "validation.failed", "status 无效",
          {FieldProblem{"status", "open311.status_invalid", "status 只能为 open 或 closed"}});
    }
  }
  // The spec's default window: the last 90 days.
  filter.accepted_from = q.start.value_or(q.end.value_or(now) - 90 * 86400);
  if (q.end) filter.accepted_to = *q.end + 1;
  domain::PageRequest page;
  page.limit = std::clamp(q.page_size, 1, 200);
  page.offset = static_cast<std::int64_t>(std::max(q.page, 1) - 1) * page.limit;
  page.sort = "-accepted_at";
  for (const auto& m : tx->Matters().ListMatters(filter, page).items) {
    out.push_back(ToPublic(m, *places, categories));
  }
  return out;
}

std::optional<PublicRequest> Open311Service::Request(const std::string& id, domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto m = tx->Matters().FindMatterByNumber(id);
  if (!m) return std::nullopt;
  auto places = LoadPlaces(*tx, now);
  return ToPublic(*m, *places, tx->Matters().ListCategories());
}

}  // namespace minqing::app
