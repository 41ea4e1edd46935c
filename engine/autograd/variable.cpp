#include "engine/autograd/variable.h"

#include <unordered_map>
#include <unordered_set>

#include "engine/core/error.h"

namespace dl {

namespace {
thread_local bool t_grad_enabled = true;
}

bool grad_enabled() {
    return t_grad_enabled;
}
NoGradGuard::NoGradGuard() : previous_(t_grad_enabled) {
    t_grad_enabled = false;
}
NoGradGuard::~NoGradGuard() {
    t_grad_enabled = previous_;
}

Tensor& GradNode::grad_buffer() {
    if (begin_grad_write()) grad.fill(0.0f);
    return grad;
}

bool GradNode::begin_grad_write() {
    if (!grad.defined()) {
        grad = Tensor::empty(value.shape());
        return true;
    }
    const bool fresh = grad_stale;
    grad_stale = false;
    return fresh;
}

const Tensor& Var::grad() const {
    static const Tensor kNone;
    return node_->grad_stale ? kNone : node_->grad;
}

Var::Var(Tensor value, bool requires_grad) : node_(std::make_shared<GradNode>()) {
    node_->value = std::move(value);
    node_->requires_grad = requires_grad;
}

void Var::zero_grad() {
    // Lazily: the next op that writes the gradient overwrites instead of adding.
    if (node_ && node_->grad.defined()) node_->grad_stale = true;
}

Var Var::make(Tensor value, std::vector<Var> inputs, const char* op, BackwardFn backward) {
    Var out(std::move(value));
    out.node_->op = op;
    if (!t_grad_enabled) return out;
    bool needs = false;
    for (const Var& in : inputs) needs = needs || in.requires_grad();
    if (!needs) return out;
    out.node_->requires_grad = true;
    out.node_->inputs.reserve(inputs.size());
    for (Var& in : inputs) out.node_->inputs.push_back(std::move(in.node_));
    out.node_->backward = std::move(backward);
    return out;
}

void Var::backward(Values values) {
    if (value().numel() != 1)
        throw ShapeError("backward(): the output has shape " + to_string(shape()) +
                         "; reduce it to a single value (e.g. take the mean loss) or pass a seed gradient");
    backward(Tensor::ones(shape()), values);
}

void Var::backward(const Tensor& seed, Values values) {
    if (!requires_grad())
        throw std::logic_error("backward(): this value does not depend on anything that needs a gradient");
    if (seed.shape() != shape())
        throw ShapeError("backward(): seed gradient " + to_string(seed.shape()) + " does not match output " +
                         to_string(shape()));
    // Iterative post-order DFS: deep networks must not overflow the stack.
    std::vector<GradNode*> order;
    std::unordered_set<GradNode*> visited;
    // Per node: one of the graph's pointers to it and how many of them the graph holds.
    std::unordered_map<GradNode*, std::pair<const GradNodePtr*, long>> graph_refs;
    std::vector<std::pair<GradNode*, size_t>> stack{{node_.get(), 0}};
    visited.insert(node_.get());
    while (!stack.empty()) {
        auto& [n, next] = stack.back();
        if (next < n->inputs.size()) {
            const GradNodePtr& ptr = n->inputs[next++];
            GradNode* child = ptr.get();
            if (values == Values::Release) {
                auto& refs = graph_refs[child];
                refs.first = &ptr;
                ++refs.second;
            }
            if (child->requires_grad && !visited.count(child)) {
                visited.insert(child);
                stack.push_back({child, 0});
            }
        } else {
            order.push_back(n);
            stack.pop_back();
        }
    }
    Tensor& g = node_->grad_buffer();
    g.vec() += seed.vec();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        GradNode* n = *it;
        if (n->backward && n->grad.defined()) n->backward(*n);
        // Intermediate gradients are no longer needed once passed on; leaves keep theirs.
        if (n->backward && n != node_.get()) n->grad = Tensor();
        // Every reader of n ran before it (reverse topological order) and n's own backward has run.
        if (values == Values::Release && n->backward && n != node_.get()) {
            const auto refs = graph_refs.find(n);
            if (refs != graph_refs.end() && refs->second.first->use_count() == refs->second.second) n->value = Tensor();
        }
    }
}

}  // namespace dl
