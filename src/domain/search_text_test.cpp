#include "domain/search_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace minqing::domain {
namespace {

bool Has(const std::vector<std::string>& tokens, const std::string& token) {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

// The match rule the index must reproduce: every word of the query is a substring of the
// document, and a document's tokens hold every token of each word it contains.
bool Contains(std::string_view document, std::string_view query) {
  auto doc_tokens = SearchDocumentTokens(document);
  for (const auto& w : SearchQueryWords(query)) {
    for (const auto& t : SearchWordTokens(w)) {
      if (!Has(doc_tokens, t)) return false;
    }
    if (document.find(w) == std::string_view::npos) return false;
  }
  return true;
}

TEST(SearchTextTest, NormalisesFullWidthAsciiAndCaseOnly) {
  EXPECT_EQ(NormalizeSearchText("ＷｉＦｉ　３号楼Ａ"), "wifi 3号楼a");
  EXPECT_EQ(NormalizeSearchText("处理：农业，"), "处理:农业,");  // Full-width ASCII punctuation.
  EXPECT_EQ(NormalizeSearchText("〇𫓧、。Ä"), "〇𫓧、。Ä");
  EXPECT_EQ(NormalizeSearchText("a\xFF"), "a\xEF\xBF\xBD");  // Invalid byte: U+FFFD.
}

TEST(SearchTextTest, QueryWordsSplitOnAnyWhiteSpace) {
  EXPECT_EQ(SearchQueryWords("  停车\t噪音　ＷＩＦＩ \n"),
            (std::vector<std::string>{"停车", "噪音", "wifi"}));
  EXPECT_TRUE(SearchQueryWords(" \xE3\x80\x80 ").empty());
}

TEST(SearchTextTest, DocumentKeepsFieldsApart) {
  Matter m;
  m.number = "20261202-00001";
  m.title = "处理";
  m.content = "农业补贴";
  std::vector<MatterEvent> events(3);
  events[0].kind = MatterEventKind::kStep;
  events[0].text = "已到现场";
  events[1].kind = MatterEventKind::kNote;
  events[1].internal = true;
  events[1].text = "内部备注";
  events[2].kind = MatterEventKind::kReplied;
  events[2].text = "已答复";
  std::string doc = MatterSearchDocument(m, events);
  EXPECT_EQ(doc, "20261202-00001\n处理\n农业补贴\n已到现场\n已答复");
  EXPECT_FALSE(Has(SearchDocumentTokens(doc), "b7406x519c"));  // 理农 spans two fields.
  EXPECT_FALSE(Contains(doc, "理农"));
  EXPECT_FALSE(Contains(doc, "内部"));
  EXPECT_TRUE(Contains(doc, "20261202-00001"));
  EXPECT_TRUE(Contains(doc, "20261202"));
  EXPECT_TRUE(Contains(doc, "00001"));
  EXPECT_TRUE(Contains(doc, "现场"));
  EXPECT_TRUE(Contains(doc, "农 已答"));
}

TEST(SearchTextTest, SubstringsOfAnyKindMatch) {
  std::string doc = SearchDocument({"13号楼的WiFi断了", "〇号院𫓧字，处理：农业"});
  for (const char* q :
       {"3号楼", "fi", "WIFI", "ｗｉｆｉ", "〇", "𫓧", "𫓧字", "理：农", "：", "号", "1"}) {
    EXPECT_TRUE(Contains(doc, q)) << q;
  }
  for (const char* q : {"理农", "楼号", "wifii", "2"}) EXPECT_FALSE(Contains(doc, q)) << q;
}

TEST(SearchTextTest, TokensAreUnigramsAndBigramsWithinWords) {
  auto tokens = SearchDocumentTokens("ab c");
  EXPECT_EQ(tokens, (std::vector<std::string>{"b61x62", "u61", "u62", "u63"}));
  EXPECT_EQ(SearchWordTokens("a"), (std::vector<std::string>{"u61"}));
  EXPECT_EQ(SearchWordTokens("abab"), (std::vector<std::string>{"b61x62", "b62x61"}));
  EXPECT_EQ(SearchWordTokens("𫓧"), (std::vector<std::string>{"u2b4e7"}));
  EXPECT_FALSE(SearchWordNeedsCheck("停车"));
  EXPECT_TRUE(SearchWordNeedsCheck("停车场"));
}

}  // namespace
}  // namespace minqing::domain
