#pragma once
// BERT's word tokenizer: one rule for every source (The Time Machine, any text, WikiText-2, Tatoeba, SNLI and
// the fill-in-the-blank box), so one word is one token everywhere.
#include <string>
#include <string_view>
#include <vector>

namespace dl {

// Lower-case words: runs of letters and digits, with apostrophes inside a word kept ("don't", "traveller's"; a
// typographic ’ counts as ') and every other character dropped. Non-ASCII letters (é, ç, ß…) are letters;
// Latin-1 capitals are lowered too, and the punctuation of Unicode's Latin-1 and General Punctuation blocks
// (« » — “ ” …) separates words like ASCII punctuation does.
std::vector<std::string> bert_tokenize(std::string_view text);

}  // namespace dl
