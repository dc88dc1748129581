#include "messaging/signing.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace minqing::messaging {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

void EnsureSodium() {
  // sodium_init() is idempotent and thread-safe; it fails only when no entropy is available.
  static const int result = sodium_init();
  if (result < 0) throw std::runtime_error("libsodium 初始化失败 / libsodium failed to start");
}

// Canonical headers ("name:value\n" each, sorted by name) and the signed-header list.
struct CanonicalHeaders {
  std::string text;
  std::string names;
};

CanonicalHeaders Canonicalise(const HeaderList& headers, bool lower_values) {
  std::vector<std::pair<std::string, std::string>> sorted;
  sorted.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    sorted.emplace_back(Lower(Trim(name)), lower_values ? Lower(Trim(value)) : Trim(value));
  }
  std::sort(sorted.begin(), sorted.end());
  CanonicalHeaders out;
  for (const auto& [name, value] : sorted) {
    out.text.append(name).append(":").append(value).append("\n");
    if (!out.names.empty()) out.names += ';';
    out.names += name;
  }
  return out;
}

std::chrono::sys_seconds ToTime(std::int64_t epoch_seconds) {
  return std::chrono::sys_seconds(std::chrono::seconds(epoch_seconds));
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0x0f];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  return {reinterpret_cast<const char*>(mac), sizeof mac};
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomHex(std::size_t count) {
  EnsureSodium();
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return HexEncode(bytes);
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0x0f];
    }
  }
  return out;
}

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex(text[i + 1]);
      const int low = hex(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && text[i] == '+') ? ' ' : text[i];
  }
  return out;
}

std::string UtcDate(std::int64_t epoch_seconds) {
  const std::chrono::year_month_day day{
      std::chrono::floor<std::chrono::days>(ToTime(epoch_seconds))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buffer;
}

std::string UtcIsoTime(std::int64_t epoch_seconds) {
  const auto time = ToTime(epoch_seconds);
  const auto midnight = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::hh_mm_ss clock{time - midnight};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02dZ", static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return UtcDate(epoch_seconds) + buffer;
}

Tc3Signature SignTc3(const Tc3Input& input, std::string_view secret_key) {
  const CanonicalHeaders headers = Canonicalise(input.headers, true);
  Tc3Signature out;
  out.signed_headers = headers.names;
  out.canonical_request = input.method + "\n" + input.canonical_uri + "\n" + input.canonical_query +
                          "\n" + headers.text + "\n" + headers.names + "\n" +
                          Sha256Hex(input.payload);
  const std::string date = UtcDate(input.timestamp);
  out.credential_scope = date + "/" + input.service + "/tc3_request";
  out.string_to_sign = "TC3-HMAC-SHA256\n" + std::to_string(input.timestamp) + "\n" +
                       out.credential_scope + "\n" + Sha256Hex(out.canonical_request);
  const std::string secret_date = HmacSha256("TC3" + std::string(secret_key), date);
  const std::string secret_service = HmacSha256(secret_date, input.service);
  const std::string secret_signing = HmacSha256(secret_service, "tc3_request");
  out.signature = HexEncode(HmacSha256(secret_signing, out.string_to_sign));
  return out;
}

std::string Tc3Authorization(std::string_view secret_id, const Tc3Signature& signature) {
  return "TC3-HMAC-SHA256 Credential=" + std::string(secret_id) + "/" + signature.credential_scope +
         ", SignedHeaders=" + signature.signed_headers + ", Signature=" + signature.signature;
}

std::string Acs3CanonicalQuery(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(PercentEncode(name), PercentEncode(value));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out.append(name).append("=").append(value);
  }
  return out;
}

Acs3Signature SignAcs3(const Acs3Input& input, std::string_view access_key_secret) {
  const CanonicalHeaders headers = Canonicalise(input.headers, false);
  Acs3Signature out;
  out.signed_headers = headers.names;
  out.canonical_request = input.method + "\n" + input.canonical_uri + "\n" +
                          Acs3CanonicalQuery(input.query) + "\n" + headers.text + "\n" +
                          headers.names + "\n" + input.hashed_payload;
  out.string_to_sign = "ACS3-HMAC-SHA256\n" + Sha256Hex(out.canonical_request);
  out.signature = HexEncode(HmacSha256(access_key_secret, out.string_to_sign));
  return out;
}

std::string Acs3Authorization(std::string_view access_key_id, const Acs3Signature& signature) {
  return "ACS3-HMAC-SHA256 Credential=" + std::string(access_key_id) +
         ",SignedHeaders=" + signature.signed_headers + ",Signature=" + signature.signature;
}

}  // namespace minqing::messaging
