#include "engine/optim/rmsprop.h"

#include "engine/optim/check.h"

namespace dl {

Rmsprop::Rmsprop(ParamList params, RmspropOptions options)
    : Optimizer(std::move(params), options.lr, options.weight_decay),
      alpha_(options.alpha),
      eps_(options.eps),
      momentum_(options.momentum) {
    optim_check::below_one(alpha_, "RMSProp alpha");
    optim_check::positive(eps_, "epsilon");
    optim_check::below_one(momentum_, "momentum");
}

void Rmsprop::update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) {
    VectorMap square_avg = state_range(index, "square_avg", offset, value.size());
    square_avg = alpha_ * square_avg + (1.0f - alpha_) * grad.cwiseAbs2();
    auto scaled_grad = grad.array() / (square_avg.array().sqrt() + eps_);
    if (momentum_ == 0.0f) {
        value.array() -= lr() * scaled_grad;
        return;
    }
    VectorMap buffer = state_range(index, "momentum_buffer", offset, value.size());
    buffer.array() = momentum_ * buffer.array() + scaled_grad;
    value -= lr() * buffer;
}

}  // namespace dl
