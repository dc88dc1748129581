// Routes of the matters area (诉求): see docs/api.md, section "Matters". Each handler parses,
// calls one use case of the matter or window services and serialises; nothing else.
#include "domain/search_text.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"

namespace minqing::http {
namespace {

std::string PathString(const RouteCall& call, const std::string& name) {
  auto it = call.params.find(name);
  if (it == call.params.end() || it->second.empty()) BadParam(name);
  return it->second;
}

std::optional<domain::Epoch> QueryDayStart(const Request& request, const std::string& name,
                                           int add_days = 0) {
  std::string text = QueryString(request, name);
  if (text.empty()) return std::nullopt;
  auto day = domain::ParseDate(text);
  if (!day) {
    throw domain::InvalidInput("request.bad_param", "参数格式错误",
                               {{name, "type.date", "日期格式应为 YYYY-MM-DD"}});
  }
  return domain::ChinaDayStart(*day + add_days);
}

app::PeriodQuery PeriodOf(const Request& request) {
  return {QueryString(request, "from"), QueryString(request, "to"), QueryId(request, "region_id")};
}

// The filters of the matter list (GET /matters and its export).
std::vector<ParamDoc> MatterFilterParams() {
  return {
      {"status", "string", "状态，可重复", true},
      {"unit_id", "integer"},
      {"handler_id", "integer"},
      {"category_id", "integer"},
      {"region_id", "integer"},
      {"household_id", "integer"},
      {"type", "string"},
      {"q", "string", "受理编号、标题、内容或答复中的文字"},
      {"from", "string", "受理日期起 YYYY-MM-DD"},
      {"to", "string", "受理日期止 YYYY-MM-DD（含）"},
      {"overdue", "boolean"},
      {"min_level", "integer"},
      {"supervised", "boolean"},
      {"inbox", "boolean", "本单位待办"},
      {"outcome", "string", "已批准的办结类型：parked 挂账、unfounded 不属实、out_of_scope 不受理"},
      {"pending", "string", "有待审批的申请：extension 延期、outcome 办结类型"},
      {"assisting", "boolean", "本单位协办的诉求"}};
}

app::MatterQuery MatterQueryOf(const Request& r) {
  app::MatterQuery q;
  for (const auto& s : r.QueryAll("status")) {
    if (!s.empty()) q.statuses.push_back(s);
  }
  q.unit_id = QueryId(r, "unit_id");
  q.handler_id = QueryId(r, "handler_id");
  q.category_id = QueryId(r, "category_id");
  q.region_id = QueryId(r, "region_id");
  q.household_id = QueryId(r, "household_id");
  q.type = QueryString(r, "type");
  q.text = QueryString(r, "q");
  q.from = QueryDayStart(r, "from");
  q.to = QueryDayStart(r, "to", 1);
  q.overdue = QueryBool(r, "overdue").value_or(false);
  if (auto level = QueryId(r, "min_level")) q.min_level = static_cast<int>(*level);
  q.supervised = QueryBool(r, "supervised").value_or(false);
  q.inbox = QueryBool(r, "inbox").value_or(false);
  q.outcome = QueryString(r, "outcome");
  q.pending = QueryString(r, "pending");
  q.assisting = QueryBool(r, "assisting").value_or(false);
  return q;
}

Json MatterPage(const domain::Page<domain::Matter>& page, const Paging& paging, domain::Epoch now,
                const domain::RegionLevels& levels) {
  return PageJson(page, paging.page, paging.page_size,
                  [&](const domain::Matter& m) { return MatterJson(m, now, levels); });
}

Json RouteSettingsJson(const app::RouteSettings& s) {
  return {{"reasons", s.reasons}, {"cap", s.cap}};
}

// An optional array of ids in the body (absent: none).
std::vector<domain::Id> IdArray(const Json& body, const char* name) {
  std::vector<domain::Id> out;
  if (!body.contains(name)) return out;
  const Json& values = body[name];
  if (!values.is_array()) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{name, "type.array", "应为整数数组"}});
  }
  for (const auto& v : values) {
    if (!v.is_number_integer()) {
      throw domain::InvalidInput("validation.failed", "输入有误",
                                 {{name, "type.integer", "应为整数数组"}});
    }
    out.push_back(v.get<domain::Id>());
  }
  return out;
}

