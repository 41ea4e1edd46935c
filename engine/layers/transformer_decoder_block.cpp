#include "engine/layers/transformer_decoder_block.h"

#include "engine/nn/network.h"

namespace dl {

std::vector<AttrSpec> TransformerDecoderBlock::attribute_specs() {
    using K = AttrSpec::Kind;
    return {{"hidden",
             K::Int,
             int64_t{32},
             1,
             1 << 16,
             {},
             "Features of every position (num_hiddens): the block's (first) input and its output have as many."},
            {"ffn_hidden",
             K::Int,
             int64_t{64},
             1,
             1 << 20,
             {},
             "Units of the position-wise feed-forward network's inner layer."},
            {"heads", K::Int, int64_t{4}, 1, 256, {}, "Heads of both attention layers; hidden must divide by it."},
            {"dropout",
             K::Float,
             0.1,
             0.0,
             0.99,
             {},
             "Dropout on attention weights and before every add & norm in training."},
            {"activation",
             K::Choice,
             std::string("relu"),
             0,
             0,
             {"relu", "gelu"},
             "Nonlinearity of the feed-forward network: ReLU (D2L) or GELU (BERT, GPT)."}};
}

namespace {
NodeSpec part(std::string id, std::string type, std::vector<std::string> inputs, Attributes attrs) {
    NodeSpec n;
    n.id = std::move(id);
    n.type = std::move(type);
    n.inputs = std::move(inputs);
    n.attrs = std::move(attrs);
    return n;
}
}  // namespace

NetworkSpec TransformerDecoderBlock::inside(const Attributes& a) {
    auto attention = [&a](const char* mask) {
        Attributes m;
        m.set("hidden", a.get_int("hidden"));
        m.set("heads", a.get_int("heads"));
        m.set("dropout", a.get_float("dropout"));
        m.set("mask", std::string(mask));
        return m;
    };
    Attributes norm;
    norm.set("dropout", a.get_float("dropout"));
    Attributes ffn;
    ffn.set("hidden", a.get_int("ffn_hidden"));
    ffn.set("outputs", a.get_int("hidden"));
    ffn.set("activation", a.get_string("activation"));
    NetworkSpec s;
    s.inputs = {"input", "encoder_outputs"};
    s.nodes = {part("attention1", "MultiHeadAttention", {"input"}, attention("causal")),
               part("addnorm1", "AddNorm", {"input", "attention1"}, norm),
               part("attention2", "MultiHeadAttention", {"addnorm1", "encoder_outputs"}, attention("source")),
               part("addnorm2", "AddNorm", {"addnorm1", "attention2"}, norm),
               part("ffn", "PositionwiseFFN", {"addnorm2"}, ffn),
               part("addnorm3", "AddNorm", {"addnorm2", "ffn"}, norm)};
    return s;
}

TransformerDecoderBlock::TransformerDecoderBlock(Attributes attrs)
    : Block("TransformerDecoderBlock", std::move(attrs), &TransformerDecoderBlock::inside) {
    allow_other_lengths();
}

void TransformerDecoderBlock::reset_parameters(Rng& rng) {
    Network* inner = inner_network();
    if (!inner) return;
    for (size_t i = 0; i < inner->size(); ++i) {
        Rng own(rng.next_u64());
        inner->layer(i).reset_parameters(own);
    }
}

}  // namespace dl
