// The repository of year-end votes (述职评议): sessions, the hashes of their one-time codes, the
// per-choice counters and the per-reason refusal counters. It stores nothing that ties a choice
// to a code or a voter: a ballot marks its code's hash used and adds one to a counter, and
// neither write records a time or an order. Thread-safety: as the transaction it belongs to.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "domain/votes.hpp"

namespace minqing::app {

// A voter of a village: a resident who sits on the village committees, is a party member or a
// villager representative.
struct EligibleVoter {
  domain::Id resident_id = 0;
  std::string name;
  std::string phone;  // Unmasked: used to send the code, never shown.
  bool village_committee = false;
  bool party_member = false;
  bool villager_rep = false;
};

// A code's hash as stored: the session it belongs to and whether it has voted.
struct StoredVoteCode {
  domain::Id session_id = 0;
  bool used = false;
};

class VoteRepository {
 public:
  virtual ~VoteRepository() = default;

  // Inserts the session and its three zero counters.
  virtual void InsertSession(const domain::VoteSession& session) = 0;
  // Updates every stored field but id, region and creation; NotFound "vote.not_found" if absent.
  virtual void UpdateSession(const domain::VoteSession& session) = 0;
  virtual std::optional<domain::VoteSession> FindSession(domain::Id id) = 0;
  // Sessions whose village lies under `region_path_prefix` ("" = all), newest year first, then
  // newest first; of `year` only when given.
  virtual std::vector<domain::VoteSession> ListSessions(std::string_view region_path_prefix,
                                                        std::optional<int> year) = 0;
  // The published sessions of the village `region_id`, newest published first, at most `limit`.
  virtual std::vector<domain::VoteSession> ListPublished(domain::Id region_id, int limit) = 0;

  // Residents housed under `village_path` who hold a voter role, by name.
  virtual std::vector<EligibleVoter> ListEligibleVoters(std::string_view village_path) = 0;

  // Stores unused codes by hash. A hash that exists already throws Conflict.
  virtual void InsertCodes(domain::Id session_id, const std::vector<std::string>& hashes) = 0;
  virtual std::optional<StoredVoteCode> FindCode(std::string_view hash) = 0;
  // Marks the code used if it belongs to `session_id` and is unused; whether it did (atomic: of
  // two ballots with one code, one wins).
  virtual bool UseCode(std::string_view hash, domain::Id session_id) = 0;
  // Codes of the session: issued and used.
  virtual std::int64_t CountCodes(domain::Id session_id, bool used_only) = 0;

  // Adds one vote for `choice`.
  virtual void AddVote(domain::Id session_id, domain::VoteChoice choice) = 0;
  virtual domain::VoteTally Tally(domain::Id session_id) = 0;

  // Adds one refusal for `reason` (a BallotRefusalCode).
  virtual void CountRefusal(domain::Id session_id, std::string_view reason) = 0;
  // Refusals by reason code.
  virtual std::map<std::string, std::int64_t> Refusals(domain::Id session_id) = 0;

  // Blanks the text and parameters of every vote_code message in the SMS outbox that is no longer
  // waiting to be sent, so that no stored row says which code a voter was sent; how many.
  virtual std::int64_t ScrubSentVoteCodes() = 0;
};

}  // namespace minqing::app
