#include "engine/train/text_generation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/nn/recurrent_state.h"

namespace dl {

namespace {
bool word_tokens(const TextCorpus& vocabulary) {
    return vocabulary.token_kind == "word";
}

// The UTF-8 characters of `text`, each as its own string (a stray byte stands alone).
std::vector<std::string> utf8_characters(const std::string& text) {
    std::vector<std::string> chars;
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0x80           ? 1
                              : (lead >> 5) == 0x6  ? 2
                              : (lead >> 4) == 0xE  ? 3
                              : (lead >> 3) == 0x1E ? 4
                                                    : 1;
        chars.push_back(text.substr(i, length));
        i += length;
    }
    return chars;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
        if (end > i) out.push_back(text.substr(i, end - i));
        i = end;
    }
    return out;
}

// The scores of the last time step of a one-example output ([1, T, V], [1, V], ...).
std::vector<float> last_step_scores(const Tensor& out, int64_t vocab_size) {
    if (out.shape().empty() || out.shape().back() != vocab_size)
        throw InputError("the network ends in " + to_string(out.shape()) + ", but generation needs one score per " +
                         "vocabulary entry (" + std::to_string(vocab_size) + ") at the last step");
    const float* last = out.data() + out.numel() - vocab_size;
    return {last, last + vocab_size};
}

int32_t argmax(const std::vector<float>& scores) {
    return static_cast<int32_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

// Draws from softmax(scores / temperature), computed in double with the maximum subtracted.
int32_t sample(const std::vector<float>& scores, double temperature, Rng& rng) {
    const double top = *std::max_element(scores.begin(), scores.end());
    std::vector<double> weights(scores.size());
    double total = 0;
    for (size_t i = 0; i < scores.size(); ++i) total += weights[i] = std::exp((scores[i] - top) / temperature);
    double u = rng.uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (u < weights[i]) return static_cast<int32_t>(i);
        u -= weights[i];
    }
    return static_cast<int32_t>(weights.size() - 1);
}

// Feeds one token (a [1, 1] batch) with the carried state; returns the scores for the next token.
std::vector<float> step(Network& net, ForwardContext& ctx, int32_t token, int64_t vocab_size) {
    const Var x(Tensor::from({1, 1}, {static_cast<float>(token)}));
    return last_step_scores(net.forward(x, ctx).value(), vocab_size);
}
}  // namespace

std::string GeneratedText::text() const {
    return prefix.empty() || continuation.empty() ? prefix + continuation : prefix + separator + continuation;
}

std::vector<int32_t> encode_prefix(const std::string& prefix, const TextCorpus& vocabulary) {
    std::unordered_map<std::string, int32_t> ids;
    for (size_t i = 0; i < vocabulary.idx_to_token.size(); ++i)
        ids.emplace(vocabulary.idx_to_token[i], static_cast<int32_t>(i));
    std::vector<int32_t> out;
    for (const std::string& token : word_tokens(vocabulary) ? words(prefix) : utf8_characters(prefix)) {
        const auto it = ids.find(token);
        out.push_back(it == ids.end() ? 0 : it->second);
    }
    return out;
}

std::string decode_tokens(const std::vector<int32_t>& ids, const TextCorpus& vocabulary) {
    std::string text;
    const char* separator = word_tokens(vocabulary) ? " " : "";
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) text += separator;
        const auto id = static_cast<size_t>(ids[i]);
        text += id < vocabulary.idx_to_token.size() ? vocabulary.idx_to_token[id] : "<unk>";
    }
    return text;
}

GeneratedText generate_text(Network& net, const TextCorpus& vocabulary, const std::string& prefix,
                            const GenerationOptions& options) {
    const int64_t vocab_size = vocabulary.vocab_size();
    if (vocab_size < 1) throw InputError("generation needs a vocabulary, and this one is empty");
    if (options.length < 0) throw InputError("the length to generate must be at least 0");
    const std::vector<int32_t> prefix_ids = encode_prefix(prefix, vocabulary);
    if (prefix_ids.empty()) throw InputError("the prefix is empty: give at least one token to start from");

    NoGradGuard no_grad;
    RecurrentState state;
    ForwardContext ctx;
    ctx.state = &state;
    Rng rng(options.seed);
    // D2L's predict_ch8: the prefix warms the state up; its last token gives the first prediction.
    std::vector<float> scores;
    for (int32_t id : prefix_ids) scores = step(net, ctx, id, vocab_size);
    GeneratedText out;
    out.prefix = decode_tokens(prefix_ids, vocabulary);
    out.separator = std::string(word_tokens(vocabulary) ? 1 : 0, ' ');
    for (int64_t i = 0; i < options.length; ++i) {
        const int32_t next = options.temperature > 0 ? sample(scores, options.temperature, rng) : argmax(scores);
        out.ids.push_back(next);
        if (i + 1 < options.length) scores = step(net, ctx, next, vocab_size);
    }
    out.continuation = decode_tokens(out.ids, vocabulary);
    return out;
}

}  // namespace dl
