// Text inside XML 1.0 documents (the spreadsheets' parts, the Open311 answers). Thread-safe: no
// shared state.
#pragma once

#include <string>
#include <string_view>

namespace minqing::formats {

// Appends `text` to `out` escaped for element text and attribute values (& < > "), dropping the
// control characters XML 1.0 cannot carry (all below 0x20 except tab, line feed and return).
void AppendXmlEscaped(std::string& out, std::string_view text);

}  // namespace minqing::formats
