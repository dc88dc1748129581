// Printable contact cards (联系卡): one A6 page per household with its contact party member and
// phone, the party-group leader, the village assistant, the service station's hours and a QR code
// to the household's public page. Chinese text is laid out by Pango with "WenQuanYi Micro Hei"
// (Debian fonts-wqy-microhei), which cairo embeds as a subset in the PDF; the QR code comes from
// libqrencode. Thread-safety: RenderContactCardsPdf may be called from any thread (calls are
// serialised internally because fontconfig set-up is not reentrant everywhere).
#pragma once

#include <string>
#include <vector>

#include "app/network_service.hpp"

namespace minqing::app {

// One labelled line of a card: who to call, with the name and phone as printed.
struct ContactCardLine {
  std::string label;
  std::string value;
};

// The people lines of a card in print order: the contact member, the party-group leader (or, when
// the member leads the group, a line saying so instead of an empty "—"), the village assistant.
std::vector<ContactCardLine> ContactCardLines(const ContactCardData& card);

// The PDF bytes of one card per entry, in order. Throws domain::StorageError when cairo fails.
std::string RenderContactCardsPdf(const std::vector<ContactCardData>& cards);

}  // namespace minqing::app
