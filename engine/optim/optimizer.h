#pragma once
// Optimizer: the base of every update rule (SGD, AdaGrad, RMSProp, Adadelta, Adam, AdamW).
//
// step() walks the parameters, skips those no gradient reached (grad undefined), applies weight
// decay, and hands each parameter's value and gradient to the subclass's update() as Eigen
// vectors, a big parameter in ranges on several threads. Updates mutate the weight tensors
// directly and record no autograd graph.
// Per-parameter state (momentum buffers, moment estimates) is allocated on first use and named
// like PyTorch's state keys ("momentum_buffer", "exp_avg", ...), so it can be checkpointed.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "engine/nn/parameter.h"

namespace dl {

// One named state tensor, e.g. {"fc1.weight/exp_avg", tensor} or {"fc1.weight/step", scalar}.
using OptimizerState = std::vector<std::pair<std::string, Tensor>>;

class Optimizer {
public:
    Optimizer(ParamList params, float lr, float weight_decay);
    virtual ~Optimizer() = default;
    Optimizer(const Optimizer&) = delete;
    Optimizer& operator=(const Optimizer&) = delete;

    virtual std::string name() const = 0;
    virtual void step();
    void zero_grad();  // fills every existing gradient with 0

    float lr() const { return lr_; }
    void set_lr(float lr);  // for schedules; throws InputError if negative or not finite
    float weight_decay() const { return weight_decay_; }
    const ParamList& params() const { return params_; }

    // Snapshot of all per-parameter state ("<param name>/<state name>"), deep-copied, for checkpoints.
    OptimizerState state() const;
    // Replaces the state with a snapshot from state(); throws InputError if it names a parameter
    // this optimizer does not have or a tensor of the wrong shape.
    void load_state(const OptimizerState& state);

protected:
    using ConstGrad = Eigen::Ref<const Eigen::VectorXf>;

    // Applies this optimizer's rule to elements [offset, offset + value.size()) of parameter `index`; `grad`
    // already includes L2 weight decay. Every rule is element by element: after a parameter's first step (which
    // creates its state, on one thread) ranges of one parameter run at once on different threads, so touch
    // only that range of the state (state_range).
    virtual void update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) = 0;
    // AdamW sets this: decay shrinks the weights directly instead of being added to the gradient.
    void use_decoupled_weight_decay() { decoupled_decay_ = true; }

    // The state tensor `tensor_name` of parameter `index`, zero-filled with the parameter's shape on first use.
    Tensor& state_tensor(size_t index, std::string_view tensor_name);
    // Elements [offset, offset + size) of that state tensor.
    VectorMap state_range(size_t index, std::string_view tensor_name, int64_t offset, int64_t size) {
        return VectorMap(state_tensor(index, tensor_name).data() + offset, size);
    }
    // How many updates parameter `index` has received, including the one in progress.
    int64_t steps_taken(size_t index) const { return states_[index].steps; }

private:
    struct ParamState {
        int64_t steps = 0;
        bool ready = false;  // updated once by this object: every state tensor its rule needs exists
        std::map<std::string, Tensor, std::less<>> tensors;
    };

    ParamList params_;
    std::vector<ParamState> states_;
    float lr_;
    float weight_decay_;
    bool decoupled_decay_ = false;

    void update_range(size_t index, int64_t begin, int64_t end, float* value, const float* grad, float decay);
};

}  // namespace dl
