#include "storage/written_areas.hpp"

#include <array>
#include <utility>

#include "app/store.hpp"

namespace minqing::storage {
namespace {

constexpr unsigned kRegistry = static_cast<unsigned>(app::DataArea::kRegistry);
constexpr unsigned kAccounts = static_cast<unsigned>(app::DataArea::kAccounts);
constexpr unsigned kCatalogue = static_cast<unsigned>(app::DataArea::kCatalogue);

constexpr std::array<std::pair<std::string_view, unsigned>, 114> kTableAreas = {{
    {"regions", kRegistry},
    {"network_plans", 0},
    {"job_leases", 0},
    {"region_levels", kRegistry},
    {"households", kRegistry},
    {"household_lookup", 0},
    {"residents", kRegistry},
    {"users", kAccounts},
    {"sessions", kAccounts},
    {"account_activations", 0},
    {"login_pair_failures", 0},
    {"login_address_failures", 0},
    {"request_windows", 0},
    {"units", kAccounts},
    {"staff", kAccounts},
    {"matter_categories", kCatalogue},
    {"routing_rules", kCatalogue},
    {"calendar_days", kCatalogue},
    {"appointments", 0},
    {"audit_log", 0},
    {"audit_chain_head", 0},
    {"audit_chain_published", 0},
    {"callback_tasks", 0},
    {"contact_links", 0},
    {"errand_documents", 0},
    {"household_card_codes", 0},
    {"household_events", 0},
    {"leader_links", 0},
    {"link_requests", 0},
    {"matter_attachments", 0},
    {"matter_day_serials", 0},
    {"matter_events", 0},
    {"matter_requests", 0},
    {"matter_assists", 0},
    {"matter_disputes", 0},
    {"matter_search", 0},
    {"matter_search_text", 0},
    {"matter_search_tokens", 0},
    {"search_index_state", 0},
    {"matter_stats", 0},
    {"matters", 0},
    {"network_settings", 0},
    {"village_stations", 0},
    {"notice_deliveries", 0},
    {"notices", 0},
    {"party_members", 0},
    {"party_orgs", 0},
    {"proxy_errands", 0},
    {"resident_moves", 0},
    {"sign_off_codes", 0},
    {"site_settings", 0},
    {"sms_outbox", 0},
    {"sms_outbox_events", 0},
    {"sms_code_phones", 0},
    {"notifications", 0},
    {"phone_codes", 0},
    {"reminders_sent", 0},
    {"postings", 0},
    {"posting_guards", 0},
    {"agreements", 0},
    {"agreement_items", 0},
    {"supervision_orders", 0},
    {"time_slots", 0},
    {"visit_phone_codes", 0},
    {"visits", 0},
    {"vote_sessions", 0},
    {"vote_codes", 0},
    {"vote_tallies", 0},
    {"vote_refusals", 0},
    {"duty_days", 0},
    {"duty_posts", 0},
    {"duty_badges", 0},
    {"service_guides", 0},
    {"window_services", 0},
    {"window_ratings", 0},
    {"suggestions", 0},
    {"surveys", 0},
    {"survey_questions", 0},
    {"survey_responses", 0},
    {"survey_counts", 0},
    {"survey_texts", 0},
    {"survey_refusals", 0},
    {"pairing_pairs", 0},
    {"pairing_guards", 0},
    {"pairing_needs", 0},
    {"pairing_resources", 0},
    {"pairing_matches", 0},
    {"pairing_projects", 0},
    {"projects", 0},
    {"project_team_members", 0},
    {"project_households", 0},
    {"project_visits", 0},
    {"project_plans", 0},
    {"project_cadence", 0},
    {"project_issues", 0},
    {"meetings", 0},
    {"meeting_attendees", 0},
    {"meeting_decisions", 0},
    {"away_contacts", 0},
    {"study_activities", 0},
    {"study_attendance", 0},
    {"volunteer_teams", 0},
    {"volunteers", 0},
    {"volunteer_activities", 0},
    {"volunteer_signups", 0},
    {"volunteer_hours", 0},
    {"volunteer_certificates", 0},
    {"service_providers", 0},
    {"service_provider_categories", 0},
    {"service_provider_areas", 0},
    {"monthly_reports", 0},
    {"open311_keys", 0},
    {"schema_migrations", 0},
    {"sqlite_sequence", 0},
}};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads SQL words one at a time, skipping blanks and "--" comments. A word is a run of letters,
// digits and underscores, or a double-quoted identifier (returned without its quotes); any other
// character is a word of its own.
class Words {
 public:
  explicit Words(std::string_view sql) : sql_(sql) {}

