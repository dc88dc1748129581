#include "app/public_links.hpp"

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "domain/errors.hpp"
#include "domain/public_url.hpp"

namespace minqing::app {
namespace {

std::string Checked(std::string_view url) {
  domain::PublicUrlCheck check = domain::CheckPublicUrl(url);
  if (!check.ok()) {
    throw domain::InvalidInput("settings.bad_public_url", "对外网址不正确：" + check.problem);
  }
  return check.url;
}

std::string ReadStored(Store& store) {
  auto tx = store.BeginRead();
  return tx->Settings().FindSetting(PublicLinks::kSettingName).value_or("");
}

// Stores `url` in the caller's transaction, audited with its before and after.
void StoreBase(StoreTx& tx, const Actor& actor, const std::string& before, const std::string& url) {
  std::optional<domain::Id> by;
  if (actor.user.id > 0) by = actor.user.id;
  tx.Settings().PutSetting(PublicLinks::kSettingName, url, actor.now, by);
  RecordAudit(tx, actor, "settings.public_url", "setting", 0,
              JsonObjectWriter().Add("public_url", before).Finish(),
              JsonObjectWriter().Add("public_url", url).Finish());
}

}  // namespace

std::string_view PublicUrlSourceName(PublicUrlSource source) {
  switch (source) {
    case PublicUrlSource::kSetting:
      return "setting";
    case PublicUrlSource::kFlag:
      return "flag";
    case PublicUrlSource::kUnset:
      break;
  }
  return "unset";
}

PublicLinks::PublicLinks(Store& store) : store_(store), stored_(ReadStored(store)) {}

std::string PublicLinks::Base() const { return Info().url; }

std::string PublicLinks::Url(std::string_view path) const { return Base() + std::string(path); }

PublicUrlInfo PublicLinks::Info() const {
  std::lock_guard lock(mutex_);
  return InfoLocked();
}

PublicUrlInfo PublicLinks::InfoLocked() const {
  PublicUrlInfo info;
  info.stored = stored_;
  if (!pinned_.empty()) {
    info.url = pinned_;
    info.source = PublicUrlSource::kFlag;
  } else if (!stored_.empty()) {
    info.url = stored_;
    info.source = PublicUrlSource::kSetting;
  } else {
    info.url = fallback_;
  }
  info.loopback = domain::IsLoopbackPublicUrl(info.url);
  return info;
}

void PublicLinks::Reload() {
  std::string stored = ReadStored(store_);
  std::lock_guard lock(mutex_);
  stored_ = std::move(stored);
}

void PublicLinks::Pin(std::string_view url, domain::Epoch now) {
  std::string base = Checked(url);
  auto tx = store_.Begin();
  std::string before = tx->Settings().FindSetting(kSettingName).value_or("");
  if (before != base) {
    StoreBase(*tx, SystemActor(now, domain::Channel::kSystem), before, base);
    tx->Commit();
  }
  std::lock_guard lock(mutex_);
  stored_ = base;
  pinned_ = base;
}

void PublicLinks::SetFallback(std::string url) {
  std::lock_guard lock(mutex_);
  fallback_ = std::move(url);
}

PublicUrlInfo PublicLinks::Get(const Actor& actor) const {
  Require(actor, domain::Permission::kSystemSettings);
  return Info();
}

PublicUrlInfo PublicLinks::Set(const Actor& actor, std::string_view url) {
  Require(actor, domain::Permission::kSystemSettings);
  {
    std::lock_guard lock(mutex_);
    if (!pinned_.empty()) {
      throw domain::Conflict(
          "settings.public_url_pinned",
          "对外网址由启动参数 --public-url 指定（" + pinned_ + "），请修改启动参数后重启服务");
    }
  }
  std::string base = Checked(url);
  auto tx = store_.Begin();
  std::string before = tx->Settings().FindSetting(kSettingName).value_or("");
  if (before != base) {
    StoreBase(*tx, actor, before, base);
    tx->Commit();
  }
  std::lock_guard lock(mutex_);
  stored_ = base;
  return InfoLocked();
}

}  // namespace minqing::app
