#pragma once
// Tab-separated sentence-pair files (D2L §9.5.1's fra.txt from manythings.org: "English<TAB>French" on
// every line): read, checked, and the raw sentences of each side kept.
#include <cstdint>
#include <string>
#include <vector>

namespace dl {

struct SentencePairs {
    std::vector<std::string> source, target;  // raw (not yet preprocessed) sentences, one per pair
    std::vector<int64_t> line;                // the 0-based line of each pair in the file
    int64_t skipped_lines = 0;                // non-empty lines without exactly one tab
};

// The pairs of `lines` (a file's lines, see read_text_lines). Lines that do not split on tabs into exactly
// two parts are skipped (and counted when not empty), as D2L's tokenize_nmt does. max_pairs > 0 keeps only
// lines 0..max_pairs: D2L's num_examples test is `if i > num_examples: break`, so num_examples = 600 reads
// 601 lines, and the bundled fra-eng set has 601 pairs. Throws InputError, naming `who`, when fewer than
// half of all non-empty lines (the whole file, not only the kept ones) are pairs, or none are.
SentencePairs parse_sentence_pairs(const std::vector<std::string>& lines, int64_t max_pairs, const std::string& who);

// The same from a UTF-8 file (read_text_lines' errors for missing, empty, binary or non-UTF-8 files).
SentencePairs read_sentence_pairs(const std::string& path, int64_t max_pairs = 0);

// True when the start of the file (its first 64 KiB) looks like sentence pairs: at least half of its
// non-empty lines hold exactly one tab. False for anything unreadable (loading it then says why).
bool looks_like_sentence_pairs(const std::string& path);

}  // namespace dl
