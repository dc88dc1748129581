// Activation letters (账号激活通知书): one A4 page per account with its holder's name, the
// username, the one-time code, the activation link and its QR code, and instructions in
// Chinese. Laid out by Pango with "WenQuanYi Micro Hei" like the contact cards
// (contact_card_pdf.hpp); the QR code (libqrencode) holds the link only, never the code, so a
// photo of the QR code alone does not activate the account.
// Thread-safety: may be called from any thread (calls are serialised internally).
#pragma once

#include <string>
#include <vector>

namespace minqing::app {

struct ActivationLetter {
  std::string display_name;
  std::string username;
  std::string role_label;
  std::string scope_name;  // Region or unit; may be empty.
  std::string code;
  std::string url;           // <public base>/activate?u=<username>
  std::string expires_text;  // "2026年12月16日"
};

// The PDF bytes, one page per letter in order. Throws domain::StorageError when cairo fails.
std::string RenderActivationLettersPdf(const std::vector<ActivationLetter>& letters);

}  // namespace minqing::app
