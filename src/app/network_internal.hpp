// Helpers shared by the NetworkService source files (network_service.cpp, network_links.cpp,
// network_reading.cpp, network_duties.cpp, network_diary.cpp, network_cards.cpp): authorisation in
// the network area, small conversions, and the village input the builder and the village tree read.
// Not part of the public API. Thread-safety: pure functions over the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/network_service.hpp"
#include "app/store.hpp"
#include "domain/contact_network_builder.hpp"
#include "domain/errors.hpp"
#include "domain/network.hpp"
#include "domain/text.hpp"

namespace minqing::app::network_internal {

[[noreturn]] void Deny(std::string_view message = "无权执行此操作");

domain::Region LoadRegion(StoreTx& tx, Id id);
domain::Household LoadHousehold(StoreTx& tx, Id id);

// Reading: admin and leader (everything in scope), centre_staff and village_assistant (scope).
// Party members and residents are refused (they read through the member-specific checks).
bool IsReader(const Actor& actor, std::string_view region_path);
// Organisation changes: admin, or centre_staff in scope.
void RequireOrganiser(const Actor& actor, std::string_view region_path);
// The prefix a list covers: the region (readers in scope) or the reader's own scope.
std::string ReadPrefix(StoreTx& tx, const Actor& actor, std::optional<Id> region_id);

// The party member the acting user is (party_member role with a resident), or nullopt.
std::optional<domain::PartyMember> ActingMember(StoreTx& tx, const Actor& actor);
// The linked member's id of a household, or nullopt.
std::optional<Id> LinkedMemberOf(StoreTx& tx, Id household_id);
// Readers in scope, or the party member linked to the household; otherwise network.not_linked /
// auth.forbidden.
void RequireHouseholdAccess(StoreTx& tx, const Actor& actor, const domain::Household& household);

// The group leader who looks after `member` (their leader link), else the leader of their own
// party org, never the member themself.
std::optional<domain::PartyMember> LeaderOfMember(StoreTx& tx, const domain::PartyMember& member);
// Whether `member` leads their branch or one of its groups (a 党小组长 themself).
bool LeadsAGroup(StoreTx& tx, const domain::PartyMember& member);

// The nearest ancestor's settings (or the defaults) of a region path "/1/2/3/".
domain::NetworkSettings EffectiveSettings(StoreTx& tx, std::string_view region_path, Id region_id);

// Appends one field problem.
void Problem(std::vector<domain::FieldProblem>& problems, const char* field, const char* code,
             const char* message);
// Throws validation.failed ("输入有误") with `problems` unless there are none.
void ThrowIf(std::vector<domain::FieldProblem> problems);

// The shared text helpers (domain/text.hpp) under the names this area's files use.
using domain::IsIsoDate;
using domain::Trim;
using domain::Utf8Length;

// Seconds of 00:00 China Standard Time (UTC+8) on 1 January of `year`.
domain::Epoch YearStart(int year);
int YearOf(domain::Epoch at);
// "YYYY-MM-DD" of an epoch in China Standard Time.
std::string DateOf(domain::Epoch at);
// The village a region path belongs to (the region itself when it is a village, the parent of a
// group); nullopt above village level.
std::optional<domain::Region> VillageOf(StoreTx& tx, std::string_view region_path);

}  // namespace minqing::app::network_internal

namespace minqing::app {

// A village as the builder reads it (LoadVillageInput, network_service.cpp); the village tree
// (network_reading.cpp) is drawn from it too.
struct NetworkService::VillageInput {
  domain::Region village;
  domain::NetworkSettings settings;
  std::vector<NetworkHousehold> households;
  std::vector<NetworkMember> members;
  std::vector<domain::ContactLink> links;
  std::unordered_map<Id, std::int64_t> capacity;
  domain::NetworkInput builder;
  // The leader layer: the village's party organisations (branches, each followed by its groups),
  // leader → member links, groups without a leader, and the builder input (carers = leaders).
  std::vector<domain::PartyOrg> orgs;
  std::vector<domain::LeaderLink> leader_links;
  std::vector<domain::PartyOrg> leaderless;
  domain::NetworkInput leader_builder;
  std::uint64_t fingerprint = 1469598103934665603ULL;
};

}  // namespace minqing::app
