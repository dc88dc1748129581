// The base64 decoder of uploads (attachments and roster files travel as data_base64 in JSON):
// whatever it decodes, encoding the bytes and decoding again gives the same bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.hpp"
#include "http/matter_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = minqing::http;
  auto decoded = http::DecodeBase64(minqing::fuzz::AsText(data, size));
  if (!decoded) return 0;
  if (decoded->size() > size) __builtin_trap();
  auto again = http::DecodeBase64(http::EncodeBase64(*decoded));
  if (!again || *again != *decoded) __builtin_trap();
  return 0;
}
