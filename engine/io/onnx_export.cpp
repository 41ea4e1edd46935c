#include "engine/io/onnx_export.h"

#include <algorithm>
#include <map>

#include <onnx/onnx_pb.h>

#include "engine/core/error.h"
#include "engine/io/network_json.h"
#include "engine/io/onnx/emitters.h"
#include "engine/nn/block.h"

namespace dl {

namespace {
constexpr int64_t kIrVersion = 8;  // the IR version that goes with opset 17

// How the graph takes network input k: token ids (read only by Embedding/OneHot nodes) and positions to
// gather (read only as GatherPositions' second input) are int64 of a free length; anything else is float32.
enum class InputKind { Values, Tokens, Positions };

InputKind input_kind(const NetworkSpec& spec, size_t k) {
    const std::vector<std::string> names = spec.input_names();
    bool tokens = false, positions = false;
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        for (size_t slot = 0; slot < std::max<size_t>(n.inputs.size(), 1); ++slot) {
            const bool reads = n.inputs.empty() ? (i == 0 && k == 0) : n.inputs[slot] == names[k];
            if (!reads) continue;
            if (n.type == "Embedding" || n.type == "OneHot")
                tokens = true;
            else if (n.type == "GatherPositions" && slot == 1)
                positions = true;
            else
                return InputKind::Values;
        }
    }
    if (tokens && positions) return InputKind::Values;
    return tokens ? InputKind::Tokens : positions ? InputKind::Positions : InputKind::Values;
}

// Whether some attention layer (inside blocks too) masks keys by the source lengths.
bool masks_by_length(Network& net) {
    for (size_t i = 0; i < net.size(); ++i) {
        Layer& layer = net.layer(i);
        if (auto* block = dynamic_cast<Block*>(&layer);
            block && block->inner_network() && masks_by_length(*block->inner_network()))
            return true;
        const Attributes& a = layer.attributes();
        if (a.has("mask") && a.get_string("mask") == "source") return true;
    }
    return false;
}

// Token inputs and per-step outputs have a symbolic length: `steps` names it ("" = fixed).
void set_type(onnx::ValueInfoProto& v, int32_t elem_type, const Shape& example, const std::string& steps) {
    onnx::TypeProto_Tensor* t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(elem_type);
    onnx::TensorShapeProto* s = t->mutable_shape();
    s->add_dim()->set_dim_param("batch");
    for (size_t i = 0; i < example.size(); ++i) {
        if (i == 0 && !steps.empty())
            s->add_dim()->set_dim_param(steps);
        else
            s->add_dim()->set_dim_value(example[i]);
    }
}

// The value port `port` of a node names ("enc:state" → port "state" of node "enc").
std::string resolve(const std::string& wire, const NetworkSpec& spec, const NetworkReport& report,
                    const std::map<std::string, size_t>& index, const std::vector<std::vector<std::string>>& values,
                    const std::vector<std::string>& inputs) {
    const size_t colon = wire.find(kPortSeparator);
    const std::string id = wire.substr(0, colon);
    const std::vector<std::string> names = spec.input_names();
    for (size_t k = 0; k < names.size(); ++k)
        if (names[k] == id) return inputs.at(k);
    const size_t node = index.at(id);
    if (colon == std::string::npos) return values[node].at(0);
    const std::string port = wire.substr(colon + 1);
    const std::vector<std::string>& ports = report.nodes[node].output_names;
    for (size_t p = 0; p < ports.size(); ++p)
        if (ports[p] == port) {
            if (p >= values[node].size())
                throw InputError("node '" + id + "' (" + report.nodes[node].type + "): its output '" + port +
                                 "' has no ONNX form yet");
            return values[node][p];
        }
    throw std::logic_error("ONNX export: no port '" + wire + "'");
}
}  // namespace

bool onnx_takes_valid_lens(Network& net) {
    return masks_by_length(net);
}

