#pragma once
// Network: a NetworkSpec made real for one input shape — layers built, shapes inferred, parameters
// allocated. Forward runs the graph in order; autograd provides backward. analyze() infers the same
// shapes, parameter counts and FLOPs without building anything (the editor runs it on every edit).
#include <memory>
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
    Shape output_shape;
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

class Network {
public:
    // Throws ShapeError / InputError naming the offending node.
    Network(NetworkSpec spec, Shape input_shape);
    Network(Network&&) noexcept;
    Network& operator=(Network&&) noexcept;
    ~Network();

    // x carries the batch axis first. If node_outputs is given it receives every node's output
    // (feature-map and activation views). A network whose input is a token sequence (every node
    // reading the input is an Embedding or OneHot) also takes sequences of another length, [B, T']
    // (text generation feeds one token at a time); any other network needs the shape it was built for.
    Var forward(const Var& x, ForwardContext& ctx, std::vector<Var>* node_outputs = nullptr);

    ParamList parameters();  // "<node id>.<name>", in node order
    BufferList buffers();    // "<node id>.<name>", in node order; never trained
    struct NodeParams {
        std::string node;
        std::vector<size_t> params;
    };  // indices into parameters()
    std::vector<NodeParams> parameters_by_node();
    void reset_parameters(uint64_t seed);  // each node draws from its own seeded stream

    const NetworkSpec& spec() const { return spec_; }
    const Shape& input_shape() const { return input_shape_; }
    const Shape& output_shape() const { return report_.output_shape; }
    const NetworkReport& report() const { return report_; }
    bool takes_token_sequences() const { return token_input_; }
    int64_t parameter_count() const { return report_.parameters; }
    size_t size() const { return nodes_.size(); }
    Layer& layer(size_t i) { return *nodes_[i].layer; }

private:
    struct Node {
        std::string id;
        std::unique_ptr<Layer> layer;
        std::vector<int> inputs;  // -1 = network input
    };
    NetworkSpec spec_;
    Shape input_shape_;
    NetworkReport report_;
    std::vector<Node> nodes_;
    int output_ = -1;
    bool token_input_ = false;
};

}  // namespace dl
