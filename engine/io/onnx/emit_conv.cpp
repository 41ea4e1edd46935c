// ONNX forms of the CNN family: convolution, pooling, BatchNorm (inference form), LayerNorm, Add, Concat and
// D2L's blocks, whose generated inside is emitted node by node with names prefixed "<block id>.".
#include "engine/core/error.h"
#include "engine/io/onnx/emitters.h"
#include "engine/layers/window_attributes.h"
#include "engine/nn/block.h"

namespace dl {

namespace {
using Values = std::vector<std::string>;

// kernel_shape, strides and pads (ONNX lists begin then end pads: [top, left, bottom, right]).
OnnxAttrs window_attrs(const Window2d& w) {
    return {{"kernel_shape", std::vector<int64_t>{w.kernel_h, w.kernel_w}},
            {"strides", std::vector<int64_t>{w.stride_h, w.stride_w}},
            {"pads", std::vector<int64_t>{w.pad_h, w.pad_w, w.pad_h, w.pad_w}}};
}

Values emit_conv2d(OnnxGraph& g, OnnxNode& n) {
    OnnxAttrs attrs = window_attrs(window_from_attributes(n.layer.attributes(), false));
    attrs.push_back({"group", n.layer.attributes().get_int("groups")});
    Values in{n.inputs[0], onnx_param(g, n, "weight")};
    if (has_param(n.layer, "bias")) in.push_back(onnx_param(g, n, "bias"));
    return {g.op("Conv", in, n.id, attrs)};
}

Values emit_max_pool(OnnxGraph& g, OnnxNode& n) {
    return {g.op("MaxPool", {n.inputs[0]}, n.id, window_attrs(window_from_attributes(n.layer.attributes(), true)))};
}

Values emit_avg_pool(OnnxGraph& g, OnnxNode& n) {
    OnnxAttrs attrs = window_attrs(window_from_attributes(n.layer.attributes(), true));
    attrs.push_back({"count_include_pad", int64_t{n.layer.attributes().get_bool("count_include_pad") ? 1 : 0}});
    return {g.op("AveragePool", {n.inputs[0]}, n.id, attrs)};
}

// Inference form: the running statistics, as the engine uses them when not training. ONNX's momentum weighs
// the old running value (PyTorch's weighs the batch), so 1 − momentum; it only matters for training anyway.
Values emit_batch_norm(OnnxGraph& g, OnnxNode& n) {
    const Attributes& a = n.layer.attributes();
    return {g.op("BatchNormalization",
                 {n.inputs[0], onnx_param(g, n, "weight"), onnx_param(g, n, "bias"), onnx_param(g, n, "running_mean"),
                  onnx_param(g, n, "running_var")},
                 n.id,
                 {{"epsilon", static_cast<float>(a.get_float("eps"))},
                  {"momentum", static_cast<float>(1.0 - a.get_float("momentum"))}})};
}

// Normalises the trailing axes the weight covers (the whole example when normalized_axes is 0).
Values emit_layer_norm(OnnxGraph& g, OnnxNode& n) {
    const int64_t rank = static_cast<int64_t>(n.input_shapes[0].size());
    const int64_t axes = n.layer.attributes().get_int("normalized_axes");
    const int64_t first = 1 + rank - (axes == 0 ? rank : axes);  // in the batched tensor
    return {g.op("LayerNormalization", {n.inputs[0], onnx_param(g, n, "weight"), onnx_param(g, n, "bias")}, n.id,
                 {{"axis", first}, {"epsilon", static_cast<float>(n.layer.attributes().get_float("eps"))}})};
}

Values emit_add(OnnxGraph& g, OnnxNode& n) {
    std::string sum = n.inputs[0];
    for (size_t i = 1; i < n.inputs.size(); ++i)
        sum = g.op("Add", {sum, n.inputs[i]}, i + 1 == n.inputs.size() ? n.id : n.id + "/partial");
    return {sum};
}

// The attribute counts per-example axes; ONNX's counts the batch axis too.
Values emit_concat(OnnxGraph& g, OnnxNode& n) {
    const int64_t rank = static_cast<int64_t>(n.input_shapes[0].size());
    const int64_t axis = normalize_axis(n.layer.attributes().get_int("axis"), rank, "Concat") + 1;
    return {g.op("Concat", n.inputs, n.id, {{"axis", axis}})};
}

}  // namespace

std::vector<std::string> emit_block_inside(OnnxGraph& g, OnnxNode& n) {
    auto* block = dynamic_cast<Block*>(&n.layer);
    if (!block || !block->inner_network())
        throw std::logic_error("ONNX export: node '" + n.id + "' (" + n.layer.type() + ") is not a built block");
    return emit_network(g, *block->inner_network(), n.id + ".", n.inputs);
}
void add_conv_emitters(OnnxEmitterTable& t) {
    t["Conv2d"] = emit_conv2d;
    t["MaxPool2d"] = emit_max_pool;
    t["AvgPool2d"] = emit_avg_pool;
    t["GlobalAvgPool2d"] = [](OnnxGraph& g, OnnxNode& n) -> Values {
        return {g.op("GlobalAveragePool", {n.inputs[0]}, n.id)};
    };
    t["BatchNorm"] = emit_batch_norm;
    t["LayerNorm"] = emit_layer_norm;
    t["Add"] = emit_add;
    t["Concat"] = emit_concat;
    // D2L's CNN blocks are plain graphs of the layers above.
    for (const char* type : {"VggBlock", "NinBlock", "Inception", "Residual", "DenseBlock", "Transition"})
        t[type] = emit_block_inside;
}

}  // namespace dl
