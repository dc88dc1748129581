#include "storage/audit_chain.hpp"

#include <sodium.h>

#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {

namespace {

using domain::AuditEntry;
using domain::Epoch;
using domain::Id;

std::string_view Sql(Connection& conn, sql::Query query) { return QuerySql(query, conn.dialect()); }

std::string Trimmed(std::string_view sql) {
  std::string out(sql);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Where the chain's rows are: the audit log and, on PostgreSQL, its partitions archived out of it
// (minqing partitions archive, V062), which the chain still covers: archiving moves rows, it
// does not break the chain; dropping an archived partition shows as deleted entries.
std::string AuditRows(Connection& conn) {
  if (conn.dialect() != Dialect::kPostgres) return "audit_log";
  auto archived = conn.Query(std::string(Sql(conn, sql::audit_archived_partitions)), {});
  if (archived.empty()) return "audit_log";
  std::string rows = "(SELECT * FROM audit_log";
  for (const auto& row : archived) {
    const std::string name = row.GetText(0);
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
      throw domain::StorageError("storage.bad_archive", "归档分区名称异常: " + name);
    }
    rows += " UNION ALL SELECT * FROM minqing_archive." + name;
  }
  return rows + ")";
}

// The chain's select (audit_chain_select.sql) over `audit_rows` (AuditRows()), to be followed by a
// WHERE.
std::string ChainSelect(Connection& conn, const std::string& audit_rows) {
  std::string select = Trimmed(Sql(conn, sql::audit_chain_select));
  const std::string from = "FROM audit_log a";
  const std::size_t at = select.rfind(from);
  if (at == std::string::npos) throw std::logic_error("audit_chain_select reads audit_log a");
  return select.replace(at, from.size(), "FROM " + audit_rows + " a");
}

// An audit row as the chain reads it: ReadAudit's columns (request_id last), then seq, prev and
// entry hash, proof.
AuditEntry ReadEntry(const Row& row) {
  AuditEntry a = ReadAudit(row);
  a.proof = row.GetText(14);
  return a;
}

domain::Matter ReadMatterProofRow(const Row& row) {
  domain::Matter m;
  m.id = row.GetInt64(0);
  m.number = row.GetText(1);
  m.status = static_cast<domain::MatterStatus>(row.GetInt64(2));
  if (auto solved = row.GetOptionalInt64(3)) m.solved = *solved != 0;
  if (auto rating = row.GetOptionalInt64(4)) m.rating = static_cast<int>(*rating);
  m.confirmed_via = row.GetText(5);
  m.closed_at = row.GetOptionalInt64(6);
  return m;
}

domain::Visit ReadVisitProofRow(const Row& row) {
  domain::Visit v;
  v.id = row.GetInt64(0);
  v.household_id = row.GetInt64(1);
  v.member_id = row.GetOptionalInt64(2);
  v.confirmed_via = row.GetText(3);
  v.confirmed_at = row.GetOptionalInt64(4);
  return v;
}

// The proving state of the object an entry is about, as the transaction sees it now. An intake
// ("matter.accept") creates an open matter: nothing to prove, and no extra read on the hot path.
std::string CurrentProof(Connection& conn, const AuditEntry& e) {
  if (e.entity_id == 0) return "";
  if (e.entity == "matter" && e.action != "matter.accept") {
    auto rows =
        conn.Query(Trimmed(Sql(conn, sql::audit_proof_matter)) + " WHERE m.id = $1", {e.entity_id});
    return rows.empty() ? "" : domain::MatterProof(ReadMatterProofRow(rows[0]));
  }
  if (e.entity == "visit") {
    auto rows =
        conn.Query(Trimmed(Sql(conn, sql::audit_proof_visit)) + " WHERE v.id = $1", {e.entity_id});
    return rows.empty() ? "" : domain::VisitProof(ReadVisitProofRow(rows[0]));
  }
  return "";
}

domain::ChainHead HeadFrom(const std::vector<Row>& rows) {
  if (rows.empty())
    throw domain::StorageError("storage.chain_head", "审计链头缺失（数据库未迁移）");
  domain::ChainHead head;
  head.started_at = rows[0].GetOptionalInt64(0);
  head.seq = rows[0].GetInt64(1);
  head.hash = rows[0].GetText(2);
  return head;
}

void InsertEntry(Connection& conn, const AuditEntry& a, std::optional<std::int64_t> seq,
                 const std::string& prev_hash, const std::string& hash) {
  // Sent with the transaction's next read or its commit: an entry's id is new, and a failure
  // fails the transaction.
  conn.ExecuteLater(Sql(conn, sql::audit_chain_insert),
                    {a.id, a.at, OptionalValue(a.user_id), a.username, a.action, a.entity,
                     a.entity_id, a.before_json, a.after_json, a.channel,
                     a.request_id.empty() ? Value(nullptr) : Value(a.request_id),
                     OptionalValue(seq), prev_hash, hash, a.proof});
}

// The digest that freezes the rows older than the chain: SHA-256 over their canonical contents
// (seq 0, empty prev_hash) in id order. `chain_select` is ChainSelect()'s.
std::pair<std::int64_t, std::string> PreChainDigest(Connection& conn,
                                                    const std::string& chain_select) {
  auto rows = conn.Query(chain_select + " WHERE a.chain_seq IS NULL ORDER BY a.id");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const auto& row : rows) {
    std::string content = domain::CanonicalAuditContent(ReadEntry(row), 0, "");
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(content.data()),
                              content.size());
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), out, sizeof(out));
  return {static_cast<std::int64_t>(rows.size()), std::string(hex)};
}