  std::string_view Next() {
    for (;;) {
      while (pos_ < sql_.size() && IsSpace(sql_[pos_])) ++pos_;
      if (sql_.substr(pos_, 2) != "--") break;
      while (pos_ < sql_.size() && sql_[pos_] != '\n') ++pos_;
    }
    if (pos_ >= sql_.size()) return {};
    const std::size_t start = pos_;
    if (sql_[pos_] == '"') {
      const std::size_t end = sql_.find('"', pos_ + 1);
      if (end == std::string_view::npos) {
        pos_ = sql_.size();
        return {};
      }
      pos_ = end + 1;
      return sql_.substr(start + 1, end - start - 1);
    }
    auto word_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    if (!word_char(sql_[pos_])) return sql_.substr(pos_++, 1);
    while (pos_ < sql_.size() && word_char(sql_[pos_])) ++pos_;
    return sql_.substr(start, pos_ - start);
  }

 private:
  std::string_view sql_;
  std::size_t pos_ = 0;
};

bool Is(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (Lower(word[i]) != keyword[i]) return false;
  }
  return true;
}

// After INSERT/UPDATE: skips "OR <action>".
std::string_view SkipConflictClause(Words& words, std::string_view word) {
  if (!Is(word, "or")) return word;
  words.Next();
  return words.Next();
}

}  // namespace

unsigned AreasOfTable(std::string_view table) {
  for (const auto& [name, areas] : kTableAreas) {
    if (name.size() != table.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) same = Lower(table[i]) == name[i];
    if (same) return areas;
  }
  return app::kAllDataAreas;
}

unsigned AreasWrittenBy(std::string_view sql) {
  Words words(sql);
  std::string_view first = words.Next();
  if (Is(first, "select") || Is(first, "begin") || Is(first, "commit") || Is(first, "end") ||
      Is(first, "rollback") || Is(first, "savepoint") || Is(first, "release")) {
    return 0;
  }
  std::string_view table;
  if (Is(first, "insert") || Is(first, "replace")) {
    std::string_view next =
        Is(first, "insert") ? SkipConflictClause(words, words.Next()) : words.Next();
    if (Is(next, "into")) table = words.Next();
  } else if (Is(first, "update")) {
    table = SkipConflictClause(words, words.Next());
  } else if (Is(first, "delete")) {
    if (Is(words.Next(), "from")) table = words.Next();
  }
  if (table.empty()) return app::kAllDataAreas;
  return AreasOfTable(table);
}

std::int64_t AreaTrackingConnection::Execute(std::string_view sql, const Params& params) {
  written_areas_ |= AreasWrittenBy(sql);
  return inner_.Execute(sql, params);
}

void AreaTrackingConnection::ExecuteLater(std::string_view sql, const Params& params) {
  written_areas_ |= AreasWrittenBy(sql);
  inner_.ExecuteLater(sql, params);
}

std::vector<Row> AreaTrackingConnection::Query(std::string_view sql, const Params& params) {
  written_areas_ |= AreasWrittenBy(sql);
  return inner_.Query(sql, params);
}

void AreaTrackingConnection::ExecuteScript(std::string_view sql) {
  written_areas_ = app::kAllDataAreas;
  inner_.ExecuteScript(sql);
}

void AreaTrackingConnection::CopyRows(std::string_view table,
                                      const std::vector<std::string>& columns,
                                      const std::vector<Params>& rows) {
  written_areas_ |= AreasOfTable(table);
  inner_.CopyRows(table, columns, rows);
}

}  // namespace minqing::storage
