#include "domain/privacy.hpp"

namespace minqing::domain {
namespace {

std::string KeepEnds(std::string_view s, std::size_t head, std::size_t tail) {
  if (s.size() <= head + tail) {
    return std::string(s.size(), '*');
  }
  std::string out(s.substr(0, head));
  out.append(s.size() - head - tail, '*');
  out.append(s.substr(s.size() - tail));
  return out;
}

}  // namespace

std::string MaskIdCard(std::string_view number) { return KeepEnds(number, 3, 4); }

std::string MaskPhone(std::string_view phone) { return KeepEnds(phone, 3, 4); }

bool IsPlausiblePhone(std::string_view phone) {
  if (!phone.empty() && phone[0] == '1') {
    // Mobile numbers; landlines never start with 1 (area codes start with 0).
    if (phone.size() != 11 || phone[1] < '3' || phone[1] > '9') return false;
    for (char c : phone) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
  std::size_t digits = 0;
  std::size_t dashes = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '-') {
      ++dashes;
    } else {
      return false;
    }
  }
  return dashes <= 1 && digits >= 7 && digits <= 12 && phone.front() != '-' && phone.back() != '-';
}

}  // namespace minqing::domain
