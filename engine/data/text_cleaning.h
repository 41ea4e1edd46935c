#pragma once
// D2L §8.2's preprocessing and tokenization of a text, exactly as the book does it in Python:
//   line = re.sub('[^A-Za-z]+', ' ', line).strip().lower()
//   tokens = list(line) (characters) or line.split() (words)
#include <string>
#include <string_view>
#include <vector>

namespace dl {

// Every run of characters other than ASCII letters becomes one space, then the ends are trimmed
// and the letters lower-cased. Works on UTF-8 bytes: a multi-byte character is never a letter.
std::string clean_line(std::string_view line);
std::vector<std::string> clean_lines(const std::vector<std::string>& lines);

// "char" or "word"; throws InputError for anything else.
void check_token_kind(const std::string& kind);
// One token list per line: its characters, or its space-separated words.
std::vector<std::vector<std::string>> tokenize(const std::vector<std::string>& lines, const std::string& kind);

}  // namespace dl
