#include "engine/layers/recurrent_layer.h"

#include <cmath>
#include <stdexcept>
#include <tuple>

#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"
#include "engine/nn/recurrent_state.h"
#include "engine/ops/dropout.h"
#include "engine/ops/shape_ops.h"

namespace dl {

std::vector<AttrSpec> RecurrentLayer::attribute_specs() {
    using K = AttrSpec::Kind;
    return {
        {"hidden_size", K::Int, int64_t{256}, 1, 1 << 14, {}, "Number of hidden units (the state's length) H."},
        {"num_layers", K::Int, int64_t{1}, 1, 64, {}, "Recurrent layers stacked on each other (a deep RNN)."},
        {"bidirectional",
         K::Bool,
         false,
         0,
         0,
         {},
         "Also run the sequence backwards and join both directions' states (2H outputs)."},
        {"dropout",
         K::Float,
         0.0,
         0.0,
         0.99,
         {},
         "Probability of zeroing each output of a layer before the next layer (training only)."},
    };
}

RecurrentLayer::RecurrentLayer(CellKind kind, Attributes attrs) : Layer(std::move(attrs)), kind_(kind) {
    hidden_ = attrs_.get_int("hidden_size");
    layers_ = attrs_.get_int("num_layers");
    bidirectional_ = attrs_.get_bool("bidirectional");
    dropout_ = attrs_.get_float("dropout");
}

std::string RecurrentLayer::type() const {
    return kind_ == CellKind::RNN ? "RNN" : kind_ == CellKind::GRU ? "GRU" : "LSTM";
}

Shape RecurrentLayer::output_shape(const std::vector<Shape>& inputs) const {
    return output_shapes(inputs)[0];
}

std::vector<Shape> RecurrentLayer::output_shapes(const std::vector<Shape>& inputs) const {
    if (inputs.empty() || inputs.size() > 2)
        throw ShapeError(type() + " takes a sequence and optionally its starting state, but " +
                         std::to_string(inputs.size()) + " inputs are connected");
    const Shape& in = inputs[0];
    if (in.size() != 2)
        throw ShapeError(type() + " expects a sequence of feature vectors [T, features] per example, got " +
                         to_string(in) + "; put an Embedding or OneHot before it to turn token ids into vectors");
    const Shape state{layers_ * directions(), hidden_};
    if (inputs.size() == 2 && inputs[1] != state)
        throw ShapeError(type() + ": the starting state (second input) must be " + to_string(state) +
                         " (layers·directions × hidden_size, like another " + type() + "'s \"state\" output), got " +
                         to_string(inputs[1]));
    return {{in[0], hidden_ * directions()}, state};
}

std::vector<ParamShape> RecurrentLayer::parameter_shapes(const std::vector<Shape>& inputs) const {
    const int64_t in = inputs[0].back(), GH = gate_count(kind_) * hidden_;
    std::vector<ParamShape> shapes;
    for (int64_t l = 0; l < layers_; ++l)
        for (int64_t d = 0; d < directions(); ++d) {
            const std::string suffix = "_l" + std::to_string(l) + (d == 1 ? "_reverse" : "");
            shapes.push_back({"weight_ih" + suffix, {GH, layer_input(l, in)}});
            shapes.push_back({"weight_hh" + suffix, {GH, hidden_}});
            shapes.push_back({"bias_ih" + suffix, {GH}});
            shapes.push_back({"bias_hh" + suffix, {GH}});
        }
    return shapes;
}

void RecurrentLayer::build(const std::vector<Shape>& inputs) {
    params_.clear();
    for (const ParamShape& p : parameter_shapes(inputs)) params_.push_back({p.name, Var(Tensor::zeros(p.shape), true)});
}

void RecurrentLayer::reset_parameters(Rng& rng) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(hidden_));
    for (auto& [name, var] : params_) {
        Tensor& t = var.value();
        for (int64_t i = 0; i < t.numel(); ++i) t[i] = static_cast<float>(rng.uniform(-bound, bound));
    }
}

std::vector<std::pair<std::string, Var*>> RecurrentLayer::parameters() {
    std::vector<std::pair<std::string, Var*>> out;
    for (auto& [name, var] : params_) out.push_back({name, &var});
    return out;
}

