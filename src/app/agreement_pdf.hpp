// The printable target-responsibility agreement (目标责任书): one A4 page (more when the items
// run over) with the village, the posted cadre, the year, the items with their targets and
// weights, and the signing date, or "草稿（未签订）" across the top while it is unsigned.
// Thread-safety: as PdfDocument (drawing is serialised).
#pragma once

#include <string>

#include "domain/posting.hpp"

namespace minqing::app {

struct AgreementPrint {
  domain::Agreement agreement;
  domain::Posting posting;
  std::string signed_by_name;
};

std::string RenderAgreementPdf(const AgreementPrint& print);

}  // namespace minqing::app
