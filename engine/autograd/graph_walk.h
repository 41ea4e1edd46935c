#pragma once
// A read-only look at the computational graph behind a Var, and a backward pass that can be run one
// node at a time (for showing how gradients flow back, D2L §2.5). The stepper calls the very backward
// functions Var::backward() calls, in the same order; it only keeps every node's gradient afterwards
// (Var::backward() drops the intermediate ones).
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

// Every node the output depends on (constants included), inputs before the ops that use them, the
// output last.
std::vector<const GradNode*> graph_nodes(const Var& output);

// The nodes that need a gradient in the order Var::backward() visits them: the output first, every
// node after all the nodes that use it.
std::vector<GradNode*> backward_order(const Var& output);

class BackwardStepper {
public:
    // `output` must hold one value, or `seed` gives d(loss)/d(output) of its shape (ones when undefined and
    // the output has several values: the gradient of output.sum()).
    explicit BackwardStepper(Var output, Tensor seed = {});

    // The number of steps in all: one per node in backward_order().
    int total_steps() const { return static_cast<int>(order_.size()); }
    int steps_taken() const { return steps_; }
    bool done() const { return steps_ == total_steps(); }
    // One step: the first seeds the output's gradient, each later one runs the backward function of the
    // previous node. Returns the node whose gradient is now complete (nullptr when done already).
    const GradNode* step();
    void run_all();
    // The node the last step completed (nullptr before the first).
    const GradNode* current() const { return steps_ == 0 ? nullptr : order_[steps_ - 1]; }
    const std::vector<GradNode*>& order() const { return order_; }
    const Var& output() const { return output_; }

private:
    Var output_;
    Tensor seed_;
    std::vector<GradNode*> order_;
    int steps_ = 0;
};

}  // namespace dl
