// Ballot slips (评议票) of a year-end vote: A4 pages of eight slips, each with the vote's title,
// the village and the assessed person, a QR code of the ballot page's link with the slip's code,
// the code in clear and the link. A slip names no voter: whoever holds it votes once.
// Thread-safety: may be called from any thread (drawing is serialised by PdfDocument).
#pragma once

#include <string>
#include <vector>

namespace minqing::app {

struct VoteSlipHeader {
  std::string title;          // "2026年度村级事务助理述职评议"
  std::string village;        // "东街村"
  std::string assessed_name;  // "王景云"
  std::string period;         // "2026年12月20日 09:00 至 12月20日 18:00"
};

struct VoteSlip {
  std::string code;  // As printed: "ABCDE-FGHJK".
  std::string url;   // The ballot page with the code.
};

// The PDF bytes. Throws domain::StorageError "vote.slips_failed" when cairo fails.
std::string RenderVoteSlipsPdf(const VoteSlipHeader& header, const std::vector<VoteSlip>& slips);

}  // namespace minqing::app
