#include "engine/optim/factory.h"

#include <algorithm>
#include <cctype>

#include "engine/core/error.h"
#include "engine/optim/adadelta.h"
#include "engine/optim/adagrad.h"
#include "engine/optim/adam.h"
#include "engine/optim/rmsprop.h"
#include "engine/optim/sgd.h"

namespace dl {

namespace {

struct OptimizerInfo {
    const char* name;
    const char* description;
};

constexpr OptimizerInfo kOptimizers[] = {
    {"sgd",
     "Stochastic gradient descent: steps against the gradient, optionally with momentum that "
     "accumulates past gradients to speed up along consistent directions (Nesterov looks ahead)."},
    {"adagrad",
     "AdaGrad: gives every weight its own step size, shrinking with the sum of all its past "
     "squared gradients; good for rare features, but learning slows down over time."},
    {"rmsprop",
     "RMSProp: divides each weight's step by a running average of its recent gradient sizes, "
     "so steps adapt per weight without shrinking forever as in AdaGrad."},
    {"adadelta",
     "Adadelta: like RMSProp, but sizes each step by a running average of its own past updates, "
     "so it needs no real learning rate (lr is a plain multiplier, usually 1)."},
    {"adam",
     "Adam: momentum (a running average of gradients) plus RMSProp's per-weight scaling, with bias "
     "correction for the first steps; a robust default."},
    {"adamw",
     "AdamW: Adam with decoupled weight decay, which shrinks the weights directly instead of adding "
     "an L2 term to the gradient that Adam's scaling would weaken."},
};

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// The canonical (lower-case) name; throws InputError listing the choices for anything else.
std::string known_name(const std::string& name) {
    const std::string key = lowercase(name);
    for (const OptimizerInfo& info : kOptimizers)
        if (key == info.name) return key;
    std::string choices;
    for (const OptimizerInfo& info : kOptimizers) choices += (choices.empty() ? "" : ", ") + std::string(info.name);
    throw InputError("optimizer '" + name + "' is unknown; choose one of " + choices);
}

}  // namespace

OptimizerConfig optimizer_defaults(const std::string& name) {
    OptimizerConfig config;
    config.name = known_name(name);
    if (config.name == "adagrad") {
        config.lr = AdagradOptions{}.lr;
        config.eps = AdagradOptions{}.eps;
    } else if (config.name == "rmsprop") {
        config.lr = RmspropOptions{}.lr;
    } else if (config.name == "adadelta") {
        config.lr = AdadeltaOptions{}.lr;
        config.eps = AdadeltaOptions{}.eps;
    } else if (config.name == "adam") {
        config.lr = AdamOptions{}.lr;
    } else if (config.name == "adamw") {
        config.lr = AdamWOptions{}.lr;
        config.weight_decay = AdamWOptions{}.weight_decay;
    }
    return config;
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c, ParamList params) {
    const std::string name = known_name(c.name);
    if (name == "sgd")
        return std::make_unique<Sgd>(
            std::move(params),
            SgdOptions{.lr = c.lr, .momentum = c.momentum, .nesterov = c.nesterov, .weight_decay = c.weight_decay});
    if (name == "adagrad")
        return std::make_unique<Adagrad>(std::move(params),
                                         AdagradOptions{.lr = c.lr, .eps = c.eps, .weight_decay = c.weight_decay});
    if (name == "rmsprop")
        return std::make_unique<Rmsprop>(
            std::move(params),
            RmspropOptions{
                .lr = c.lr, .alpha = c.alpha, .eps = c.eps, .momentum = c.momentum, .weight_decay = c.weight_decay});
    if (name == "adadelta")
        return std::make_unique<Adadelta>(
            std::move(params), AdadeltaOptions{.lr = c.lr, .rho = c.rho, .eps = c.eps, .weight_decay = c.weight_decay});
    if (name == "adam")
        return std::make_unique<Adam>(
            std::move(params),
            AdamOptions{.lr = c.lr, .beta1 = c.beta1, .beta2 = c.beta2, .eps = c.eps, .weight_decay = c.weight_decay});
    return std::make_unique<AdamW>(
        std::move(params),
        AdamWOptions{.lr = c.lr, .beta1 = c.beta1, .beta2 = c.beta2, .eps = c.eps, .weight_decay = c.weight_decay});
}

std::vector<std::string> optimizer_names() {
    std::vector<std::string> names;
    for (const OptimizerInfo& info : kOptimizers) names.emplace_back(info.name);
    return names;
}

std::string optimizer_description(const std::string& name) {
    const std::string key = known_name(name);
    for (const OptimizerInfo& info : kOptimizers)
        if (key == info.name) return info.description;
    return {};
}

}  // namespace dl
