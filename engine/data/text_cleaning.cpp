#include "engine/data/text_cleaning.h"

#include "engine/core/error.h"

namespace dl {

namespace {
bool is_ascii_letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
}  // namespace

std::string clean_line(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    bool gap = false;  // a run of non-letters waits to become one space
    for (const char c : line) {
        if (!is_ascii_letter(c)) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out += ' ';  // a leading run is stripped
        gap = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;  // a trailing run is stripped
}

std::vector<std::string> clean_lines(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (const std::string& line : lines) out.push_back(clean_line(line));
    return out;
}

void check_token_kind(const std::string& kind) {
    if (kind != "char" && kind != "word") throw InputError("unknown token kind '" + kind + "': use char or word");
}

std::vector<std::vector<std::string>> tokenize(const std::vector<std::string>& lines, const std::string& kind) {
    check_token_kind(kind);
    std::vector<std::vector<std::string>> tokens(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (kind == "char") {
            for (const char c : line) tokens[i].emplace_back(1, c);
            continue;
        }
        size_t start = 0;
        while (start < line.size()) {
            const size_t space = line.find(' ', start);
            const size_t end = space == std::string::npos ? line.size() : space;
            if (end > start) tokens[i].push_back(line.substr(start, end - start));
            start = end + 1;
        }
    }
    return tokens;
}

}  // namespace dl
