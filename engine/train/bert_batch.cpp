#include "engine/train/bert_batch.h"

#include <algorithm>
#include <numeric>

#include "engine/core/error.h"
#include "engine/losses/loss.h"
#include "engine/losses/masked_sequence_loss.h"
#include "engine/ops/arithmetic.h"

namespace dl {

namespace {
Tensor rows_of(const Tensor& t, const std::vector<int64_t>& indices) {
    const int64_t width = t.size(1);
    Tensor out = Tensor::empty({static_cast<int64_t>(indices.size()), width});
    for (size_t r = 0; r < indices.size(); ++r) {
        const float* src = t.data() + indices[r] * width;
        std::copy(src, src + width, out.data() + static_cast<int64_t>(r) * width);
    }
    return out;
}

template <class T>
std::vector<T> entries_of(const std::vector<T>& v, const std::vector<int64_t>& indices, int64_t width = 1) {
    std::vector<T> out;
    out.reserve(indices.size() * static_cast<size_t>(width));
    for (const int64_t i : indices) out.insert(out.end(), v.begin() + i * width, v.begin() + (i + 1) * width);
    return out;
}
}  // namespace

void fill_bert_batch(const Dataset& data, const std::vector<int64_t>& indices, BertBatch& out) {
    out.tokens = rows_of(data.features, indices);
    out.segments = rows_of(data.segments, indices);
    out.lengths.source = entries_of(data.valid_lengths, indices);
    out.lengths.target.clear();
    out.labels = entries_of(data.labels, indices);
    out.mlm_tokens = 0;
    if (!data.is_bert_pretraining()) return;
    out.positions = rows_of(data.mlm_positions, indices);
    out.mlm_labels = entries_of(data.mlm_labels, indices, data.mlm_positions.size(1));
    out.mlm_counts = entries_of(data.mlm_counts, indices);
    for (const int32_t c : out.mlm_counts) out.mlm_tokens += c;
}

std::vector<Var> bert_inputs(const Dataset& data, const BertBatch& batch) {
    std::vector<Var> xs{Var(batch.tokens), Var(batch.segments)};
    if (data.is_bert_pretraining()) xs.emplace_back(batch.positions);
    return xs;
}

std::vector<std::string> bert_input_names(const Dataset& data) {
    if (data.is_bert_pretraining()) return {"tokens", "segments", "positions"};
    return {"tokens", "segments"};
}

BertPretrainingLoss bert_pretraining_loss(const std::vector<Var>& outputs, const BertBatch& batch) {
    BertPretrainingLoss loss;
    const Var& mlm_scores = outputs.at(0);  // [B, P, V]
    const int64_t P = mlm_scores.shape().at(1);
    // masked_sequence_cross_entropy sums each row's real positions and divides by P; rescale to the mean over the
    // real positions of the whole batch.
    const Var mlm_sum = masked_sequence_cross_entropy(mlm_scores, batch.mlm_labels, batch.mlm_counts);
    const Var mlm =
        mul_scalar(mlm_sum, static_cast<float>(P) / static_cast<float>(std::max<int64_t>(batch.mlm_tokens, 1)));
    const Var nsp = softmax_cross_entropy(outputs.at(1), batch.labels);
    loss.total = add(mlm, nsp);
    loss.mlm = mlm.value().item();
    loss.nsp = nsp.value().item();
    loss.nsp_correct = count_correct(outputs.at(1).value(), batch.labels);
    return loss;
}

void check_bert_pretraining_outputs(const Network& net, const Dataset& data) {
    const std::string& name = net.spec().name;
    if (net.output_count() != 2)
        throw ShapeError("BERT pretraining on '" + data.name +
                         "' needs a network with two outputs (\"outputs\": the "
                         "masked-LM scores, then the next-sentence scores), but '" +
                         name + "' has " + std::to_string(net.output_count()));
    const Shape mlm{data.mlm_positions.size(1), data.bert->size()};
    if (net.output_shape(0) != mlm)
        throw ShapeError("the masked-LM output of '" + name + "' gives " + to_string(net.output_shape(0)) +
                         " values per example, but '" + data.name + "' needs " + to_string(mlm) +
                         ": a score for each of the vocabulary's " + std::to_string(data.bert->size()) +
                         " tokens at each of the " + std::to_string(mlm[0]) + " positions to predict");
    if (net.output_shape(1) != Shape{2})
        throw ShapeError("the next-sentence output of '" + name + "' gives " + to_string(net.output_shape(1)) +
                         " values per example, but next-sentence prediction needs 2 (random, next)");
}

void for_each_bert_batch(const Dataset& data, int64_t batch_size,
                         const std::function<void(const BertBatch&, ForwardContext&)>& visit) {
    NoGradGuard no_grad;
    BertBatch batch;
    for (int64_t first = 0; first < data.size(); first += batch_size) {
        std::vector<int64_t> rows(static_cast<size_t>(std::min(batch_size, data.size() - first)));
        std::iota(rows.begin(), rows.end(), first);
        fill_bert_batch(data, rows, batch);
        ForwardContext ctx;
        ctx.lengths = &batch.lengths;
        visit(batch, ctx);
    }
}

BertPretrainingScore evaluate_bert_pretraining(Network& net, const Dataset& data, int64_t batch_size) {
    BertPretrainingScore score;
    double mlm = 0, nsp = 0;
    int64_t correct = 0, mlm_tokens = 0;
    for_each_bert_batch(data, batch_size, [&](const BertBatch& batch, ForwardContext& ctx) {
        const BertPretrainingLoss l = bert_pretraining_loss(net.forward_outputs(bert_inputs(data, batch), ctx), batch);
        const auto rows = static_cast<int64_t>(batch.labels.size());
        mlm += l.mlm * static_cast<double>(batch.mlm_tokens);
        nsp += l.nsp * static_cast<double>(rows);
        mlm_tokens += batch.mlm_tokens;
        correct += l.nsp_correct;
        score.examples += rows;
    });
    const double n = static_cast<double>(std::max<int64_t>(score.examples, 1));
    score.mlm_loss = mlm / static_cast<double>(std::max<int64_t>(mlm_tokens, 1));
    score.nsp_loss = nsp / n;
    score.nsp_accuracy = static_cast<double>(correct) / n;
    return score;
}

}  // namespace dl
