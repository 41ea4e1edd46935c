#pragma once
// Base64 (RFC 4648, standard alphabet with '=' padding), for binary data inside JSON files such as
// the weights in a .divelab project. Written here because Debian 12 offers no small, maintained
// base64 library worth a dependency, and the codec is about forty lines.
#include <string>
#include <string_view>

namespace dl {

std::string base64_encode(std::string_view bytes);
// Ignores whitespace and line breaks. Throws InputError mentioning `what` (e.g. "proj.divelab: the
// weights") for a character outside the alphabet, misplaced padding or a length that is not a
// multiple of four.
std::string base64_decode(std::string_view text, const std::string& what);

}  // namespace dl
