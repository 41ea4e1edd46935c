#include "engine/data/csv_table.h"

#include <fstream>
#include <sstream>

#include "engine/core/error.h"

namespace dl {

namespace {

class CsvParser {
public:
    CsvParser(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
        if (text_.rfind("\xEF\xBB\xBF", 0) == 0) pos_ = 3;  // UTF-8 byte-order mark written by spreadsheets
    }

    bool at_end() const { return pos_ >= text_.size(); }
    int64_t line() const { return line_; }

    // Reads one record; returns false for a blank line.
    bool next_record(std::vector<std::string>& fields) {
        fields.clear();
        record_line_ = line_;
        bool any_quoted = false;
        while (true) {
            skip_blanks();
            if (peek() == '"') {
                any_quoted = true;
                fields.push_back(quoted_field());
            } else {
                fields.push_back(plain_field());
            }
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            end_line();
            return any_quoted || fields.size() > 1 || !fields[0].empty();
        }
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(path_ + " line " + std::to_string(record_line_) + ": " + what);
    }

private:
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    void skip_blanks() {
        while (peek() == ' ' || peek() == '\t') ++pos_;
    }

    std::string plain_field() {
        const size_t begin = pos_;
        while (!at_end() && peek() != ',' && peek() != '\n' && peek() != '\r') ++pos_;
        size_t end = pos_;
        while (end > begin && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
        return text_.substr(begin, end - begin);
    }

    std::string quoted_field() {
        std::string value;
        ++pos_;  // opening quote
        while (true) {
            if (at_end()) fail("a quoted field is never closed (a \" is missing)");
            const char c = text_[pos_++];
            if (c == '"') {
                if (peek() != '"') break;
                ++pos_;  // "" inside quotes is one literal quote
            } else if (c == '\n') {
                ++line_;
            }
            value += c;
        }
        skip_blanks();
        if (!at_end() && peek() != ',' && peek() != '\n' && peek() != '\r')
            fail("unexpected text after a closing quote (a quote inside a quoted field must be written \"\")");
        return value;
    }

    void end_line() {
        if (peek() == '\r') ++pos_;
        if (peek() == '\n') ++pos_;
        ++line_;
    }

    std::string path_, text_;
    size_t pos_ = 0;
    int64_t line_ = 1, record_line_ = 1;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open the CSV file (does it exist?)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

CsvTable read_csv_table(const std::string& path) {
    CsvParser parser(path, read_file(path));
    CsvTable table;
    table.path = path;
    std::vector<std::string> fields;
    bool has_header = false;
    while (!has_header && !parser.at_end()) has_header = parser.next_record(table.header);
    if (!has_header) throw InputError(path + ": the file is empty (expected a header row)");
    while (!parser.at_end()) {
        const int64_t line = parser.line();
        if (!parser.next_record(fields)) continue;
        if (fields.size() != table.header.size())
            throw InputError(path + " line " + std::to_string(line) + ": " + std::to_string(fields.size()) +
                             " fields, expected " + std::to_string(table.header.size()) + " (as in the header)");
        table.rows.push_back(fields);
        table.row_lines.push_back(line);
    }
    if (table.rows.empty()) throw InputError(path + ": has a header but no data rows");
    return table;
}

}  // namespace dl
