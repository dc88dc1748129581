#include "domain/pinyin.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <utility>

namespace minqing::domain {
namespace {

struct SurnameReading {
  std::string_view surname;
  std::string_view pinyin;
};

// Compound surnames first so that the longest match wins.
constexpr std::array<SurnameReading, 30> kSurnameReadings = {{
    {"欧阳", "ou yang"}, {"司马", "si ma"},   {"诸葛", "zhu ge"}, {"上官", "shang guan"},
    {"尉迟", "yu chi"},  {"万俟", "mo qi"},   {"长孙", "zhang sun"}, {"单", "shan"},
    {"曾", "zeng"},      {"解", "xie"},       {"仇", "qiu"},     {"朴", "piao"},
    {"区", "ou"},        {"查", "zha"},       {"盖", "ge"},      {"乐", "yue"},
    {"覃", "qin"},       {"缪", "miao"},      {"翟", "zhai"},    {"员", "yun"},
    {"柏", "bai"},       {"秘", "bi"},        {"繁", "po"},      {"种", "chong"},
    {"召", "shao"},      {"折", "she"},       {"黑", "he"},      {"尉", "yu"},
    {"宓", "fu"},        {"眭", "sui"},
}};

icu::Transliterator& Transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return t;
  }();
  return *instance;
}

std::string CollapseSpaces(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  for (char c : in) {
    bool is_letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (is_letter) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string Initials(std::string_view full) {
  std::string out;
  bool at_start = true;
  for (char c : full) {
    if (c == ' ') {
      at_start = true;
    } else if (at_start) {
      out.push_back(c);
      at_start = false;
    }
  }
  return out;
}

}  // namespace

std::string TextPinyin(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(),
                                                                       static_cast<int32_t>(text.size())));
  Transliterator().transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return CollapseSpaces(out);
}

NamePinyin PersonNamePinyin(std::string_view name) {
  std::string surname_pinyin;
  std::string_view rest = name;
  for (const auto& reading : kSurnameReadings) {
    if (name.substr(0, reading.surname.size()) == reading.surname) {
      surname_pinyin = std::string(reading.pinyin);
      rest = name.substr(reading.surname.size());
      break;
    }
  }
  std::string full = surname_pinyin;
  std::string tail = TextPinyin(rest);
  if (!tail.empty()) {
    if (!full.empty()) full.push_back(' ');
    full += tail;
  }
  return NamePinyin{full, Initials(full)};
}

std::string CompactLower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

}  // namespace minqing::domain
