// The hash chain over the audit log, on either engine: appending, verifying, starting it on an
// older database, and publishing the day's head. The canonical content and the proofs are
// defined in domain/audit_chain.hpp; this file hashes them (SHA-256, libsodium).
//
// Appends run inside the caller's write transaction and read the head row first: SQLite has one
// writer (BEGIN IMMEDIATE); on PostgreSQL the head row is locked (SELECT ... FOR UPDATE), so
// concurrent writers chain one after another and a rolled-back transaction leaves no gap.
// Thread-safety: functions use only the connection they are given (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit_chain.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

std::string Sha256Hex(std::string_view bytes);

// Chains `entries` in order (they get their proof, seq, prev_hash and hash) and moves the head.
// While the chain is not started the rows are written unchained.
void AppendChained(Connection& conn, std::vector<domain::AuditEntry> entries);

domain::ChainHead ReadChainHead(Connection& conn);

// Recomputes the chain, the published heads and the matter/visit cross-checks; stops at the
// first problem.
domain::ChainReport VerifyChain(Connection& conn);

struct ChainStart {
  bool started_now = false;  // The chain was not started and now is (a chain.start entry).
  std::int64_t sealed = 0;   // Closures and confirmations given their first chained record.
};
// Starts the chain if needed, then seals every closed matter and confirmed visit that has no
// chained record yet ("chain.seal" entries), so the cross-check covers it from now on.
ChainStart StartChain(Connection& conn, domain::Epoch now);

// Publishes the head for `day` unless the day has one; returns the day's head (null while the
// chain is not started).
std::optional<domain::PublishedHead> PublishHead(Connection& conn, const std::string& day,
                                                 domain::Epoch now);
// Newest first.
std::vector<domain::PublishedHead> ListPublishedHeads(Connection& conn, int limit);

}  // namespace minqing::storage
