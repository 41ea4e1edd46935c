#include "engine/nn/network.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "engine/core/error.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/probe_sink.h"

namespace dl {

namespace {
// Resolves each node's inputs to indices (-1 = network input); throws InputError on bad wiring.
std::vector<std::vector<int>> resolve_inputs(const NetworkSpec& spec) {
    std::map<std::string, int> index;
    std::vector<std::vector<int>> wiring;
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        if (n.id.empty()) throw InputError("node " + std::to_string(i + 1) + " (" + n.type + ") has no id");
        if (n.id == kNetworkInput) throw InputError("node id 'input' is reserved for the network's input");
        if (index.count(n.id)) throw InputError("two nodes are called '" + n.id + "'; node ids must be unique");
        std::vector<int> in;
        if (n.inputs.empty()) {
            in.push_back(static_cast<int>(i) - 1);
        } else {
            for (const std::string& name : n.inputs) {
                if (name == kNetworkInput) {
                    in.push_back(-1);
                    continue;
                }
                auto it = index.find(name);
                if (it == index.end())
                    throw InputError(
                        "node '" + n.id + "' takes input from '" + name +
                        "', which is not an earlier node (inputs must come before the node that uses them)");
                in.push_back(it->second);
            }
        }
        index[n.id] = static_cast<int>(i);
        wiring.push_back(std::move(in));
    }
    return wiring;
}

int output_index(const NetworkSpec& spec) {
    if (spec.nodes.empty()) throw InputError("the network has no layers");
    const std::string out = spec.output_id();
    for (size_t i = 0; i < spec.nodes.size(); ++i)
        if (spec.nodes[i].id == out) return static_cast<int>(i);
    throw InputError("the output node '" + out + "' does not exist");
}

// Nodes whose result never reaches the output: almost always a wiring mistake in the editor.
std::set<int> dangling_nodes(const std::vector<std::vector<int>>& wiring, int output) {
    std::vector<bool> used(wiring.size(), false);
    used[output] = true;
    for (int i = output; i >= 0; --i)
        if (used[i])
            for (int j : wiring[i])
                if (j >= 0) used[j] = true;
    std::set<int> dangling;
    for (size_t i = 0; i < wiring.size(); ++i)
        if (!used[i]) dangling.insert(static_cast<int>(i));
    return dangling;
}

// FNV-1a: a string hash that is the same on every platform (std::hash is not specified).
uint64_t fnv1a(const std::string& s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    return h;
}

int64_t count_parameters(const std::vector<ParamShape>& shapes) {
    int64_t n = 0;
    for (const ParamShape& p : shapes) n += numel(p.shape);
    return n;
}

// build() must allocate exactly what parameter_shapes() announced: the editor's analysis relies on it.
void check_built_parameters(Layer& layer, const std::vector<ParamShape>& announced, const std::string& id) {
    std::vector<ParamShape> built;
    for (auto& [name, var] : layer.parameters()) built.push_back({name, var->value().shape()});
    if (built != announced)
        throw std::logic_error("layer '" + id + "' (" + layer.type() +
                               ") built other parameters than its parameter_shapes() announced");
}

void check_arity(const LayerInfo& info, size_t count) {
    const bool too_few = static_cast<int>(count) < info.min_inputs;
    const bool too_many = info.max_inputs >= 0 && static_cast<int>(count) > info.max_inputs;
    if (too_few || too_many)
        throw ShapeError(
            info.type + " takes " +
            (info.max_inputs < 0 ? "at least " + std::to_string(info.min_inputs) : std::to_string(info.max_inputs)) +
            " input" + (info.max_inputs == 1 ? "" : "s") + ", but " + std::to_string(count) +
            (count == 1 ? " is" : " are") + " connected");
}

// Fills one node's output shape, parameters and FLOPs from its input shapes; with `built`, also builds
// the layer (allocating its parameters). Throws ShapeError / InputError.
void infer_node(const NodeSpec& n, NodeReport& r, std::unique_ptr<Layer>* built) {
    check_arity(layer_info(n.type), r.input_shapes.size());
    auto layer = make_layer(n.id, n.type, n.attrs);
    try {
        r.output_shape = layer->output_shape(r.input_shapes);
    } catch (const ShapeError& e) {
        throw ShapeError("node '" + n.id + "' (" + n.type + "): " + e.what());
    }
    r.parameter_shapes = layer->parameter_shapes(r.input_shapes);
    r.parameters = count_parameters(r.parameter_shapes);
    r.flops = layer->flops(r.input_shapes, r.output_shape);
    if (!built) return;
    layer->build(r.input_shapes);
    check_built_parameters(*layer, r.parameter_shapes, n.id);
    *built = std::move(layer);
}

// Infers every node in order (building its layer when `layers` is given); on_error decides whether
// to throw (Network) or record and go on (analyze).
void build_nodes(const NetworkSpec& spec, const Shape& input_shape, NetworkReport& report,
                 std::vector<std::unique_ptr<Layer>>* layers, const std::function<void(const std::string&)>& on_error) {
    std::vector<std::vector<int>> wiring = resolve_inputs(spec);
    const int output = output_index(spec);
    const std::set<int> dangling = dangling_nodes(wiring, output);
    std::vector<bool> failed(spec.nodes.size(), false);
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        NodeReport r;
        r.id = n.id;
        r.type = n.type;
        bool upstream_failed = false;
        for (int j : wiring[i]) {
            if (j >= 0 && failed[j]) upstream_failed = true;
            r.input_shapes.push_back(j < 0 ? input_shape : report.nodes[j].output_shape);
        }
        if (upstream_failed) {  // the first failing node carries the message
            failed[i] = true;
            report.nodes.push_back(r);
            continue;
        }
        try {
            std::unique_ptr<Layer> layer;
            infer_node(n, r, layers ? &layer : nullptr);
            if (dangling.count(static_cast<int>(i)))
                throw ShapeError("node '" + n.id + "' (" + n.type + ") is not connected to the output '" +
                                 spec.output_id() + "'");
            if (layers) layers->push_back(std::move(layer));
        } catch (const std::runtime_error& e) {
            r.error = e.what();
            failed[i] = true;
            if (report.error.empty()) report.error = e.what();
            report.nodes.push_back(r);
            on_error(e.what());
            continue;
        }
        report.parameters += r.parameters;
        report.flops += r.flops;
        report.nodes.push_back(r);
    }
    if (report.error.empty()) report.output_shape = report.nodes[output].output_shape;
}
}  // namespace

