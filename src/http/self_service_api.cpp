// Residents help themselves (docs/api.md, "Residents help themselves"): a code sent to a phone
// for sign-up, log-in or a report from a contact card, the sign-up and the log-in with it, and the
// contact card's report form. No login; every route is held to the public per-address rate, and
// the code requests to a budget of their own (app/resident_self_service.hpp).
#include "app/resident_self_service.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

// The web UI says so; everything else is an API client (as POST /auth/login).
domain::Channel ClientChannel(const std::string& client) {
  return client == "web" ? domain::Channel::kWeb : domain::Channel::kApi;
}

}  // namespace

void Api::AddSelfServiceRoutes() {
  auto& self = services_.self_service;
  router_.Add(
      "POST", "/api/v1/public/phone-codes",
      {"群众自助：发送手机验证码（注册、登录、扫码反映问题）", "public", {}, false, true, 202},
      [&self](const RouteCall& call) {
        Json body = Body(call);
        FieldReader fields(body);
        app::PhoneCodeRequest request;
        request.phone = fields.String("phone");
        request.purpose = fields.String("purpose");
        request.card_code = fields.String("card_code");
        fields.Check();
        app::PhoneCodeSent sent =
            self.RequestCode(request, call.request.client_address, NowEpoch());
        return JsonResponse(202, {{"masked_phone", sent.masked_phone},
                                  {"expires_in", sent.expires_in},
                                  {"retry_after", sent.retry_after}});
      });
  router_.Add("POST", "/api/v1/public/signup",
              {"群众自助注册（手机号＋验证码），成功即登录", "public", {}, false, true, 201},
              [this, &self](const RouteCall& call) {
                Json body = Body(call);
                FieldReader fields(body);
                app::SignupInput input;
                input.phone = fields.String("phone");
                input.code = fields.String("code");
                input.display_name = fields.String("display_name");
                std::string client = fields.String("client");
                fields.Check();
                const domain::Epoch now = NowEpoch();
                Response response = SignedIn(
                    self.SignUp(input, call.request.client_address, now, ClientChannel(client)),
                    now);
                response.status = 201;
                return response;
              });
  router_.Add(
      "POST", "/api/v1/auth/phone-login", {"验证码登录（群众账号）", "auth", {}, false, true},
      [this, &self](const RouteCall& call) {
        Json body = Body(call);
        FieldReader fields(body);
        std::string phone = fields.String("phone");
        std::string code = fields.String("code");
        std::string client = fields.String("client");
        fields.Check();
        const domain::Epoch now = NowEpoch();
        return SignedIn(
            self.PhoneLogin(phone, code, call.request.client_address, now, ClientChannel(client)),
            now);
      });
  router_.Add("GET", "/api/v1/public/cards/{code}/report-form",
              {"联系卡扫码反映问题：表单（户、村、诉求分类）", "public", {}, false},
              [&self](const RouteCall& call) {
                app::CardReportForm form = self.ReportForm(call.params.at("code"));
                Json categories = Json::array();
                for (const auto& c : form.categories) {
                  categories.push_back({{"id", c.id}, {"name", c.name}});
                }
                return JsonResponse(200, {{"household_label", form.household_label},
                                          {"region_name", form.region_name},
                                          {"categories", std::move(categories)}});
              });
  router_.Add("POST", "/api/v1/public/cards/{code}/report",
              {"联系卡扫码反映问题（手机验证码）：受理为诉求", "public", {}, false, true, 201},
              [&self](const RouteCall& call) {
                Json body = Body(call);
                FieldReader fields(body);
                app::CardReportInput input;
                input.phone = fields.String("phone");
                input.code = fields.String("code");
                input.content = fields.String("content");
                input.category_id = fields.OptionalId("category_id");
                fields.Check();
                app::CardReportResult result =
                    self.Report(call.params.at("code"), input, NowEpoch());
                return JsonResponse(201, {{"number", result.number}, {"link", result.link}});
              });
}

}  // namespace minqing::http
