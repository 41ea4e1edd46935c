#include "engine/io/onnx/onnx_graph.h"

#include <onnx/onnx_pb.h>

namespace dl {

namespace {
void set_attribute(onnx::NodeProto& node, const std::string& name, const OnnxAttrValue& value) {
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name(name);
    if (auto* i = std::get_if<int64_t>(&value)) {
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(*i);
    } else if (auto* f = std::get_if<float>(&value)) {
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(*f);
    } else if (auto* is = std::get_if<std::vector<int64_t>>(&value)) {
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t v : *is) a->add_ints(v);
    } else if (auto* fs = std::get_if<std::vector<float>>(&value)) {
        a->set_type(onnx::AttributeProto::FLOATS);
        for (float v : *fs) a->add_floats(v);
    } else {
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(std::get<std::string>(value));
    }
}
}  // namespace

std::string OnnxGraph::unique(const std::string& base) {
    std::string name = base;
    for (int k = 2; names_.count(name); ++k) name = base + "_" + std::to_string(k);
    names_.insert(name);
    return name;
}

std::string OnnxGraph::initializer(const std::string& name, const Tensor& t) {
    if (names_.count(name)) return name;
    names_.insert(name);
    onnx::TensorProto* p = graph_.add_initializer();
    p->set_name(name);
    p->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : t.shape()) p->add_dims(d);
    p->set_raw_data(reinterpret_cast<const char*>(t.data()), t.numel() * sizeof(float));  // x86-64: little endian
    return name;
}

std::string OnnxGraph::ints(const std::string& base, const std::vector<int64_t>& values) {
    const std::string name = unique(base);
    onnx::TensorProto* p = graph_.add_initializer();
    p->set_name(name);
    p->set_data_type(onnx::TensorProto::INT64);
    p->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values) p->add_int64_data(v);
    return name;
}

std::string OnnxGraph::scalar(const std::string& base, float value) {
    const std::string name = unique(base);
    onnx::TensorProto* p = graph_.add_initializer();
    p->set_name(name);
    p->set_data_type(onnx::TensorProto::FLOAT);
    p->add_float_data(value);
    return name;
}

std::string OnnxGraph::floats(const std::string& base, const std::vector<float>& values) {
    const std::string name = unique(base);
    onnx::TensorProto* p = graph_.add_initializer();
    p->set_name(name);
    p->set_data_type(onnx::TensorProto::FLOAT);
    p->add_dims(static_cast<int64_t>(values.size()));
    for (float v : values) p->add_float_data(v);
    return name;
}

std::string OnnxGraph::index(const std::string& base, int64_t value) {
    const std::string name = unique(base);
    onnx::TensorProto* p = graph_.add_initializer();
    p->set_name(name);
    p->set_data_type(onnx::TensorProto::INT64);
    p->add_int64_data(value);
    return name;
}

std::vector<std::string> OnnxGraph::node(const std::string& op, const std::vector<std::string>& inputs,
                                         const std::vector<std::string>& out_bases, const OnnxAttrs& attrs) {
    onnx::NodeProto* n = graph_.add_node();
    n->set_op_type(op);
    for (const std::string& in : inputs) n->add_input(in);
    std::vector<std::string> outputs;
    for (const std::string& base : out_bases) {
        outputs.push_back(unique(base));
        n->add_output(outputs.back());
    }
    n->set_name(outputs.empty() ? op : outputs.front());
    for (const auto& [name, value] : attrs) set_attribute(*n, name, value);
    return outputs;
}

std::string OnnxGraph::op(const std::string& op, const std::vector<std::string>& inputs, const std::string& out_base,
                          const OnnxAttrs& attrs) {
    return node(op, inputs, {out_base}, attrs).front();
}

}  // namespace dl
