#include "engine/optim/sgd.h"

#include "engine/core/error.h"
#include "engine/optim/check.h"

namespace dl {

Sgd::Sgd(ParamList params, SgdOptions options)
    : Optimizer(std::move(params), options.lr, options.weight_decay),
      momentum_(options.momentum),
      nesterov_(options.nesterov) {
    optim_check::below_one(momentum_, "momentum");
    if (nesterov_ && momentum_ == 0.0f) throw InputError("Nesterov momentum needs a momentum above 0 (e.g. 0.9)");
}

void Sgd::update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) {
    if (momentum_ == 0.0f) {
        value -= lr() * grad;
        return;
    }
    VectorMap buffer = state_range(index, "momentum_buffer", offset, value.size());
    buffer = momentum_ * buffer + grad;
    if (nesterov_)
        value -= lr() * (grad + momentum_ * buffer);
    else
        value -= lr() * buffer;
}

}  // namespace dl
