// Typed errors shared by every layer. Thrown only for real failures; they are caught in exactly
// two places: the HTTP error mapper and cli/main.cpp. Each carries a stable machine code
// ("household.not_found") and a Chinese message for people; InvalidInput also carries
// field-level problems. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace minqing::domain {

// One problem with one field of an input, e.g. {"id_card", "id_card.checksum",
// "身份证号校验位错误"}.
struct FieldProblem {
  std::string field;
  std::string code;
  std::string message;
};

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

class NotFound : public Error {
 public:
  using Error::Error;
};

class Conflict : public Error {
 public:
  using Error::Error;
};

class Forbidden : public Error {
 public:
  using Error::Error;
};

// `problems` may say how many attempts are left (a failed login).
class Unauthenticated : public Error {
 public:
  Unauthenticated(std::string code, const std::string& message,
                  std::vector<FieldProblem> problems = {})
      : Error(std::move(code), message), problems_(std::move(problems)) {}
  const std::vector<FieldProblem>& problems() const { return problems_; }

 private:
  std::vector<FieldProblem> problems_;
};

// `retry_after_seconds` (0 when unknown) becomes the HTTP Retry-After header.
class RateLimited : public Error {
 public:
  RateLimited(std::string code, const std::string& message, std::int64_t retry_after_seconds = 0,
              std::vector<FieldProblem> problems = {})
      : Error(std::move(code), message),
        retry_after_seconds_(retry_after_seconds),
        problems_(std::move(problems)) {}
  std::int64_t retry_after_seconds() const { return retry_after_seconds_; }
  const std::vector<FieldProblem>& problems() const { return problems_; }

 private:
  std::int64_t retry_after_seconds_ = 0;
  std::vector<FieldProblem> problems_;
};

class InvalidInput : public Error {
 public:
  InvalidInput(std::string code, const std::string& message,
               std::vector<FieldProblem> problems = {})
      : Error(std::move(code), message), problems_(std::move(problems)) {}
  const std::vector<FieldProblem>& problems() const { return problems_; }

 private:
  std::vector<FieldProblem> problems_;
};

// A failure of the database or the file system that is nobody's input error.
class StorageError : public Error {
 public:
  using Error::Error;
};

}  // namespace minqing::domain
