#pragma once
// Stochastic gradient descent with optional (Nesterov) momentum, PyTorch's torch.optim.SGD rule
// with dampening 0:
//   g ← grad + wd·p          (only for params with decay)
//   b ← momentum·b + g       (b starts at 0, so the first b is g)
//   d ← g + momentum·b  if Nesterov, else b   (d = g without momentum)
//   p ← p − lr·d
#include "engine/optim/optimizer.h"

namespace dl {

struct SgdOptions {
    float lr = 0.1f;
    float momentum = 0.0f;  // in [0, 1)
    bool nesterov = false;  // needs momentum > 0
    float weight_decay = 0.0f;
};

class Sgd : public Optimizer {
public:
    Sgd(ParamList params, SgdOptions options = {});
    std::string name() const override { return "sgd"; }

protected:
    void update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) override;

private:
    float momentum_;
    bool nesterov_;
};

}  // namespace dl
