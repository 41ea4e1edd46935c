#include "engine/train/translation_batch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/core/error.h"
#include "engine/losses/masked_sequence_loss.h"
#include "engine/train/bert_batch.h"
#include "engine/train/bleu.h"
#include "engine/train/translation.h"

namespace dl {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Tensor rows_of(const Tensor& t, const std::vector<int64_t>& indices, int64_t first, int64_t count) {
    const int64_t width = t.size(1);
    Tensor out = Tensor::empty({count, width});
    for (int64_t r = 0; r < count; ++r) {
        const float* src = t.data() + indices[static_cast<size_t>(first + r)] * width;
        std::copy(src, src + width, out.data() + r * width);
    }
    return out;
}

std::vector<int64_t> all_indices(const Dataset& data) {
    std::vector<int64_t> indices(static_cast<size_t>(data.size()));
    std::iota(indices.begin(), indices.end(), int64_t{0});
    return indices;
}
}  // namespace

void fill_translation_batch(const Dataset& data, const std::vector<int64_t>& indices, TranslationBatch& out) {
    const auto B = static_cast<int64_t>(indices.size());
    const int64_t T = data.target_tokens.size(1);
    out.target_input = Tensor::empty({B, T});
    out.labels.resize(static_cast<size_t>(B * T));
    out.lengths.source.resize(static_cast<size_t>(B));
    out.lengths.target.resize(static_cast<size_t>(B));
    out.tokens = 0;
    for (int64_t b = 0; b < B; ++b) {
        const int64_t i = indices[static_cast<size_t>(b)];
        const float* y = data.target_tokens.data() + i * T;
        float* dec = out.target_input.data() + b * T;
        dec[0] = static_cast<float>(TranslationCorpus::kBos);
        std::copy(y, y + T - 1, dec + 1);
        for (int64_t t = 0; t < T; ++t) out.labels[static_cast<size_t>(b * T + t)] = static_cast<int32_t>(y[t]);
        out.lengths.source[static_cast<size_t>(b)] = data.source_lengths[static_cast<size_t>(i)];
        out.lengths.target[static_cast<size_t>(b)] = data.target_lengths[static_cast<size_t>(i)];
        out.tokens += std::clamp<int64_t>(data.target_lengths[static_cast<size_t>(i)], 0, T);
    }
}

std::vector<Shape> network_input_shapes(const Dataset& data) {
    if (data.is_translation()) return {{data.features.size(1)}, {data.target_tokens.size(1)}};
    if (data.is_bert_pretraining())
        return {{data.features.size(1)}, {data.segments.size(1)}, {data.mlm_positions.size(1)}};
    if (data.is_bert()) return {{data.features.size(1)}, {data.segments.size(1)}};
    return {data.sample_shape()};
}

namespace {
std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
    return out;
}

void check_bert_inputs_fit(const std::vector<std::string>& inputs, const std::string& network, const Dataset& data) {
    const std::vector<std::string> want = bert_input_names(data);
    if (inputs == want) return;
    throw ShapeError("'" + data.name + "' is " +
                     (data.is_bert_pretraining() ? std::string("BERT pretraining data") : "BERT sentence-pair data") +
                     ": the network needs the inputs " + quoted_list(want) + " in that order (e.g. the " +
                     (data.is_bert_pretraining() ? "bert-tiny" : "bert-paraphrase") + " preset), but '" + network +
                     "' has " + (inputs.empty() ? std::string("one input") : quoted_list(inputs)));
}
}  // namespace

void check_inputs_fit(const std::vector<std::string>& inputs, const std::string& network, const Dataset& data) {
    if (data.is_bert()) return check_bert_inputs_fit(inputs, network, data);
    const bool two = inputs == std::vector<std::string>{"source", "target"};
    if (data.is_translation() && !two)
        throw ShapeError("'" + data.name +
                         "' is a translation data set: the network needs two inputs, \"source\" "
                         "and \"target\" (an encoder–decoder, e.g. the seq2seq preset), but '" +
                         network + "' has " +
                         (inputs.size() == 1 ? "one input" : std::to_string(inputs.size()) + " inputs"));
    if (!data.is_translation() && inputs.size() != 1)
        throw ShapeError(
            "network '" + network + "' has " + std::to_string(inputs.size()) + " inputs (" +
            (inputs.empty() ? std::string() : inputs[0] + ", …") + "), but data set '" + data.name +
            "' gives one input per example; a translation data set feeds \"source\" and \"target\", BERT data "
            "\"tokens\" and \"segments\"");
}

