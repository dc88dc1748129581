// The repository of postings (驻村/包村) and target-responsibility agreements (目标责任书), see
// domain/posting.hpp for the rules and the stable item kind codes. Nothing is deleted: a posting
// ends by its end date; an agreement's items are replaced only while it is unsigned.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/posting.hpp"

namespace minqing::app {

struct PostingFilter {
  std::string region_path;              // Prefix: postings in this subtree; empty for all.
  std::optional<domain::Id> region_id;  // Exactly this village.
  std::optional<domain::Id> user_id;    // Postings of this account.
  std::optional<domain::PostingRole> role;
  std::optional<std::string> current_on;  // Only postings covering this date (YYYY-MM-DD).
};

class PostingRepository {
 public:
  virtual ~PostingRepository() = default;

  // Serialises writers of one village's postings of one role until the transaction ends; call
  // before reading the postings an overlap check compares with.
  virtual void LockPostings(domain::Id region_id, domain::PostingRole role) = 0;
  // Stores a new posting (id set by the caller).
  virtual void InsertPosting(const domain::Posting& posting) = 0;
  // Sets the end date of a posting and who ended it; NotFound "posting.not_found" when none.
  virtual void EndPosting(domain::Id id, const std::string& to, domain::Epoch at,
                          std::optional<domain::Id> by) = 0;
  // With user_name, user_phone and region_name filled.
  virtual std::optional<domain::Posting> FindPosting(domain::Id id) = 0;
  // Newest start first.
  virtual domain::Page<domain::Posting> ListPostings(const PostingFilter& filter,
                                                     const domain::PageRequest& page) = 0;
  // Every posting of `role` in the village, for the overlap rule.
  virtual std::vector<domain::Posting> PostingsOf(domain::Id region_id,
                                                  domain::PostingRole role) = 0;

  // Stores a new agreement with its items; Conflict "agreement.exists" when the posting already
  // has one for that year.
  virtual void InsertAgreement(const domain::Agreement& agreement) = 0;
  // Replaces the title and items of an UNSIGNED agreement; Conflict "agreement.signed" when it is
  // signed (nothing changes then).
  virtual void ReplaceAgreementItems(const domain::Agreement& agreement, domain::Epoch at) = 0;
  // Signs an unsigned agreement; Conflict "agreement.signed" when it already is.
  virtual void SignAgreement(domain::Id id, const std::string& signed_on, domain::Id by,
                             domain::Epoch at) = 0;
  virtual std::optional<domain::Agreement> FindAgreement(domain::Id id) = 0;
  virtual std::optional<domain::Agreement> FindAgreementOf(domain::Id posting_id, int year) = 0;
  // The posting's agreements, newest year first.
  virtual std::vector<domain::Agreement> AgreementsOf(domain::Id posting_id) = 0;
};

}  // namespace minqing::app
