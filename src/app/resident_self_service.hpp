// Residents help themselves (群众自助), without a password: a one-time code sent to their phone
// proves who they are, so that they can sign up for a resident account, log in to it, or report a
// matter (诉求) from a household's contact card (联系卡).
//
// Contract:
//   - RequestCode checks, in this order and before anything is written: the purpose, the phone
//     (mainland mobile, InvalidInput "phone.invalid"), the contact card of a report (NotFound
//     "card.not_found"), the client address's budget of code requests (RateLimited
//     "sms.rate_limited"), then for signup and login that the phone belongs to a resident living
//     in a registered household (Forbidden "phone.not_resident", the refusal counted in the audit
//     log as "resident.signup_refused" or "resident.login_refused" with the masked phone and the
//     address), for signup that no account is linked to such a resident nor named by the phone
//     (Conflict "account.exists"), for login that a resident account exists (NotFound
//     "account.not_found"; staff accounts never log in by phone code) and is active (Forbidden
//     "account.inactive"). Then, in one transaction, the code (6 digits, valid 10 minutes, at most
//     5 wrong tries) is stored hashed, replacing the phone's previous code for that purpose, and
//     the SMS is written to the outbox through the SMS sender, whose per-phone limits may still
//     refuse (RateLimited "sms.rate_limited") and so roll the code back.
//   - SignUp, PhoneLogin and Report check the code of their purpose and phone (and, for a report,
//     card): a wrong, expired, used or unknown code is InvalidInput "code.bad"; a wrong code counts
//     one try, committed even though the request fails; after 5 the code is refused until a new
//     one is sent. A code is used up by the request that succeeds with it, in the same transaction
//     as what it writes, so a failed request leaves nothing written but the counted try.
//   - SignUp creates a resident account (role resident, username = the phone, no password, linked
//     to the resident) and starts a session as AuthService::Login does. The resident is the one
//     whose registered name is `display_name` when several share the phone, else the first (the
//     head of household first); the account's display name is the registered name.
//   - Report accepts a matter for the card's household through the intake use case (channel
//     "qr_code", caller_phone the verified phone; the resident when the phone is one of the
//     household's), written in the same transaction that uses up the code.
//
// Thread-safety: every method may be called concurrently from any number of threads (the address
// budget is guarded by a mutex; everything else lives in the Store). The setters are for set-up.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/auth_service.hpp"
#include "app/matters/intake.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct SelfServiceOptions {
  std::int64_t code_lifetime_seconds = 10 * 60;
  int max_code_attempts = 5;
  // Code requests per client address and hour, whatever their phone or purpose.
  int codes_per_address_per_hour = 10;
  // What the answer tells the page to wait before asking again (the SMS limiter's interval).
  std::int64_t resend_after_seconds = 60;
};

// The three purposes of a code.
inline constexpr std::string_view kCodeForSignup = "signup";
inline constexpr std::string_view kCodeForLogin = "login";
inline constexpr std::string_view kCodeForReport = "report";

struct PhoneCodeRequest {
  std::string phone;
  std::string purpose;    // signup, login, report
  std::string card_code;  // report: the contact card's code.
};

struct PhoneCodeSent {
  std::string masked_phone;  // 138****5678
  std::int64_t expires_in = 0;
  std::int64_t retry_after = 0;
};

struct SignupInput {
  std::string phone;
  std::string code;
  std::string display_name;  // Optional: picks the resident when several share the phone.
};

// What the public report form of a contact card shows.
struct CardReportForm {
  std::string household_label;  // The head's masked name: "王**户".
  std::string region_name;
  std::vector<domain::MatterCategory> categories;  // Active, in the catalogue's order.
};

struct CardReportInput {
  std::string phone;
  std::string code;
  std::string content;
  std::optional<Id> category_id;
};

struct CardReportResult {
  std::string number;
  std::string link;  // The public receipt page: "/p/<number>?t=<token>".
};

// Mainland mobile number as residents type it: spaces and dashes dropped, then ^1[3-9]\d{9}$;
// nullopt when it is not one.
std::optional<std::string> NormalisedMobile(std::string_view phone);

class ResidentSelfService {
 public:
  // `auth` opens the sessions, `intake` accepts the reports; both must outlive this service.
  ResidentSelfService(Store& store, AuthService& auth, IntakeService& intake,
                      SelfServiceOptions options = {});

  // Wiring (set-up only): the sender of the codes, normally the services' limited outbox.
  void SetSmsSender(std::unique_ptr<SmsSender> sender) { sms_ = std::move(sender); }

  PhoneCodeSent RequestCode(const PhoneCodeRequest& request, std::string_view client_address,
                            domain::Epoch now);
  LoginResult SignUp(const SignupInput& input, std::string_view client_address, domain::Epoch now,
                     domain::Channel channel = domain::Channel::kWeb);
  LoginResult PhoneLogin(const std::string& phone, const std::string& code,
                         std::string_view client_address, domain::Epoch now,
                         domain::Channel channel = domain::Channel::kWeb);
  // NotFound "card.not_found" for an unknown card code.
  CardReportForm ReportForm(const std::string& card_code);
  // InvalidInput for a bad phone or content (required, at most 2000 characters) before the card
  // (NotFound "card.not_found") and the code are looked at.
  CardReportResult Report(const std::string& card_code, const CardReportInput& input,
                          domain::Epoch now);

 private:
  // Books one code request of `address`, or throws RateLimited without booking it.
  void AdmitAddress(const std::string& address, domain::Epoch now);
  // Checks `code` against the stored code of `phone` and `purpose` (and `card_code`), counting
  // a wrong one (committed in `tx` before the throw). Returns the stored hash, for UsePhoneCode.
  std::string CheckCode(StoreTx& tx, const std::string& phone, std::string_view purpose,
                        const std::string& code, const std::string& card_code,
                        domain::Epoch now) const;

  Store& store_;
  AuthService& auth_;
  IntakeService& intake_;
  SelfServiceOptions options_;
  std::unique_ptr<SmsSender> sms_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<domain::Epoch>> requests_by_address_;
};

}  // namespace minqing::app
