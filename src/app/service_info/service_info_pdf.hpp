// Printables of on-duty and public service information, drawn with PdfDocument (Chinese text by
// Pango, QR codes by libqrencode): badges (工作牌, one A6 page each) and the 明白纸 of a service
// guide (A4, continued on further pages when long).
// Thread-safety: may be called from any thread (PdfDocument serialises drawing).
#pragma once

#include <string>
#include <vector>

#include "app/service_info/service_info.hpp"

namespace minqing::app {

struct BadgeData {
  std::string name;
  std::string post;  // The window, or 带班领导.
  std::string unit_name;
  std::string number;   // domain::FormatBadgeNumber
  bool leader = false;  // 带班 (else 在岗).
  std::string date;
  std::string public_url;  // The centre's public duty page.
};

// One badge per page, in order. Throws domain::StorageError when cairo fails.
std::string RenderBadgesPdf(const std::vector<BadgeData>& badges);

// The guide's 明白纸; a draft is marked 草稿（未公开）. Throws domain::StorageError when cairo
// fails.
std::string RenderGuidePdf(const GuideView& view);

}  // namespace minqing::app
