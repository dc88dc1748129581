#include "app/window_ratings.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"

namespace minqing::app {
namespace {

using domain::Permission;

constexpr std::int64_t kMaxRatingPage = 200;
constexpr std::size_t kSuggestionNoteMaxChars = 500;

domain::PageRequest ClampPage(domain::PageRequest page) {
  page.offset = std::max<std::int64_t>(page.offset, 0);
  page.limit = std::clamp<std::int64_t>(page.limit, 1, kMaxRatingPage);
  return page;
}

[[noreturn]] void RatingNotFound() {
  // An unknown token, number or matter token all look the same, so none can be probed.
  throw domain::NotFound("rating.not_found", "评价链接无效或该服务不能评价");
}

// The leaders of the deepest region on `path` that has any (a township's before the county's).
std::vector<domain::User> LeadersOver(StoreTx& tx, const std::string& path) {
  std::vector<domain::Id> ids = domain::RegionPathIds(path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    UserQuery query;
    query.role = domain::Role::kLeader;
    query.scope_region_ids = {*it};
    auto leaders = tx.Accounts().FindUsers(query);
    if (!leaders.empty()) return leaders;
  }
  return {};
}

RatingFigureRow FigureRow(const RatingGroupRow& row) {
  RatingFigureRow out;
  out.id = row.id;
  out.name = row.name;
  out.figures.count = row.count;
  out.figures.stars_sum = row.stars_sum;
  out.figures.low_count = row.low_count;
  return out;
}

}  // namespace

RatingStats AggregateWindowRatings(StoreTx& tx, const std::string& region_path, domain::Epoch from,
                                   domain::Epoch to) {
  RatingStats stats;
  stats.region_path = region_path;
  stats.from = from;
  stats.to = to;
  RatingFilter filter;
  filter.region_path = region_path;
  filter.from = from;
  filter.to = to;
  for (const auto& row : tx.WindowRatings().FiguresByClerk(filter)) {
    stats.clerks.push_back(FigureRow(row));
  }
  for (const auto& row : tx.WindowRatings().FiguresByUnit(filter)) {
    stats.units.push_back(FigureRow(row));
    stats.total.count += row.count;
    stats.total.stars_sum += row.stars_sum;
    stats.total.low_count += row.low_count;
  }
  return stats;
}

std::optional<WindowService> WindowRatingService::EnsureMatterService(StoreTx& tx,
                                                                      const domain::Matter& m) {
  if (m.channel != domain::MatterChannel::kWindow) return std::nullopt;
  const std::string key = "matter:" + std::to_string(m.id);
  if (auto found = tx.WindowRatings().FindServiceByKey(key)) return found;
  auto clerk = tx.Accounts().FindUser(m.accepted_by);
  if (!clerk || clerk->role == domain::Role::kResident) return std::nullopt;
  WindowService s;
  s.id = domain::NewId();
  s.token = RandomHex(16);
  s.service_key = key;
  s.kind = std::string(
      domain::WindowServiceKindCode(domain::MatterServiceKind(m.type, m.accepted_at, m.closed_at)));
  s.clerk_id = clerk->id;
  s.matter_id = m.id;
  s.served_at = m.accepted_at;
  auto centre = tx.WindowRatings().CentreOfClerk(clerk->id, clerk->scope_region_id);
  if (centre && !centre->second.empty()) {
    s.unit_id = centre->first.id;
    s.region_path = centre->second;
  } else {
    s.region_path = clerk->scope_region_path.empty() ? m.region_path : clerk->scope_region_path;
  }
  tx.WindowRatings().InsertService(s);
  return tx.WindowRatings().FindServiceByKey(key);
}

WindowService WindowRatingService::ForReceipt(const std::string& number,
                                              const std::string& matter_token, domain::Epoch now) {
  (void)now;
  // Two first looks at once may both insert: the loser's unique key fails, and it reads again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      auto tx = store_.Begin();
      auto m = tx->Matters().FindMatterByNumber(number);
      if (!m || matter_token.empty() || !HashesEqual(matter_token, m->public_token)) {
        RatingNotFound();
      }
      auto s = EnsureMatterService(*tx, *m);
      if (!s) RatingNotFound();
      tx->Commit();
      return *s;
    } catch (const domain::Conflict&) {
      if (attempt == 1) throw;
    }
  }
  RatingNotFound();
}

WindowService WindowRatingService::ForToken(const std::string& token) {
  if (token.empty()) RatingNotFound();
  auto tx = store_.BeginRead();
  auto s = tx->WindowRatings().FindServiceByToken(token);
  if (!s) RatingNotFound();
  return *s;
}

