#pragma once
// Network: a NetworkSpec made real for its input shapes — layers built, shapes inferred, parameters
// allocated. Forward runs the graph in order; autograd provides backward. analyze() infers the same
// shapes, parameter counts and FLOPs without building anything (the editor runs it on every edit).
//
// A network has one input ("input") unless its spec names several (NetworkSpec::inputs; a translation
// network reads "source" and "target"); the overloads taking one shape or Var per input serve those,
// in NetworkSpec::input_names() order. Nodes may read any output port of an earlier node ("enc:state").
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/nn/layer.h"
#include "engine/nn/network_spec.h"
#include "engine/nn/parameter.h"

namespace dl {

// What shape inference says about one node (the editor draws this on nodes and edges).
struct NodeReport {
    std::string id, type;
    std::vector<Shape> input_shapes;
    Shape output_shape;                        // port 0
    std::vector<std::string> output_names;     // the layer's output ports (Layer::output_names())
    std::vector<Shape> output_shapes;          // one per port
    std::vector<ParamShape> parameter_shapes;  // as Network would allocate them
    int64_t parameters = 0;
    int64_t flops = 0;  // forward, per example
    std::string error;  // empty when the node is fine
};

struct NetworkReport {
    std::vector<NodeReport> nodes;
    Shape output_shape;
    int64_t parameters = 0, flops = 0;
    std::string error;  // first error, "" when the network can be built
    bool ok() const { return error.empty(); }
};

// Shape inference without allocating weights or running data (from Layer::parameter_shapes, so an
// AlexNet at 224×224 costs microseconds, not 190 MB); never throws.
NetworkReport analyze(const NetworkSpec& spec, const Shape& input_shape);
// One shape per network input (pass a std::vector<Shape>); a count that does not match is an error.
NetworkReport analyze(const NetworkSpec& spec, std::span<const Shape> input_shapes);

class Network {
public:
    // Throws ShapeError / InputError naming the offending node.
    Network(NetworkSpec spec, Shape input_shape);
    Network(NetworkSpec spec, std::span<const Shape> input_shapes);  // one per input
    Network(Network&&) noexcept;
    Network& operator=(Network&&) noexcept;
    ~Network();

    // x carries the batch axis first. If node_outputs is given it receives every node's output
    // (feature-map and activation views). A network whose input is a token sequence (every node
    // reading the input is an Embedding or OneHot) also takes sequences of another length, [B, T']
    // (text generation feeds one token at a time); any other network needs the shape it was built for.
    Var forward(const Var& x, ForwardContext& ctx, std::vector<Var>* node_outputs = nullptr);
    // One Var per network input, in input_names() order. node_outputs receives each node's port 0.
    Var forward(const std::vector<Var>& xs, ForwardContext& ctx, std::vector<Var>* node_outputs = nullptr);
    // Every output of a network with several (NetworkSpec::outputs), in order; forward() gives the first.
    std::vector<Var> forward_outputs(const std::vector<Var>& xs, ForwardContext& ctx,
                                     std::vector<Var>* node_outputs = nullptr);

    ParamList parameters();  // "<node id>.<name>", in node order
    BufferList buffers();    // "<node id>.<name>", in node order; never trained
    struct NodeParams {
        std::string node;
        std::vector<size_t> params;
    };  // indices into parameters()
    std::vector<NodeParams> parameters_by_node();
    void reset_parameters(uint64_t seed);  // each node draws from its own seeded stream

    const NetworkSpec& spec() const { return spec_; }
    const Shape& input_shape() const { return input_shapes_.at(0); }  // the first input's
    const std::vector<Shape>& input_shapes() const { return input_shapes_; }
    std::vector<std::string> input_names() const { return spec_.input_names(); }
    size_t input_count() const { return input_shapes_.size(); }
    const Shape& output_shape() const { return report_.output_shape; }  // the first output's
    size_t output_count() const { return outputs_.size(); }
    const Shape& output_shape(size_t k) const { return report_.nodes.at(outputs_.at(k)).output_shape; }
    const NetworkReport& report() const { return report_; }
    // Whether the (first) input is a token sequence of any length; see forward().
    bool takes_token_sequences() const { return token_inputs_.at(0); }
    // Lets every input come with another length on its first per-example axis than it was built for ([T', d]
    // for [T, d]): for a block's inside made of layers that work on any length (the Transformer decoder block's,
    // which decoding feeds growing target prefixes). Off by default: most layers need the shape they were built for.
    void allow_other_lengths() { other_lengths_ = true; }
    int64_t parameter_count() const { return report_.parameters; }
    size_t size() const { return nodes_.size(); }
    Layer& layer(size_t i) { return *nodes_[i].layer; }

private:
public:
    // Where a node input comes from: port `port` of node `node`, or network input −1 − node when node < 0.
    struct Source {
        int node = 0, port = 0;
    };

private:
    struct Node {
        std::string id;
        std::unique_ptr<Layer> layer;
        std::vector<Source> inputs;
    };
    // Per node, the index of the last node that reads its outputs (nodes_.size() for the network's outputs).
    std::vector<size_t> last_reader() const;
    // Per node: the index of its only reader when the two run as one op (when nobody asks for the node's own
    // output): a BatchNorm or a Linear read by a ReLU or a Sigmoid, a Sigmoid read by an AvgPool2d, else -1. A
    // BatchNorm, its Sigmoid and that Sigmoid's AvgPool2d run as one op.
    std::vector<int> fused_reader_;
    void find_fusions();
    // The output of the fused op that starts at `node` (input x), and the node whose output it is.
    std::pair<Var, size_t> forward_fused(size_t node, const Var& x, ForwardContext& ctx);
    NetworkSpec spec_;
    std::vector<Shape> input_shapes_;
    NetworkReport report_;
    std::vector<Node> nodes_;
    int output_ = -1;
    std::vector<int> outputs_;        // node indices of every output, output_ first
    std::vector<bool> token_inputs_;  // per input: a token sequence that may have another length
    bool other_lengths_ = false;      // see allow_other_lengths()
};

}  // namespace dl
