#include "engine/optim/clip.h"

#include <cmath>

#include "engine/optim/check.h"

namespace dl {

namespace {
bool has_grad(const Var& var) {
    return var.defined() && var.grad().defined();
}

double squared_grad_norm(const Var& var) {
    return has_grad(var) ? var.grad().vec().cast<double>().squaredNorm() : 0.0;
}
}  // namespace

float grad_norm(const Var& var) {
    return static_cast<float>(std::sqrt(squared_grad_norm(var)));
}

float grad_norm(const ParamList& params) {
    double sum = 0.0;
    for (const Param& p : params) sum += squared_grad_norm(p.var);
    return static_cast<float>(std::sqrt(sum));
}

float clip_grad_norm(const ParamList& params, float max_norm) {
    optim_check::positive(max_norm, "gradient clipping max norm");
    const float norm = grad_norm(params);
    if (!std::isfinite(norm)) return norm;
    const float scale = max_norm / (norm + 1e-6f);
    if (scale >= 1.0f) return norm;
    for (const Param& p : params) {
        if (!has_grad(p.var)) continue;
        Var shared = p.var;  // shallow copy: same node, so the scaling reaches the model's gradient
        shared.grad_buffer().vec() *= scale;
    }
    return norm;
}

}  // namespace dl
