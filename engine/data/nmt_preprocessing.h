#pragma once
// D2L §9.5.1's preprocessing of sentence pairs (preprocess_nmt, tokenize_nmt), exactly as the book does it
// in Python:
//   text = text.replace('\u202f', ' ').replace('\xa0', ' ').lower()
//   out = [' ' + c if i > 0 and c in ',.!?' and text[i - 1] != ' ' else c for i, c in enumerate(text)]
//   tokens = sentence.split(' ')
// D2L runs it over the whole file at once, so the character before a sentence is a tab or a line end
// (never a space) except for the file's very first character.
#include <string>
#include <string_view>
#include <vector>

namespace dl {

// Unicode lower case of UTF-8 text, one code point at a time (glibc's towlower in the C.UTF-8
// locale: "À" → "à", "É" → "é", "Ç" → "ç"). Python's str.lower() agrees on every character of
// fra.txt; it differs only where Unicode lower-cases one character into two (U+0130 "İ"), which
// this keeps as one. Bytes that are not valid UTF-8 pass through unchanged.
std::string unicode_lower(std::string_view text);

// One sentence of a pair file, preprocessed as above. `after_separator`: true when the sentence
// follows a tab or a line end in the file (D2L then puts a space before a leading , . ! ?), false
// for the first sentence of the file and for a sentence on its own (the translation box).
std::string preprocess_nmt(std::string_view sentence, bool after_separator = false);

// Python's sentence.split(' '): every single space splits, so two spaces in a row, or one at an end,
// give an empty token (D2L keeps those; fra.txt has 17 of them).
std::vector<std::string> split_words_nmt(std::string_view sentence);

}  // namespace dl
