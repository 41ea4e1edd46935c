#pragma once
// Adam and AdamW, PyTorch's torch.optim.Adam / AdamW rules (amsgrad off). With t the number of
// updates this parameter has received:
//   Adam:  g ← grad + wd·p                 (L2: the decay passes through the normalisation)
//   AdamW: p ← p − lr·wd·p                 (decoupled: the decay shrinks weights directly)
//   m ← β1·m + (1 − β1)·g
//   v ← β2·v + (1 − β2)·g²
//   p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
#include "engine/optim/optimizer.h"

namespace dl {

struct AdamOptions {
    float lr = 1e-3f;
    float beta1 = 0.9f;    // smoothing of the gradient average, in [0, 1)
    float beta2 = 0.999f;  // smoothing of the squared-gradient average, in [0, 1)
    float eps = 1e-8f;
    float weight_decay = 0.0f;
};

// Same fields; only the weight decay default differs (PyTorch's AdamW uses 0.01).
struct AdamWOptions {
    float lr = 1e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float eps = 1e-8f;
    float weight_decay = 0.01f;
};

class Adam : public Optimizer {
public:
    Adam(ParamList params, AdamOptions options = {});
    std::string name() const override { return "adam"; }

protected:
    void update(size_t index, int64_t offset, VectorMap value, const ConstGrad& grad) override;

private:
    float beta1_;
    float beta2_;
    float eps_;
};

class AdamW : public Adam {
public:
    AdamW(ParamList params, AdamWOptions options = {});
    std::string name() const override { return "adamw"; }
};

}  // namespace dl
