#include "engine/data/bert_tokenizer.h"

#include <cstdint>

namespace dl {

namespace {

// One decoded code point and the bytes it took; invalid bytes decode as themselves, one at a time.
struct CodePoint {
    char32_t value = 0;
    size_t length = 1;
};

CodePoint decode(std::string_view text, size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const size_t length = lead < 0x80           ? 1
                          : (lead >> 5) == 0x6  ? 2
                          : (lead >> 4) == 0xE  ? 3
                          : (lead >> 3) == 0x1E ? 4
                                                : 1;
    if (length == 1 || at + length > text.size()) return {lead, 1};
    char32_t value = lead & (0x7F >> length);
    for (size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[at + i]);
        if ((byte >> 6) != 0x2) return {lead, 1};
        value = (value << 6) | (byte & 0x3F);
    }
    return {value, length};
}

bool is_apostrophe(char32_t c) {
    return c == U'\'' || c == U'\u2019';
}

// Letters and digits: ASCII ones, and every non-ASCII code point outside the punctuation and space blocks.
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
    if (c <= 0xBF) return false;                                    // Latin-1 controls, spaces, « » ¡ ¿ and signs
    if (c == 0xD7 || c == 0xF7) return false;                       // × ÷
    if (c >= 0x2000 && c <= 0x206F) return false;                   // General Punctuation: spaces, dashes, quotes, …
    if (c >= 0x3000 && c <= 0x303F) return false;                   // CJK punctuation
    if (c == 0xFEFF || (c >= 0xFF01 && c <= 0xFF0F)) return false;  // byte-order mark, full-width signs
    return true;
}

char32_t lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // À..Þ → à..þ
    return c;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::vector<std::string> bert_tokenize(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    auto finish = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    for (size_t at = 0; at < text.size();) {
        const CodePoint c = decode(text, at);
        at += c.length;
        if (is_word_char(c.value)) {
            append_utf8(word, lower(c.value));
        } else if (is_apostrophe(c.value) && !word.empty() && at < text.size() &&
                   is_word_char(decode(text, at).value)) {
            word += '\'';  // inside a word: "don't"
        } else {
            finish();
        }
    }
    finish();
    return words;
}

}  // namespace dl
