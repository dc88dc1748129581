// Every code table the API speaks (roles, region levels, matter and network codes...), each under
// a stable kind name ("role", "matter_status", ...) with its rows {code, Chinese label, English
// label} in display order. The tables are the domain's enum tables (enum_table.hpp) plus the few
// codes the services produce as plain strings (appointment statuses, visit confirmation channels,
// sign-off proofs) and the escalation levels; GET /api/v1/codes serves them so the web has one
// source of labels. Thread-safety: immutable constants; CodeTables() is built once and safe to call
// concurrently.
#pragma once

#include <string_view>
#include <vector>

namespace minqing::domain {

struct CodeRow {
  std::string_view code;
  std::string_view label_zh;
  std::string_view label_en;
};

struct CodeKind {
  std::string_view kind;  // Stable name, e.g. "role", "region_level", "matter_status".
  std::vector<CodeRow> rows;
};

// Every kind, in a fixed order; within a kind, rows in display order.
const std::vector<CodeKind>& CodeTables();

// The Chinese label of `code` in table `kind`; empty when the kind or the code is unknown.
std::string_view CodeLabel(std::string_view kind, std::string_view code);

namespace detail {
// The kinds of each domain file's enum tables, defined next to those tables.
std::vector<CodeKind> RegistryCodeKinds();  // codes.cpp
std::vector<CodeKind> MatterCodeKinds();    // matter.cpp
std::vector<CodeKind> NetworkCodeKinds();   // network.cpp
CodeKind UncoveredReasonCodeKind();         // contact_network_builder.cpp
std::vector<CodeKind> VoteCodeKinds();      // votes.cpp
}  // namespace detail

}  // namespace minqing::domain
