#include "engine/train/fill_blanks.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/error.h"
#include "engine/nn/layer.h"

namespace dl {

namespace {
void check_network(const Network& net, const BertVocabulary& vocab, size_t row_length) {
    const std::vector<std::string> want{"tokens", "segments", "positions"};
    if (net.input_names() != want || net.output_count() != 2)
        throw InputError("'" + net.spec().name +
                         "' is not a BERT pretraining network (inputs tokens, segments, positions; outputs masked-LM "
                         "and next-sentence scores), so it cannot fill in blanks");
    if (net.output_shape(0).size() != 2 || net.output_shape(0)[1] != vocab.size())
        throw InputError("'" + net.spec().name + "' scores " + to_string(net.output_shape(0)) +
                         " values per example, not one per word of its vocabulary of " + std::to_string(vocab.size()));
    if (static_cast<int64_t>(row_length) != net.input_shapes()[0][0])
        throw InputError("the sentence was encoded to " + std::to_string(row_length) + " tokens, but '" +
                         net.spec().name + "' reads " + std::to_string(net.input_shapes()[0][0]));
}

Tensor row_tensor(const std::vector<int32_t>& values) {
    Tensor t = Tensor::empty({1, static_cast<int64_t>(values.size())});
    for (size_t i = 0; i < values.size(); ++i) t[static_cast<int64_t>(i)] = static_cast<float>(values[i]);
    return t;
}

std::vector<BlankGuess> top_guesses(const float* scores, const BertVocabulary& vocab, int top_k) {
    const int64_t V = vocab.size();
    const float peak = *std::max_element(scores, scores + V);
    double z = 0;
    for (int64_t v = 0; v < V; ++v) z += std::exp(static_cast<double>(scores[v] - peak));
    std::vector<int32_t> order(static_cast<size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    const auto k = static_cast<size_t>(std::clamp<int64_t>(top_k, 1, V));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                      [&](int32_t a, int32_t b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); });
    std::vector<BlankGuess> guesses;
    for (size_t i = 0; i < k; ++i)
        guesses.push_back({order[i], vocab.idx_to_token[static_cast<size_t>(order[i])],
                           std::exp(static_cast<double>(scores[order[i]] - peak)) / z});
    return guesses;
}
}  // namespace

FillResult fill_blanks(Network& net, const BertVocabulary& vocab, const std::vector<int32_t>& ids,
                       const std::vector<int32_t>& segments, int32_t valid_length, int top_k, ProbeSink* probes) {
    check_network(net, vocab, ids.size());
    FillResult result;
    std::vector<int32_t> masks;
    for (int32_t t = 0; t < valid_length && t < static_cast<int32_t>(ids.size()); ++t) {
        result.tokens.push_back(vocab.idx_to_token.at(static_cast<size_t>(ids[static_cast<size_t>(t)])));
        if (ids[static_cast<size_t>(t)] == BertVocabulary::kMask) masks.push_back(t);
    }
    const int64_t slots = net.input_shapes()[2][0];
    if (masks.empty()) throw InputError("the sentence has no blank: mask a word with [MASK]");
    if (static_cast<int64_t>(masks.size()) > slots)
        throw InputError("the sentence has " + std::to_string(masks.size()) + " blanks, but '" + net.spec().name +
                         "' predicts at most " + std::to_string(slots) + " at once");
    std::vector<int32_t> positions = masks;
    positions.resize(static_cast<size_t>(slots), 0);
    NoGradGuard no_grad;
    SequenceLengths lengths;
    lengths.source = {valid_length};
    ForwardContext ctx;
    ctx.lengths = &lengths;
    ctx.probes = probes;
    const std::vector<Var> out =
        net.forward_outputs({Var(row_tensor(ids)), Var(row_tensor(segments)), Var(row_tensor(positions))}, ctx);
    const Tensor& scores = out[0].value();  // [1, P, V]
    for (size_t m = 0; m < masks.size(); ++m)
        result.blanks.push_back(
            {masks[m], top_guesses(scores.data() + static_cast<int64_t>(m) * vocab.size(), vocab, top_k)});
    if (std::find(segments.begin(), segments.begin() + valid_length, 1) != segments.begin() + valid_length) {
        const float* nsp = out[1].value().data();
        result.next_probability = 1.0 / (1.0 + std::exp(static_cast<double>(nsp[0] - nsp[1])));
    }
    return result;
}

}  // namespace dl
