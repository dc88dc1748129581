// Serves the built web UI from a directory: safe path normalisation (no "..", no hidden files),
// Content-Type by extension, long-lived caching for hashed /assets/* files, and index.html for
// unknown extension-less paths so that client-side (SPA) routes survive a reload.
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

// "text/html; charset=utf-8" for "index.html", ...; "application/octet-stream" when unknown.
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace minqing::http
