// A fictional county the size of Raoyang (饶阳县, Hebei, code 131124) for demonstrations, tests
// and benchmarks: 10 townships, ~200 villages of very different sizes with 2–6 groups (组) each,
// ~56,000 households (户), ~180,000 residents with valid and unique ID-card numbers, one party
// branch (党支部) per village with 1–4 party groups (党小组) and ~9,200 members, service centres,
// bureaus, a company and a volunteer team with staff, and one login per role.
//
// Region codes: county 131124000000; townships 131124TTT000 (TTT 100–104 for 镇, 200–204 for
// 乡); villages 131124TTTVVV (VVV from 201); groups are the village code followed by a two-digit
// group number (13112410020101 is group 1 of village 131124100201). 户编号 is the village code
// followed by a four-digit serial. Ages are as of 2025-01-01.
//
// GenerateDemoCounty is deterministic for a seed except for the ids, which come from
// domain::NewId() so that the rows can join any database. Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

inline constexpr std::string_view kDemoPassword = "demo123456";

struct DemoCounty {
  std::vector<domain::Region> regions;  // Parents before children: county, townships, ...
  std::vector<domain::Household> households;
  std::vector<domain::Resident> residents;
  std::vector<domain::PartyOrg> party_orgs;  // Branches before their groups.
  std::vector<domain::PartyMember> party_members;
  std::vector<domain::Unit> units;
  std::vector<domain::Staff> staff;
};

struct DemoLogin {
  std::string username;
  std::string role;         // domain::RoleCode
  std::string description;  // Chinese: what this login sees.
};

struct DemoSummary {
  std::int64_t townships = 0;
  std::int64_t villages = 0;
  std::int64_t groups = 0;
  std::int64_t households = 0;
  std::int64_t residents = 0;
  std::int64_t party_orgs = 0;
  std::int64_t party_members = 0;
  std::int64_t units = 0;
  std::int64_t staff = 0;
  std::vector<DemoLogin> logins;            // All with kDemoPassword.
  std::vector<std::string> skipped_logins;  // Usernames that already existed and were kept.
};

DemoCounty GenerateDemoCounty(std::uint64_t seed);

// Generates the county and writes it in one transaction (bulk inserts, one "demo.load" audit
// entry), then creates the demo logins (admin, leader, clerk, handler, assistant, member,
// resident) with kDemoPassword; a login whose username exists is left as it is. Throws
// domain::Conflict ("demo.not_empty") when the database already holds households.
DemoSummary LoadDemoCounty(app::Services& services, std::uint64_t seed, domain::Epoch now);

}  // namespace minqing::demo
