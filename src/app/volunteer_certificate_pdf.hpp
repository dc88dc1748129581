// The volunteer service certificate (志愿服务证明): one A4 page (more when the activities run
// long) with the volunteer's name, team, total hours, the attended activities with their dates
// and hours, the date issued, and the verification code with a QR code of the public verification
// page (<public base>/vc/<code>), so that anyone holding the paper can check it was issued.
// Thread-safety: may be called from any thread (drawing is serialised by PdfDocument).
#pragma once

#include <string>
#include <vector>

namespace minqing::app {

struct VolunteerCertificateLine {
  std::string date;  // 'YYYY-MM-DD'.
  std::string title;
  std::string hours;  // "2.5".
};

struct VolunteerCertificatePage {
  std::string name;
  std::string team_name;
  std::string region_name;
  std::string total_hours;  // "12.5".
  std::vector<VolunteerCertificateLine> lines;
  std::string issued_text;  // "2026年12月3日".
  std::string code;
  std::string verify_url;
};

// The PDF bytes. Throws domain::StorageError when cairo fails.
std::string RenderVolunteerCertificatePdf(const VolunteerCertificatePage& page);

}  // namespace minqing::app
