#include "engine/optim/adadelta.h"

#include "engine/optim/check.h"

namespace dl {

Adadelta::Adadelta(ParamList params, AdadeltaOptions options)
    : Optimizer(std::move(params), options.lr, options.weight_decay), rho_(options.rho), eps_(options.eps) {
    optim_check::below_one(rho_, "Adadelta rho");
    optim_check::positive(eps_, "epsilon");
}

void Adadelta::update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) {
    VectorMap square_avg = state_range(index, "square_avg", offset, value.size());
    VectorMap acc_delta = state_range(index, "acc_delta", offset, value.size());
    square_avg = rho_ * square_avg + (1.0f - rho_) * grad.cwiseAbs2();
    const Eigen::VectorXf delta =
        ((acc_delta.array() + eps_).sqrt() / (square_avg.array() + eps_).sqrt() * grad.array()).matrix();
    acc_delta = rho_ * acc_delta + (1.0f - rho_) * delta.cwiseAbs2();
    value -= lr() * delta;
}

}  // namespace dl
