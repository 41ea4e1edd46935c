#include "engine/optim/adam.h"

#include <cmath>

#include "engine/optim/check.h"

namespace dl {

Adam::Adam(ParamList params, AdamOptions options)
    : Optimizer(std::move(params), options.lr, options.weight_decay),
      beta1_(options.beta1),
      beta2_(options.beta2),
      eps_(options.eps) {
    optim_check::below_one(beta1_, "Adam beta1");
    optim_check::below_one(beta2_, "Adam beta2");
    optim_check::positive(eps_, "epsilon");
}

void Adam::update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) {
    VectorMap exp_avg = state_range(index, "exp_avg", offset, value.size());
    VectorMap exp_avg_sq = state_range(index, "exp_avg_sq", offset, value.size());
    exp_avg = beta1_ * exp_avg + (1.0f - beta1_) * grad;
    exp_avg_sq = beta2_ * exp_avg_sq + (1.0f - beta2_) * grad.cwiseAbs2();
    // Bias corrections undo the zero start of m and v; computed in double like PyTorch's scalars.
    const double t = static_cast<double>(steps_taken(index));
    const double bias_correction1 = 1.0 - std::pow(static_cast<double>(beta1_), t);
    const double bias_correction2_sqrt = std::sqrt(1.0 - std::pow(static_cast<double>(beta2_), t));
    const float step_size = static_cast<float>(lr() / bias_correction1);
    const float bc2_sqrt = static_cast<float>(bias_correction2_sqrt);
    value.array() -= step_size * exp_avg.array() / (exp_avg_sq.array().sqrt() / bc2_sqrt + eps_);
}

AdamW::AdamW(ParamList params, AdamWOptions options)
    : Adam(std::move(params), AdamOptions{.lr = options.lr,
                                          .beta1 = options.beta1,
                                          .beta2 = options.beta2,
                                          .eps = options.eps,
                                          .weight_decay = options.weight_decay}) {
    use_decoupled_weight_decay();
}

}  // namespace dl
