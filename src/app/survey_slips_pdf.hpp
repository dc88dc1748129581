// Household survey slips (入户问卷码): A4 pages of eight slips, each with the survey's title and
// period, the household it belongs to (number and address), a QR code of the household's own
// answer link and the link in clear. A slip lets its household answer once.
// Thread-safety: may be called from any thread (drawing is serialised by PdfDocument).
#pragma once

#include <string>
#include <vector>

namespace minqing::app {

struct SurveySlipHeader {
  std::string title;    // "三问三解：村道修缮意见征集"
  std::string subject;  // "专题：村道修缮" or "干部评议：王景云"
  std::string period;   // "2026-12-01 至 2026-12-31"
};

struct SurveySlip {
  std::string household;  // "东街村 DJ-0012 东街12号"
  std::string url;        // <base>/s/<survey id>?t=<token>
};

// The PDF bytes. Throws domain::StorageError "survey.slips_failed" when cairo fails.
std::string RenderSurveySlipsPdf(const SurveySlipHeader& header,
                                 const std::vector<SurveySlip>& slips);

}  // namespace minqing::app
