#include "ui/attention_views/attention_inspection.h"

#include <algorithm>

#include "engine/autograd/variable.h"
#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"
#include "ui/attention_views/translation_attention.h"

namespace attention_inspection {

bool has_fixed_input(const dl::DataSplit& data) {
    if (data.train.is_language_model() || data.train.is_translation()) return false;
    return data.test.size() > 0 || data.train.size() > 0;
}

dl::Tensor fixed_input(const dl::DataSplit& data) {
    if (!has_fixed_input(data))
        throw dl::InputError("the attention views need a data set whose examples are single tensors");
    const dl::Dataset& set = data.test.size() > 0 ? data.test : data.train;
    if (set.name == "nadaraya-watson") return set.features;
    dl::Shape one = set.features.shape();
    one[0] = 1;
    return dl::Tensor::from(one, std::vector<float>(set.features.data(), set.features.data() + set.sample_numel()));
}

namespace {
// [B, h, 1, K] → [1, h, B, K]: the examples are the queries. Other shapes keep only the first example.
dl::Tensor asOneInput(const dl::Tensor& t) {
    if (t.dim() != 4) return t;
    const int64_t B = t.size(0), H = t.size(1), Q = t.size(2), K = t.size(3);
    if (Q == 1 && B > 1) {
        dl::Tensor out = dl::Tensor::empty({1, H, B, K});
        for (int64_t b = 0; b < B; ++b)
            for (int64_t h = 0; h < H; ++h) std::copy_n(t.data() + (b * H + h) * K, K, out.data() + (h * B + b) * K);
        return out;
    }
    return B == 1 ? t : dl::Tensor::from({1, H, Q, K}, std::vector<float>(t.data(), t.data() + H * Q * K));
}
}  // namespace

dl::AttentionHistory::Probes run_fixed_input(dl::Network& net, const dl::DataSplit& data,
                                             const std::vector<std::string>& nodes) {
    if (data.train.is_translation()) return translation_attention::run_fixed_sentences(net, data, nodes);
    std::vector<std::string> patterns;
    for (const std::string& node : nodes) {
        patterns.push_back(node + ".attention");
        patterns.push_back(node + ".scores");
    }
    dl::AttentionHistory::Probes probes;
    if (patterns.empty()) return probes;
    dl::ProbeSink sink(patterns);
    dl::NoGradGuard no_grad;
    dl::ForwardContext ctx;
    ctx.probes = &sink;
    net.forward(dl::Var(fixed_input(data)), ctx);
    for (const dl::ProbeSink::Probe& p : sink.probes()) probes[p.name] = asOneInput(p.value);
    return probes;
}

std::vector<AttentionMap> maps_of(const dl::AttentionHistory::Probes& probes, const std::vector<std::string>& nodes) {
    std::vector<AttentionMap> maps;
    for (const std::string& node : nodes) {
        const auto weights = probes.find(node + ".attention");
        if (weights == probes.end() || weights->second.dim() != 4) continue;
        const dl::Tensor& w = weights->second;
        AttentionMap map;
        map.layer = node;
        map.weights = w.reshape({w.size(1), w.size(2), w.size(3)});
        const auto scores = probes.find(node + ".scores");
        if (scores != probes.end() && scores->second.shape() == w.shape())
            map.scores = scores->second.reshape(map.weights.shape());
        maps.push_back(std::move(map));
    }
    return maps;
}

}  // namespace attention_inspection
