// A constant table of an enum's values with their stable text codes and Chinese and English
// labels, used by the domain's code/label/parse functions and listed by CodeTables()
// (code_tables.hpp). Parse accepts either the code or the Chinese label.
// Thread-safety: immutable constants.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/code_tables.hpp"

namespace minqing::domain {

template <typename E, std::size_t N>
struct EnumTable {
  struct Row {
    E value;
    std::string_view code;
    std::string_view label;
    std::string_view label_en;
  };
  std::array<Row, N> rows;

  std::string_view Code(E v) const {
    for (const auto& r : rows) {
      if (r.value == v) return r.code;
    }
    return "";
  }
  std::string_view Label(E v) const {
    for (const auto& r : rows) {
      if (r.value == v) return r.label;
    }
    return "";
  }
  std::optional<E> Parse(std::string_view s) const {
    for (const auto& r : rows) {
      if (r.code == s || r.label == s) return r.value;
    }
    return std::nullopt;
  }
  // The table as a code kind named `kind`, rows in table order.
  CodeKind Kind(std::string_view kind) const {
    CodeKind out{kind, {}};
    for (const auto& r : rows) out.rows.push_back({r.code, r.label, r.label_en});
    return out;
  }
};

}  // namespace minqing::domain
