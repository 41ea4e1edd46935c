#pragma once
// Reading a text file a learner chose: the whole file as UTF-8 lines, or an InputError that says what
// is wrong with it (missing, empty, binary, not UTF-8). Never anything worse.
#include <string>
#include <vector>

namespace dl {

// The file's lines without their line ends, as Python's readlines() in text mode cuts them ("\n",
// "\r\n" and a lone "\r" each end a line; no empty line after a final line end). A UTF-8 byte-order
// mark is dropped. Throws InputError for a missing or unreadable file, a folder, an empty file, a
// binary file (NUL bytes, or mostly control bytes) and invalid UTF-8 (naming the line and byte).
std::vector<std::string> read_text_lines(const std::string& path);

// The 0-based offset of the first byte that breaks UTF-8 in `bytes` (overlong forms, surrogates and
// code points past U+10FFFF included), or npos when all of it is valid.
size_t first_invalid_utf8(const std::string& bytes);

// The fields of a tab-separated line, empty ones included ("a\t\tb" → "a", "", "b").
std::vector<std::string> split_tab_fields(const std::string& line);

}  // namespace dl
