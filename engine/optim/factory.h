#pragma once
// Building an optimizer by name from one flat set of settings (what the UI and CLI collect).
#include <memory>
#include <string>
#include <vector>

#include "engine/optim/optimizer.h"

namespace dl {

// Fields an optimizer does not use are ignored (e.g. momentum for Adam), so the UI can keep one
// config while the learner switches optimizers. The member defaults are SGD's (D2L's usual
// lr 0.1); optimizer_defaults(name) gives PyTorch's defaults for any optimizer.
struct OptimizerConfig {
    std::string name = "sgd";  // one of optimizer_names(), case-insensitive
    float lr = 0.1f;
    float momentum = 0.0f;      // sgd, rmsprop; in [0, 1)
    bool nesterov = false;      // sgd; needs momentum > 0
    float weight_decay = 0.0f;  // all; L2 on the gradient, decoupled for adamw
    float beta1 = 0.9f;         // adam, adamw
    float beta2 = 0.999f;       // adam, adamw
    float eps = 1e-8f;          // all but sgd (PyTorch: adagrad 1e-10, adadelta 1e-6, others 1e-8)
    float alpha = 0.99f;        // rmsprop
    float rho = 0.9f;           // adadelta
};

// PyTorch's defaults for that optimizer (e.g. adam: lr 0.001; adadelta: lr 1, eps 1e-6; adamw: weight
// decay 0.01), except sgd whose lr PyTorch leaves to the user: 0.1 as in D2L.
OptimizerConfig optimizer_defaults(const std::string& name);
// Throws InputError naming the setting for an unknown name or an out-of-range value.
std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config, ParamList params);

std::vector<std::string> optimizer_names();                  // sgd, adagrad, rmsprop, adadelta, adam, adamw
std::string optimizer_description(const std::string& name);  // one sentence for a tooltip

}  // namespace dl
