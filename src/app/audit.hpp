// Recording changes in the append-only audit log, and the compact JSON snapshots of values that
// go into its before/after columns. Personal numbers are masked in snapshots. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/store.hpp"

namespace minqing::app {

// Builds one flat JSON object; values are escaped. Not a general JSON library: app/ only needs
// flat snapshots, and nlohmann::json stays inside http/.
class JsonObjectWriter {
 public:
  JsonObjectWriter& Add(std::string_view key, std::string_view value);
  JsonObjectWriter& Add(std::string_view key, const char* value) {
    return Add(key, std::string_view(value));
  }
  JsonObjectWriter& Add(std::string_view key, std::int64_t value);
  JsonObjectWriter& Add(std::string_view key, bool value);
  JsonObjectWriter& Add(std::string_view key, const std::optional<std::int64_t>& value);
  JsonObjectWriter& Add(std::string_view key, const std::optional<double>& value);
  std::string Finish() const { return body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_ = "{";
};

std::string JsonEscape(std::string_view text);

std::string Snapshot(const domain::Region& region);
std::string Snapshot(const domain::Household& household);
std::string Snapshot(const domain::Resident& resident);
std::string Snapshot(const domain::PartyOrg& org);
std::string Snapshot(const domain::PartyMember& member);
std::string Snapshot(const domain::Unit& unit);
std::string Snapshot(const domain::Staff& staff);
std::string Snapshot(const domain::User& user);

// Appends one entry: who (from the actor), when (actor.now), what, and from which channel.
void RecordAudit(StoreTx& tx, const Actor& actor, std::string_view action, std::string_view entity,
                 domain::Id entity_id, std::string before_json, std::string after_json);

// The tamper-evident record as the public sees it: the current head and the heads published
// for the last `days` China days, newest first.
struct ChainBoard {
  domain::ChainHead current;
  std::vector<domain::PublishedHead> published;
};
ChainBoard ReadChainBoard(Store& store, int days);

// Publishes the head for the China day of `now` unless that day already has one (the first
// publication of a day wins, so restarts do not change it). Null while the chain is not started.
std::optional<domain::PublishedHead> PublishTodaysChainHead(Store& store, domain::Epoch now);

}  // namespace minqing::app
