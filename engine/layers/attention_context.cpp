#include "engine/layers/attention_context.h"

#include <stdexcept>

#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"

namespace dl {

AttrSpec attention_mask_spec(const char* default_mask) {
    return {"mask",
            AttrSpec::Kind::Choice,
            std::string(default_mask),
            0,
            0,
            {"none", "source", "causal"},
            "Which keys each query may see: all (none); only the source sentence's real tokens, not its padding "
            "(source); only keys at or before its own position (causal, a decoder's self-attention)."};
}

AttrSpec attention_dropout_spec(double default_p) {
    return {"dropout",
            AttrSpec::Kind::Float,
            default_p,
            0.0,
            0.99,
            {},
            "Probability of zeroing each attention weight (or value) during training."};
}

SoftmaxMask attention_mask(const std::string& mask, const ForwardContext& ctx, int64_t batch, int64_t heads) {
    SoftmaxMask m;
    m.per_batch_row = heads;
    if (mask == "causal") {
        m.causal = true;
    } else if (mask == "source" && ctx.lengths && !ctx.lengths->source.empty()) {
        if (static_cast<int64_t>(ctx.lengths->source.size()) != batch)
            throw ShapeError("attention masks keys by the source lengths, but the batch has " + std::to_string(batch) +
                             " examples and " + std::to_string(ctx.lengths->source.size()) + " source lengths");
        m.valid_lens = ctx.lengths->source;
    }
    return m;
}

AttentionDropout attention_dropout(double p, const ForwardContext& ctx) {
    if (!ctx.training || p <= 0) return {};
    if (!ctx.rng) throw std::logic_error("attention dropout in training needs a random generator in the context");
    return {static_cast<float>(p), ctx.rng};
}

void publish_attention(const ForwardContext& ctx, const AttentionResult& r, int64_t batch, int64_t heads) {
    if (!ctx.probes) return;
    auto publish = [&](const char* name, const Var& v) {
        if (!ctx.probes->wants(name)) return;
        const Shape& s = v.shape();  // [batch·heads, Q, K]
        ctx.probes->publish(name, v.value().reshape({batch, heads, s[1], s[2]}));
    };
    publish("attention", r.weights);
    publish("scores", r.scores);
}

}  // namespace dl
