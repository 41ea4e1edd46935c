#pragma once
// Reverse-mode automatic differentiation (micrograd's idea on whole tensors).
//
// THE BACKWARD CONTRACT (every op follows it):
//   An op's backward function reads the gradient of its output (self.grad) and ADDS the
//   gradient of each input that requires one into that input's grad buffer
//   (Var::grad_buffer(), zero-allocated on first use). It never overwrites: a tensor used
//   twice receives the sum of both contributions.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

struct GradNode;
using GradNodePtr = std::shared_ptr<GradNode>;
using BackwardFn = std::function<void(GradNode& self)>;

struct GradNode {
    Tensor value;
    Tensor grad;              // undefined until something flows back
    bool grad_stale = false;  // zero_grad() was called: the buffer's contents mean 0
    bool requires_grad = false;
    const char* op = "leaf";
    std::vector<GradNodePtr> inputs;  // only recorded when requires_grad
    BackwardFn backward;

    Tensor& grad_buffer();  // allocates zeros of value's shape on first use
    // For an op about to add into grad: true when grad holds no gradient yet (new or stale buffer), so
    // the op may WRITE its contribution instead of adding it (saves zero-filling and re-reading).
    bool begin_grad_write();
};

class Var {
public:
    Var() = default;
    explicit Var(Tensor value, bool requires_grad = false);

    bool defined() const { return node_ != nullptr; }
    const Tensor& value() const { return node_->value; }
    Tensor& value() { return node_->value; }
    const Shape& shape() const { return node_->value.shape(); }
    bool requires_grad() const { return node_ && node_->requires_grad; }
    const Tensor& grad() const;  // undefined when no gradient has flowed
    Tensor& grad_buffer() { return node_->grad_buffer(); }
    void zero_grad();  // the gradient is 0 again (the buffer is kept)
    const char* op() const { return node_->op; }
    GradNode* node() const { return node_.get(); }
    const GradNodePtr& node_ptr() const { return node_; }

    // What backward() does with the values of intermediate results. Release: a value only the graph holds
    // is dropped as soon as no backward function needs it any more (the trainer's choice: ResNet-18's
    // activations are then freed while gradients flow back instead of all living to the end). Such a graph
    // cannot run backward again.
    enum class Values { Keep, Release };
    // Seeds d(this)/d(this) = 1 (this must hold one value) and runs every backward function once
    // in reverse topological order.
    void backward(Values values = Values::Keep);
    // Same with an explicit upstream gradient of this value's shape.
    void backward(const Tensor& seed, Values values = Values::Keep);

    // Builds an op result: records inputs and the backward function only if an input needs grad
    // and gradient recording is on.
    static Var make(Tensor value, std::vector<Var> inputs, const char* op, BackwardFn backward);

private:
    GradNodePtr node_;
};

// While alive, ops record no graph on this thread (evaluation, optimizer updates).
class NoGradGuard {
public:
    NoGradGuard();
    ~NoGradGuard();
    NoGradGuard(const NoGradGuard&) = delete;
    NoGradGuard& operator=(const NoGradGuard&) = delete;

private:
    bool previous_;
};
bool grad_enabled();

}  // namespace dl