Json WorkloadJson(const app::Workload& w, domain::Epoch now, const domain::RegionLevels& levels) {
  Json urgent = Json::array();
  for (const auto& m : w.most_urgent) urgent.push_back(MatterJson(m, now, levels));
  return {{"to_dispatch", Opt(w.to_dispatch)},
          {"to_sign", Opt(w.to_sign)},
          {"handling", Opt(w.handling)},
          {"open", w.open},
          {"overdue", w.overdue},
          {"nearly_due", w.nearly_due},
          {"waiting_signoff", w.waiting_signoff},
          {"done", w.done},
          {"supervised", w.supervised},
          {"accepted_today", w.accepted_today},
          {"callbacks_open", Opt(w.callbacks_open)},
          {"assisting", Opt(w.assisting)},
          {"disputes_pending", Opt(w.disputes_pending)},
          {"most_urgent", std::move(urgent)}};
}

}  // namespace

void Api::AddMatterRoutes() {
  auto& m = services_;  // The matter and window services (m.intake, m.queries, ...).
  const std::string kTag = "matters";

  router_.Add("GET", "/api/v1/matters/units", {"可派单、转办的单位", kTag},
              [&m](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& u : m.catalogue.ListHandlingUnits(ActorOf(call))) {
                  items.push_back({{"id", u.id}, {"name", u.name}});
                }
                return JsonResponse(200, Json{{"items", std::move(items)}});
              });

  // Intake.
  router_.Add("GET", "/api/v1/matters/intake-preview",
              {"受理预检：疑似重复、分类建议、本户未办结诉求",
               kTag,
               {{"household_id", "integer"}, {"region_id", "integer"}, {"text", "string"}}},
              [&m](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                const domain::RegionLevels levels = m.regions.Levels();
                auto preview = m.intake.PreviewIntake(actor, QueryId(call.request, "household_id"),
                                                      QueryId(call.request, "region_id"),
                                                      QueryString(call.request, "text"));
                Json duplicates = Json::array();
                for (const auto& d : preview.duplicates) {
                  Json j = MatterJson(d.matter, actor.now, levels);
                  j["similarity"] = d.similarity;
                  duplicates.push_back(std::move(j));
                }
                Json categories = Json::array();
                for (const auto& c : preview.suggested_categories)
                  categories.push_back(CategoryJson(c));
                Json open = Json::array();
                for (const auto& o : preview.household_open_matters) {
                  open.push_back(MatterJson(o, actor.now, levels));
                }
                return JsonResponse(200, {{"duplicates", std::move(duplicates)},
                                          {"suggested_categories", std::move(categories)},
                                          {"household_open_matters", std::move(open)}});
              });
  // Quick: the intake only reads before it queues its write for the shared commit.
  router_.Add("POST", "/api/v1/matters",
              WithPace({"受理诉求（持久提交后应答）", kTag, {}, true, true, 201}, Pace::kQuick),
              [&m](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                auto answer = [now = actor.now,
                               levels = m.regions.Levels()](const app::AcceptResult& result) {
                  return JsonResponse(201, {{"matter", MatterJson(result.matter, now, levels)},
                                            {"receipt", ReceiptJson(result.receipt)}});
                };
                app::MatterInput input = MatterInputFromJson(Body(call));
                if (!call.defer) return answer(m.intake.Accept(actor, input));
                // No thread waits for the disk: the answer is made once the shared commit is
                // done. Input problems are still thrown here, before anything is queued.
                m.intake.AcceptAsync(actor, input,
                                     [defer = call.defer, answer](
                                         const std::exception_ptr& error,
                                         const std::shared_ptr<const app::AcceptResult>& result) {
                                       defer([error, result, answer] {
                                         if (error) std::rethrow_exception(error);
                                         return answer(*result);
                                       });
                                     });
                return DeferredResponse();
              });
  router_.Add("GET", "/api/v1/matters",
              {"诉求列表与全文检索", kTag, WithPaging(MatterFilterParams())},
              [&m](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                const auto& actor = ActorOf(call);
                auto query = MatterQueryOf(call.request);
                auto page = m.queries.ListMatters(actor, query, paging.request);
                // The list, searched or not, counts past domain::kMatterSearchCountCap no further:
                // "1万+" (MatterFilter::capped_total).
                const bool capped = page.total > domain::kMatterSearchCountCap;
                if (capped) page.total = domain::kMatterSearchCountCap;
                Json out = MatterPage(page, paging, actor.now, m.regions.Levels());
                out["total_capped"] = capped;
                // A resident's list is their own household's: each item carries its receipt, the
                // link to the page where they follow it and sign it off.
                if (actor.user.role == domain::Role::kResident) {
                  for (std::size_t i = 0; i < page.items.size(); ++i) {
                    out["items"][i]["receipt"] = ReceiptJson(app::ReceiptOf(page.items[i]));
                  }
                }
                return JsonResponse(200, out);
              });
  router_.Add(
      "GET", "/api/v1/matters/disputes",
      {"待裁定的争议", kTag, WithPaging({{"region_id", "integer"}})}, [&m](const RouteCall& call) {
        const auto paging = ReadPaging(call.request);
        return JsonResponse(
            200, PageJson(m.joint.ListPendingDisputes(
                              ActorOf(call), QueryId(call.request, "region_id"), paging.request),
                          paging.page, paging.page_size, MatterDisputeJson));
      });
  router_.Add("GET", "/api/v1/matters/route-settings", {"转办、退单理由与次数上限", kTag},
              [&m](const RouteCall& call) {
                return JsonResponse(200,
                                    RouteSettingsJson(m.joint.GetRouteSettings(ActorOf(call))));
              });
  router_.Add("PUT", "/api/v1/matters/route-settings",
              {"维护转办、退单理由与次数上限（管理员）", kTag, {}, true, true},
              [&m](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::RouteSettings in;
                in.reasons = f.Strings("reasons");
                in.cap = static_cast<int>(f.Int("cap", domain::kDefaultRouteCap));
                f.Check();
                return JsonResponse(200,
                                    RouteSettingsJson(m.joint.PutRouteSettings(ActorOf(call), in)));
              });
  router_.Add("GET", "/api/v1/matters/workload", {"工作台：待办、超期、待确认等计数", kTag},
              [&m](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                return JsonResponse(
                    200, WorkloadJson(m.queries.GetWorkload(actor), actor.now, m.regions.Levels()));
              });
  router_.Add(
      "GET", "/api/v1/matters/number-lookup",
      {"按工单号或其日期、序号部分查找诉求（一框查询，最多 10 条）",
       kTag,
       {{"q", "string", "工单号，如 20261202-00001、20261202 或 00001"}}},
      [&m](const RouteCall& call) {
        const auto& actor = ActorOf(call);
        Json items = Json::array();
        const domain::RegionLevels levels = m.regions.Levels();
        for (const auto& matter : m.queries.LookupNumbers(actor, QueryString(call.request, "q"))) {
          items.push_back(MatterJson(matter, actor.now, levels));
        }
        return JsonResponse(200, {{"items", std::move(items)}});
      });
  {
    auto params = MatterFilterParams();
    params.push_back({"format", "string", "xlsx（默认）或 csv"});
    router_.Add("GET", "/api/v1/matters/export",
                WithPace({"导出诉求清单（Excel 或 CSV，与列表同样的筛选，最多 20000 条）", kTag,
                          std::move(params)},
                         Pace::kSlow),
                [&m](const RouteCall& call) {
                  const std::string format = ExportFormat(call.request);
                  const auto& actor = ActorOf(call);
                  return TableDownload(m.queries.ExportMatters(actor, MatterQueryOf(call.request)),
                                       format, "matters", "诉求清单", actor.now);
                });
  }
  router_.Add(
      "GET", "/api/v1/matters/{id}", {"诉求详情与办理过程", kTag},
      [this, &m](const RouteCall& call) {
        const auto& actor = ActorOf(call);
        const domain::Id id = PathId(call);
        // Read before the page: a write in between leaves an entry no later read will
        // match.
        const std::uint64_t generation = services_.store->WriteGeneration();
        app::MatterDetail detail = m.queries.GetMatter(actor, id);  // Authorises every request.
        // A resident's view leaves internal notes out, so it is never shared.
        return StaffPage(matter_pages_, id, generation, actor,
                         [&] { return MatterDetailJson(detail, actor.now, m.regions.Levels()); });
      });
  router_.Add("GET", "/api/v1/matters/{id}/public-preview",
              {"群众查询页预览（工作人员，只读，不含令牌）", kTag}, [&m](const RouteCall& call) {
                return JsonResponse(200, PublicPreviewJson(m.sign_off.GetPublicPreview(
                                             ActorOf(call), PathId(call))));
              });
  router_.Add("GET", "/api/v1/matters/by-number/{number}", {"按工单号查看诉求", kTag},
              [&m](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                return JsonResponse(200, MatterDetailJson(m.queries.GetMatterByNumber(
                                                              actor, PathString(call, "number")),
                                                          actor.now, m.regions.Levels()));
              });

  // Routing and handling: each returns the matter.
  using Action = std::function<domain::Matter(const app::Actor&, domain::Id, const Json&)>;
  auto action = [this, &m, kTag](const std::string& path, const std::string& summary,
                                 const Action& fn) {
    router_.Add("POST", "/api/v1/matters/{id}/" + path, {summary, kTag, {}, true, true},
                [fn, &m](const RouteCall& call) {
                  const auto& actor = ActorOf(call);
                  Json body = call.request.body.empty() ? Json::object() : Body(call);
                  return JsonResponse(200, MatterJson(fn(actor, PathId(call), body), actor.now,
                                                      m.regions.Levels()));
                });
  };
  action("dispatch", "派单（默认按派单规则）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto unit = f.OptionalId("unit_id");
           auto handler = f.OptionalId("handler_id");
           auto note = f.String("note");
           f.Check();
           return m.handling.DispatchWithAssists(a, id, unit, handler, note,
                                                 IdArray(b, "assist_unit_ids"));
         });
  action("accept", "承办单位签收", [&m](const app::Actor& a, domain::Id id, const Json&) {
    return m.handling.UnitAccept(a, id);
  });
  action("transfer", "转办", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto unit = f.Id("unit_id");
    auto reason = f.String("reason");
    auto reason_code = f.String("reason_code");
    f.Check();
    return m.handling.Transfer(a, id, unit, reason, reason_code);
  });
  action("return", "退单", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto reason = f.String("reason");
    auto reason_code = f.String("reason_code");
    f.Check();
    return m.handling.Return(a, id, reason, reason_code);
  });
  action("steps", "记录办理过程", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto text = f.String("text");
    bool internal = f.OptionalBool("internal").value_or(false);
    f.Check();
    std::vector<domain::Id> attachments;
    if (b.contains("attachment_ids") && b["attachment_ids"].is_array()) {
      for (const auto& v : b["attachment_ids"]) {
        if (!v.is_number_integer()) {
          throw domain::InvalidInput("validation.failed", "输入有误",
                                     {{"attachment_ids", "type.integer", "应为整数数组"}});
        }
        attachments.push_back(v.get<domain::Id>());
      }
    }
    return m.handling.AddStep(a, id, text, internal, attachments);
  });
  action("reply", "答复群众", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto text = f.String("text");
    f.Check();
    return m.handling.Reply(a, id, text);
  });
  action("close-on-spot", "当场办结（一次性办结）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto reply = f.String("reply");
           f.Check();
           return m.handling.CloseOnSpot(a, id, reply);
         });
  action("merge", "合并重复诉求", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto into = f.Id("into_id");
    f.Check();
    return m.handling.Merge(a, id, into);
  });
  action("supervise", "督办", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto note = f.String("note");
    auto due = f.String("due_date");
    f.Check();
    return m.handling.Supervise(a, id, note, due);
  });
  // Extension requests (延期申请) and honest outcomes (办结类型): the unit asks, a dispatcher or a
  // leader decides.
  action("extension", "申请延期（承办单位）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           app::ExtensionInput input;
           input.reason = f.String("reason");
           input.due_date = f.String("due_date");
           if (f.Has("working_days"))
             input.working_days = static_cast<int>(f.Int("working_days", 0));
           f.Check();
           return m.requests.RequestExtension(a, id, input);
         });
  action("extension/decide", "审批延期申请（派单员）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto approve = f.OptionalBool("approve");
           auto due_date = f.String("due_date");
           auto note = f.String("note");
           f.Check();
           return m.requests.DecideExtension(a, id, approve, due_date, note);
         });
  action("outcome", "申请办结类型：挂账、不属实、不属于受理范围（承办单位）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           app::OutcomeInput input;
           input.outcome = f.String("outcome");
           input.reason = f.String("reason");
           input.plan = f.String("plan");
           input.planned_date = f.String("planned_date");
           f.Check();
           return m.requests.ProposeOutcome(a, id, input);
         });
  action("outcome/decide", "审批办结类型（领导）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto approve = f.OptionalBool("approve");
           auto note = f.String("note");
           f.Check();
           return m.requests.DecideOutcome(a, id, approve, note);
         });
  router_.Add("GET", "/api/v1/matters/{id}/requests", {"诉求的延期和办结类型申请", kTag},
              [&m](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& r : m.requests.ListRequests(ActorOf(call), PathId(call))) {
                  items.push_back(MatterRequestJson(r));
                }
                return JsonResponse(200, Json{{"items", std::move(items)}});
              });
  action("confirm-code", "凭验证码确认办结（群众签字）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           return m.sign_off.ConfirmWithCode(a, id, SignOffInputFromJson(b));
         });
  action("confirm", "本户居民账户确认办结（群众签字）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           return m.sign_off.ConfirmWithAccount(a, id, SignOffInputFromJson(b));
         });
  action("callback", "回访（非承办人员）", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    return m.sign_off.RecordCallback(a, id, SignOffInputFromJson(b));
  });
  // Joint handling (主办/协办) and disputes (争议): see docs/api.md "Joint handling".
  action("assists", "增加协办单位", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto unit = f.Id("unit_id");
    f.Check();
    return m.joint.AddAssist(a, id, unit);
  });
  action("assist-remove", "撤销协办单位", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto unit = f.Id("unit_id");
    f.Check();
    return m.joint.RemoveAssist(a, id, unit);
  });
  action("assist-accept", "协办单位签收", [&m](const app::Actor& a, domain::Id id, const Json&) {
    return m.joint.AcceptAssist(a, id);
  });
  action("assist-steps", "协办单位记录办理过程",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto text = f.String("text");
           f.Check();
           return m.joint.AssistStep(a, id, text);
         });
  action("assist-report", "提交协办意见", [&m](const app::Actor& a, domain::Id id, const Json& b) {
    FieldReader f(b);
    auto text = f.String("text");
    f.Check();
    return m.joint.ReportAssist(a, id, text);
  });
  action("dispute", "提出争议（不能再退单时）",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto reason_code = f.String("reason_code");
           auto reason = f.String("reason");
           f.Check();
           return m.joint.RaiseDispute(a, id, reason_code, reason);
         });
  action("arbitrate", "裁定争议：确定承办单位",
         [&m](const app::Actor& a, domain::Id id, const Json& b) {
           FieldReader f(b);
           auto unit = f.Id("unit_id");
           auto decision = f.String("decision");
           f.Check();
           return m.joint.DecideDispute(a, id, unit, decision);
         });
  router_.Add("POST", "/api/v1/matters/{id}/sign-off-code", {"发送确认验证码", kTag, {}, true},
              [&m](const RouteCall& call) {
                return JsonResponse(
                    200, {{"sent_to", m.sign_off.SendSignOffCode(ActorOf(call), PathId(call))}});
              });

  // Attachments.
  router_.Add("POST", "/api/v1/matters/{id}/attachments",
              {"上传附件（JPEG/PNG/WebP/PDF，≤5MB）", kTag, {}, true, true, 201},
              [&m](const RouteCall& call) {
                // Scope first: an outsider's upload is never parsed or decoded.
                m.handling.RequireAttachable(ActorOf(call), PathId(call));
                Json body = Body(call);
                FieldReader f(body);
                app::AttachmentInput in;
                in.file_name = f.String("file_name");
                in.content_type = f.String("content_type");
                std::string data = f.String("data_base64");
                f.Check();
                auto bytes = DecodeBase64(data);
                if (!bytes) {
                  throw domain::InvalidInput("attachment.bad_base64", "附件数据不是有效的 base64");
                }
                in.bytes = std::move(*bytes);
                try {
                  return JsonResponse(201, AttachmentJson(m.handling.AddAttachment(
                                               ActorOf(call), PathId(call), in)));
                } catch (const domain::InvalidInput& e) {
                  if (e.code() != "attachment.too_large") throw;
                  return JsonResponse(413, ErrorJson(e.code(), e.what()));
                }
              });
  router_.Add("GET", "/api/v1/attachments/{id}", {"下载附件", kTag}, [&m](const RouteCall& call) {
    auto [attachment, bytes] = m.handling.ReadAttachment(ActorOf(call), PathId(call));
    Response response;
    response.status = 200;
    response.content_type = attachment.content_type;
    response.body = std::move(bytes);
    response.headers.emplace_back("Content-Disposition", "inline");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return response;
  });
  // The outbox holds every code in clear: only a development server (serve --dev-sms) has it.
  if (options_.dev_sms) {
    router_.Add("GET", "/api/v1/dev/sms", {"开发用短信发件箱（管理员）", "dev", WithPaging({})},
                [&m](const RouteCall& call) {
                  Paging paging = ReadPaging(call.request);
                  return JsonResponse(
                      200, PageJson(m.sign_off.ListSms(ActorOf(call), paging.request), paging.page,
                                    paging.page_size, SmsJson));
                });
  }

  // Public page: no login; number + token from the receipt's QR code.
  router_.Add("GET", "/api/v1/public/matters/{number}",
              {"群众查看诉求进度（扫码）", "public", {{"token", "string"}}, false},
              [&m](const RouteCall& call) {
                return JsonResponse(200, PublicMatterJson(m.sign_off.GetPublic(
                                             PathString(call, "number"),
                                             QueryString(call.request, "token"), NowEpoch())));
              });
  router_.Add("POST", "/api/v1/public/matters/{number}/code",
              {"群众获取确认验证码", "public", {}, false, true}, [&m](const RouteCall& call) {
                auto token = BodyString(call, "token");
                return JsonResponse(
                    200, {{"sent_to", m.sign_off.SendPublicCode(PathString(call, "number"), token,
                                                                NowEpoch())}});
              });
  router_.Add("POST", "/api/v1/public/matters/{number}/confirm",
              {"群众确认办结并评价", "public", {}, false, true}, [&m](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                auto token = f.String("token");
                f.Check();
                return JsonResponse(200, PublicMatterJson(m.sign_off.ConfirmOnPublicPage(
                                             PathString(call, "number"), token,
                                             SignOffInputFromJson(body), NowEpoch())));
              });

  // Supervision, escalation, callbacks.
  router_.Add("GET", "/api/v1/supervision",
              {"督办列表：逾期、临期、已升级、已督办", "supervision",
               WithPaging({{"kind", "string", "overdue|nearly_due|escalated|supervised"},
                           {"region_id", "integer"}})},
              [&m](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                const auto& actor = ActorOf(call);
                return JsonResponse(
                    200, MatterPage(m.queries.SupervisionList(
                                        actor, QueryString(call.request, "kind"),
                                        QueryId(call.request, "region_id"), paging.request),
                                    paging, actor.now, m.regions.Levels()));
              });
  router_.Add("POST", "/api/v1/escalation/run",
              {"执行逾期升级（幂等）", "supervision", {}, true, true}, [&m](const RouteCall& call) {
                app::Actor actor = ActorOf(call);
                if (!call.request.body.empty()) {
                  Json body = Body(call);
                  FieldReader f(body);
                  if (f.Has("now")) actor.now = f.Int("now", actor.now);
                  f.Check();
                }
                auto report = m.handling.RunEscalation(actor);
                return JsonResponse(200, {{"escalated", report.escalated},
                                          {"nearly_due", report.nearly_due},
                                          {"callbacks_created", report.callbacks_created}});
              });
  router_.Add("GET", "/api/v1/callbacks", {"待回访任务", "supervision", WithPaging({})},
              [&m](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                return JsonResponse(
                    200, PageJson(m.sign_off.ListCallbackTasks(ActorOf(call), paging.request),
                                  paging.page, paging.page_size, CallbackTaskJson));
              });
  router_.Add("POST", "/api/v1/callbacks/{id}", {"完成回访任务", "supervision", {}, true, true},
              [&m](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                return JsonResponse(
                    200, MatterJson(m.sign_off.CompleteCallbackTask(
                                        actor, PathId(call), SignOffInputFromJson(Body(call))),
                                    actor.now, m.regions.Levels()));
              });

  // Three rates and dashboard.
  router_.Add("GET", "/api/v1/rates",
              {"三率：响应率、解决率、满意率",
               "rates",
               {{"dimension", "string", "unit|region|person|category"},
                {"from", "string"},
                {"to", "string"},
                {"region_id", "integer"}}},
              [&m](const RouteCall& call) {
                std::string dimension = QueryString(call.request, "dimension");
                auto rows = m.rates.Rates(ActorOf(call), dimension.empty() ? "unit" : dimension,
                                          PeriodOf(call.request));
                return JsonResponse(200, ItemsJson(rows, RatesRowJson));
              });
  router_.Add("GET", "/api/v1/rates/export",
              WithPace({"导出三率统计（Excel 或 CSV）",
                        "rates",
                        {{"dimension", "string", "unit|region|person|category"},
                         {"from", "string"},
                         {"to", "string"},
                         {"region_id", "integer"},
                         {"format", "string", "xlsx（默认）或 csv"}}},
                       Pace::kSlow),
              [&m](const RouteCall& call) {
                const std::string format = ExportFormat(call.request);
                std::string dimension = QueryString(call.request, "dimension");
                const auto& actor = ActorOf(call);
                return TableDownload(
                    m.rates.ExportRates(actor, dimension.empty() ? "unit" : dimension,
                                        PeriodOf(call.request)),
                    format, "rates", "三率统计", actor.now);
              });
  router_.Add(
      "GET", "/api/v1/dashboard",
      {"领导驾驶舱", "rates", {{"from", "string"}, {"to", "string"}, {"region_id", "integer"}}},
      [&m](const RouteCall& call) {
        const auto& actor = ActorOf(call);
        return JsonResponse(200, DashboardJson(m.rates.GetDashboard(actor, PeriodOf(call.request)),
                                               actor.now, m.regions.Levels()));
      });

  // Catalogue and routing.
  router_.Add("GET", "/api/v1/categories", {"诉求分类目录", "catalogue"},
              [&m](const RouteCall& call) {
                return JsonResponse(
                    200, ItemsJson(m.catalogue.ListCategories(ActorOf(call)), CategoryJson));
              });
  router_.Add("POST", "/api/v1/categories",
              {"新增诉求分类（管理员）", "catalogue", {}, true, true, 201},
              [&m](const RouteCall& call) {
                return JsonResponse(201, CategoryJson(m.catalogue.CreateCategory(
                                             ActorOf(call), CategoryInputFromJson(Body(call)))));
              });
  router_.Add("PATCH", "/api/v1/categories/{id}",
              {"修改诉求分类（管理员）", "catalogue", {}, true, true}, [&m](const RouteCall& call) {
                return JsonResponse(
                    200, CategoryJson(m.catalogue.UpdateCategory(
                             ActorOf(call), PathId(call), CategoryInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/routing-rules", {"派单规则", "catalogue"},
              [&m](const RouteCall& call) {
                return JsonResponse(
                    200, ItemsJson(m.catalogue.ListRoutingRules(ActorOf(call)), RoutingRuleJson));
              });
  router_.Add("POST", "/api/v1/routing-rules",
              {"新增派单规则（管理员）", "catalogue", {}, true, true, 201},
              [&m](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                auto category = f.Id("category_id");
                auto region = f.OptionalId("region_id");
                auto unit = f.Id("unit_id");
                std::optional<int> days;
                if (f.Has("completion_days")) days = static_cast<int>(f.Int("completion_days", 0));
                f.Check();
                return JsonResponse(201, RoutingRuleJson(m.catalogue.CreateRoutingRule(
                                             ActorOf(call), category, region, unit, days)));
              });
  router_.Add("DELETE", "/api/v1/routing-rules/{id}",
              {"删除派单规则（管理员）", "catalogue", {}, true, false, 204},
              [&m](const RouteCall& call) {
                m.catalogue.DeleteRoutingRule(ActorOf(call), PathId(call));
                return NoContent();
              });

  // Holiday table.
  router_.Add("GET", "/api/v1/calendar", {"节假日与调休表", "calendar", {{"year", "integer"}}},
              [&m](const RouteCall& call) {
                std::optional<int> year;
                if (auto y = QueryId(call.request, "year")) year = static_cast<int>(*y);
                auto view = m.catalogue.GetCalendar(ActorOf(call), year);
                Json items = Json::array();
                for (const auto& d : view.items) {
                  items.push_back({{"date", d.date},
                                   {"kind", d.kind == domain::DayKind::kOff ? "off" : "workday"},
                                   {"name", d.name}});
                }
                return JsonResponse(
                    200, {{"items", std::move(items)}, {"covered_years", view.covered_years}});
              });
  router_.Add("PUT", "/api/v1/calendar/{date}",
              {"设置节假日或调休上班日（管理员）", "calendar", {}, true, true, 204},
              [&m](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                auto kind = f.String("kind");
                auto name = f.String("name");
                f.Check();
                m.catalogue.PutCalendarDay(ActorOf(call), PathString(call, "date"), kind, name);
                return NoContent();
              });
  router_.Add("DELETE", "/api/v1/calendar/{date}",
              {"删除节假日设置（管理员）", "calendar", {}, true, false, 204},
              [&m](const RouteCall& call) {
                m.catalogue.DeleteCalendarDay(ActorOf(call), PathString(call, "date"));
                return NoContent();
              });
  router_.Add(
      "POST", "/api/v1/calendar/import", {"导入节假日表 CSV（管理员）", "calendar", {}, true, true},
      [&m](const RouteCall& call) {
        auto csv = BodyString(call, "csv");
        return JsonResponse(200, {{"imported", m.catalogue.ImportCalendar(ActorOf(call), csv)}});
      });

  // Time slots and appointments.
  router_.Add("GET", "/api/v1/units/{id}/slots",
              {"预约时段（含节假日）", "appointments", {{"from", "string"}, {"to", "string"}}},
              [&m](const RouteCall& call) {
                return JsonResponse(
                    200, ItemsJson(m.appointments.ListSlots(ActorOf(call), PathId(call),
                                                            QueryString(call.request, "from"),
                                                            QueryString(call.request, "to")),
                                   TimeSlotJson));
              });
  router_.Add("POST", "/api/v1/units/{id}/slots",
              {"新增预约时段", "appointments", {}, true, true, 201}, [&m](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                app::SlotInput in;
                in.date = f.String("date");
                in.start = f.String("start");
                in.end = f.String("end");
                in.capacity = static_cast<int>(f.Int("capacity", 1));
                in.staff_user_id = f.OptionalId("staff_user_id");
                f.Check();
                return JsonResponse(
                    201, TimeSlotJson(m.appointments.CreateSlot(ActorOf(call), PathId(call), in)));
              });
  router_.Add("POST", "/api/v1/slots/{id}/appointments",
              {"预约（定时、定事、定人）", "appointments", {}, true, true, 201},
              [&m](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                app::AppointmentInput in;
                in.matter_id = f.OptionalId("matter_id");
                in.household_id = f.OptionalId("household_id");
                in.person_name = f.String("person_name");
                in.phone = f.String("phone");
                in.purpose = f.String("purpose");
                f.Check();
                return JsonResponse(
                    201, AppointmentJson(m.appointments.Book(ActorOf(call), PathId(call), in)));
              });
  router_.Add("GET", "/api/v1/slots/{id}/appointments", {"预约名单", "appointments"},
              [&m](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& a : m.appointments.ListAppointments(ActorOf(call), PathId(call))) {
                  items.push_back(AppointmentJson(a));
                }
                return JsonResponse(200, {{"items", std::move(items)}});
              });
  router_.Add("PATCH", "/api/v1/appointments/{id}",
              {"更新预约状态", "appointments", {}, true, true}, [&m](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                auto status = f.String("status");
                f.Check();
                return JsonResponse(200, AppointmentJson(m.appointments.SetAppointmentStatus(
                                             ActorOf(call), PathId(call), status)));
              });

  // Proxy errands (代办).
  router_.Add("GET", "/api/v1/errands",
              {"代办事项", "errands", {{"household_id", "integer"}, {"mine", "boolean"}}},
              [&m](const RouteCall& call) {
                return JsonResponse(
                    200, ItemsJson(m.errands.ListErrands(
                                       ActorOf(call), QueryId(call.request, "household_id"),
                                       QueryBool(call.request, "mine").value_or(false)),
                                   ErrandJson));
              });
  router_.Add("POST", "/api/v1/errands",
              {"登记代办（村级事务助理）", "errands", {}, true, true, 201},
              [&m](const RouteCall& call) {
                return JsonResponse(201, ErrandJson(m.errands.CreateErrand(
                                             ActorOf(call), ErrandInputFromJson(Body(call)))));
              });
  router_.Add("PATCH", "/api/v1/errands/{id}", {"更新代办进度与材料", "errands", {}, true, true},
              [&m](const RouteCall& call) {
                return JsonResponse(
                    200, ErrandJson(m.errands.UpdateErrand(ActorOf(call), PathId(call),
                                                           ErrandInputFromJson(Body(call)))));
              });
}

}  // namespace minqing::http