TranslationScore evaluate_translation(Network& net, const Dataset& data, int64_t batch_size) {
    TranslationScore score;
    const std::vector<int64_t> indices = all_indices(data);
    NoGradGuard no_grad;
    TranslationBatch batch;
    double total = 0;
    for (int64_t first = 0; first < data.size(); first += batch_size) {
        const int64_t count = std::min(batch_size, data.size() - first);
        const std::vector<int64_t> rows(indices.begin() + first, indices.begin() + first + count);
        fill_translation_batch(data, rows, batch);
        ForwardContext ctx;
        ctx.lengths = &batch.lengths;
        const Var out = net.forward(
            std::vector<Var>{Var(rows_of(data.features, indices, first, count)), Var(batch.target_input)}, ctx);
        total += masked_sequence_cross_entropy(out, batch.labels, batch.lengths.target).value().item();
        score.tokens += batch.tokens;
        score.examples += count;
    }
    score.loss = score.tokens > 0 ? total / static_cast<double>(score.tokens) : kNaN;
    return score;
}

std::vector<std::vector<int32_t>> greedy_translations(Network& net, const Dataset& data, int64_t batch_size) {
    const std::vector<int64_t> indices = all_indices(data);
    const int64_t steps = data.features.defined() ? data.features.size(1) : 0;
    std::vector<std::vector<int32_t>> out(static_cast<size_t>(data.size()));
    NoGradGuard no_grad;
    for (int64_t first = 0; first < data.size(); first += batch_size) {
        const int64_t n = std::min(batch_size, data.size() - first);
        const Tensor source = rows_of(data.features, indices, first, n);
        std::vector<std::vector<int32_t>> prefix(static_cast<size_t>(n), {TranslationCorpus::kBos});
        std::vector<bool> done(static_cast<size_t>(n), false);
        SequenceLengths lengths;
        for (int64_t r = 0; r < n; ++r) lengths.source.push_back(data.source_lengths[static_cast<size_t>(first + r)]);
        // Re-runs the graph on the growing prefix (see translation.h); finished rows ride along unread.
        for (int64_t t = 1; t <= steps; ++t) {
            Tensor target = Tensor::empty({n, t});
            for (int64_t r = 0; r < n; ++r)
                for (int64_t j = 0; j < t; ++j) target[r * t + j] = static_cast<float>(prefix[r][j]);
            lengths.target.assign(static_cast<size_t>(n), static_cast<int32_t>(t));
            ForwardContext ctx;
            ctx.lengths = &lengths;
            const Tensor scores = net.forward(std::vector<Var>{Var(source), Var(target)}, ctx).value();
            const int64_t V = scores.size(-1);
            bool all_done = true;
            for (int64_t r = 0; r < n; ++r) {
                const float* last = scores.data() + ((r + 1) * t - 1) * V;
                const auto token = static_cast<int32_t>(std::max_element(last, last + V) - last);
                prefix[r].push_back(token);
                if (done[r]) continue;
                if (token == TranslationCorpus::kEos)
                    done[r] = true;
                else
                    out[static_cast<size_t>(first + r)].push_back(token);
                all_done = all_done && done[r];
            }
            if (all_done) break;
        }
    }
    return out;
}

double mean_bleu(Network& net, const Dataset& data, int64_t batch_size) {
    if (data.size() == 0 || !data.translation) return kNaN;
    const TranslationCorpus& corpus = *data.translation;
    const std::vector<std::vector<int32_t>> predicted = greedy_translations(net, data, batch_size);
    const int64_t T = data.target_tokens.size(1);
    double total = 0;
    for (int64_t i = 0; i < data.size(); ++i) {
        std::vector<std::string> label;
        for (int64_t t = 0; t < T; ++t) {
            const auto id = static_cast<int32_t>(data.target_tokens[i * T + t]);
            if (id == TranslationCorpus::kEos || id == TranslationCorpus::kPad) break;
            label.push_back(id == TranslationCorpus::kUnk ? std::string("\x01unknown") : decode_target({id}, corpus));
        }
        total += bleu(split_tokens(decode_target(predicted[static_cast<size_t>(i)], corpus)), label, 2);
    }
    return total / static_cast<double>(data.size());
}

}  // namespace dl