NetworkReport analyze(const NetworkSpec& spec, const Shape& input_shape) {
    NetworkReport report;
    try {
        build_nodes(spec, input_shape, report, nullptr, [](const std::string&) {});
    } catch (const std::exception& e) {  // wiring errors (unknown ids, no layers) stop the analysis
        report.error = e.what();
    }
    return report;
}

// Whether the input is one token id per step ([T]) and only Embedding/OneHot nodes read it, so the
// network works for any sequence length.
template <class Node>
static bool reads_token_sequences(const NetworkSpec& spec, const Shape& input_shape, const std::vector<Node>& nodes) {
    if (input_shape.size() != 1) return false;
    bool any = false;
    for (size_t i = 0; i < nodes.size(); ++i) {
        const auto& inputs = nodes[i].inputs;
        if (std::find(inputs.begin(), inputs.end(), -1) == inputs.end()) continue;
        if (spec.nodes[i].type != "Embedding" && spec.nodes[i].type != "OneHot") return false;
        any = true;
    }
    return any;
}

Network::Network(NetworkSpec spec, Shape input_shape) : spec_(std::move(spec)), input_shape_(std::move(input_shape)) {
    if (!spec_.input_shape.empty() && spec_.input_shape != input_shape_)
        throw ShapeError("network '" + spec_.name + "' expects examples of shape " + to_string(spec_.input_shape) +
                         ", but the data has " + to_string(input_shape_));
    std::vector<std::unique_ptr<Layer>> layers;
    build_nodes(spec_, input_shape_, report_, &layers, [](const std::string& message) { throw ShapeError(message); });
    std::vector<std::vector<int>> wiring = resolve_inputs(spec_);
    for (size_t i = 0; i < layers.size(); ++i) nodes_.push_back({spec_.nodes[i].id, std::move(layers[i]), wiring[i]});
    output_ = output_index(spec_);
    token_input_ = reads_token_sequences(spec_, input_shape_, nodes_);
}

Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

Var Network::forward(const Var& x, ForwardContext& ctx, std::vector<Var>* node_outputs) {
    Shape expected{x.shape().empty() ? 0 : x.shape()[0]};
    expected.insert(expected.end(), input_shape_.begin(), input_shape_.end());
    const bool other_length = token_input_ && x.shape().size() == 2 && x.shape()[1] > 0;
    if (x.shape() != expected && !other_length)
        throw ShapeError("the network was built for examples of shape " + to_string(input_shape_) +
                         " but received a batch of shape " + to_string(x.shape()));
    std::vector<Var> outputs(nodes_.size());
    std::vector<Var> args;
    for (size_t i = 0; i < nodes_.size(); ++i) {
        args.clear();
        for (int j : nodes_[i].inputs) args.push_back(j < 0 ? x : outputs[j]);
        if (!ctx.probes) {
            outputs[i] = nodes_[i].layer->forward(args, ctx);
            continue;
        }
        {
            // The layer (or a block's inner network) publishes its own probes as "<node id>.<name>".
            ProbeSink::Scope scope(ctx.probes, nodes_[i].id);
            outputs[i] = nodes_[i].layer->forward(args, ctx);
        }
        ctx.probes->publish(nodes_[i].id, outputs[i].value());
    }
    Var result = outputs[output_];
    if (node_outputs) *node_outputs = std::move(outputs);
    return result;
}

ParamList Network::parameters() {
    ParamList list;
    for (Node& n : nodes_)
        for (auto& [name, var] : n.layer->parameters())
            list.push_back({n.id + "." + name, *var, n.layer->decays(name)});
    return list;
}

BufferList Network::buffers() {
    BufferList list;
    for (Node& n : nodes_)
        for (auto& [name, tensor] : n.layer->buffers()) list.push_back({n.id + "." + name, *tensor});
    return list;
}

std::vector<Network::NodeParams> Network::parameters_by_node() {
    std::vector<NodeParams> groups;
    size_t k = 0;
    for (Node& n : nodes_) {
        NodeParams g{n.id, {}};
        for (size_t j = 0; j < n.layer->parameters().size(); ++j) g.params.push_back(k++);
        if (!g.params.empty()) groups.push_back(std::move(g));
    }
    return groups;
}

void Network::reset_parameters(uint64_t seed) {
    for (Node& n : nodes_) {
        // Seeding per node id keeps other layers' initial weights unchanged when one layer is edited.
        Rng rng(seed ^ fnv1a(n.id));
        n.layer->reset_parameters(rng);
    }
}

}  // namespace dl