std::string StartJson(std::int64_t count, const std::string& digest) {
  return "{\"pre_chain_entries\":" + std::to_string(count) + ",\"pre_chain_digest\":\"" + digest +
         "\"}";
}

std::string Describe(const AuditEntry& e) {
  return "entry " + std::to_string(e.id) + " (" + e.action + ")";
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), out, sizeof(out));
  return std::string(hex);
}

domain::ChainHead ReadChainHead(Connection& conn) {
  return HeadFrom(
      conn.Query("SELECT started_at, seq, hash FROM audit_chain_head WHERE id = 1", {}));
}

void AppendChained(Connection& conn, std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  domain::ChainHead head = HeadFrom(conn.Query(Sql(conn, sql::audit_chain_head_lock), {}));
  for (auto& e : entries) {
    if (e.proof.empty()) e.proof = CurrentProof(conn, e);
    if (!head.started_at) {
      InsertEntry(conn, e, std::nullopt, "", "");
      continue;
    }
    std::int64_t seq = head.seq + 1;
    std::string hash = Sha256Hex(domain::CanonicalAuditContent(e, seq, head.hash));
    InsertEntry(conn, e, seq, head.hash, hash);
    head.seq = seq;
    head.hash = std::move(hash);
  }
  if (head.started_at) {
    conn.ExecuteLater(Sql(conn, sql::audit_chain_head_update),
                      {OptionalValue(head.started_at), head.seq, head.hash});
  }
}

ChainStart StartChain(Connection& conn, Epoch now) {
  ChainStart result;
  domain::ChainHead head = HeadFrom(conn.Query(Sql(conn, sql::audit_chain_head_lock), {}));
  if (!head.started_at) {
    auto [count, digest] = PreChainDigest(conn, ChainSelect(conn, AuditRows(conn)));
    conn.Execute(Sql(conn, sql::audit_chain_head_update),
                 {now, std::int64_t{0}, std::string(domain::kGenesisHash)});
    AuditEntry start;
    start.id = domain::NewId();
    start.at = now;
    start.username = "system";
    start.action = "chain.start";
    start.entity = "audit_log";
    start.after_json = StartJson(count, digest);
    start.channel = "cli";
    AppendChained(conn, {start});
    result.started_now = true;
  }
  std::map<std::pair<std::string, Id>, bool> proven;
  for (const auto& row : conn.Query(
           "SELECT entity, entity_id FROM audit_log WHERE proof <> '' AND chain_seq IS NOT NULL",
           {})) {
    proven[{row.GetText(0), row.GetInt64(1)}] = true;
  }
  std::vector<AuditEntry> seals;
  auto seal = [&](std::string entity, Id id, std::string proof) {
    AuditEntry e;
    e.id = domain::NewId();
    e.at = now;
    e.username = "system";
    e.action = "chain.seal";
    e.entity = std::move(entity);
    e.entity_id = id;
    e.channel = "cli";
    e.proof = std::move(proof);
    seals.push_back(std::move(e));
  };
  for (const auto& row : conn.Query(
           Trimmed(Sql(conn, sql::audit_proof_matter)) + " WHERE m.status = 5 ORDER BY m.id", {})) {
    domain::Matter m = ReadMatterProofRow(row);
    if (!proven.contains({"matter", m.id})) seal("matter", m.id, domain::MatterProof(m));
  }
  for (const auto& row : conn.Query(Trimmed(Sql(conn, sql::audit_proof_visit)) +
                                        " WHERE v.confirmed_at IS NOT NULL ORDER BY v.id",
                                    {})) {
    domain::Visit v = ReadVisitProofRow(row);
    if (!proven.contains({"visit", v.id})) seal("visit", v.id, domain::VisitProof(v));
  }
  result.sealed = static_cast<std::int64_t>(seals.size());
  AppendChained(conn, std::move(seals));
  return result;
}

