#pragma once
// The ONNX form of each layer type: one table, layer type → emitter. An emitter appends the ONNX nodes that
// compute one network node and returns the names of the values it produced, one per output port of the layer.
// Shapes are per example, as everywhere in the engine; ONNX values carry the batch axis first.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/io/onnx/onnx_graph.h"
#include "engine/nn/layer.h"

namespace dl {

class Network;

struct OnnxNode {
    Layer& layer;
    std::string id;                   // the node id with its blocks' prefixes: "layer1_0.conv1"
    std::vector<std::string> inputs;  // the ONNX values the node reads
    std::vector<Shape> input_shapes;  // per example
    std::vector<Shape> output_shapes;
};

using OnnxEmitter = std::function<std::vector<std::string>(OnnxGraph&, OnnxNode&)>;
using OnnxEmitterTable = std::map<std::string, OnnxEmitter>;

// The whole table (built once). A type missing here has no ONNX form.
const OnnxEmitterTable& onnx_emitters();

// The groups the table is made of, one file each.
void add_core_emitters(OnnxEmitterTable& table);       // Linear, activations, Flatten, Dropout (onnx/emit_core.cpp)
void add_conv_emitters(OnnxEmitterTable& table);       // convolution, pooling, norms, merges, blocks (emit_conv.cpp)
void add_recurrent_emitters(OnnxEmitterTable& table);  // token inputs and RNN/GRU/LSTM (emit_recurrent.cpp)
void add_attention_emitters(OnnxEmitterTable& table);  // multi-head attention and the Transformer (emit_attention.cpp)
void add_bert_emitters(OnnxEmitterTable& table);       // GatherPositions and ClsPooling (emit_bert.cpp)

// Emits a whole (inner) network reading `inputs` (one value per network input) and returns its output values,
// one per NetworkSpec::output_ids(). Value and initializer names are the node ids prefixed with `prefix` ("" outside,
// "<block id>." inside).
std::vector<std::string> emit_network(OnnxGraph& g, Network& net, const std::string& prefix,
                                      const std::vector<std::string>& inputs);

// A block: its inside emitted node by node, names prefixed "<block id>." (emit_conv.cpp).
std::vector<std::string> emit_block_inside(OnnxGraph& g, OnnxNode& n);
// x Wᵀ + b with the layer's parameters "<prefix>weight" and "<prefix>bias" (when it has a bias), over the last
// axis of x; `batch_rank` is x's rank with the batch axis (2 uses Gemm). Returns the value named `out`.
std::string onnx_linear(OnnxGraph& g, OnnxNode& n, const std::string& x, size_t batch_rank, const std::string& prefix,
                        const std::string& out);
// GELU with the exact erf, as the engine computes it.
std::string onnx_gelu(OnnxGraph& g, const std::string& x, const std::string& out);

// The initializer holding the layer's parameter (or buffer) `name`, named "<node id>.<name>" as in model files.
std::string onnx_param(OnnxGraph& g, OnnxNode& n, const std::string& name);
// Whether the layer has that parameter (an optional bias).
bool has_param(Layer& layer, const std::string& name);

}  // namespace dl
