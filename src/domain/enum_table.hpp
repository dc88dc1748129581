// A constant table of an enum's values with their stable text codes and Chinese labels, used
// by the domain's code/label/parse functions. Parse accepts either the code or the label.
// Thread-safety: immutable constants.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace minqing::domain {

template <typename E, std::size_t N>
struct EnumTable {
  struct Row {
    E value;
    std::string_view code;
    std::string_view label;
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
};

}  // namespace minqing::domain
