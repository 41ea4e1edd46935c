// ONNX forms of the MLP family: Linear, Flatten, the activations and Dropout.
#include <cmath>

#include "engine/io/onnx/emitters.h"

namespace dl {

namespace {
using Values = std::vector<std::string>;

// y = x Wᵀ + b. Gemm for [B, in]; for longer inputs ([B, T, in]) MatMul against Wᵀ, which ONNX broadcasts.
Values emit_linear(OnnxGraph& g, OnnxNode& n) {
    const std::string w = onnx_param(g, n, "weight");
    const bool bias = has_param(n.layer, "bias");
    if (n.input_shapes[0].size() == 1) {
        Values in{n.inputs[0], w};
        if (bias) in.push_back(onnx_param(g, n, "bias"));
        return {g.op("Gemm", in, n.id, {{"transB", int64_t{1}}})};
    }
    const std::string wt = g.op("Transpose", {w}, n.id + "/weight_t", {{"perm", std::vector<int64_t>{1, 0}}});
    if (!bias) return {g.op("MatMul", {n.inputs[0], wt}, n.id)};
    const std::string xw = g.op("MatMul", {n.inputs[0], wt}, n.id + "/matmul");
    return {g.op("Add", {xw, onnx_param(g, n, "bias")}, n.id)};
}

// A layer that is one ONNX operator of one input.
OnnxEmitter unary(const std::string& op) {
    return [op](OnnxGraph& g, OnnxNode& n) -> Values { return {g.op(op, {n.inputs[0]}, n.id)}; };
}

// GELU with the exact erf (as the engine computes it): opset 17 has no Gelu operator (it came with 20).
Values emit_gelu(OnnxGraph& g, OnnxNode& n) {
    const std::string& x = n.inputs[0];
    const std::string scaled = g.op("Div", {x, g.scalar(n.id + "/sqrt2", std::sqrt(2.0f))}, n.id + "/scaled");
    const std::string erf = g.op("Erf", {scaled}, n.id + "/erf");
    const std::string cdf2 = g.op("Add", {erf, g.scalar(n.id + "/one", 1.0f)}, n.id + "/cdf2");
    const std::string xcdf2 = g.op("Mul", {x, cdf2}, n.id + "/x_cdf2");
    return {g.op("Mul", {xcdf2, g.scalar(n.id + "/half", 0.5f)}, n.id)};
}

Values emit_leaky_relu(OnnxGraph& g, OnnxNode& n) {
    const float slope = static_cast<float>(n.layer.attributes().get_float("negative_slope"));
    return {g.op("LeakyRelu", {n.inputs[0]}, n.id, {{"alpha", slope}})};
}

// The engine's softmax axis counts the batch axis, like ONNX's.
Values emit_softmax(OnnxGraph& g, OnnxNode& n) {
    return {g.op("Softmax", {n.inputs[0]}, n.id, {{"axis", n.layer.attributes().get_int("axis")}})};
}
}  // namespace

void add_core_emitters(OnnxEmitterTable& t) {
    t["Linear"] = emit_linear;
    t["Flatten"] = [](OnnxGraph& g, OnnxNode& n) -> Values {
        return {g.op("Flatten", {n.inputs[0]}, n.id, {{"axis", int64_t{1}}})};
    };
    t["ReLU"] = unary("Relu");
    t["Sigmoid"] = unary("Sigmoid");
    t["Tanh"] = unary("Tanh");
    t["LeakyReLU"] = emit_leaky_relu;
    t["GELU"] = emit_gelu;
    t["Softmax"] = emit_softmax;
    // An exported model is for inference, where dropout passes values through.
    t["Dropout"] = unary("Identity");
    t["Dropout2d"] = unary("Identity");
}

}  // namespace dl
