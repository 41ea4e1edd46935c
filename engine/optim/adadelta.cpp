#include "engine/optim/adadelta.h"

#include "engine/optim/check.h"

namespace dl {

Adadelta::Adadelta(ParamList params, AdadeltaOptions options)
    : Optimizer(std::move(params), options.lr, options.weight_decay), rho_(options.rho), eps_(options.eps) {
    optim_check::below_one(rho_, "Adadelta rho");
    optim_check::positive(eps_, "epsilon");
}

void Adadelta::update(size_t index, VectorMap value, const ConstGrad& grad) {
    VectorMap square_avg = state_tensor(index, "square_avg").vec();
    VectorMap acc_delta = state_tensor(index, "acc_delta").vec();
    square_avg = rho_ * square_avg + (1.0f - rho_) * grad.cwiseAbs2();
    delta_ = ((acc_delta.array() + eps_).sqrt() / (square_avg.array() + eps_).sqrt() * grad.array()).matrix();
    acc_delta = rho_ * acc_delta + (1.0f - rho_) * delta_.cwiseAbs2();
    value -= lr() * delta_;
}

}  // namespace dl