std::vector<std::string> emit_network(OnnxGraph& g, Network& net, const std::string& prefix,
                                      const std::vector<std::string>& inputs) {
    const NetworkSpec& spec = net.spec();
    const NetworkReport& report = net.report();
    std::map<std::string, size_t> index;
    std::vector<std::vector<std::string>> values(spec.nodes.size());
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        const std::string id = prefix + n.id;
        const auto emitter = onnx_emitters().find(n.type);
        if (emitter == onnx_emitters().end())
            throw InputError("node '" + id + "' (" + n.type + ") has no ONNX form yet");
        OnnxNode node{net.layer(i), id, {}, report.nodes[i].input_shapes, report.nodes[i].output_shapes};
        if (n.inputs.empty()) node.inputs.push_back(i == 0 ? inputs.at(0) : values[i - 1].at(0));
        for (const std::string& wire : n.inputs)
            node.inputs.push_back(resolve(wire, spec, report, index, values, inputs));
        values[i] = emitter->second(g, node);
        index[n.id] = i;
    }
    std::vector<std::string> outputs;
    for (const std::string& out : spec.output_ids()) outputs.push_back(values.at(index.at(out)).at(0));
    return outputs;
}

namespace {
// The graph's inputs, named like the network's (plus "valid_lens" when attention masks by length); returns the
// value names in input order and whether any is a token input.
std::vector<std::string> add_inputs(OnnxGraph& g, onnx::GraphProto& graph, Network& net, bool& tokens) {
    std::vector<std::string> inputs;
    const std::vector<std::string> names = net.input_names();
    size_t token_inputs = 0;
    for (size_t k = 0; k < names.size(); ++k) token_inputs += input_kind(net.spec(), k) == InputKind::Tokens;
    tokens = token_inputs > 0;
    for (size_t k = 0; k < names.size(); ++k) {
        const InputKind kind = input_kind(net.spec(), k);
        inputs.push_back(g.unique(names[k]));
        onnx::ValueInfoProto* v = graph.add_input();
        v->set_name(inputs.back());
        // One token input: its length is "sequence"; several (a translation's source and target, BERT's tokens and
        // segments) have their own.
        const std::string steps = kind == InputKind::Positions ? "predictions"
                                  : kind != InputKind::Tokens  ? ""
                                  : token_inputs == 1          ? "sequence"
                                                               : names[k] + "_sequence";
        set_type(*v, kind == InputKind::Values ? onnx::TensorProto::FLOAT : onnx::TensorProto::INT64,
                 net.input_shapes()[k], steps);
    }
    if (masks_by_length(net)) {
        g.set_valid_lens(g.unique("valid_lens"));
        onnx::ValueInfoProto* v = graph.add_input();
        v->set_name(g.valid_lens());
        set_type(*v, onnx::TensorProto::INT64, {}, "");
    }
    return inputs;
}

// The symbolic name of output k's first axis when it follows a free input length ("" = fixed): the masked-LM
// scores follow the positions, a token network that scores every step its (last) sequence.
std::string output_steps(Network& net, size_t k, bool tokens) {
    const Shape& y = net.output_shape(k);
    if (!tokens || y.size() < 2) return "";
    const std::vector<std::string> names = net.input_names();
    for (size_t j = 0; j < names.size(); ++j)
        if (input_kind(net.spec(), j) == InputKind::Positions && y[0] == net.input_shapes()[j].at(0))
            return "predictions";
    if (y[0] != net.input_shapes().back().at(0)) return "";
    return names.size() == 1 ? "sequence" : "output_sequence";
}
}  // namespace

std::string onnx_model_bytes(Network& net, const OnnxExportOptions& options) {
    if (options.opset < 17)  // LayerNormalization and the Split/Unsqueeze forms used here are opset 17's
        throw InputError("ONNX export writes opset 17 operators; opset " + std::to_string(options.opset) +
                         " is too old");
    onnx::ModelProto model;
    model.set_ir_version(kIrVersion);
    model.set_producer_name("DiveLab");
    model.set_model_version(1);
    model.set_doc_string(net.spec().description);
    onnx::OperatorSetIdProto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(options.opset);
    onnx::GraphProto& graph = *model.mutable_graph();
    graph.set_name(net.spec().name.empty() ? "divelab" : net.spec().name);
    OnnxGraph g(graph);
    bool tokens = false;
    const std::vector<std::string> inputs = add_inputs(g, graph, net, tokens);
    const std::vector<std::string> outs = emit_network(g, net, "", inputs);
    for (size_t k = 0; k < outs.size(); ++k) {
        onnx::ValueInfoProto* v = graph.add_output();
        v->set_name(outs[k]);
        set_type(*v, onnx::TensorProto::FLOAT, net.output_shape(k), output_steps(net, k, tokens));
    }
    return model.SerializeAsString();
}

void export_onnx(Network& net, const std::string& path, const OnnxExportOptions& options) {
    write_file_atomically(path, onnx_model_bytes(net, options));
}

}  // namespace dl
