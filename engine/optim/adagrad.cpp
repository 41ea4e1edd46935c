#include "engine/optim/adagrad.h"

#include "engine/optim/check.h"

namespace dl {

Adagrad::Adagrad(ParamList params, AdagradOptions options)
    : Optimizer(std::move(params), options.lr, options.weight_decay), eps_(options.eps) {
    optim_check::positive(eps_, "epsilon");
}

void Adagrad::update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) {
    VectorMap sum = state_range(index, "sum", offset, value.size());
    sum.array() += grad.array().square();
    value.array() -= lr() * grad.array() / (sum.array().sqrt() + eps_);
}

}  // namespace dl
