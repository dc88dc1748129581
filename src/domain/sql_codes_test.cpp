// The integers the SQL files store for the domain's enums are named in comments beside them
// ("-- matter status: 1 accepted, 2 dispatched, ..."), one comment before the CHECK or index that
// uses them. This test reads every .sql file and checks each named code against the domain's
// tables, and the integers of the SQL line that follows against the ones the comment names.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "domain/matter.hpp"

namespace minqing::domain {
namespace {

struct NumberedEnum {
  int count;  // Values 1..count.
  std::function<std::string_view(int)> code;
};

const std::map<std::string, NumberedEnum>& NumberedEnums() {
  static const std::map<std::string, NumberedEnum> enums = {
      {"matter status", {6, [](int v) { return MatterStatusCode(static_cast<MatterStatus>(v)); }}},
      {"matter type", {5, [](int v) { return MatterTypeCode(static_cast<MatterType>(v)); }}},
      {"matter channel",
       {7, [](int v) { return MatterChannelCode(static_cast<MatterChannel>(v)); }}},
      {"urgency", {3, [](int v) { return UrgencyCode(static_cast<Urgency>(v)); }}},
      {"matter event kind",
       {16, [](int v) { return MatterEventKindCode(static_cast<MatterEventKind>(v)); }}},
      {"errand status", {4, [](int v) { return ErrandStatusCode(static_cast<ErrandStatus>(v)); }}},
  };
  return enums;
}

struct Marked {
  std::string file;
  std::string marker;
  std::string list;      // The comment's text after the marker.
  std::string sql_line;  // The first line after the comment that is not a comment.
};

std::string Strip(const std::string& s) {
  const auto begin = s.find_first_not_of(' ');
  return begin == std::string::npos ? "" : s.substr(begin);
}

std::vector<Marked> ReadMarkedComments() {
  static const std::regex marker_re(R"(^-- ([a-z ]+): (.*)$)");
  std::vector<Marked> out;
  const auto root = std::filesystem::path(MINQING_SOURCE_DIR) / "src/storage/sql";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(Strip(line));
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_match(lines[i], m, marker_re)) continue;
      const std::string marker = m[1];
      if (!NumberedEnums().count(marker) && marker != "stats dimension") continue;
      Marked marked{entry.path().filename().string(), marker, m[2], ""};
      std::size_t j = i + 1;
      // Continuation lines: comments without a marker of their own.
      for (; j < lines.size() && lines[j].rfind("--", 0) == 0; ++j) {
        if (lines[j].find(':') != std::string::npos) break;
        marked.list.append(" ").append(lines[j], 2, std::string::npos);
      }
      if (j < lines.size()) marked.sql_line = lines[j];
      out.push_back(std::move(marked));
    }
  }
  return out;
}

// The integers a SQL line tests: BETWEEN a AND b, IN (a, b, ...) or = a.
std::set<int> IntegersOf(const std::string& sql) {
  std::set<int> out;
  std::smatch m;
  if (std::regex_search(sql, m, std::regex(R"(BETWEEN (\d+) AND (\d+))"))) {
    for (int v = std::stoi(m[1]); v <= std::stoi(m[2]); ++v) out.insert(v);
  } else if (std::regex_search(sql, m, std::regex(R"(IN \(([\d, ]+)\))"))) {
    std::stringstream list(m[1].str());
    for (std::string item; std::getline(list, item, ',');) out.insert(std::stoi(item));
  } else if (std::regex_search(sql, m, std::regex(R"(status = (\d+))"))) {
    out.insert(std::stoi(m[1]));
  }
  return out;
}

TEST(SqlCodesTest, StatusAndKindIntegersInSqlAreNamedAsTheDomainNamesThem) {
  const auto marked = ReadMarkedComments();
  std::map<std::string, std::set<int>> seen;
  std::map<std::string, int> comments;
  for (const auto& c : marked) {
    ++comments[c.marker];
    if (c.marker == "stats dimension") continue;
    const auto& e = NumberedEnums().at(c.marker);
    std::set<int> named;
    static const std::regex pair_re(R"((\d+) ([a-z_]+))");
    for (std::sregex_iterator it(c.list.begin(), c.list.end(), pair_re), end; it != end; ++it) {
      const int value = std::stoi((*it)[1]);
      ASSERT_TRUE(value >= 1 && value <= e.count) << c.file << ": " << c.marker << " " << value;
      EXPECT_EQ(e.code(value), (*it)[2].str()) << c.file << ": " << c.marker << " " << value;
      named.insert(value);
      seen[c.marker].insert(value);
    }
    EXPECT_FALSE(named.empty()) << c.file << ": " << c.list;
    EXPECT_EQ(IntegersOf(c.sql_line), named) << c.file << ": " << c.sql_line;
  }
  for (const auto& [marker, e] : NumberedEnums()) {
    EXPECT_EQ(seen[marker].size(), static_cast<std::size_t>(e.count)) << marker;
  }
  // The CHECK of matters.status and the partial indexes of V011 (both dialects) and V015.
  EXPECT_EQ(comments["matter status"], 6);
}

TEST(SqlCodesTest, StatsDimensionsInSqlAreTheDomainsDimensions) {
  int found = 0;
  for (const auto& c : ReadMarkedComments()) {
    if (c.marker != "stats dimension") continue;
    ++found;
    std::string names = c.list.substr(0, c.list.find(" ("));
    std::stringstream list(names);
    std::set<std::string> listed;
    for (std::string item; std::getline(list, item, ',');) {
      item = Strip(item);
      EXPECT_TRUE(ParseStatsDimension(item).has_value()) << c.file << ": " << item;
      listed.insert(item);
    }
    EXPECT_EQ(listed.size(), 5u) << c.file;
    EXPECT_NE(c.sql_line.find("dimension TEXT"), std::string::npos) << c.sql_line;
  }
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace minqing::domain
