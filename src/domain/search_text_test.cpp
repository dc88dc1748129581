#include "domain/search_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/text.hpp"

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

TEST(SearchTextTest, TokensAreNgramsWithinWords) {
  auto tokens = SearchDocumentTokens("abc d");
  EXPECT_EQ(tokens, (std::vector<std::string>{"b61x62", "b62x63", "t61x62x63", "u61", "u62", "u63",
                                              "u64"}));
  EXPECT_EQ(SearchWordTokens("a"), (std::vector<std::string>{"u61"}));
  EXPECT_EQ(SearchWordTokens("ab"), (std::vector<std::string>{"b61x62"}));
  EXPECT_EQ(SearchWordTokens("abab"), (std::vector<std::string>{"t61x62x61", "t62x61x62"}));
  EXPECT_EQ(SearchWordTokens("𫓧"), (std::vector<std::string>{"u2b4e7"}));
  EXPECT_FALSE(SearchWordNeedsCheck("停车"));
  EXPECT_FALSE(SearchWordNeedsCheck("停车场"));
  EXPECT_TRUE(SearchWordNeedsCheck("停车场地"));
}

TEST(SearchTextTest, DigitRunsAlsoGiveQuadruples) {
  auto tokens = SearchDocumentTokens("20261202-00001 a1234");
  EXPECT_TRUE(Has(tokens, "q2026"));
  EXPECT_TRUE(Has(tokens, "q1202"));
  EXPECT_TRUE(Has(tokens, "q0001"));
  EXPECT_TRUE(Has(tokens, "q1234"));
  EXPECT_FALSE(Has(tokens, "q202-"));
  EXPECT_FALSE(Has(tokens, "q2-00"));
  auto word = SearchWordTokens("1202-0");
  EXPECT_TRUE(Has(word, "q1202"));
  EXPECT_TRUE(Has(word, "t32x2dx30"));
  // A date shares its digit triples with the days around it, not its quadruples.
  EXPECT_FALSE(Has(SearchDocumentTokens("20261201-00001"), "q1202"));
}

TEST(SearchTextTest, KeyTokensCoverTheWord) {
  EXPECT_EQ(SearchWordKeyTokens("路灯"), SearchWordTokens("路灯"));
  // 2025 | 1130 | -00 | 647 (the last triple ends at the word's end).
  EXPECT_EQ(SearchWordKeyTokens("20251130-00647"),
            (std::vector<std::string>{"q1130", "q2025", "t2dx30x30", "t36x34x37"}));
  // abc | bcd: the second triple overlaps the first.
  EXPECT_EQ(SearchWordKeyTokens("abcd"), (std::vector<std::string>{"t61x62x63", "t62x63x64"}));
  for (const char* w : {"自来水管破裂", "wifi", "处理：农业", "20251130", "13912345678"}) {
    auto all = SearchWordTokens(w);
    for (const auto& t : SearchWordKeyTokens(w)) EXPECT_TRUE(Has(all, t)) << w << " " << t;
  }
}

// Up to three code points, holding the word's tokens is the same as containing the word.
TEST(SearchTextTest, ShortWordsAreDecidedByTheirTokens) {
  std::string doc = SearchDocument({"13号楼的WiFi断了", "处理：农业 20261202-00017"});
  auto doc_tokens = SearchDocumentTokens(doc);
  std::vector<char32_t> cps = CodePoints("13号楼的wifi断了处理：农业20261202-0 x");
  for (std::size_t len = 1; len <= 3; ++len) {
    for (std::size_t i = 0; i + len <= cps.size(); ++i) {
      std::string w;
      for (std::size_t k = i; k < i + len; ++k) AppendUtf8(w, cps[k]);
      if (w.find(' ') != std::string::npos) continue;
      ASSERT_FALSE(SearchWordNeedsCheck(w)) << w;
      bool by_tokens = true;
      for (const auto& t : SearchWordTokens(w)) by_tokens = by_tokens && Has(doc_tokens, t);
      EXPECT_EQ(by_tokens, doc.find(w) != std::string::npos) << w;
    }
  }
}

}  // namespace
}  // namespace minqing::domain
