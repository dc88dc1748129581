// JSON <-> values of the 1+10 network and diary area (docs/api.md, "The 1+10 network and the
// diary"). Enums are written as codes with a *_label beside them where a label exists; member
// phones are masked except on contact cards and the household's public page, which exist to show
// them. Pure functions; thread-safe.
#pragma once

#include "app/network_service.hpp"
#include "http/json_mapping.hpp"

namespace minqing::http {

Json NetworkSettingsJson(const domain::NetworkSettings& settings);
Json StationJson(const app::StationView& view);
domain::NetworkSettings NetworkSettingsFromJson(const Json& body, domain::NetworkSettings base);
Json ContactLinkJson(const domain::ContactLink& link);
Json LeaderLinkJson(const domain::LeaderLink& link);
Json NetworkMemberJson(const app::NetworkMember& member);
Json VillageNetworkJson(const app::VillageNetwork& village, const domain::RegionLevels& levels);
Json NetworkPreviewJson(const app::NetworkPreview& preview);
Json ApplyResultJson(const app::ApplyResult& result);
Json LinkRequestJson(const domain::LinkRequest& request);
Json CoverageRowJson(const domain::CoverageRow& row);
Json CoverageReportJson(const app::CoverageReport& report);
Json MyNetworkJson(const app::MyNetwork& my);
Json NoticeJson(const domain::Notice& notice);
Json NoticeDeliveryJson(const domain::NoticeDelivery& delivery);
Json NoticeDetailJson(const app::NoticeDetail& detail);
Json HouseholdEventJson(const domain::HouseholdEvent& event);
Json VisitJson(const domain::Visit& visit);
// {user_id, name, role, role_label} of a diary visitor choice.
Json VisitorCandidateJson(const app::VisitorCandidate& candidate);
Json QuotaReportJson(const app::QuotaReport& report);
// A visit waiting for the household's confirmation, as its public page lists it: when, what kind,
// who (no diary text).
Json PublicVisitJson(const domain::Visit& visit);
Json PublicBoardJson(const app::PublicBoard& board);
Json PublicHouseholdJson(const app::ContactCardData& card);

app::LinkInput LinkInputFromJson(const Json& body);
app::MemberStatusInput MemberStatusInputFromJson(const Json& body);
app::NoticeInput NoticeInputFromJson(const Json& body);
app::HouseholdEventInput HouseholdEventInputFromJson(const Json& body);
app::VisitInput VisitInputFromJson(const Json& body);

}  // namespace minqing::http
