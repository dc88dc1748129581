// Messages that reach people (docs/api.md, "Messages"): the caller's own notifications and their
// live event stream, the notification rules, and the administrators' SMS outbox and gateway
// status. Each handler calls one use case of app/notifications.hpp or app/sms_outbox.hpp.
#include <mutex>
#include <string>
#include <utility>

#include "domain/privacy.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json Opt(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

Json NotificationJson(const app::Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"object_type", n.object_type},
          {"object_id", Opt(n.object_id)},
          {"link", n.link},
          {"created_at", n.created_at},
          {"read_at", Opt(n.read_at)}};
}

Json OutboxJson(const app::OutboxMessage& m) {
  const app::SmsKindInfo* kind = app::FindSmsKind(m.kind);
  return {{"id", m.id},
          {"phone", domain::MaskPhone(m.phone)},
          {"kind", m.kind},
          {"kind_label", kind ? kind->label : m.kind},
          {"text", m.text},
          {"state", m.state},
          {"attempts", m.attempts},
          {"last_error", m.last_error},
          {"created_at", m.created_at},
          {"next_attempt_at", m.next_attempt_at},
          {"sent_at", Opt(m.sent_at)},
          {"delivered_at", Opt(m.delivered_at)},
          {"provider", m.provider},
          {"provider_message_id", m.provider_message_id},
          {"matter_id", Opt(m.matter_id)}};
}

Json RulesJson(const std::vector<app::NotificationRuleSetting>& rules) {
  Json items = Json::array();
  for (const auto& r : rules) {
    for (const auto& info : app::NotificationRuleInfos()) {
      if (info.rule != r.rule) continue;
      items.push_back({{"rule", r.rule},
                       {"label", info.label},
                       {"label_en", info.label_en},
                       {"recipients_label", info.recipients},
                       {"enabled", r.enabled},
                       {"sms", r.sms},
                       {"sms_available", !info.sms_kind.empty()}});
    }
  }
  return {{"rules", items}};
}

Json StatusJson(const app::SmsStatus& s) {
  Json missing = Json::array();
  for (const auto& m : s.missing_templates)
    missing.push_back({{"kind", m.kind}, {"label", m.label}});
  Json counts = Json::object();
  for (const char* state : {"queued", "sent", "failed", "delivered"}) {
    auto it = s.counts.find(state);
    counts[state] = it == s.counts.end() ? 0 : it->second;
  }
  Json alert = nullptr;
  if (s.alert) {
    alert = {{"since", s.alert_since},
             {"failures", s.failures},
             {"last_error", s.last_error},
             {"message", s.alert_message}};
  }
  return {{"provider", s.provider},
          {"configured", s.configured},
          {"missing_templates", missing},
          {"counts", counts},
          {"alert", alert}};
}

// The caller's unread state as server-sent events: one "unread" event at the start and at every
// change (app::NotificationFeed), with the newest notification. Once the session that opened the
// stream has ended (signed out, expired, the account deactivated) no event is sent any more.
class NotificationStream final : public EventStream {
 public:
  NotificationStream(app::Services& services, domain::Id user_id, std::string token)
      : services_(services), user_id_(user_id), token_(std::move(token)) {}

  void Start(Send send) override {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    handle_ = services_.feed.Subscribe(user_id_, [this, send = std::move(send)](
                                                     const app::UnreadState& state) {
      if (!services_.auth.Authenticate(token_, NowEpoch())) return;
      Json latest = nullptr;
      if (state.newest_id != 0) {
        if (auto n = services_.store->BeginRead()->Messaging().FindNotification(state.newest_id)) {
          latest = NotificationJson(*n);
        }
      }
      Json data = {{"unread", state.unread}, {"latest", latest}};
      send("event: unread\ndata: " + data.dump(-1, ' ', false, Json::error_handler_t::replace) +
           "\n\n");
    });
  }

  void Stop() override {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    if (handle_) services_.feed.Unsubscribe(handle_);
    handle_ = 0;
  }

 private:
  app::Services& services_;
  domain::Id user_id_;
  std::string token_;
  std::mutex mutex_;
  std::int64_t handle_ = 0;
  bool stopped_ = false;
};

}  // namespace

