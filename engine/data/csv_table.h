#pragma once
// CSV parsing (RFC 4180): a header row, comma-separated fields, "quoted, fields" with "" for a
// quote inside, CRLF or LF line ends, blank lines skipped. All values stay text here; csv.h turns
// them into numbers.
#include <cstdint>
#include <string>
#include <vector>

namespace dl {

struct CsvTable {
    std::string path;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // each has header.size() fields
    std::vector<int64_t> row_lines;              // file line where each row starts (the header is line 1)
};

// Throws InputError naming the file and line for ragged rows and unclosed quotes.
CsvTable read_csv_table(const std::string& path);

}  // namespace dl
