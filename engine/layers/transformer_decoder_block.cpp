#include "engine/layers/transformer_decoder_block.h"

#include "engine/core/error.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/probe_sink.h"

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

TransformerDecoderBlock::TransformerDecoderBlock(Attributes attrs) : Layer(std::move(attrs)) {
    auto attention = [this](const char* mask) {
        Attributes a;
        a.set("hidden", attrs_.get_int("hidden"));
        a.set("heads", attrs_.get_int("heads"));
        a.set("dropout", attrs_.get_float("dropout"));
        a.set("mask", std::string(mask));
        return a;
    };
    Attributes norm;
    norm.set("dropout", attrs_.get_float("dropout"));
    Attributes ffn;
    ffn.set("hidden", attrs_.get_int("ffn_hidden"));
    ffn.set("outputs", attrs_.get_int("hidden"));
    ffn.set("activation", attrs_.get_string("activation"));
    auto part = [this](const char* id, const char* type, const Attributes& a, std::vector<int> inputs) {
        parts_.push_back({id, make_layer(id, type, a), std::move(inputs)});
    };
    part("attention1", "MultiHeadAttention", attention("causal"), {kTarget});
    part("addnorm1", "AddNorm", norm, {kTarget, 0});
    part("attention2", "MultiHeadAttention", attention("source"), {1, kEncoder});
    part("addnorm2", "AddNorm", norm, {1, 2});
    part("ffn", "PositionwiseFFN", ffn, {3});
    part("addnorm3", "AddNorm", norm, {3, 4});
}

TransformerDecoderBlock::~TransformerDecoderBlock() = default;

std::vector<std::pair<std::vector<Shape>, Shape>> TransformerDecoderBlock::part_shapes(
    const std::vector<Shape>& inputs) const {
    if (inputs.size() != 2)
        throw ShapeError("TransformerDecoderBlock takes 2 inputs (the target sequence, the encoder's outputs), got " +
                         std::to_string(inputs.size()));
    std::vector<std::pair<std::vector<Shape>, Shape>> shapes;
    for (const Part& p : parts_) {
        std::vector<Shape> in;
        for (int i : p.inputs) in.push_back(i == kTarget ? inputs[0] : i == kEncoder ? inputs[1] : shapes[i].second);
        try {
            Shape out = p.layer->output_shape(in);
            shapes.emplace_back(std::move(in), std::move(out));
        } catch (const ShapeError& e) {
            throw ShapeError("inside the TransformerDecoderBlock, " + p.id + ": " + e.what());
        }
    }
    return shapes;
}

Shape TransformerDecoderBlock::output_shape(const std::vector<Shape>& inputs) const {
    return part_shapes(inputs).back().second;
}

std::vector<ParamShape> TransformerDecoderBlock::parameter_shapes(const std::vector<Shape>& inputs) const {
    const auto shapes = part_shapes(inputs);
    std::vector<ParamShape> out;
    for (size_t i = 0; i < parts_.size(); ++i)
        for (const ParamShape& p : parts_[i].layer->parameter_shapes(shapes[i].first))
            out.push_back({parts_[i].id + "." + p.name, p.shape});
    return out;
}

void TransformerDecoderBlock::build(const std::vector<Shape>& inputs) {
    const auto shapes = part_shapes(inputs);
    for (size_t i = 0; i < parts_.size(); ++i) parts_[i].layer->build(shapes[i].first);
}

void TransformerDecoderBlock::reset_parameters(Rng& rng) {
    for (Part& p : parts_) {
        Rng own(rng.next_u64());  // each part its own stream, as a network's nodes
        p.layer->reset_parameters(own);
    }
}

Var TransformerDecoderBlock::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    std::vector<Var> outputs;
    std::vector<Var> args;
    for (Part& p : parts_) {
        args.clear();
        for (int i : p.inputs) args.push_back(i == kTarget ? inputs.at(0) : i == kEncoder ? inputs.at(1) : outputs[i]);
        ProbeSink::Scope scope(ctx.probes, p.id);  // probes named "<this node>.<part>.<probe>"
        outputs.push_back(p.layer->forward(args, ctx));
    }
    return outputs.back();
}

std::vector<std::pair<std::string, Var*>> TransformerDecoderBlock::parameters() {
    std::vector<std::pair<std::string, Var*>> out;
    for (Part& p : parts_)
        for (auto& [name, var] : p.layer->parameters()) out.emplace_back(p.id + "." + name, var);
    return out;
}

const TransformerDecoderBlock::Part* TransformerDecoderBlock::part_of(const std::string& parameter) const {
    for (const Part& p : parts_)
        if (parameter.rfind(p.id + ".", 0) == 0) return &p;
    return nullptr;
}

bool TransformerDecoderBlock::decays(const std::string& parameter) const {
    const Part* p = part_of(parameter);
    return p && p->layer->decays(parameter.substr(p->id.size() + 1));
}

int64_t TransformerDecoderBlock::flops(const std::vector<Shape>& inputs, const Shape&) const {
    const auto shapes = part_shapes(inputs);
    int64_t total = 0;
    for (size_t i = 0; i < parts_.size(); ++i) total += parts_[i].layer->flops(shapes[i].first, shapes[i].second);
    return total;
}

}  // namespace dl
