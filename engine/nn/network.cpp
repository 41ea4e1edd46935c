#include "engine/nn/network.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <stdexcept>

#include "engine/core/error.h"
#include "engine/layers/batch_norm.h"
#include "engine/layers/conv2d.h"
#include "engine/layers/linear.h"
#include "engine/layers/pooling.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/probe_sink.h"

namespace dl {

namespace {
// A node input before its port is known: node index (or −1 − k for network input k) and port name.
struct Wire {
    int node = 0;
    std::string port;  // "" = port 0
};

std::map<std::string, int> network_inputs(const NetworkSpec& spec) {
    std::map<std::string, int> inputs;
    const std::vector<std::string> names = spec.input_names();
    for (size_t k = 0; k < names.size(); ++k) {
        const std::string& name = names[k];
        if (name.empty()) throw InputError("network input " + std::to_string(k + 1) + " has no name");
        if (name.find(kPortSeparator) != std::string::npos)
            throw InputError("network input '" + name + "': names of inputs may not contain ':'");
        if (!inputs.emplace(name, -1 - static_cast<int>(k)).second)
            throw InputError("two network inputs are called '" + name + "'");
    }
    return inputs;
}

// One node input "id" or "id:port" resolved against the network inputs and the earlier nodes.
Wire resolve_wire(const NodeSpec& n, const std::string& name, const std::map<std::string, int>& index,
                  const std::map<std::string, int>& inputs) {
    const size_t colon = name.find(kPortSeparator);
    const std::string id = name.substr(0, colon), port = colon == std::string::npos ? "" : name.substr(colon + 1);
    if (auto in = inputs.find(id); in != inputs.end()) {
        if (colon != std::string::npos)
            throw InputError("node '" + n.id + "' takes input from '" + name + "', but '" + id +
                             "' is a network input, which has no ports");
        return {in->second, ""};
    }
    auto it = index.find(id);
    if (it == index.end()) {
        std::string known;
        for (const auto& [input, k] : inputs) known += (known.empty() ? "'" : ", '") + input + "'";
        throw InputError("node '" + n.id + "' takes input from '" + name +
                         "', which is neither an earlier node (inputs must come before the node that uses them) "
                         "nor a network input (" +
                         known + ")");
    }
    return {it->second, port};
}

// Resolves each node's inputs to node indices (< 0: network inputs); throws InputError on bad wiring.
std::vector<std::vector<Wire>> resolve_inputs(const NetworkSpec& spec) {
    const std::map<std::string, int> inputs = network_inputs(spec);
    std::map<std::string, int> index;
    std::vector<std::vector<Wire>> wiring;
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        if (n.id.empty()) throw InputError("node " + std::to_string(i + 1) + " (" + n.type + ") has no id");
        if (inputs.count(n.id) || n.id == kNetworkInput)
            throw InputError("node id '" + n.id + "' is reserved for the network's input");
        if (n.id.find(kPortSeparator) != std::string::npos)
            throw InputError("node id '" + n.id + "' may not contain ':' (it separates a node from its port)");
        if (index.count(n.id)) throw InputError("two nodes are called '" + n.id + "'; node ids must be unique");
        std::vector<Wire> in;
        if (n.inputs.empty()) in.push_back({static_cast<int>(i) - 1, ""});
        for (const std::string& name : n.inputs) in.push_back(resolve_wire(n, name, index, inputs));
        index[n.id] = static_cast<int>(i);
        wiring.push_back(std::move(in));
    }
    return wiring;
}

// A network with named inputs must read each of them (an unread input is a wiring mistake).
void check_inputs_read(const NetworkSpec& spec, const std::vector<std::vector<Wire>>& wiring) {
    if (spec.inputs.size() < 2) return;
    std::set<int> read;
    for (const auto& wires : wiring)
        for (const Wire& w : wires)
            if (w.node < 0) read.insert(-1 - w.node);
    for (size_t k = 0; k < spec.inputs.size(); ++k)
        if (!read.count(static_cast<int>(k)))
            throw InputError("the network's input '" + spec.inputs[k] + "' feeds no node");
}

void check_input_count(const NetworkSpec& spec, size_t shapes) {
    const std::vector<std::string> names = spec.input_names();
    if (shapes == names.size()) return;
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InputError("network '" + spec.name + "' has " + std::to_string(names.size()) + " input" +
                     (names.size() == 1 ? "" : "s") + " (" + list + "), but " + std::to_string(shapes) +
                     (shapes == 1 ? " was" : " were") + " given");
}

// The port of `producer` that a wire names; throws InputError naming the ports there are.
int port_index(const NodeSpec& consumer, const NodeReport& producer, const std::string& port) {
    if (port.empty()) return 0;
    for (size_t p = 0; p < producer.output_names.size(); ++p)
        if (producer.output_names[p] == port) return static_cast<int>(p);
    std::string ports;
    for (const std::string& p : producer.output_names) ports += (ports.empty() ? "" : ", ") + p;
    throw InputError("node '" + consumer.id + "' takes input from '" + producer.id + ":" + port + "', but " +
                     producer.type + " node '" + producer.id + "' has no output '" + port + "' (its outputs: " + ports +
                     ")");
}

int node_index(const NetworkSpec& spec, const std::string& out) {
    if (spec.nodes.empty()) throw InputError("the network has no layers");
    for (size_t i = 0; i < spec.nodes.size(); ++i)
        if (spec.nodes[i].id == out) return static_cast<int>(i);
    throw InputError("the output node '" + out + "' does not exist");
}

int output_index(const NetworkSpec& spec) {
    return node_index(spec, spec.output_id());
}

// Every output's node index, the first being output_index().
std::vector<int> output_indices(const NetworkSpec& spec) {
    std::vector<int> indices;
    for (const std::string& id : spec.output_ids()) indices.push_back(node_index(spec, id));
    return indices;
}

// Nodes whose result never reaches the output: almost always a wiring mistake in the editor.
std::set<int> dangling_nodes(const std::vector<std::vector<Wire>>& wiring, const std::vector<int>& outputs) {
    std::vector<bool> used(wiring.size(), false);
    for (int output : outputs) used[output] = true;
    for (int i = static_cast<int>(wiring.size()) - 1; i >= 0; --i)
        if (used[i])
            for (const Wire& w : wiring[i])
                if (w.node >= 0) used[w.node] = true;
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
        throw ShapeError(info.type + " takes " +
                         (info.max_inputs < 0 ? "at least " + std::to_string(info.min_inputs)
                          : info.min_inputs == info.max_inputs
                              ? std::to_string(info.max_inputs)
                              : std::to_string(info.min_inputs) + " to " + std::to_string(info.max_inputs)) +
                         " input" + (info.max_inputs == 1 ? "" : "s") + ", but " + std::to_string(count) +
                         (count == 1 ? " is" : " are") + " connected");
}

// Fills one node's output shape, parameters and FLOPs from its input shapes; with `built`, also builds
// the layer (allocating its parameters). Throws ShapeError / InputError.
void infer_node(const NodeSpec& n, NodeReport& r, std::unique_ptr<Layer>* built) {
    check_arity(layer_info(n.type), r.input_shapes.size());
    auto layer = make_layer(n.id, n.type, n.attrs);
    r.output_names = layer->output_names();
    try {
        r.output_shapes = layer->output_shapes(r.input_shapes);
    } catch (const ShapeError& e) {
        throw ShapeError("node '" + n.id + "' (" + n.type + "): " + e.what());
    }
    if (r.output_shapes.size() != r.output_names.size() || r.output_shapes.empty())
        throw std::logic_error("layer '" + n.id + "' (" + n.type + ") gave " + std::to_string(r.output_shapes.size()) +
                               " output shapes for " + std::to_string(r.output_names.size()) + " ports");
    r.output_shape = r.output_shapes[0];
    r.parameter_shapes = layer->parameter_shapes(r.input_shapes);
    r.parameters = count_parameters(r.parameter_shapes);
    r.flops = layer->flops(r.input_shapes, r.output_shape);
    if (!built) return;
    layer->build(r.input_shapes);
    check_built_parameters(*layer, r.parameter_shapes, n.id);
    *built = std::move(layer);
}

// Infers every node in order (building its layer when `layers` is given); on_error decides whether
// to throw (Network) or record and go on (analyze). `sources` receives each node's resolved inputs.
void build_nodes(const NetworkSpec& spec, std::span<const Shape> input_shapes, NetworkReport& report,
                 std::vector<std::unique_ptr<Layer>>* layers, std::vector<std::vector<Network::Source>>& sources,
                 const std::function<void(const std::string&)>& on_error) {
    check_input_count(spec, input_shapes.size());
    const std::vector<std::vector<Wire>> wiring = resolve_inputs(spec);
    check_inputs_read(spec, wiring);
    const int output = output_index(spec);
    const std::set<int> dangling = dangling_nodes(wiring, output_indices(spec));
    std::vector<bool> failed(spec.nodes.size(), false);
    sources.assign(spec.nodes.size(), {});
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        NodeReport r;
        r.id = n.id;
        r.type = n.type;
        bool upstream_failed = false;
        try {
            for (const Wire& w : wiring[i]) {
                if (w.node < 0) {
                    sources[i].push_back({w.node, 0});
                    r.input_shapes.push_back(input_shapes[static_cast<size_t>(-1 - w.node)]);
                } else if (failed[w.node]) {
                    upstream_failed = true;
                } else {
                    const int port = port_index(n, report.nodes[w.node], w.port);
                    sources[i].push_back({w.node, port});
                    r.input_shapes.push_back(report.nodes[w.node].output_shapes[port]);
                }
            }
            if (upstream_failed) {  // the first failing node carries the message
                failed[i] = true;
                report.nodes.push_back(r);
                continue;
            }
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
    return analyze(spec, std::span<const Shape>(&input_shape, 1));
}

NetworkReport analyze(const NetworkSpec& spec, std::span<const Shape> input_shapes) {
    NetworkReport report;
    std::vector<std::vector<Network::Source>> sources;
    try {
        build_nodes(spec, input_shapes, report, nullptr, sources, [](const std::string&) {});
    } catch (const std::exception& e) {  // wiring errors (unknown ids, no layers) stop the analysis
        report.error = e.what();
    }
    return report;
}

// Whether network input k is one token id per step ([T]) and only Embedding/OneHot nodes read it, so the
// network works for any length of that sequence.
template <class Node>
static bool reads_token_sequences(const NetworkSpec& spec, const Shape& input_shape, int k,
                                  const std::vector<Node>& nodes) {
    if (input_shape.size() != 1) return false;
    bool any = false;
    for (size_t i = 0; i < nodes.size(); ++i) {
        const auto& inputs = nodes[i].inputs;
        if (std::none_of(inputs.begin(), inputs.end(), [k](const Network::Source& s) { return s.node == -1 - k; }))
            continue;
        if (spec.nodes[i].type != "Embedding" && spec.nodes[i].type != "OneHot") return false;
        any = true;
    }
    return any;
}

Network::Network(NetworkSpec spec, Shape input_shape)
    : Network(std::move(spec), std::span<const Shape>(&input_shape, 1)) {}

Network::Network(NetworkSpec spec, std::span<const Shape> input_shapes)
    : spec_(std::move(spec)), input_shapes_(input_shapes.begin(), input_shapes.end()) {
    if (!spec_.input_shape.empty() && input_shapes_.size() == 1 && spec_.input_shape != input_shapes_[0])
        throw ShapeError("network '" + spec_.name + "' expects examples of shape " + to_string(spec_.input_shape) +
                         ", but the data has " + to_string(input_shapes_[0]));
    std::vector<std::unique_ptr<Layer>> layers;
    std::vector<std::vector<Source>> sources;
    build_nodes(spec_, input_shapes_, report_, &layers, sources,
                [](const std::string& message) { throw ShapeError(message); });
    for (size_t i = 0; i < layers.size(); ++i)
        nodes_.push_back({spec_.nodes[i].id, std::move(layers[i]), std::move(sources[i])});
    output_ = output_index(spec_);
    outputs_ = output_indices(spec_);
    for (size_t k = 0; k < input_shapes_.size(); ++k)
        token_inputs_.push_back(reads_token_sequences(spec_, input_shapes_[k], static_cast<int>(k), nodes_));
    find_fusions();
}

void Network::find_fusions() {
    std::vector<int> readers(nodes_.size(), 0), reader(nodes_.size(), -1);
    for (size_t i = 0; i < nodes_.size(); ++i)
        for (const Source& s : nodes_[i].inputs)
            if (s.node >= 0) {
                ++readers[s.node];
                reader[s.node] = static_cast<int>(i);
            }
    for (int k : outputs_) readers[k] += 2;  // an output is read from outside
    fused_reader_.assign(nodes_.size(), -1);
    for (size_t i = 0; i < nodes_.size(); ++i) {
        if (readers[i] != 1) continue;
        const Node& next = nodes_[static_cast<size_t>(reader[i])];
        if (next.inputs.size() != 1) continue;
        const std::string first = nodes_[i].layer->type(), second = next.layer->type();
        const bool batch_norm = dynamic_cast<BatchNorm*>(nodes_[i].layer.get()) && BatchNorm::fuses(second);
        const bool pool = first == "Sigmoid" && dynamic_cast<AvgPool2d*>(next.layer.get());
        const bool linear = dynamic_cast<Linear*>(nodes_[i].layer.get()) && Linear::fuses(second);
        if (batch_norm || pool || linear) fused_reader_[i] = reader[i];
    }
    // A convolution whose sole reader is a Sigmoid fused with its AvgPool2d joins the pair (LeNet).
    for (size_t i = 0; i < nodes_.size(); ++i) {
        if (readers[i] != 1 || !dynamic_cast<Conv2d*>(nodes_[i].layer.get())) continue;
        const size_t next = static_cast<size_t>(reader[i]);
        if (nodes_[next].layer->type() == "Sigmoid" && fused_reader_[next] >= 0) fused_reader_[i] = reader[i];
    }
}

std::pair<Var, size_t> Network::forward_fused(size_t node, const Var& x, ForwardContext& ctx) {
    const size_t next = static_cast<size_t>(fused_reader_[node]);
    const Layer& reader = *nodes_[next].layer;
    if (const auto* linear = dynamic_cast<const Linear*>(nodes_[node].layer.get()))
        return {linear->forward_fused(x, reader.type()), next};
    if (const auto* conv = dynamic_cast<const Conv2d*>(nodes_[node].layer.get())) {  // → Sigmoid → AvgPool2d
        const size_t pool = static_cast<size_t>(fused_reader_[next]);
        return {conv->forward_sigmoid_pool(x, static_cast<const AvgPool2d&>(*nodes_[pool].layer)), pool};
    }
    auto* bn = dynamic_cast<BatchNorm*>(nodes_[node].layer.get());
    if (!bn) return {static_cast<const AvgPool2d&>(reader).forward_after_sigmoid(x), next};
    if (reader.type() == "Sigmoid" && fused_reader_[next] >= 0) {  // and an AvgPool2d after it
        const size_t pool = static_cast<size_t>(fused_reader_[next]);
        return {bn->forward_sigmoid_pool(x, static_cast<const AvgPool2d&>(*nodes_[pool].layer), ctx), pool};
    }
    return {bn->forward_fused(x, reader.type(), ctx), next};
}

Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

Var Network::forward(const Var& x, ForwardContext& ctx, std::vector<Var>* node_outputs) {
    return forward(std::vector<Var>{x}, ctx, node_outputs);
}

Var Network::forward(const std::vector<Var>& xs, ForwardContext& ctx, std::vector<Var>* node_outputs) {
    return forward_outputs(xs, ctx, node_outputs).front();
}

std::vector<Var> Network::forward_outputs(const std::vector<Var>& xs, ForwardContext& ctx,
                                          std::vector<Var>* node_outputs) {
    const std::vector<std::string> names = spec_.input_names();
    check_input_count(spec_, xs.size());
    for (size_t k = 0; k < xs.size(); ++k) {
        Shape expected{xs[k].shape().empty() ? 0 : xs[k].shape()[0]};
        expected.insert(expected.end(), input_shapes_[k].begin(), input_shapes_[k].end());
        const bool other_length = (token_inputs_[k] || other_lengths_) && xs[k].shape().size() == expected.size() &&
                                  expected.size() >= 2 && xs[k].shape()[1] > 0 &&
                                  std::equal(expected.begin() + 2, expected.end(), xs[k].shape().begin() + 2);
        if (xs[k].shape() != expected && !other_length)
            throw ShapeError("the network was built for " + (xs.size() > 1 ? "'" + names[k] + "' " : std::string()) +
                             "examples of shape " + to_string(input_shapes_[k]) + " but received a batch of shape " +
                             to_string(xs[k].shape()));
    }
    std::vector<std::vector<Var>> outputs(nodes_.size());
    // Without a gradient graph, an output nobody reads any more is freed at once: evaluating ResNet-18 then
    // holds a few activations at a time instead of all of them.
    const std::vector<size_t> last_use = node_outputs ? std::vector<size_t>() : last_reader();
    // Fused pairs only when no node's own output is asked for (probes, node_outputs).
    const bool fuse = !ctx.probes && !node_outputs;
    std::vector<Var> args;
    std::vector<char> skip(nodes_.size(), 0);  // made by a fused op that started at an earlier node
    for (size_t i = 0; i < nodes_.size(); ++i) {
        if (skip[i]) continue;
        args.clear();
        for (const Source& s : nodes_[i].inputs)
            args.push_back(s.node < 0 ? xs[static_cast<size_t>(-1 - s.node)] : outputs[s.node][s.port]);
        if (fuse && fused_reader_[i] >= 0) {  // outputs[i] stays empty: a reader's output is made here
            auto [out, last] = forward_fused(i, args.at(0), ctx);
            for (size_t k = i; k != last;) skip[k = static_cast<size_t>(fused_reader_[k])] = 1;  // the chain's readers
            outputs[last] = {std::move(out)};
        } else if (!ctx.probes) {
            outputs[i] = nodes_[i].layer->forward_outputs(args, ctx);
        } else {
            {
                // The layer (or a block's inner network) publishes its own probes as "<node id>.<name>".
                ProbeSink::Scope scope(ctx.probes, nodes_[i].id);
                outputs[i] = nodes_[i].layer->forward_outputs(args, ctx);
            }
            ctx.probes->publish(nodes_[i].id, outputs[i][0].value());
        }
        args.clear();
        for (const Source& s : nodes_[i].inputs)
            if (s.node >= 0 && !last_use.empty() && last_use[s.node] == i) outputs[s.node].clear();
    }
    std::vector<Var> result;
    for (int k : outputs_) result.push_back(outputs[k][0]);
    if (node_outputs) {
        node_outputs->clear();
        for (auto& ports : outputs) node_outputs->push_back(std::move(ports[0]));
    }
    return result;
}

std::vector<size_t> Network::last_reader() const {
    std::vector<size_t> last(nodes_.size(), 0);
    for (size_t i = 0; i < nodes_.size(); ++i)
        for (const Source& s : nodes_[i].inputs)
            if (s.node >= 0) last[s.node] = i;
    for (int k : outputs_) last[k] = nodes_.size();  // the network's outputs are never freed
    return last;
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
