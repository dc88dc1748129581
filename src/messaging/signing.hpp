// Hashing, encoding and the two cloud request signatures the SMS gateways need: Tencent Cloud's
// TC3-HMAC-SHA256 (API 3.0, "signature v3") and Alibaba Cloud's ACS3-HMAC-SHA256 (OpenAPI V3).
// SHA-256 and HMAC-SHA256 come from libsodium. Each signature is computed from the request as
// it is sent, so the same functions serve the gateways (signing) and the test stub (checking what
// arrived). Pure functions of their arguments; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minqing::messaging {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Lower-case hex of `bytes`.
std::string HexEncode(std::string_view bytes);
// Lower-case hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);
// The raw 32 bytes of HMAC-SHA256(key, data); any key length.
std::string HmacSha256(std::string_view key, std::string_view data);
// Compares without an early exit, so a signature check leaks no timing.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// `count` random bytes as lower-case hex (a signature nonce).
std::string RandomHex(std::size_t count);

// RFC 3986 percent-encoding: unreserved characters (A-Z a-z 0-9 - _ . ~) are kept, every other
// byte becomes %XX in upper case (a space is %20, never '+'). What both clouds canonicalise to.
std::string PercentEncode(std::string_view text);
// Decodes %XX (and '+' as a space when `plus_is_space`); a malformed escape is kept as is.
std::string PercentDecode(std::string_view text, bool plus_is_space = false);

// "2019-02-25" (UTC) and "2023-10-26T10:22:32Z" for an epoch second.
std::string UtcDate(std::int64_t epoch_seconds);
std::string UtcIsoTime(std::int64_t epoch_seconds);

// TC3-HMAC-SHA256. Every header in `headers` is signed; names are compared lower-cased.
struct Tc3Input {
  std::string method = "POST";
  std::string canonical_uri = "/";
  std::string canonical_query;  // Already encoded; empty for POST.
  HeaderList headers;           // As sent, e.g. {"Content-Type", ...}, {"Host", ...}.
  std::string payload;
  std::int64_t timestamp = 0;  // X-TC-Timestamp; the credential date is its UTC day.
  std::string service;         // "sms"
};

struct Tc3Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string credential_scope;  // "2019-02-25/sms/tc3_request"
  std::string signed_headers;    // "content-type;host;x-tc-action"
  std::string signature;         // Lower-case hex.
};

Tc3Signature SignTc3(const Tc3Input& input, std::string_view secret_key);
// "TC3-HMAC-SHA256 Credential=<id>/<scope>, SignedHeaders=<...>, Signature=<...>"
std::string Tc3Authorization(std::string_view secret_id, const Tc3Signature& signature);

// ACS3-HMAC-SHA256. Every header in `headers` is signed (host, x-acs-*, and content-type when
// sent); `query` holds the parameters decoded, they are encoded and sorted here.
struct Acs3Input {
  std::string method = "POST";
  std::string canonical_uri = "/";
  std::vector<std::pair<std::string, std::string>> query;
  HeaderList headers;
  std::string hashed_payload;  // Sha256Hex(body), the value of x-acs-content-sha256.
};

struct Acs3Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;x-acs-action;..."
  std::string signature;       // Lower-case hex.
};

Acs3Signature SignAcs3(const Acs3Input& input, std::string_view access_key_secret);
// "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<...>,Signature=<...>"
std::string Acs3Authorization(std::string_view access_key_id, const Acs3Signature& signature);
// The query string in canonical form (encoded, sorted by name then value), also usable as the
// query string of the URL that is sent.
std::string Acs3CanonicalQuery(const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace minqing::messaging