int64_t RecurrentLayer::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    const int64_t steps = output[0], GH = gate_count(kind_) * hidden_;
    int64_t total = 0;
    for (int64_t l = 0; l < layers_; ++l)
        total += directions() * steps * 2 * GH * (layer_input(l, inputs[0].back()) + hidden_);
    return total;
}

std::pair<Tensor, Tensor> RecurrentLayer::carried_state(const std::vector<Tensor>* state, int64_t i,
                                                        int64_t batch) const {
    const size_t expected = kind_ == CellKind::LSTM ? 2 : 1;
    if (!state || state->size() != expected || (*state)[0].shape() != Shape{layers_ * directions(), batch, hidden_})
        return {};  // none, or from another batch size (e.g. the last, shorter batch): start from zeros
    auto slice = [&](const Tensor& all) {
        Tensor t = Tensor::empty({batch, hidden_});
        std::copy(all.data() + i * batch * hidden_, all.data() + (i + 1) * batch * hidden_, t.data());
        return t;
    };
    return {slice((*state)[0]), expected == 2 ? slice((*state)[1]) : Tensor()};
}

void RecurrentLayer::store_state(ForwardContext& ctx, const std::vector<RecurrentResult>& results,
                                 int64_t batch) const {
    const int64_t count = static_cast<int64_t>(results.size()), BH = batch * hidden_;
    std::vector<Tensor> state;
    for (size_t part = 0; part < results[0].final_state.size(); ++part) {
        Tensor all = Tensor::empty({count, batch, hidden_});
        for (int64_t i = 0; i < count; ++i) {
            const Tensor& t = results[static_cast<size_t>(i)].final_state[part];
            std::copy(t.data(), t.data() + BH, all.data() + i * BH);
        }
        state.push_back(std::move(all));
    }
    ctx.state->store(this, std::move(state));
}

Var RecurrentLayer::final_state(const std::vector<RecurrentResult>& results) const {
    std::vector<Var> rows;
    for (size_t i = 0; i < results.size(); ++i) {
        const Var& y = results[i].output;  // [B, T, H]
        const int64_t last = i % static_cast<size_t>(directions()) == 1 ? 0 : y.shape()[1] - 1;
        rows.push_back(narrow(y, 1, last, 1));  // the reverse direction ends at step 0
    }
    return rows.size() == 1 ? rows[0] : concat(rows, 1);
}

Var RecurrentLayer::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    return forward_outputs(inputs, ctx)[0];
}

std::vector<Var> RecurrentLayer::forward_outputs(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const int64_t batch = inputs[0].shape()[0], steps = inputs[0].shape()[1];
    const std::vector<Tensor>* carried = ctx.state ? ctx.state->find(this) : nullptr;
    std::vector<RecurrentResult> results;
    Var x = inputs[0];
    for (int64_t l = 0; l < layers_; ++l) {
        if (l > 0 && ctx.training && dropout_ > 0) {
            if (!ctx.rng) throw std::logic_error(type() + " dropout in training needs a random generator");
            x = dropout(x, static_cast<float>(dropout_), *ctx.rng);
        }
        std::vector<Var> outputs;
        for (int64_t d = 0; d < directions(); ++d) {
            const int64_t i = l * directions() + d;
            const size_t p = static_cast<size_t>(4 * i);
            RecurrentOptions options;
            options.reverse = d == 1;
            if (inputs.size() > 1)
                options.initial = reshape(narrow(inputs[1], 1, i, 1), {batch, hidden_});
            else
                std::tie(options.h0, options.c0) = carried_state(carried, i, batch);
            if (ctx.probes && l == layers_ - 1 && d == 0) {
                options.probes = ctx.probes;
                options.step_grad_norm = ctx.probes->slot("step_grad_norm", {batch, steps});
            }
            results.push_back(recurrent_sequence(
                x, {params_[p].second, params_[p + 1].second, params_[p + 2].second, params_[p + 3].second}, kind_,
                options));
            outputs.push_back(results.back().output);
        }
        x = outputs.size() == 1 ? outputs[0] : concat(outputs, 2);
    }
    if (ctx.state) store_state(ctx, results, batch);
    return {x, final_state(results)};
}

}  // namespace dl
