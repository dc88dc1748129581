// The public base URL (对外网址) and the links built on it: every contact card QR code (/h/<code>),
// receipt link (/p/<number>?t=<token>), SMS link and activation letter starts with Base(). Only
// the path identifies the household or matter, so a card printed under one base keeps working
// under the next (the code, not the host, is the key).
//
// Where the base comes from, in order: `serve --public-url` (Pin: stored as the setting, and the
// browser cannot change it while that server runs), else the stored setting (site_settings
// 'public_url', set by an administrator in the browser, audited with before and after), else a
// fallback (the server's own address, or http://127.0.0.1:8080), which is reported as unset.
// The stored value is read when the object is made and after each change through it; another
// process's change is seen at that process's next start.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/store.hpp"

namespace minqing::app {

enum class PublicUrlSource { kUnset, kSetting, kFlag };

struct PublicUrlInfo {
  std::string url;                                   // The base in use, without trailing slash.
  PublicUrlSource source = PublicUrlSource::kUnset;  // Where `url` comes from.
  bool loopback = false;                             // Names this machine only.
  std::string stored;                                // The stored setting, empty when none.
};

std::string_view PublicUrlSourceName(PublicUrlSource source);  // "unset", "setting", "flag"

class PublicLinks {
 public:
  static constexpr std::string_view kSettingName = "public_url";
  static constexpr std::string_view kDefaultBase = "http://127.0.0.1:8080";

  explicit PublicLinks(Store& store);

  // The base every link starts with, e.g. "https://minqing.example.gov.cn".
  std::string Base() const;
  // Base() + `path`; `path` starts with '/': Url("/h/ABCD2345").
  std::string Url(std::string_view path) const;
  PublicUrlInfo Info() const;

  // Reads the stored setting again.
  void Reload();
  // `serve --public-url`: checked (InvalidInput "settings.bad_public_url"), stored when it differs
  // from the setting (audited as the system), and fixed for the life of this object.
  void Pin(std::string_view url, domain::Epoch now);
  // The base used while nothing is pinned or stored (serve: its own listening address).
  void SetFallback(std::string url);

  // The settings page: administrators (system.settings) only.
  PublicUrlInfo Get(const Actor& actor) const;
  // Checks, stores and audits (before and after) a new base. Refused with Conflict
  // "settings.public_url_pinned" while a --public-url flag fixes it.
  PublicUrlInfo Set(const Actor& actor, std::string_view url);

 private:
  PublicUrlInfo InfoLocked() const;

  Store& store_;
  mutable std::mutex mutex_;
  std::string stored_;
  std::string pinned_;
  std::string fallback_{kDefaultBase};
};

}  // namespace minqing::app
