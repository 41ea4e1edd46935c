#include "engine/layers/attention_gru_decoder.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/layers/attention_context.h"
#include "engine/layers/recurrent_layer.h"
#include "engine/nn/probe_sink.h"
#include "engine/ops/activation.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/matmul.h"
#include "engine/ops/shape_ops.h"

namespace dl {

namespace {
Attributes gru_attributes(const Attributes& a) {
    Attributes g;
    g.set("hidden_size", a.get_int("hidden"));
    g.set("num_layers", a.get_int("layers"));
    g.set("bidirectional", false);
    g.set("dropout", a.get_float("dropout"));
    return g;
}

// Every step's attention weights or scores [B, 1, S], stacked into one probe [B, 1, T, S]; only those wanted.
class StepProbes {
public:
    StepProbes(const ForwardContext& ctx, int64_t batch, int64_t steps, int64_t keys)
        : sink_(ctx.probes), steps_(steps), keys_(keys) {
        if (!sink_) return;
        if (sink_->wants("attention")) weights_ = Tensor::empty({batch, 1, steps, keys});
        if (sink_->wants("scores")) scores_ = Tensor::empty({batch, 1, steps, keys});
    }
    void record(int64_t t, const AttentionResult& r) {
        copy_step(weights_, r.weights.value(), t);
        copy_step(scores_, r.scores.value(), t);
    }
    void publish() {
        if (weights_.defined()) sink_->publish("attention", weights_);
        if (scores_.defined()) sink_->publish("scores", scores_);
    }

private:
    void copy_step(Tensor& all, const Tensor& step, int64_t t) const {
        if (!all.defined()) return;
        const int64_t batch = all.shape()[0];
        for (int64_t b = 0; b < batch; ++b)
            std::copy(step.data() + b * keys_, step.data() + (b + 1) * keys_, all.data() + (b * steps_ + t) * keys_);
    }

