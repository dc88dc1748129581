// The resident's sign-off of a matter (群众签字才算数): SMS codes, the resident's own account,
// callbacks (回访) and their tasks, the public page a receipt's QR code opens, and the staff
// preview of that page; also the development SMS outbox the codes go to.
//
// Contract: a sign-off needs a proof the staff who handled the matter do not hold, and records
// which (Matter::confirmed_via); only these count as the resident's word in the three rates.
// Staff calls check Require(actor, matter.sign_off) and the read rule of the matter; the rules
// that are not permissions keep their own codes (sign_off.code_by_handler,
// sign_off.not_your_household, matter.callback_forbidden_role, matter.callback_by_handler,
// sign_off.proof_required, sign_off.bad_code, sign_off.expired, sign_off.too_many_attempts).
// Runs in one transaction per call and audits every change.
//
// Caches: none.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "domain/matter.hpp"

namespace minqing::app {

// Proofs of a sign-off (群众签字), as recorded in Matter::confirmed_via: only these count as the
// resident's word in the three rates. "window" is a consultation closed on the spot; the
// unproven "public_page" of older records is never written again.
inline constexpr std::string_view kProofSmsCode = "sms_code";
inline constexpr std::string_view kProofResidentAccount = "resident_account";
inline constexpr std::string_view kProofCallback = "callback";

// What the signed-in staff member may do towards a sign-off of one matter (the preview).
struct SignOffRights {
  bool callback = false;    // Record a callback (回访): a non-handler, not a party member.
  bool enter_code = false;  // Type in the code the resident reads out: a non-handler.
};

// What the resident sees on the public page: no internal events, no personal data.
struct PublicMatterView {
  domain::Matter matter;
  std::vector<domain::MatterEvent> timeline;
  std::vector<domain::ProxyErrand> errands;
  bool can_confirm = false;  // Replied: waiting for the resident's sign-off.
  // The proofs a sign-off can carry now: "sms_code" (the caller has a phone), "resident_account"
  // (the household has a resident account), "callback" (always; staff make it). Empty when the
  // matter cannot be confirmed.
  std::vector<std::string> sign_off_options;
  std::string phone_masked;             // Where the code goes; empty without a phone.
  std::optional<SignOffRights> rights;  // Staff preview only.
};

struct SignOffInput {
  std::string code;  // The SMS code: required for ConfirmWithCode and on the public page.
  std::optional<bool> solved;
  std::optional<int> rating;
  std::string comment;
};

class SignOffService {
 public:
  explicit SignOffService(MattersContext& context) : context_(context) {}

  // Returns the masked phone the code went to.
  std::string SendSignOffCode(const Actor& actor, Id matter_id);
  // Staff type in the code the resident reads out; not those who handled the matter (its
  // handler, staff of any unit it was at): sign_off.code_by_handler.
  domain::Matter ConfirmWithCode(const Actor& actor, Id matter_id, const SignOffInput& input);
  // The resident's own account: matter.confirm_own, of the matter's household
  // (sign_off.not_your_household otherwise).
  domain::Matter ConfirmWithAccount(const Actor& actor, Id matter_id, const SignOffInput& input);
  // A callback (回访) by staff who did not handle the matter: not party members
  // (matter.callback_forbidden_role), not its handler nor staff of any unit it was at, before
  // or after a transfer (matter.callback_by_handler).
  domain::Matter RecordCallback(const Actor& actor, Id matter_id, const SignOffInput& input);
  domain::Matter CompleteCallbackTask(const Actor& actor, Id task_id, const SignOffInput& input);
  domain::Page<domain::CallbackTask> ListCallbackTasks(const Actor& actor,
                                                       const domain::PageRequest& page);

  // Public page (no login): the receipt number and its token.
  PublicMatterView GetPublic(const std::string& number, const std::string& token,
                             domain::Epoch now);
  std::string SendPublicCode(const std::string& number, const std::string& token,
                             domain::Epoch now);
  // The token lets its holder follow the matter; signing off also needs input.code (the SMS
  // code), else Forbidden sign_off.proof_required naming the proofs this matter offers.
  PublicMatterView ConfirmOnPublicPage(const std::string& number, const std::string& token,
                                       const SignOffInput& input, domain::Epoch now);
  // Staff: the public page of a matter they may read, without its token, with what this user
  // may do towards its sign-off (rights). Reading only: it confirms nothing.
  PublicMatterView GetPublicPreview(const Actor& actor, Id matter_id);

  // Development SMS outbox (dev.outbox).
  domain::Page<SmsMessage> ListSms(const Actor& actor, const domain::PageRequest& page);

 private:
  domain::Matter SignOff(StoreTx& tx, const Actor& actor, const domain::Matter& matter,
                         const SignOffInput& input, const std::string& via);
  void CheckCode(StoreTx& tx, Id matter_id, const std::string& code, domain::Epoch now);
  std::string IssueCode(StoreTx& tx, const domain::Matter& matter, domain::Epoch now);

  MattersContext& context_;
};

}  // namespace minqing::app
