#include "storage/sql_vote_repository.hpp"

#include <utility>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::VoteSession ReadSession(const Row& row) {
  domain::VoteSession s;
  s.id = row.GetInt64(0);
  s.region_id = row.GetInt64(1);
  s.region_path = row.GetText(2);
  s.assessed_user_id = row.GetInt64(3);
  s.posting_id = row.GetOptionalInt64(4);
  s.title = row.GetText(5);
  s.year = static_cast<int>(row.GetInt64(6));
  s.report = row.GetText(7);
  s.scorecard = row.GetText(8);
  s.opens_at = row.GetInt64(9);
  s.closes_at = row.GetInt64(10);
  s.state = static_cast<domain::VoteState>(row.GetInt64(11));
  s.issued_at = row.GetOptionalInt64(12);
  s.printed = row.GetInt64(13);
  s.texted = row.GetInt64(14);
  s.created_by = row.GetOptionalInt64(15);
  s.created_at = row.GetInt64(16);
  s.updated_at = row.GetInt64(17);
  s.published_at = row.GetOptionalInt64(18);
  s.region_name = row.GetText(19);
  s.assessed_name = row.GetText(20);
  return s;
}

class SqlVoteRepository final : public app::VoteRepository {
 public:
  explicit SqlVoteRepository(Connection& conn) : conn_(conn) {}

  void InsertSession(const domain::VoteSession& s) override {
    RunSql(
        conn_, sql::vote_session_insert,
        {s.id, s.region_id, s.region_path, s.assessed_user_id, OptionalValue(s.posting_id), s.title,
         std::int64_t{s.year}, s.report, s.scorecard, s.opens_at, s.closes_at,
         static_cast<std::int64_t>(s.state), OptionalValue(s.issued_at), s.printed, s.texted,
         OptionalValue(s.created_by), s.created_at, s.updated_at, OptionalValue(s.published_at)});
    RunSql(conn_, sql::vote_tally_init, {s.id});
  }

  void UpdateSession(const domain::VoteSession& s) override {
    RequireOneRow(RunSql(conn_, sql::vote_session_update,
                         {s.id, s.assessed_user_id, OptionalValue(s.posting_id), s.title,
                          std::int64_t{s.year}, s.report, s.scorecard, s.opens_at, s.closes_at,
                          static_cast<std::int64_t>(s.state), OptionalValue(s.issued_at), s.printed,
                          s.texted, s.updated_at, OptionalValue(s.published_at)}),
                  "vote.not_found", "评议不存在");
  }

  std::optional<domain::VoteSession> FindSession(Id id) override {
    return First<domain::VoteSession>(
        SelectRows(conn_, sql::vote_session_select, " WHERE v.id = $1", {id}), ReadSession);
  }

  std::vector<domain::VoteSession> ListSessions(std::string_view region_path_prefix,
                                                std::optional<int> year) override {
    QueryBuilder b;
    b.Where("v.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
    if (year) b.Where("v.year = " + b.Param(std::int64_t{*year}));
    return ReadAll<domain::VoteSession>(
        SelectRows(
            conn_, sql::vote_session_select,
            b.WhereClause() + " ORDER BY v.year DESC, v.created_at DESC, v.id DESC LIMIT 500",
            b.params()),
        ReadSession);
  }

  std::vector<domain::VoteSession> ListPublished(Id region_id, int limit) override {
    return ReadAll<domain::VoteSession>(
        SelectRows(conn_, sql::vote_session_select,
                   " WHERE v.region_id = $1 AND v.state = $2"
                   " ORDER BY v.published_at DESC, v.id DESC LIMIT $3",
                   {region_id, static_cast<std::int64_t>(domain::VoteState::kPublished),
                    std::int64_t{limit}}),
        ReadSession);
  }

  std::vector<app::EligibleVoter> ListEligibleVoters(std::string_view village_path) override {
    std::vector<app::EligibleVoter> out;
    for (const Row& row :
         QueryRows(conn_, sql::vote_eligible_voters, {PathPrefixPattern(village_path)})) {
      app::EligibleVoter v;
      v.resident_id = row.GetInt64(0);
      v.name = row.GetText(1);
      v.phone = row.GetText(2);
      v.village_committee = row.GetInt64(3) != 0;
      v.villager_rep = row.GetInt64(4) != 0;
      v.party_member = row.GetInt64(5) != 0;
      out.push_back(std::move(v));
    }
    return out;
  }

  void InsertCodes(Id session_id, const std::vector<std::string>& hashes) override {
    for (const auto& hash : hashes) {
      RenameConflict(
          [&] {
            RunSql(conn_, sql::vote_code_insert, {hash, session_id});
          },
          "vote.code_exists", "投票码重复，请重新发放");
    }
  }

  std::optional<app::StoredVoteCode> FindCode(std::string_view hash) override {
    auto rows = QueryRows(conn_, sql::vote_code_select, {std::string(hash)});
    if (rows.empty()) return std::nullopt;
    return app::StoredVoteCode{rows.front().GetInt64(0), rows.front().GetInt64(1) != 0};
  }

  bool UseCode(std::string_view hash, Id session_id) override {
    return RunSql(conn_, sql::vote_code_use, {std::string(hash), session_id}) == 1;
  }

  std::int64_t CountCodes(Id session_id, bool used_only) override {
    auto row = QueryRows(conn_, sql::vote_code_count, {session_id}).at(0);
    return used_only ? row.GetInt64(1) : row.GetInt64(0);
  }

  void AddVote(Id session_id, domain::VoteChoice choice) override {
    RequireOneRow(
        RunSql(conn_, sql::vote_tally_add, {session_id, static_cast<std::int64_t>(choice)}),
        "vote.not_found", "评议不存在");
  }

  domain::VoteTally Tally(Id session_id) override {
    domain::VoteTally tally;
    for (const Row& row : QueryRows(conn_, sql::vote_tally_select, {session_id})) {
      const auto choice = row.GetInt64(0);
      if (choice < 1 || choice > 3) continue;
      tally[static_cast<domain::VoteChoice>(choice)] = row.GetInt64(1);
    }
    return tally;
  }

  void CountRefusal(Id session_id, std::string_view reason) override {
    RunSql(conn_, sql::vote_refusal_add, {session_id, std::string(reason)});
  }

  std::map<std::string, std::int64_t> Refusals(Id session_id) override {
    std::map<std::string, std::int64_t> out;
    for (const Row& row : QueryRows(conn_, sql::vote_refusal_select, {session_id})) {
      out[row.GetText(0)] = row.GetInt64(1);
    }
    return out;
  }

  std::int64_t ScrubSentVoteCodes() override { return RunSql(conn_, sql::vote_outbox_scrub, {}); }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::VoteRepository> MakeSqlVoteRepository(Connection& conn) {
  return std::make_unique<SqlVoteRepository>(conn);
}

}  // namespace minqing::storage
