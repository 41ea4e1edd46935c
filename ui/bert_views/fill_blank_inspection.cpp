#include "ui/bert_views/fill_blank_inspection.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/data/bert_encoding.h"
#include "engine/nn/probe_sink.h"
#include "ui/attention_views/translation_attention.h"

namespace fill_blank_inspection {

namespace {
const std::string kMaskWord = "<mask>";

// A probe [1, heads, T, T] over the padded row, cut to its first `length` queries and keys.
dl::Tensor cropped(const dl::Tensor& map, int64_t length) {
    if (map.dim() != 4 || map.size(2) < length || map.size(3) < length) return map;
    const int64_t heads = map.size(1), T = map.size(2), K = map.size(3);
    dl::Tensor out({1, heads, length, length});
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t q = 0; q < length; ++q)
            std::copy_n(map.data() + (h * T + q) * K, length, out.data() + (h * length + q) * length);
    return out;
}
}  // namespace

int Request::maskedCount() const {
    return static_cast<int>(std::count(masked.begin(), masked.end(), true));
}

Request default_request() {
    Request request = request_for_text(kDefaultSentence, {});
    for (size_t i = 0; i < request.words.size(); ++i) request.masked[i] = request.words[i] == "traveller";
    return request;
}

Request request_for_text(const std::string& text, const Request& previous) {
    Request request;
    request.words = dl::bert_words_with_masks(text);
    request.masked.assign(request.words.size(), false);
    for (size_t i = 0; i < request.words.size(); ++i)
        request.masked[i] = request.words[i] == kMaskWord ||
                            (i < previous.words.size() && previous.words[i] == request.words[i] && previous.masked[i]);
    if (request.maskedCount() == 0 && !request.words.empty()) {
        // A blank to start with: a long word is a telling guess.
        const auto longest =
            std::max_element(request.words.begin(), request.words.end(),
                             [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
        request.masked[static_cast<size_t>(longest - request.words.begin())] = true;
    }
    return request;
}

std::string text_of(const Request& request) {
    std::string text;
    for (const std::string& word : request.words) text += (text.empty() ? "" : " ") + word;
    return text;
}

Request toggled(const Request& request, int index) {
    Request out = request;
    if (index < 0 || index >= static_cast<int>(out.words.size())) return out;
    const auto i = static_cast<size_t>(index);
    if (out.words[i] != kMaskWord) out.masked[i] = !out.masked[i];  // a typed [MASK] has no word to show
    return out;
}

Outcome fill(dl::Network& net, const dl::BertVocabulary& vocab, const Request& request) {
    if (request.maskedCount() == 0) throw dl::InputError("no word is hidden: click a word to make it a blank");
    std::vector<std::string> words = request.words;
    for (size_t i = 0; i < words.size(); ++i)
        if (request.masked[i]) words[i] = kMaskWord;
    const dl::BertEncodedPair pair = dl::encode_bert_pair(vocab, words, {}, net.input_shapes().at(0).at(0));
    Outcome outcome;
    outcome.request = request;
    std::vector<std::string> patterns;
    for (const auto& probe : translation_attention::attention_probes(net.spec())) {
        outcome.attention_nodes.push_back(probe.prefix);
        patterns.push_back(probe.prefix + ".attention");
    }
    dl::ProbeSink sink(patterns);
    outcome.result = dl::fill_blanks(net, vocab, pair.ids, pair.segments, pair.valid_length, kTopGuesses,
                                     patterns.empty() ? nullptr : &sink);
    for (const dl::ProbeSink::Probe& probe : sink.probes())
        outcome.attention[probe.name] = cropped(probe.value, pair.valid_length);
    return outcome;
}

}  // namespace fill_blank_inspection