void Api::AddMessageRoutes() {
  auto& services = services_;
  auto& notifications = services_.notifications;
  router_.Add("GET", "/api/v1/notifications",
              {"我的消息（新的在前）", "messages", WithPaging({{"unread", "boolean", "只看未读"}})},
              [&notifications](const RouteCall& call) {
                const bool unread = QueryBool(call.request, "unread").value_or(false);
                Paging paging = ReadPaging(call.request);
                const app::Actor& actor = ActorOf(call);
                auto page = notifications.List(actor, unread, paging.request);
                Json items = Json::array();
                for (const auto& n : page.items) items.push_back(NotificationJson(n));
                return JsonResponse(200, {{"items", items},
                                          {"total", page.total},
                                          {"page", paging.page},
                                          {"page_size", paging.page_size},
                                          {"unread", notifications.UnreadCount(actor)}});
              });
  router_.Add("GET", "/api/v1/notifications/unread-count", {"未读消息数", "messages"},
              [&notifications](const RouteCall& call) {
                return JsonResponse(200, {{"unread", notifications.UnreadCount(ActorOf(call))}});
              });
  router_.Add("POST", "/api/v1/notifications/{id}/read", {"标为已读", "messages"},
              [&notifications](const RouteCall& call) {
                notifications.MarkRead(ActorOf(call), PathId(call));
                return JsonResponse(200, {{"ok", true}});
              });
  router_.Add("POST", "/api/v1/notifications/read-all", {"全部标为已读", "messages"},
              [&notifications](const RouteCall& call) {
                return JsonResponse(
                    200, {{"ok", true}, {"count", notifications.MarkAllRead(ActorOf(call))}});
              });
  router_.Add("GET", "/api/v1/notifications/stream",
              WithPace({"新消息推送（server-sent events：unread 事件）", "messages"}, Pace::kQuick),
              [&services](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                services.notifications.UnreadCount(actor);  // Refuses a caller without a session.
                Response response;
                response.content_type = "text/event-stream; charset=utf-8";
                response.stream =
                    std::make_shared<NotificationStream>(services, actor.user.id, call.token);
                return response;
              });

  router_.Add("GET", "/api/v1/settings/notification-rules", {"提醒规则", "messages"},
              [&notifications](const RouteCall& call) {
                return JsonResponse(200, RulesJson(notifications.Rules(ActorOf(call))));
              });
  router_.Add("PUT", "/api/v1/settings/notification-rules",
              {"设置提醒规则", "messages", {}, true, true},
              [&notifications](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                notifications.Rules(actor);  // Refuse before reading the body.
                Json body = Body(call);
                if (!body.contains("rules") || !body["rules"].is_array()) {
                  throw domain::InvalidInput("request.bad_json", "请求格式错误：缺少 rules 列表");
                }
                std::vector<app::NotificationRuleSetting> rules;
                for (const auto& item : body["rules"]) {
                  if (!item.is_object()) {
                    throw domain::InvalidInput("request.bad_json", "请求格式错误：rules");
                  }
                  FieldReader f(item);
                  app::NotificationRuleSetting r;
                  r.rule = f.String("rule");
                  r.enabled = f.OptionalBool("enabled").value_or(true);
                  r.sms = f.OptionalBool("sms").value_or(false);
                  f.Check();
                  rules.push_back(r);
                }
                return JsonResponse(200, RulesJson(notifications.PutRules(actor, rules)));
              });

  auto& outbox = services_.sms_outbox;
  router_.Add("GET", "/api/v1/sms/outbox",
              {"短信发件箱（新的在前）", "messages",
               WithPaging({{"state", "string", "queued / sent / failed / delivered"},
                           {"phone", "string", "手机号"},
                           {"kind", "string", "短信类型"}})},
              [&outbox](const RouteCall& call) {
                app::OutboxFilter filter;
                filter.state = QueryString(call.request, "state");
                filter.phone = QueryString(call.request, "phone");
                filter.kind = QueryString(call.request, "kind");
                Paging paging = ReadPaging(call.request);
                auto page = outbox.List(ActorOf(call), filter, paging.request);
                Json items = Json::array();
                for (const auto& m : page.items) items.push_back(OutboxJson(m));
                return JsonResponse(200, {{"items", items},
                                          {"total", page.total},
                                          {"page", paging.page},
                                          {"page_size", paging.page_size}});
              });
  router_.Add(
      "GET", "/api/v1/sms/outbox/{id}", {"一条短信及其发送记录", "messages"},
      [&outbox](const RouteCall& call) {
        auto detail = outbox.Get(ActorOf(call), PathId(call));
        Json history = Json::array();
        for (const auto& e : detail.history) {
          history.push_back({{"at", e.at}, {"outcome", e.outcome}, {"detail", e.detail}});
        }
        return JsonResponse(200, {{"message", OutboxJson(detail.message)}, {"history", history}});
      });
  router_.Add("POST", "/api/v1/sms/outbox/{id}/retry", {"重发一条发送失败的短信", "messages"},
              [&outbox](const RouteCall& call) {
                return JsonResponse(200, OutboxJson(outbox.Retry(ActorOf(call), PathId(call))));
              });
  auto& dispatcher = services_.sms_dispatcher;
  router_.Add("POST", "/api/v1/public/sms/receipts",
              {"短信送达回执（短信网关回调，须带签名）", "messages", {}, false, true, 204},
              [&dispatcher](const RouteCall& call) {
                dispatcher.AcceptReceipt(call.request.Header("x-minqing-timestamp"),
                                         call.request.Header("x-minqing-signature"),
                                         call.request.body, NowEpoch());
                return NoContent();
              });
  router_.Add("GET", "/api/v1/sms/status", {"短信通道状态", "messages"},
              [&outbox](const RouteCall& call) {
                return JsonResponse(200, StatusJson(outbox.Status(ActorOf(call))));
              });
}

}  // namespace minqing::http
