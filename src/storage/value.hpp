// Values passed to and read from SQL statements, independent of the engine. A Row is a fully
// materialised result row, so it stays valid after the statement is reset or the result freed.
// PostgreSQL rows arrive as text and are parsed by the typed getters; SQLite rows keep their
// storage class. Thread-safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace minqing::storage {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// Convenience for optional columns: nullopt becomes NULL.
Value OptionalValue(const std::optional<std::int64_t>& v);
Value OptionalValue(const std::optional<double>& v);

// Renders a value as PostgreSQL text input (numbers round-trip exactly).
std::string ValueToText(const Value& v);

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const;
  // Throw domain::StorageError on NULL or a value that is not a number.
  std::int64_t GetInt64(std::size_t i) const;
  double GetDouble(std::size_t i) const;
  // NULL reads as the empty string.
  std::string GetText(std::size_t i) const;
  bool GetBool(std::size_t i) const { return GetInt64(i) != 0; }
  std::optional<std::int64_t> GetOptionalInt64(std::size_t i) const;
  std::optional<double> GetOptionalDouble(std::size_t i) const;
  const Value& at(std::size_t i) const;

 private:
  std::vector<Value> values_;
};

}  // namespace minqing::storage
