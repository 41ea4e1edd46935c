#pragma once
// RMSProp, PyTorch's torch.optim.RMSprop rule (not centered): the step is divided by a running
// root-mean-square of recent gradients, so each coordinate moves at a similar pace.
//   g ← grad + wd·p
//   v ← alpha·v + (1 − alpha)·g²
//   without momentum: p ← p − lr·g / (√v + eps)
//   with momentum:    b ← momentum·b + g / (√v + eps);  p ← p − lr·b
#include "engine/optim/optimizer.h"

namespace dl {

struct RmspropOptions {
    float lr = 0.01f;
    float alpha = 0.99f;  // smoothing of the squared-gradient average, in [0, 1)
    float eps = 1e-8f;
    float momentum = 0.0f;  // in [0, 1)
    float weight_decay = 0.0f;
};

class Rmsprop : public Optimizer {
public:
    Rmsprop(ParamList params, RmspropOptions options = {});
    std::string name() const override { return "rmsprop"; }

protected:
    void update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) override;

private:
    float alpha_;
    float eps_;
    float momentum_;
};

}  // namespace dl
