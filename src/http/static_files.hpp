// Serves the built web UI from a directory: safe path normalisation (no "..", no hidden files),
// Content-Type by extension, long-lived caching for hashed /assets/* files (no-cache for the
// rest), and an entry page for unknown extension-less paths so that client-side routes survive a
// reload: public.html (the residents' small app) for /p/<...> and /h/<...> when the build has it,
// index.html otherwise. A file's precompressed sibling (file.br, then file.gz, written by the web
// build) is sent instead when the request's Accept-Encoding allows it, with Content-Encoding;
// every file that has a sibling is sent with Vary: Accept-Encoding.
// Thread-safety: immutable after construction; Serve() may be called from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace minqing::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // Answers a GET or HEAD for `path` (already percent-decoded); 404 when nothing fits.
  Response Serve(const Request& request) const;

 private:
  std::filesystem::path root_;
};

// Whether an Accept-Encoding header value takes `coding` (case-insensitive; "*" counts; a weight
// of q=0 refuses).
bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding);

// "text/html; charset=utf-8" for "index.html", ...; "application/octet-stream" when unknown.
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace minqing::http