    ProbeSink* sink_;
    int64_t steps_, keys_;
    Tensor weights_, scores_;
};
}  // namespace

std::vector<AttrSpec> AttentionGRUDecoder::attribute_specs() {
    using K = AttrSpec::Kind;
    return {{"hidden",
             K::Int,
             int64_t{32},
             1,
             1 << 14,
             {},
             "Hidden units of the decoder's GRU; the encoder's state (third input) must have as many."},
            {"layers", K::Int, int64_t{2}, 1, 64, {}, "GRU layers stacked (as many as the encoder's)."},
            {"dropout",
             K::Float,
             0.1,
             0.0,
             0.99,
             {},
             "Probability of zeroing an attention weight, and each output of a GRU layer before the next, in "
             "training."},
            {"attention_hidden",
             K::Int,
             int64_t{0},
             0,
             1 << 16,
             {},
             "Features of the tanh layer that scores the query against each encoder step; 0 = hidden (D2L)."},
            {"mask",
             K::Choice,
             std::string("source"),
             0,
             0,
             {"none", "source"},
             "Which encoder steps the attention may see: all (none) or only the source sentence's real tokens, not "
             "its padding (source)."}};
}

AttentionGRUDecoder::AttentionGRUDecoder(Attributes attrs)
    : Layer(std::move(attrs)),
      hidden_(attrs_.get_int("hidden")),
      layers_(attrs_.get_int("layers")),
      attention_hidden_(attrs_.get_int("attention_hidden") > 0 ? attrs_.get_int("attention_hidden") : hidden_),
      rnn_(std::make_unique<RecurrentLayer>(CellKind::GRU, gru_attributes(attrs_))) {}

AttentionGRUDecoder::~AttentionGRUDecoder() = default;

Shape AttentionGRUDecoder::output_shape(const std::vector<Shape>& inputs) const {
    if (inputs.size() != 3)
        throw ShapeError(
            "AttentionGRUDecoder takes 3 inputs (the embedded target, the encoder's outputs, the encoder's "
            "state), but " +
            std::to_string(inputs.size()) + " are connected");
    const char* what[] = {"the embedded target", "the encoder's outputs", "the encoder's state"};
    for (size_t i = 0; i < 3; ++i)
        if (inputs[i].size() != 2 || inputs[i][0] < 1 || inputs[i][1] < 1)
            throw ShapeError(std::string("AttentionGRUDecoder: ") + what[i] + " (input " + std::to_string(i + 1) +
                             ") must be a sequence [steps, features] per example, got " + to_string(inputs[i]));
    const Shape state{layers_, hidden_};
    if (inputs[2] != state)
        throw ShapeError("AttentionGRUDecoder: the encoder's state (third input) must be " + to_string(state) +
                         " (layers × hidden, a GRU encoder's \"state\" output with as many layers and units), got " +
                         to_string(inputs[2]));
    return {inputs[0][0], hidden_};
}

std::vector<ParamShape> AttentionGRUDecoder::parameter_shapes(const std::vector<Shape>& inputs) const {
    std::vector<ParamShape> shapes;
    w_q_.append_shapes(hidden_, attention_hidden_, shapes);
    w_k_.append_shapes(inputs[1][1], attention_hidden_, shapes);
    w_v_.append_shapes(attention_hidden_, 1, shapes);
    for (const ParamShape& p : rnn_->parameter_shapes({step_input(inputs)}))
        shapes.push_back({"rnn." + p.name, p.shape});
    return shapes;
}

void AttentionGRUDecoder::build(const std::vector<Shape>& inputs) {
    w_q_.build(hidden_, attention_hidden_);
    w_k_.build(inputs[1][1], attention_hidden_);
    w_v_.build(attention_hidden_, 1);
    rnn_->build({step_input(inputs)});
}

void AttentionGRUDecoder::reset_parameters(Rng& rng) {
    for (DenseParams* p : {&w_q_, &w_k_, &w_v_}) p->reset(rng);
    rnn_->reset_parameters(rng);
}

std::vector<std::pair<std::string, Var*>> AttentionGRUDecoder::parameters() {
    std::vector<std::pair<std::string, Var*>> p;
    for (DenseParams* d : {&w_q_, &w_k_, &w_v_}) d->append_parameters(p);
    for (auto& [name, var] : rnn_->parameters()) p.emplace_back("rnn." + name, var);
    return p;
}

bool AttentionGRUDecoder::decays(const std::string& parameter) const {
    return parameter.ends_with(".weight") || parameter.rfind("rnn.weight", 0) == 0;
}

Var AttentionGRUDecoder::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const Var& target = inputs.at(0);   // [B, T, E]
    const Var& encoder = inputs.at(1);  // [B, S, K]: keys and values
    Var state = inputs.at(2);           // [B, layers, hidden]
    const int64_t B = target.shape()[0], T = target.shape()[1], S = encoder.shape()[1], A = attention_hidden_;
    const SoftmaxMask mask = attention_mask(attrs_.get_string("mask"), ctx, B, 1);
    const AttentionDropout drop = attention_dropout(attrs_.get_float("dropout"), ctx);
    const Var keys = reshape(linear(encoder, w_k_.weight(), Var()), {B, 1, S, A});  // one GEMM for every step
    ForwardContext step_ctx = ctx;  // the GRU steps publish nothing and carry nothing between passes
    step_ctx.probes = nullptr;
    step_ctx.state = nullptr;
    StepProbes probes(ctx, B, T, S);
    std::vector<Var> outputs;
    for (int64_t t = 0; t < T; ++t) {
        const Var query = narrow(state, 1, layers_ - 1, 1);  // the top layer's hidden state [B, 1, hidden]
        const Var q = reshape(linear(query, w_q_.weight(), Var()), {B, 1, 1, A});
        const Var scores = reshape(linear(tanh(add(q, keys)), w_v_.weight(), Var()), {B, 1, S});
        const AttentionResult r = attend(scores, encoder, mask, drop);  // context [B, 1, K]
        std::vector<Var> step =
            rnn_->forward_outputs({concat({r.output, narrow(target, 1, t, 1)}, 2), state}, step_ctx);
        outputs.push_back(step[0]);
        state = step[1];
        probes.record(t, r);
    }
    probes.publish();
    return outputs.size() == 1 ? outputs[0] : concat(outputs, 1);
}

int64_t AttentionGRUDecoder::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    const int64_t T = output[0], S = inputs[1][0], K = inputs[1][1], A = attention_hidden_;
    const int64_t attention = 2 * hidden_ * A + S * (4 * A + 5) + 2 * S * K;  // query, tanh features, w_v, context
    return 2 * S * K * A + T * (attention + rnn_->flops({step_input(inputs)}, {1, hidden_}));
}

}  // namespace dl
