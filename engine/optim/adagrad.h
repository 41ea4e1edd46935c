#pragma once
// AdaGrad, PyTorch's torch.optim.Adagrad rule (lr_decay 0, initial accumulator 0): each
// coordinate's step shrinks with the sum of all its squared gradients so far.
//   g ← grad + wd·p
//   s ← s + g²
//   p ← p − lr·g / (√s + eps)
#include "engine/optim/optimizer.h"

namespace dl {

struct AdagradOptions {
    float lr = 0.01f;
    float eps = 1e-10f;
    float weight_decay = 0.0f;
};

class Adagrad : public Optimizer {
public:
    Adagrad(ParamList params, AdagradOptions options = {});
    std::string name() const override { return "adagrad"; }

protected:
    void update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) override;

private:
    float eps_;
};

}  // namespace dl
