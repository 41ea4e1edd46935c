#include "engine/nn/block.h"

#include "engine/core/error.h"
#include "engine/nn/network.h"

namespace dl {

Block::Block(std::string type, Attributes attrs, const BlockBuilder& make_inside)
    : Layer(std::move(attrs)), type_(std::move(type)), inside_(make_inside(attrs_)) {
    inside_.name = type_;
}

Block::~Block() = default;

std::span<const Shape> Block::inside_inputs(const std::vector<Shape>& inputs) const {
    const std::vector<std::string> names = inside_.input_names();
    if (names.size() == 1) return std::span<const Shape>(&single_input(inputs, type_), 1);
    if (inputs.size() != names.size()) {
        std::string list;
        for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
        throw ShapeError(type_ + " takes " + std::to_string(names.size()) + " inputs (" + list + "), but " +
                         std::to_string(inputs.size()) + (inputs.size() == 1 ? " is" : " are") + " connected");
    }
    return inputs;
}

Shape Block::output_shape(const std::vector<Shape>& inputs) const {
    const NetworkReport report = analyze(inside_, inside_inputs(inputs));
    if (!report.ok()) throw ShapeError("inside the " + type_ + ": " + report.error);
    return report.output_shape;
}

std::vector<ParamShape> Block::parameter_shapes(const std::vector<Shape>& inputs) const {
    // The inside's analysis, not an inner Network: nothing is allocated.
    const NetworkReport report = analyze(inside_, inside_inputs(inputs));
    std::vector<ParamShape> shapes;
    for (const NodeReport& node : report.nodes)
        for (const ParamShape& p : node.parameter_shapes) shapes.push_back({node.id + "." + p.name, p.shape});
    return shapes;
}

void Block::build(const std::vector<Shape>& inputs) {
    inner_ = std::make_unique<Network>(inside_, inside_inputs(inputs));
    if (other_lengths_) inner_->allow_other_lengths();
}

void Block::reset_parameters(Rng& rng) {
    if (inner_) inner_->reset_parameters(rng.next_u64());
}

Var Block::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    return inner_->forward(inputs, ctx);
}

bool Block::decays(const std::string& parameter) const {
    const size_t dot = parameter.find('.');
    if (!inner_ || dot == std::string::npos) return false;
    const std::string id = parameter.substr(0, dot);
    for (size_t i = 0; i < inside_.nodes.size(); ++i)
        if (inside_.nodes[i].id == id) return inner_->layer(i).decays(parameter.substr(dot + 1));
    return false;
}

std::vector<std::pair<std::string, Var*>> Block::parameters() {
    std::vector<std::pair<std::string, Var*>> out;
    if (!inner_) return out;
    for (size_t i = 0; i < inner_->size(); ++i)
        for (auto& [name, var] : inner_->layer(i).parameters()) out.emplace_back(inside_.nodes[i].id + "." + name, var);
    return out;
}

std::vector<std::pair<std::string, Tensor*>> Block::buffers() {
    std::vector<std::pair<std::string, Tensor*>> out;
    if (!inner_) return out;
    for (size_t i = 0; i < inner_->size(); ++i)
        for (auto& [name, t] : inner_->layer(i).buffers()) out.emplace_back(inside_.nodes[i].id + "." + name, t);
    return out;
}

int64_t Block::flops(const std::vector<Shape>& inputs, const Shape& /*output*/) const {
    return analyze(inside_, inside_inputs(inputs)).flops;
}

}  // namespace dl
