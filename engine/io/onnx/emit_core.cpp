// ONNX forms of the MLP family: Linear, Flatten, the activations and Dropout.
#include <cmath>

#include "engine/io/onnx/emitters.h"

namespace dl {

namespace {
using Values = std::vector<std::string>;

Values emit_linear(OnnxGraph& g, OnnxNode& n) {
    return {onnx_linear(g, n, n.inputs[0], n.input_shapes[0].size() + 1, "", n.id)};
}

// A layer that is one ONNX operator of one input.
OnnxEmitter unary(const std::string& op) {
    return [op](OnnxGraph& g, OnnxNode& n) -> Values { return {g.op(op, {n.inputs[0]}, n.id)}; };
}

Values emit_gelu(OnnxGraph& g, OnnxNode& n) {
    return {onnx_gelu(g, n.inputs[0], n.id)};
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

// Gemm for [B, in]; for longer inputs ([B, T, in]) MatMul against Wᵀ, which ONNX broadcasts.
std::string onnx_linear(OnnxGraph& g, OnnxNode& n, const std::string& x, size_t batch_rank, const std::string& prefix,
                        const std::string& out) {
    const std::string w = onnx_param(g, n, prefix + "weight");
    const bool bias = has_param(n.layer, prefix + "bias");
    if (batch_rank == 2) {
        Values in{x, w};
        if (bias) in.push_back(onnx_param(g, n, prefix + "bias"));
        return g.op("Gemm", in, out, {{"transB", int64_t{1}}});
    }
    const std::string wt = g.op("Transpose", {w}, w + "/t", {{"perm", std::vector<int64_t>{1, 0}}});
    if (!bias) return g.op("MatMul", {x, wt}, out);
    const std::string xw = g.op("MatMul", {x, wt}, out + "/matmul");
    return g.op("Add", {xw, onnx_param(g, n, prefix + "bias")}, out);
}

// Opset 17 has no Gelu operator (it came with 20): 0.5·x·(1 + erf(x/√2)).
std::string onnx_gelu(OnnxGraph& g, const std::string& x, const std::string& out) {
    const std::string scaled = g.op("Div", {x, g.scalar(out + "/sqrt2", std::sqrt(2.0f))}, out + "/scaled");
    const std::string erf = g.op("Erf", {scaled}, out + "/erf");
    const std::string cdf2 = g.op("Add", {erf, g.scalar(out + "/one", 1.0f)}, out + "/cdf2");
    const std::string xcdf2 = g.op("Mul", {x, cdf2}, out + "/x_cdf2");
    return g.op("Mul", {xcdf2, g.scalar(out + "/half", 0.5f)}, out);
}

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
