// The tamper-evident record (防篡改记录): what one chained audit entry hashes, and the proving
// content that closures (matter sign-offs) and visit confirmations carry. This file is the one
// definition of the canonical content; storage hashes it and `minqing verify` recomputes it.
//
// Canonical content of an entry (UTF-8 bytes, hashed with SHA-256, hex in lower case):
//
//   minqing.audit.v1\n
//   then one line per field, in this order:
//     seq, prev_hash, id, at, user_id, username, action, entity, entity_id,
//     before_json, after_json, channel, proof
//   then, only when the entry has a request id (entries made through HTTP since V060):
//     request_id
//   each written as  <name>=<byte length>:<bytes>\n  or, for a NULL,  <name>=null\n
//
// The request id is hashed, so it cannot be changed afterwards; an entry without one hashes
// exactly as before the field existed, so older chains verify unchanged.
//
// Integers are decimal text (a minus sign, no leading zeros, no plus sign); text is copied
// byte for byte, so no value can be mistaken for a field boundary. prev_hash is the previous
// entry's hash (kGenesisHash before the first entry), so entry_hash = SHA-256(canonical
// content) covers the whole chain behind it.
//
// Proofs use the same field encoding, without the header line:
//   matter: kind=matter, id, number, status (number), solved (1/0/null), rating (or null),
//           confirmed_via (opaque text), closed_at (or null)
//   visit:  kind=visit, id, household_id, member_id (or null), confirmed_via (opaque text),
//           confirmed_at (or null)
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter.hpp"
#include "domain/model.hpp"
#include "domain/network.hpp"

namespace minqing::domain {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Appends one `name=len:bytes\n` (or `name=null\n`) field.
void AppendCanonicalField(std::string& out, std::string_view name,
                          std::optional<std::string_view> value);
void AppendCanonicalField(std::string& out, std::string_view name,
                          std::optional<std::int64_t> value);

// The text SHA-256 is taken of, for `entry` at position `seq` after `prev_hash`.
std::string CanonicalAuditContent(const AuditEntry& entry, std::int64_t seq,
                                  std::string_view prev_hash);

// The proving content of a matter's sign-off state and of a visit's confirmation.
std::string MatterProof(const Matter& matter);
std::string VisitProof(const Visit& visit);

// The head of the chain: the last chained entry. started_at is null while a database created
// before the chain has not started it (`minqing verify --start-chain`); 0 when the chain covers
// the database from its creation.
struct ChainHead {
  std::optional<Epoch> started_at;
  std::int64_t seq = 0;
  std::string hash;
};

// A head published for a China day (中国时间日期, "2026-12-02"), kept so an auditor can compare
// what was published with what `verify` recomputes.
struct PublishedHead {
  std::string day;
  std::int64_t seq = 0;
  std::string hash;
  Epoch published_at = 0;
};

struct ChainReport {
  bool started = false;
  bool intact = true;
  std::int64_t entries = 0;            // Chained entries checked.
  std::int64_t pre_chain_entries = 0;  // Audit rows older than the chain (not covered).
  std::int64_t matters_checked = 0;    // Matters cross-checked against their latest proof.
  std::int64_t visits_checked = 0;
  std::int64_t uncovered_closures = 0;  // Closed before the chain started.
  std::int64_t published_checked = 0;
  ChainHead head;
  // The first problem found (empty when intact): which entry or row, and what is wrong.
  std::optional<Id> problem_entry_id;
  std::optional<std::int64_t> problem_seq;
  std::string problem;
};

}  // namespace minqing::domain
