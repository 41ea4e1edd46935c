#pragma once
// OnnxGraph: the small builder the ONNX emitters write through. It names values uniquely, adds weights as
// initializers and appends nodes; the protobuf classes stay inside onnx_graph.cpp, so emitters see only
// value names (strings), as ONNX itself wires a graph.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/core/tensor.h"

namespace onnx {
class GraphProto;
}

namespace dl {

// One attribute of an ONNX node: an int, a float, a list of ints, a list of floats or text.
using OnnxAttrValue = std::variant<int64_t, float, std::vector<int64_t>, std::vector<float>, std::string>;
using OnnxAttrs = std::vector<std::pair<std::string, OnnxAttrValue>>;

class OnnxGraph {
public:
    explicit OnnxGraph(onnx::GraphProto& graph) : graph_(graph) {}

    // `base` if no value has that name yet, else base + "_2", "_3", ...; the name is reserved.
    std::string unique(const std::string& base);
    // A float32 initializer holding `t` under exactly `name` (a model-file name such as "conv1.weight");
    // adding the same name twice keeps the first.
    std::string initializer(const std::string& name, const Tensor& t);
    // Constant initializers for shapes, indices and scalars, named after `base`.
    std::string ints(const std::string& base, const std::vector<int64_t>& values);
    std::string scalar(const std::string& base, float value);
    std::string floats(const std::string& base, const std::vector<float>& values);
    std::string index(const std::string& base, int64_t value);  // a rank-0 int64 (Gather's index that drops the axis)
    // Appends a node; its outputs get unique names made from `out_bases`. Returns the output names.
    std::vector<std::string> node(const std::string& op, const std::vector<std::string>& inputs,
                                  const std::vector<std::string>& out_bases, const OnnxAttrs& attrs = {});
    // The same for a node with one output.
    std::string op(const std::string& op, const std::vector<std::string>& inputs, const std::string& out_base,
                   const OnnxAttrs& attrs = {});

    // The graph input holding each example's valid length ([batch], int64), which attention with mask "source"
    // reads; empty when the network has no such attention.
    const std::string& valid_lens() const { return valid_lens_; }
    void set_valid_lens(const std::string& name) { valid_lens_ = name; }

private:
    onnx::GraphProto& graph_;
    std::set<std::string> names_;
    std::string valid_lens_;
};

}  // namespace dl
