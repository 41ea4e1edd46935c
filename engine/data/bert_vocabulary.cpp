#include "engine/data/bert_vocabulary.h"

#include "engine/core/error.h"
#include "engine/data/vocabulary.h"

namespace dl {

namespace {
const std::vector<std::string> kSpecial{"<unk>", "<pad>", "<mask>", "<cls>", "<sep>"};
}

BertVocabulary build_bert_vocabulary(const std::vector<BertSentence>& sentences, int64_t min_freq) {
    Vocabulary vocab = build_vocabulary(sentences, min_freq, {kSpecial.begin() + 1, kSpecial.end()});
    BertVocabulary bert;
    bert.idx_to_token = std::move(vocab.idx_to_token);
    bert.token_counts = std::move(vocab.token_counts);
    return bert;
}

BertVocabulary build_bert_vocabulary(const BertParagraphs& paragraphs, int64_t min_freq) {
    std::vector<BertSentence> sentences;
    for (const BertParagraph& paragraph : paragraphs)
        sentences.insert(sentences.end(), paragraph.begin(), paragraph.end());
    return build_bert_vocabulary(sentences, min_freq);
}

BertTokenIds::BertTokenIds(const BertVocabulary& vocab) {
    ids_.reserve(vocab.idx_to_token.size());
    for (size_t i = 0; i < vocab.idx_to_token.size(); ++i) ids_.emplace(vocab.idx_to_token[i], static_cast<int32_t>(i));
}

int32_t BertTokenIds::operator()(const std::string& token) const {
    const auto it = ids_.find(token);
    return it == ids_.end() ? BertVocabulary::kUnk : it->second;
}

int32_t bert_token_id(const BertVocabulary& vocab, const std::string& token) {
    for (size_t i = 0; i < vocab.idx_to_token.size(); ++i)
        if (vocab.idx_to_token[i] == token) return static_cast<int32_t>(i);
    return BertVocabulary::kUnk;
}

void check_bert_vocabulary(const BertVocabulary& vocab, const std::string& who) {
    for (size_t i = 0; i < kSpecial.size(); ++i)
        if (i >= vocab.idx_to_token.size() || vocab.idx_to_token[i] != kSpecial[i])
            throw InputError(who + ": a BERT vocabulary starts with <unk> <pad> <mask> <cls> <sep>; entry " +
                             std::to_string(i) + " is " +
                             (i < vocab.idx_to_token.size() ? "'" + vocab.idx_to_token[i] + "'" : "missing"));
}

}  // namespace dl
