#include "engine/io/onnx_export.h"

#include <map>

#include <onnx/onnx_pb.h>

#include "engine/core/error.h"
#include "engine/io/network_json.h"
#include "engine/io/onnx/emitters.h"

namespace dl {

namespace {
constexpr int64_t kIrVersion = 8;  // the IR version that goes with opset 17

// Whether network input k is read only by Embedding/OneHot nodes (then it holds token ids of any length).
bool is_token_input(const NetworkSpec& spec, size_t k) {
    const std::vector<std::string> names = spec.input_names();
    bool read = false;
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const NodeSpec& n = spec.nodes[i];
        bool reads = (n.inputs.empty() && i == 0 && k == 0);
        for (const std::string& in : n.inputs) reads = reads || in == names[k];
        if (!reads) continue;
        if (n.type != "Embedding" && n.type != "OneHot") return false;
        read = true;
    }
    return read;
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

std::string emit_network(OnnxGraph& g, Network& net, const std::string& prefix,
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
    const std::string out = spec.output_id();
    return values.at(index.at(out)).at(0);
}

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
    std::vector<std::string> inputs;
    bool tokens = false;
    const std::vector<std::string> names = net.input_names();
    for (size_t k = 0; k < names.size(); ++k) {
        const bool token = is_token_input(net.spec(), k);
        tokens = tokens || token;
        inputs.push_back(g.unique(names[k]));
        onnx::ValueInfoProto* v = graph.add_input();
        v->set_name(inputs.back());
        // One token input: its length is "sequence"; several (a translation's source and target) have their own.
        const std::string steps = !token ? "" : names.size() == 1 ? "sequence" : names[k] + "_sequence";
        set_type(*v, token ? onnx::TensorProto::INT64 : onnx::TensorProto::FLOAT, net.input_shapes()[k], steps);
    }
    const std::string out = emit_network(g, net, "", inputs);
    onnx::ValueInfoProto* v = graph.add_output();
    v->set_name(out);
    // A token network that scores every step has a sequence axis too (a translation's follows the target).
    const Shape& y = net.output_shape();
    const bool per_step = tokens && y.size() >= 2 && y[0] == net.input_shapes().back().at(0);
    set_type(*v, onnx::TensorProto::FLOAT, y, !per_step ? "" : names.size() == 1 ? "sequence" : "output_sequence");
    return model.SerializeAsString();
}

void export_onnx(Network& net, const std::string& path, const OnnxExportOptions& options) {
    write_file_atomically(path, onnx_model_bytes(net, options));
}

}  // namespace dl
