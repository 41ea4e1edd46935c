#include "ui/plots/pair_attention.h"

#include <algorithm>

#include "engine/autograd/variable.h"
#include "engine/nn/probe_sink.h"
#include "ui/attention_views/translation_attention.h"

namespace pair_attention {

namespace {
// Row `index` of a [N, T] token table as a [1, T] batch.
dl::Tensor row_of(const dl::Tensor& table, int64_t index) {
    const int64_t T = table.size(1);
    dl::Tensor row({1, T});
    std::copy_n(table.data() + index * T, T, row.data());
    return row;
}

// A probe [1, heads, T, T] cut to its first `length` queries and keys: [heads, length, length].
dl::Tensor cropped(const dl::Tensor& map, int64_t length) {
    const int64_t heads = map.size(1), T = map.size(2), K = map.size(3);
    dl::Tensor out({heads, length, length});
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t q = 0; q < length; ++q)
            std::copy_n(map.data() + (h * T + q) * K, length, out.data() + (h * length + q) * length);
    return out;
}
}  // namespace

PairAttention of_first_pair(dl::Network& net, const dl::DataSplit& data) {
    const dl::Dataset& split = data.test.size() > 0 ? data.test : data.train;
    if (!split.is_bert() || split.is_bert_pretraining() || split.size() == 0) return {};
    const auto probes = translation_attention::attention_probes(net.spec());
    if (probes.empty()) return {};
    PairAttention out;
    out.layer = probes.back().prefix;
    const int64_t length = std::min<int64_t>(split.valid_lengths.at(0), split.features.size(1));
    for (int64_t t = 0; t < length; ++t)
        out.tokens.push_back(split.bert->idx_to_token.at(static_cast<size_t>(split.features.data()[t])));
    dl::NoGradGuard no_grad;
    dl::SequenceLengths lengths;
    lengths.source = {static_cast<int32_t>(length)};
    dl::ProbeSink sink({out.layer + ".attention"});
    dl::ForwardContext ctx;
    ctx.lengths = &lengths;
    ctx.probes = &sink;
    net.forward_outputs({dl::Var(row_of(split.features, 0)), dl::Var(row_of(split.segments, 0))}, ctx);
    for (const dl::ProbeSink::Probe& probe : sink.probes())
        if (probe.value.dim() == 4 && probe.value.size(2) >= length && probe.value.size(3) >= length)
            out.weights = cropped(probe.value, length);
    if (out.weights.dim() != 3) return {};
    return out;
}

}  // namespace pair_attention
