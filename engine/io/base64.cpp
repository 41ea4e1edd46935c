#include "engine/io/base64.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "engine/core/error.h"

namespace dl {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int8_t kInvalid = -1, kSpace = -2, kPad = -3;

constexpr std::array<int8_t, 256> make_table() {
    std::array<int8_t, 256> table{};
    table.fill(kInvalid);
    for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
    for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[c] = kSpace;
    table['='] = kPad;
    return table;
}
constexpr std::array<int8_t, 256> kTable = make_table();

[[noreturn]] void bad_base64(const std::string& what, const std::string& why) {
    throw InputError(what + ": not valid base64 (" + why + "); the data is damaged");
}
}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        const size_t n = std::min<size_t>(3, bytes.size() - i);
        uint32_t group = 0;
        for (size_t k = 0; k < 3; ++k) group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (size_t k = 0; k < 4; ++k) out += k <= n ? kAlphabet[(group >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
}

std::string base64_decode(std::string_view text, const std::string& what) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    uint32_t group = 0;
    size_t symbols = 0, padding = 0;  // non-whitespace characters so far; '=' among them
    for (size_t i = 0; i < text.size(); ++i) {
        const int8_t v = kTable[static_cast<unsigned char>(text[i])];
        if (v == kSpace) continue;
        if (v == kInvalid) bad_base64(what, "unexpected character at position " + std::to_string(i + 1));
        if (v == kPad) {
            // '=' may only fill the last one or two places of the final group of four.
            if (symbols % 4 < 2) bad_base64(what, "misplaced '=' at position " + std::to_string(i + 1));
            ++padding;
        } else if (padding > 0) {
            bad_base64(what, "data after the closing '=' at position " + std::to_string(i + 1));
        }
        group = (group << 6) | static_cast<uint32_t>(v == kPad ? 0 : v);
        if (++symbols % 4 == 0) {
            const char bytes[3] = {static_cast<char>(group >> 16), static_cast<char>(group >> 8),
                                   static_cast<char>(group)};
            out.append(bytes, 3 - padding);
            group = 0;
        }
    }
    if (symbols % 4 != 0) bad_base64(what, "its length is not a multiple of 4; the text is cut short");
    return out;
}

}  // namespace dl
