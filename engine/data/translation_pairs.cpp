#include "engine/data/translation_pairs.h"

#include <algorithm>
#include <fstream>

#include "engine/core/error.h"
#include "engine/data/text_file.h"

namespace dl {

namespace {

// Python's line.split('\t') has exactly two parts.
bool is_pair(const std::string& line) {
    const size_t tab = line.find('\t');
    return tab != std::string::npos && line.find('\t', tab + 1) == std::string::npos;
}

// Pairs among the non-empty lines; true when they are at least half of them (and there is one).
bool mostly_pairs(const std::vector<std::string>& lines, int64_t& pairs, int64_t& non_empty) {
    pairs = non_empty = 0;
    for (const std::string& line : lines) {
        if (line.empty()) continue;
        ++non_empty;
        pairs += is_pair(line);
    }
    return pairs > 0 && pairs * 2 >= non_empty;
}

}  // namespace

SentencePairs parse_sentence_pairs(const std::vector<std::string>& lines, int64_t max_pairs, const std::string& who) {
    if (max_pairs < 0) throw InputError("the pair limit must be >= 0 (0 keeps every pair)");
    int64_t pairs = 0, non_empty = 0;
    if (!mostly_pairs(lines, pairs, non_empty))
        throw InputError(who + " is not a tab-separated pair file: " + std::to_string(pairs) + " of its " +
                         std::to_string(non_empty) +
                         " non-empty lines are \"source<TAB>target\" (each line needs exactly one tab)");
    SentencePairs out;
    for (size_t i = 0; i < lines.size(); ++i) {
        // D2L: `if num_examples and i > num_examples: break` keeps lines 0..num_examples.
        if (max_pairs > 0 && static_cast<int64_t>(i) > max_pairs) break;
        const std::string& line = lines[i];
        if (!is_pair(line)) {
            out.skipped_lines += !line.empty();
            continue;
        }
        const size_t tab = line.find('\t');
        out.source.push_back(line.substr(0, tab));
        out.target.push_back(line.substr(tab + 1));
        out.line.push_back(static_cast<int64_t>(i));
    }
    return out;
}

SentencePairs read_sentence_pairs(const std::string& path, int64_t max_pairs) {
    return parse_sentence_pairs(read_text_lines(path), max_pairs, path);
}

bool looks_like_sentence_pairs(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string head(65536, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (head.find('\0') != std::string::npos) return false;
    if (in.gcount() == 65536) {  // a cut line at the end would not count
        const size_t end = head.find_last_of("\r\n");
        if (end != std::string::npos) head.resize(end);
    }
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= head.size()) {
        const size_t end = std::min(head.find_first_of("\r\n", start), head.size());
        lines.push_back(head.substr(start, end - start));
        start = end + 1;
    }
    int64_t pairs = 0, non_empty = 0;
    return mostly_pairs(lines, pairs, non_empty);
}

}  // namespace dl
