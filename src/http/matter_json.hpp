// JSON <-> values for the matters area of docs/api.md: matters (phones masked, with overdue and
// nearly_due computed for `now`), events, attachments, supervision orders, callback tasks,
// errands, slots, appointments, categories, routing rules, rates rows and the dashboard; readers
// for the request bodies; base64 for attachments. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/matters/catalogue.hpp"
#include "app/matters/handling.hpp"
#include "app/matters/intake.hpp"
#include "app/matters/queries.hpp"
#include "app/matters/rates.hpp"
#include "app/matters/requests.hpp"
#include "app/matters/sign_off.hpp"
#include "app/window/appointments.hpp"
#include "app/window/errands.hpp"
#include "domain/region_levels.hpp"
#include "http/json_mapping.hpp"

namespace minqing::http {

// `levels` name the level a matter is escalated to (escalation_label).
Json MatterJson(const domain::Matter& matter, domain::Epoch now,
                const domain::RegionLevels& levels);
Json MatterEventJson(const domain::MatterEvent& event);
// A request on a matter (延期申请, 办结类型申请).
Json MatterRequestJson(const domain::MatterRequest& request);
Json AttachmentJson(const domain::Attachment& attachment);
Json SupervisionJson(const domain::SupervisionOrder& order);
Json CallbackTaskJson(const domain::CallbackTask& task);
Json ErrandJson(const domain::ProxyErrand& errand);
Json CategoryJson(const domain::MatterCategory& category);
Json RoutingRuleJson(const domain::RoutingRule& rule);
Json TimeSlotJson(const domain::TimeSlot& slot);
Json AppointmentJson(const domain::Appointment& appointment);
Json ReceiptJson(const app::Receipt& receipt);
Json MatterAssistJson(const domain::MatterAssist& assist);
Json MatterDisputeJson(const domain::MatterDispute& dispute);
Json MatterDetailJson(const app::MatterDetail& detail, domain::Epoch now,
                      const domain::RegionLevels& levels);
Json PublicMatterJson(const app::PublicMatterView& view);
// The staff preview of the public page: the same, with "preview" and what the user may do
// towards the sign-off ("rights").
Json PublicPreviewJson(const app::PublicMatterView& view);
Json CountersJson(const domain::RateCounters& counters);
Json RatesRowJson(const app::RatesRow& row);
Json DashboardJson(const app::Dashboard& dashboard, domain::Epoch now,
                   const domain::RegionLevels& levels);
Json SmsJson(const app::SmsMessage& message);

app::MatterInput MatterInputFromJson(const Json& body);
app::SignOffInput SignOffInputFromJson(const Json& body);
app::CategoryInput CategoryInputFromJson(const Json& body);
app::ErrandInput ErrandInputFromJson(const Json& body);

// Standard base64 (padding optional, whitespace ignored); nullopt when malformed.
std::optional<std::string> DecodeBase64(std::string_view text);
std::string EncodeBase64(std::string_view bytes);

}  // namespace minqing::http