WindowService WindowRatingService::Rate(const std::string& token, const RatingInput& input,
                                        const std::optional<domain::User>& caller,
                                        domain::Epoch now) {
  if (token.empty()) RatingNotFound();
  auto tx = store_.Begin();
  auto s = tx->WindowRatings().FindServiceByToken(token);
  if (!s) RatingNotFound();
  // The token is the resident's; the clerk's own session proves the opposite.
  if (caller && caller->id == s->clerk_id) {
    throw domain::Forbidden("rating.own_service", "不能评价本人提供的服务");
  }
  if (s->stars) {
    throw domain::Conflict("rating.already_rated", "这次服务已经评价过了，每次服务只能评价一次");
  }
  if (now - s->served_at > domain::kRatingWindowSeconds) {
    throw domain::Conflict("rating.expired", "服务已超过 30 天，不能再评价");
  }
  auto problems = domain::CheckRating(input.stars, input.comment);
  if (input.channel != "receipt" && input.channel != "tablet") {
    problems.push_back({"channel", "rating.bad_channel", "评价渠道应为 receipt 或 tablet"});
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("rating.invalid", "评价内容有误", std::move(problems));
  }
  WindowRating r;
  r.service_id = s->id;
  r.stars = static_cast<int>(input.stars);
  r.comment = domain::TrimWide(input.comment);
  r.channel = input.channel;
  r.rated_at = now;
  tx->WindowRatings().InsertRating(r);
  RecordAudit(*tx, PublicActor(now), "window_rating.create", "window_service", s->id, "",
              JsonObjectWriter()
                  .Add("stars", static_cast<std::int64_t>(r.stars))
                  .Add("channel", r.channel)
                  .Finish());
  tx->Commit();
  s->stars = r.stars;
  s->comment = r.comment;
  s->channel = r.channel;
  s->rated_at = now;
  return *s;
}

std::optional<WindowService> WindowRatingService::LatestForTablet(const Actor& actor) {
  Require(actor, Permission::kRatingTablet);
  const domain::Epoch since = actor.now - kTabletWindowSeconds;
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      auto tx = store_.Begin();
      if (auto matter_id = tx->WindowRatings().LatestWindowMatterOf(actor.user.id, since)) {
        if (auto m = tx->Matters().FindMatter(*matter_id)) EnsureMatterService(*tx, *m);
      }
      auto latest = tx->WindowRatings().LatestServiceOf(actor.user.id, since);
      tx->Commit();
      return latest;
    } catch (const domain::Conflict&) {
      if (attempt == 1) throw;
    }
  }
  return std::nullopt;
}

void WindowRatingService::RecordAppointmentServed(StoreTx& tx, const Actor& actor,
                                                  const domain::Appointment& appointment,
                                                  const domain::TimeSlot& slot) {
  if (actor.user.id == 0) return;  // The system, not a clerk.
  const std::string key = "appointment:" + std::to_string(appointment.id);
  if (tx.WindowRatings().FindServiceByKey(key)) return;
  WindowService s;
  s.id = domain::NewId();
  s.token = RandomHex(16);
  s.service_key = key;
  s.kind = std::string(domain::WindowServiceKindCode(domain::WindowServiceKind::kAppointment));
  s.clerk_id = actor.user.id;
  s.unit_id = slot.unit_id;
  s.appointment_id = appointment.id;
  s.matter_id = appointment.matter_id;
  s.served_at = actor.now;
  auto unit = tx.Registry().FindUnit(slot.unit_id);
  std::optional<domain::Region> region;
  if (unit && unit->region_id) region = tx.Registry().FindRegion(*unit->region_id);
  s.region_path = region ? region->path : actor.user.scope_region_path;
  tx.WindowRatings().InsertService(s);
}

