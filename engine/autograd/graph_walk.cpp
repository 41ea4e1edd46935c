#include "engine/autograd/graph_walk.h"

#include <unordered_set>

#include "engine/core/error.h"

namespace dl {

namespace {
// Iterative post-order DFS over the inputs (deep graphs must not overflow the stack), the same walk
// as Var::backward(); `follow` says which inputs to enter.
template <class Follow>
std::vector<GradNode*> post_order(GradNode* root, Follow follow) {
    std::vector<GradNode*> order;
    std::unordered_set<GradNode*> visited{root};
    std::vector<std::pair<GradNode*, size_t>> stack{{root, 0}};
    while (!stack.empty()) {
        auto& [n, next] = stack.back();
        if (next < n->inputs.size()) {
            GradNode* child = n->inputs[next++].get();
            if (follow(*child) && !visited.count(child)) {
                visited.insert(child);
                stack.push_back({child, 0});
            }
        } else {
            order.push_back(n);
            stack.pop_back();
        }
    }
    return order;
}
}  // namespace

std::vector<const GradNode*> graph_nodes(const Var& output) {
    if (!output.defined()) return {};
    auto order = post_order(output.node(), [](const GradNode&) { return true; });
    return {order.begin(), order.end()};
}

std::vector<GradNode*> backward_order(const Var& output) {
    if (!output.requires_grad()) return {};
    auto order = post_order(output.node(), [](const GradNode& n) { return n.requires_grad; });
    return {order.rbegin(), order.rend()};
}

BackwardStepper::BackwardStepper(Var output, Tensor seed)
    : output_(std::move(output)), seed_(std::move(seed)), order_(backward_order(output_)) {
    if (!output_.requires_grad())
        throw InputError("backward: this value does not depend on anything that needs a gradient");
    if (!seed_.defined()) seed_ = Tensor::ones(output_.shape());
    if (seed_.shape() != output_.shape())
        throw ShapeError("backward: seed gradient " + to_string(seed_.shape()) + " does not match output " +
                         to_string(output_.shape()));
}

const GradNode* BackwardStepper::step() {
    if (done()) return nullptr;
    if (steps_ == 0) {
        output_.grad_buffer().vec() += seed_.vec();
    } else {
        GradNode* previous = order_[steps_ - 1];
        if (previous->backward && previous->grad.defined()) previous->backward(*previous);
    }
    return order_[steps_++];
}

void BackwardStepper::run_all() {
    while (!done()) step();
}

}  // namespace dl
