// Open311 GeoReport v2 (外部系统接入): the use cases behind /open311/v2, the open standard that
// FixMyStreet and city apps speak. The HTTP layer (http/open311_api.cpp) only parses and
// serialises (JSON and XML).
//
// Services are the active matter categories (service_code = the category id). Every service has
// the same three attributes, which map onto the intake form: matter_type (required; 咨询, 求助,
// 投诉, 举报, 建议), urgency (optional; 一般, 急事急办, 特事特办) and household_number (optional;
// the 户编号, which ties the matter to a household and its village).
//
// Filing (Submit) needs an API key; the matter is accepted through IntakeService::Accept, the
// same use case as the window's, on the channel 网上 (online), in the name of the key's owner (the
// administrator who created the key; a key whose owner is deactivated stops working). The
// matter's village comes from, in this order: the household_number; address_id (a region id or
// statistical code); lat/long (the nearest village with coordinates within 20 km); a village
// name inside address_string. A request that none of these places is refused
// (open311.location_unresolved): no county-level queue receives unplaced matters.
// Every check runs before the intake, and the intake is one transaction: a refused request leaves
// no matter behind.
//
// Reading is public (no key): a matter as PublicRequest shows no name, phone, ID card or
// household number; its address is its village ("饶阳镇东关村") and its point the village's; the
// description is domain::PublicMatterDescription (withheld for complaints and reports, the title
// with long digit runs masked otherwise).
//
// Keys: Require(open311.manage_keys) (administrators only). A key is "o311_" and 40 hex digits,
// returned once by CreateKey; only its SHA-256 is stored. Audited: open311.key_create,
// open311.key_revoke.
// Thread-safety: safe to share; each call runs in its own transactions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/intake.hpp"
#include "app/open311_store.hpp"
#include "app/read_cache.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"

namespace minqing::app {

struct CreatedOpen311Key {
  Open311Key key;
  std::string secret;  // The whole key: shown once, never stored.
};

struct Open311AttributeValue {
  std::string key;
  std::string name;
};

struct Open311Attribute {
  std::string code;
  std::string datatype;  // "singlevaluelist", "string"
  bool required = false;
  std::string description;
  std::string datatype_description;
  int order = 0;
  std::vector<Open311AttributeValue> values;
};

struct Open311ServiceInfo {
  std::string code;  // The category id.
  std::string name;
  std::string description;
  std::string keywords;  // Comma-separated.
  std::string group;     // The top-level category's name.
};

struct Open311ServiceDefinition {
  std::string code;
  std::vector<Open311Attribute> attributes;
};

// A request (POST requests) as the HTTP layer parsed it.
struct Open311Submission {
  std::string service_code;
  std::optional<double> lat;
  std::optional<double> lng;
  std::string address_string;
  std::string address_id;
  std::string description;
  std::string media_url;
  std::vector<std::pair<std::string, std::string>> attributes;  // attribute[code] = value
};

struct Open311Submitted {
  std::string service_request_id;  // The matter's number (工单号).
  std::string token;               // Same number: filing is synchronous (see tokens).
  std::string service_notice;
};

// One matter as the public may see it.
struct PublicRequest {
  std::string service_request_id;
  std::string status;  // "open" or "closed"
  std::string status_notes;
  std::string service_name;
  std::string service_code;
  std::string description;
  std::string agency_responsible;
  std::string service_notice;
  domain::Epoch requested_at = 0;
  domain::Epoch updated_at = 0;
  std::optional<domain::Epoch> expected_at;
  std::string address;  // The village.
  std::string address_id;
  std::optional<double> lat;
  std::optional<double> lng;
  std::string media_url;
};

struct Open311Query {
  std::vector<std::string> ids;  // service_request_id list; when given, other filters are ignored.
  std::string service_code;      // Comma-separated category ids allowed.
  std::optional<domain::Epoch> start;
  std::optional<domain::Epoch> end;
  std::string status;  // "", "open", "closed" (comma-separated allowed)
  int page = 1;
  int page_size = 50;
};

class Open311Service {
 public:
  Open311Service(Store& store, IntakeService& intake) : store_(store), intake_(intake) {}

  // Keys (administrators).
  CreatedOpen311Key CreateKey(const Actor& actor, const std::string& name);
  std::vector<Open311Key> ListKeys(const Actor& actor);
  void RevokeKey(const Actor& actor, Id key_id);

  // The key's owner as the acting user (channel api), counting one use; nullopt for an unknown or
  // revoked key or one whose owner is no longer active.
  std::optional<std::pair<Open311Key, Actor>> UseKey(const std::string& secret, domain::Epoch now);

  // The county's code (the root region's statistical code, else its id): the jurisdiction_id.
  std::string JurisdictionId(domain::Epoch now);
  std::vector<Open311ServiceInfo> Services(domain::Epoch now);
  // NotFound "open311.service_not_found" for an unknown or inactive category.
  Open311ServiceDefinition Definition(const std::string& service_code, domain::Epoch now);

  // Throws InvalidInput (open311.* codes, every problem), NotFound (service) or what the intake
  // throws; nothing is written unless the matter is.
  Open311Submitted Submit(const Actor& owner, const Open311Submission& submission);

  std::vector<PublicRequest> Requests(const Open311Query& query, domain::Epoch now);
  // By service_request_id (the number); nullopt when there is none.
  std::optional<PublicRequest> Request(const std::string& id, domain::Epoch now);

  // Its read caches' hit and miss counters (GET /metrics).
  std::vector<CacheCount> CacheCounts() const { return {places_.Count()}; }

 private:
  struct Places;
  std::shared_ptr<const Places> LoadPlaces(StoreTx& tx, domain::Epoch now);
  PublicRequest ToPublic(const domain::Matter& m, const Places& places,
                         const std::vector<domain::MatterCategory>& categories) const;

  Store& store_;
  IntakeService& intake_;
  ReadCache<int, std::shared_ptr<const Places>> places_{"open311_places", 1, 30};
};

}  // namespace minqing::app