std::string WindowRatingService::ScopeOf(StoreTx& tx, const Actor& actor,
                                         std::optional<domain::Id> region_id) {
  if (!region_id) return actor.user.scope_region_path;
  auto region = tx.Registry().FindRegion(*region_id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  Require(actor, Permission::kReadRatings, region->path);
  return region->path;
}

RatingStats WindowRatingService::Stats(const Actor& actor, domain::Epoch from, domain::Epoch to,
                                       std::optional<domain::Id> region_id) {
  Require(actor, Permission::kReadRatings);
  auto tx = store_.BeginRead();
  std::string scope = ScopeOf(*tx, actor, region_id);
  if (to <= from) {
    throw domain::InvalidInput("rating.bad_period", "统计期间有误",
                               {{"to", "rating.bad_period", "结束日期应晚于开始日期"}});
  }
  return AggregateWindowRatings(*tx, scope, from, to);
}

domain::Page<WindowService> WindowRatingService::List(const Actor& actor, RatingFilter filter,
                                                      std::optional<domain::Id> region_id,
                                                      const domain::PageRequest& page) {
  Require(actor, Permission::kReadRatings);
  auto tx = store_.BeginRead();
  filter.region_path = ScopeOf(*tx, actor, region_id);
  auto out = tx->WindowRatings().ListRated(filter, ClampPage(page));
  for (auto& s : out.items) s.token.clear();  // Readers never rate.
  return out;
}

std::vector<std::pair<domain::Unit, std::string>> WindowRatingService::Centres() {
  auto tx = store_.BeginRead();
  return tx->WindowRatings().ListCentres();
}

Suggestion WindowRatingService::Suggest(const SuggestionInput& input, domain::Epoch now) {
  auto problems = domain::CheckSuggestion(input.content, input.contact);
  if (!problems.empty()) {
    throw domain::InvalidInput("suggestion.invalid", "意见内容有误", std::move(problems));
  }
  auto tx = store_.Begin();
  auto unit = tx->Registry().FindUnit(input.unit_id);
  if (!unit || unit->kind != domain::UnitKind::kServiceCentre || !unit->region_id) {
    throw domain::NotFound("suggestion.no_centre", "请选择服务中心");
  }
  auto region = tx->Registry().FindRegion(*unit->region_id);
  if (!region) throw domain::NotFound("suggestion.no_centre", "请选择服务中心");
  Suggestion x;
  x.id = domain::NewId();
  x.unit_id = unit->id;
  x.unit_name = unit->name;
  x.region_path = region->path;
  x.content = domain::TrimWide(input.content);
  x.contact = domain::TrimWide(input.contact);
  x.status = "new";
  x.created_at = now;
  tx->WindowRatings().InsertSuggestion(x);
  RecordAudit(*tx, PublicActor(now), "suggestion.create", "suggestion", x.id, "",
              JsonObjectWriter().Add("unit_id", static_cast<std::int64_t>(unit->id)).Finish());
  if (notifier_ != nullptr) {
    NotificationDraft draft;
    draft.title = "意见箱收到新意见：" + unit->name;
    draft.body = domain::Utf8Prefix(x.content, 60);
    draft.object_type = "suggestion";
    draft.object_id = x.id;
    draft.link = "/suggestions";
    notifier_->Notify(*tx, "suggestion_received", LeadersOver(*tx, region->path), draft, now,
                      false);
  }
  tx->Commit();
  return x;
}

domain::Page<Suggestion> WindowRatingService::ListSuggestions(const Actor& actor,
                                                              const std::string& status,
                                                              const domain::PageRequest& page) {
  Require(actor, Permission::kReadSuggestions);
  if (!status.empty() && status != "new" && status != "read" && status != "answered") {
    throw domain::InvalidInput("suggestion.bad_status", "状态应为 new、read 或 answered",
                               {{"status", "suggestion.bad_status", "状态有误"}});
  }
  auto tx = store_.BeginRead();
  SuggestionFilter filter;
  filter.region_path = actor.user.scope_region_path;
  filter.status = status;
  return tx->WindowRatings().ListSuggestions(filter, ClampPage(page));
}

Suggestion WindowRatingService::HandleSuggestion(const Actor& actor, domain::Id id,
                                                 const std::string& status,
                                                 const std::string& note) {
  Require(actor, Permission::kHandleSuggestions);
  auto tx = store_.Begin();
  auto x = tx->WindowRatings().FindSuggestion(id);
  if (!x) throw domain::NotFound("suggestion.not_found", "意见不存在");
  Require(actor, Permission::kHandleSuggestions, x->region_path);
  std::vector<domain::FieldProblem> problems;
  if (status != "read" && status != "answered") {
    problems.push_back(
        {"status", "suggestion.bad_status", "状态应为 read（已阅）或 answered（已答复）"});
  }
  std::string trimmed = domain::TrimWide(note);
  if (status == "answered" && trimmed.empty()) {
    problems.push_back({"note", "suggestion.note_required", "答复时请填写处理说明"});
  }
  if (domain::Utf8Length(trimmed) > kSuggestionNoteMaxChars) {
    problems.push_back({"note", "suggestion.note_too_long", "处理说明不能超过 500 字"});
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("suggestion.invalid", "处理内容有误", std::move(problems));
  }
  std::string before = x->status;
  x->status = status;
  if (!trimmed.empty()) x->note = trimmed;
  x->handled_by = actor.user.id;
  x->handled_at = actor.now;
  tx->WindowRatings().UpdateSuggestion(*x);
  RecordAudit(*tx, actor, "suggestion.handle", "suggestion", x->id,
              JsonObjectWriter().Add("status", before).Finish(),
              JsonObjectWriter().Add("status", status).Add("note", x->note).Finish());
  tx->Commit();
  x->handled_by_name = actor.user.display_name;
  return *x;
}

}  // namespace minqing::app
