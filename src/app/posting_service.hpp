// Postings (驻村/包村) and target-responsibility agreements (目标责任书): the use cases. Rules in
// domain/posting.hpp, storage in posting_store.hpp.
//
// Who may do what (domain/authz.cpp):
//   - postings.read: admin, leader and centre_staff read the postings of villages in their region
//     scope with their agreements; a village_assistant reads only the postings of their own
//     account (and their agreements).
//   - postings.manage: admin and leader create and end postings of villages in their scope.
//   - agreements.edit: admin and leader draft and change the agreements of postings in their
//     scope; a village_assistant drafts and changes the agreements of their own postings only.
//   - agreements.sign: admin and leader sign an agreement of a posting in their scope (the
//     assistant cannot sign their own). Signing freezes the items.
//   - The public board reads the village's current village affairs assistant and that posting's
//     SIGNED agreement of the current year (PublicAssistant); never a draft.
// Scope is checked before the object's state and before the input. Every change is audited.
// Thread-safety: safe to share; each call runs in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/posting_store.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct PostingInput {
  Id user_id = 0;
  std::string home_unit;  // Empty: the account's unit's name, if it has one.
  Id region_id = 0;
  std::string role;  // domain::PostingRole code.
  std::string team;
  std::string from;
  std::optional<std::string> to;
  std::string note;
};

struct PostingQuery {
  std::optional<Id> region_id;  // A subtree (a township or a village), in the caller's scope.
  std::string role;             // Code; empty for any.
  bool current_only = false;    // Only postings covering today (China date of actor.now).
  std::optional<Id> user_id;
};

struct PostingDetail {
  domain::Posting posting;
  std::vector<domain::Agreement> agreements;  // Newest year first.
};

struct AgreementInput {
  int year = 0;
  std::string title;
  std::vector<domain::AgreementItem> items;
};

struct AgreementDetail {
  domain::Agreement agreement;
  domain::Posting posting;
  std::string signed_by_name;
};

// An account a posting may name (an active staff account).
struct PostingCandidate {
  Id id = 0;
  std::string name;
  std::string role;  // domain::RoleCode.
  std::string unit;  // The unit of a unit handler, else "".
  std::string scope_name;
};

// What the public board shows: the village's current assistant and their signed agreement.
struct PublicAssistant {
  std::optional<domain::Posting> posting;
  std::optional<domain::Agreement> agreement;  // Signed, of the current year.
};

class PostingService {
 public:
  explicit PostingService(Store& store) : store_(store) {}

  domain::Page<domain::Posting> List(const Actor& actor, const PostingQuery& query,
                                     const domain::PageRequest& page);
  PostingDetail Get(const Actor& actor, Id posting_id);
  // InvalidInput for bad fields, a region that is not a village, an account that cannot be
  // posted; Conflict "posting.overlap" naming the other posting.
  domain::Posting Create(const Actor& actor, const PostingInput& input);
  // Sets the end date (China date); an open posting or an earlier end only.
  domain::Posting End(const Actor& actor, Id posting_id, const std::string& to);
  std::vector<PostingCandidate> Candidates(const Actor& actor);

  // Conflict "agreement.exists" for a second agreement of the posting and year.
  AgreementDetail CreateAgreement(const Actor& actor, Id posting_id, const AgreementInput& input);
  // Conflict "agreement.signed" once signed; the stored agreement is unchanged then.
  AgreementDetail UpdateAgreement(const Actor& actor, Id agreement_id, const AgreementInput& input);
  AgreementDetail SignAgreement(const Actor& actor, Id agreement_id, const std::string& signed_on);
  AgreementDetail GetAgreement(const Actor& actor, Id agreement_id);
  // The agreement as a printable A4 PDF with Chinese text.
  std::string AgreementPdf(const Actor& actor, Id agreement_id);

  // No login: the village's board. NotFound when `village_id` is not a village.
  PublicAssistant Public(Id village_id, domain::Epoch now);

  // The current village affairs assistant of a village on the China day of `now`, if any (for
  // contact cards and the board).
  static std::optional<domain::Posting> CurrentAssistant(StoreTx& tx, Id village_id,
                                                         domain::Epoch now);

 private:
  Store& store_;
};

}  // namespace minqing::app
