#include "storage/value.hpp"

#include <charconv>
#include <cstdlib>

#include "domain/errors.hpp"

namespace minqing::storage {
namespace {

[[noreturn]] void BadColumn(std::size_t i, const char* what) {
  throw domain::StorageError("storage.bad_column",
                             "数据库返回的数据无法读取: column " + std::to_string(i) + " " + what);
}

}  // namespace

Value OptionalValue(const std::optional<std::int64_t>& v) {
  if (v) return *v;
  return nullptr;
}

Value OptionalValue(const std::optional<double>& v) {
  if (v) return *v;
  return nullptr;
}

std::string ValueToText(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[64];
    // Shortest form that reads back as the same double.
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
    return std::string(buf, end);
  }
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

const Value& Row::at(std::size_t i) const {
  if (i >= values_.size()) BadColumn(i, "out of range");
  return values_[i];
}

bool Row::IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(at(i)); }

std::int64_t Row::GetInt64(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && end == s->data() + s->size()) return out;
    BadColumn(i, "is not an integer");
  }
  BadColumn(i, "is NULL");
}

double Row::GetDouble(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && end == s->data() + s->size()) return out;
    BadColumn(i, "is not a number");
  }
  BadColumn(i, "is NULL");
}

std::string Row::GetText(std::size_t i) const { return ValueToText(at(i)); }

std::optional<std::int64_t> Row::GetOptionalInt64(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return GetInt64(i);
}

std::optional<double> Row::GetOptionalDouble(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return GetDouble(i);
}

}  // namespace minqing::storage
