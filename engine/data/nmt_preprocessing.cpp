#include "engine/data/nmt_preprocessing.h"

#include <locale.h>
#include <clocale>
#include <cstdint>
#include <cwctype>

namespace dl {

namespace {

// The C.UTF-8 locale for towlower_l, made once; (locale_t)0 when the C library has none (then only
// ASCII letters are lower-cased).
locale_t utf8_locale() {
    static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return locale;
}

// Decodes the code point at text[i] and advances i; nullopt-like -1 (and one byte) for invalid UTF-8.
int32_t next_code_point(std::string_view text, size_t& i) {
    const auto c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) {
        ++i;
        return -1;
    }
    int32_t code = length == 1 ? c : c & (0x7f >> length);
    for (int k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next >> 6) != 0x2) {
            ++i;
            return -1;
        }
        code = (code << 6) | (next & 0x3f);
    }
    i += length;
    return code;
}

void append_utf8(std::string& out, int32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xc0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xe0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    }
}

int32_t lower(int32_t code) {
    if (code < 0x80) return code >= 'A' && code <= 'Z' ? code - 'A' + 'a' : code;
    const locale_t locale = utf8_locale();
    return locale ? static_cast<int32_t>(towlower_l(static_cast<wint_t>(code), locale)) : code;
}

bool is_nmt_punctuation(char c) {
    return c == ',' || c == '.' || c == '!' || c == '?';
}

}  // namespace

std::string unicode_lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const size_t start = i;
        const int32_t code = next_code_point(text, i);
        if (code < 0)
            out += text[start];  // not UTF-8: kept as it is
        else
            append_utf8(out, lower(code));
    }
    return out;
}

std::string preprocess_nmt(std::string_view sentence, bool after_separator) {
    // U+202F (narrow no-break space, before French ! and ?) and U+00A0 (no-break space) become spaces.
    std::string spaced;
    spaced.reserve(sentence.size());
    for (size_t i = 0; i < sentence.size(); ++i) {
        if (sentence.compare(i, 3, "\xe2\x80\xaf") == 0) {
            spaced += ' ';
            i += 2;
        } else if (sentence.compare(i, 2, "\xc2\xa0") == 0) {
            spaced += ' ';
            i += 1;
        } else {
            spaced += sentence[i];
        }
    }
    const std::string lowered = unicode_lower(spaced);
    std::string out;
    out.reserve(lowered.size() + 8);
    for (size_t i = 0; i < lowered.size(); ++i) {
        // D2L's no_space: the character before is a tab or line end (after_separator) at i = 0.
        const bool space_before = i > 0 ? lowered[i - 1] != ' ' : after_separator;
        if (is_nmt_punctuation(lowered[i]) && space_before) out += ' ';
        out += lowered[i];
    }
    return out;
}

std::vector<std::string> split_words_nmt(std::string_view sentence) {
    std::vector<std::string> words;
    size_t start = 0;
    while (true) {
        const size_t space = sentence.find(' ', start);
        if (space == std::string_view::npos) {
            words.emplace_back(sentence.substr(start));
            return words;
        }
        words.emplace_back(sentence.substr(start, space - start));
        start = space + 1;
    }
}

}  // namespace dl
