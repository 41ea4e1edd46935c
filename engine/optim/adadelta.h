#pragma once
// Adadelta, PyTorch's torch.optim.Adadelta rule: the step size comes from the ratio of running
// RMS values of past updates and past gradients, so lr is only a final multiplier (default 1).
//   g ← grad + wd·p
//   v ← rho·v + (1 − rho)·g²
//   d ← √(u + eps) / √(v + eps) · g
//   u ← rho·u + (1 − rho)·d²
//   p ← p − lr·d
#include "engine/optim/optimizer.h"

namespace dl {

struct AdadeltaOptions {
    float lr = 1.0f;
    float rho = 0.9f;  // smoothing of both running averages, in [0, 1)
    float eps = 1e-6f;
    float weight_decay = 0.0f;
};

class Adadelta : public Optimizer {
public:
    Adadelta(ParamList params, AdadeltaOptions options = {});
    std::string name() const override { return "adadelta"; }

protected:
    void update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) override;

private:
    float rho_;
    float eps_;
};

}  // namespace dl