std::optional<domain::PublishedHead> PublishHead(Connection& conn, const std::string& day,
                                                 Epoch now) {
  domain::ChainHead head = ReadChainHead(conn);
  if (!head.started_at) return std::nullopt;
  conn.Execute(Sql(conn, sql::audit_chain_publish), {day, head.seq, head.hash, now});
  auto rows =
      conn.Query(Trimmed(Sql(conn, sql::audit_chain_published_select)) + " WHERE day = $1", {day});
  if (rows.empty()) return std::nullopt;
  return domain::PublishedHead{rows[0].GetText(0), rows[0].GetInt64(1), rows[0].GetText(2),
                               rows[0].GetInt64(3)};
}

std::vector<domain::PublishedHead> ListPublishedHeads(Connection& conn, int limit) {
  std::vector<domain::PublishedHead> out;
  for (const auto& row :
       conn.Query(Trimmed(Sql(conn, sql::audit_chain_published_select)) +
                      " ORDER BY day DESC LIMIT " + std::to_string(std::max(1, limit)),
                  {})) {
    out.push_back({row.GetText(0), row.GetInt64(1), row.GetText(2), row.GetInt64(3)});
  }
  return out;
}

domain::ChainReport VerifyChain(Connection& conn) {
  domain::ChainReport r;
  r.head = ReadChainHead(conn);
  r.started = r.head.started_at.has_value();
  auto fail = [&](const AuditEntry* e, std::optional<std::int64_t> seq, std::string what) {
    r.intact = false;
    if (e) r.problem_entry_id = e->id;
    r.problem_seq = seq;
    r.problem = std::move(what);
    return r;
  };
  // The audit log and its archived partitions, looked up once for the reads below.
  const std::string audit_rows = AuditRows(conn);
  if (!r.started) {
    r.pre_chain_entries =
        conn.Query("SELECT COUNT(*) FROM " + audit_rows + " a", {}).at(0).GetInt64(0);
    r.intact = false;
    r.problem = "never chained: this database was created before the chain";
    return r;
  }

  const std::string chain_select = ChainSelect(conn, audit_rows);
  auto rows =
      conn.Query(chain_select + " WHERE a.chain_seq IS NOT NULL ORDER BY a.chain_seq, a.id");
  std::vector<AuditEntry> entries;
  std::vector<std::int64_t> seqs;
  std::vector<std::string> prevs;
  std::vector<std::string> hashes;
  entries.reserve(rows.size());
  std::unordered_map<std::string, std::size_t> by_hash;
  for (const auto& row : rows) {
    entries.push_back(ReadEntry(row));
    seqs.push_back(row.GetInt64(11));
    prevs.push_back(row.GetText(12));
    hashes.push_back(row.GetText(13));
    by_hash.emplace(hashes.back(), hashes.size() - 1);
  }
  rows.clear();

  // Latest proof per object: "matter"/"visit" id -> index of the entry.
  std::map<std::pair<std::string, Id>, std::size_t> latest;
  std::string prev(domain::kGenesisHash);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const AuditEntry& e = entries[i];
    const std::int64_t expected = static_cast<std::int64_t>(i) + 1;
    if (seqs[i] < expected) {
      return fail(&e, seqs[i],
                  Describe(e) + " repeats position " + std::to_string(seqs[i]) +
                      ", which another entry holds: inserted or copied into the chain");
    }
    if (seqs[i] != expected) {
      return fail(&e, seqs[i],
                  "entries " + std::to_string(expected) +
                      (seqs[i] - 1 > expected ? ".." + std::to_string(seqs[i] - 1) : "") +
                      " are missing before " + Describe(e) + ": deleted");
    }
    if (prevs[i] != prev) {
      auto other = by_hash.find(prevs[i]);
      if (other != by_hash.end() && other->second != i) {
        return fail(&e, seqs[i],
                    Describe(e) + " at position " + std::to_string(seqs[i]) +
                        " is out of order: it was chained after " +
                        Describe(entries[other->second]) + ", now at position " +
                        std::to_string(seqs[other->second]));
      }
      return fail(&e, seqs[i],
                  "the entry chained before " + Describe(e) + " (position " +
                      std::to_string(seqs[i] - 1) + ") was deleted or replaced");
    }
    if (Sha256Hex(domain::CanonicalAuditContent(e, seqs[i], prevs[i])) != hashes[i]) {
      return fail(&e, seqs[i],
                  Describe(e) + " at position " + std::to_string(seqs[i]) +
                      " was edited: its content no longer matches its hash");
    }
    if (!e.proof.empty() && (e.entity == "matter" || e.entity == "visit")) {
      latest[{e.entity, e.entity_id}] = i;
    }
    prev = hashes[i];
  }
  r.entries = static_cast<std::int64_t>(entries.size());
  const AuditEntry* last = entries.empty() ? nullptr : &entries.back();
  if (r.head.seq != r.entries || r.head.hash != prev) {
    return fail(last, r.entries,
                "the chain ends at position " + std::to_string(r.entries) + " but its head says " +
                    std::to_string(r.head.seq) +
                    ": entries were deleted from its end (or the head was changed)");
  }

  // Rows outside the chain: only those older than it, frozen by the chain.start entry.
  auto [count, digest] = PreChainDigest(conn, chain_select);
  r.pre_chain_entries = count;
  if (*r.head.started_at == 0 ? count != 0
                              : (entries.empty() || entries[0].action != "chain.start" ||
                                 entries[0].after_json != StartJson(count, digest))) {
    auto strays =
        conn.Query(chain_select + " WHERE a.chain_seq IS NULL AND a.at >= $1 ORDER BY a.id",
                   {*r.head.started_at});
    if (!strays.empty()) {
      AuditEntry stray = ReadEntry(strays[0]);
      return fail(&stray, std::nullopt,
                  Describe(stray) + " was inserted outside the chain (it has no position)");
    }
    return fail(entries.empty() ? nullptr : &entries[0], entries.empty() ? 0 : 1,
                "the audit rows older than the chain changed since it started (now " +
                    std::to_string(count) + " rows)");
  }

  for (const auto& published : ListPublishedHeads(conn, 100000)) {
    ++r.published_checked;
    std::string recomputed;
    if (published.seq == 0) {
      recomputed = std::string(domain::kGenesisHash);
    } else if (published.seq <= r.entries) {
      recomputed = hashes[static_cast<std::size_t>(published.seq - 1)];
    }
    if (recomputed != published.hash) {
      const AuditEntry* at = published.seq >= 1 && published.seq <= r.entries
                                 ? &entries[static_cast<std::size_t>(published.seq - 1)]
                                 : nullptr;
      return fail(at, published.seq,
                  "the head published on " + published.day + " (position " +
                      std::to_string(published.seq) + ", " + published.hash.substr(0, 12) +
                      "…) is not what the chain gives now: the record was rewritten after");
    }
  }

  const Epoch started = *r.head.started_at;
  for (const auto& row :
       conn.Query(Trimmed(Sql(conn, sql::audit_proof_matter)) + " ORDER BY m.id")) {
    domain::Matter m = ReadMatterProofRow(row);
    auto it = latest.find({"matter", m.id});
    if (it == latest.end()) {
      if (m.status != domain::MatterStatus::kClosed) continue;
      if (m.closed_at && *m.closed_at < started) {
        ++r.uncovered_closures;
        continue;
      }
      return fail(nullptr, std::nullopt,
                  "matter " + m.number + " (id " + std::to_string(m.id) +
                      ") is closed but has no chained record of its closure");
    }
    ++r.matters_checked;
    const AuditEntry& e = entries[it->second];
    if (domain::MatterProof(m) != e.proof) {
      return fail(&e, seqs[it->second],
                  "matter " + m.number + " (id " + std::to_string(m.id) +
                      ") differs from its latest chained record, " + Describe(e) +
                      ": its sign-off (solved, rating, proof, closed_at or status) was edited");
    }
    latest.erase(it);
  }
  for (const auto& row :
       conn.Query(Trimmed(Sql(conn, sql::audit_proof_visit)) + " ORDER BY v.id")) {
    domain::Visit v = ReadVisitProofRow(row);
    auto it = latest.find({"visit", v.id});
    if (it == latest.end()) {
      if (!v.confirmed_at) continue;
      if (*v.confirmed_at < started) {
        ++r.uncovered_closures;
        continue;
      }
      return fail(nullptr, std::nullopt,
                  "visit " + std::to_string(v.id) +
                      " is confirmed but has no chained record of its confirmation");
    }
    ++r.visits_checked;
    const AuditEntry& e = entries[it->second];
    if (domain::VisitProof(v) != e.proof) {
      return fail(&e, seqs[it->second],
                  "visit " + std::to_string(v.id) + " differs from its latest chained record, " +
                      Describe(e) + ": its confirmation (channel, time, household or member) " +
                      "was edited");
    }
    latest.erase(it);
  }
  if (!latest.empty()) {
    const auto& [key, index] = *latest.begin();
    return fail(&entries[index], seqs[index],
                key.first + " " + std::to_string(key.second) +
                    " has a chained record but its row was deleted");
  }
  return r;
}

}  // namespace minqing::storage
