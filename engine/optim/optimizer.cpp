#include "engine/optim/optimizer.h"

#include <unordered_map>

#include "engine/core/error.h"
#include "engine/optim/check.h"

namespace dl {

namespace {
constexpr std::string_view kStepKey = "step";

std::string state_key(const std::string& param_name, std::string_view tensor_name) {
    return param_name + "/" + std::string(tensor_name);
}
}  // namespace

Optimizer::Optimizer(ParamList params, float lr, float weight_decay)
    : params_(std::move(params)), states_(params_.size()), lr_(lr), weight_decay_(weight_decay) {
    optim_check::positive(lr, "learning rate");
    optim_check::non_negative(weight_decay, "weight decay");
}

void Optimizer::set_lr(float lr) {
    optim_check::non_negative(lr, "learning rate");  // 0 allowed: schedules may anneal all the way down
    lr_ = lr;
}

void Optimizer::step() {
    for (size_t i = 0; i < params_.size(); ++i) {
        Var& var = params_[i].var;
        if (!var.defined() || !var.grad().defined()) continue;  // no gradient reached it: leave it alone
        ++states_[i].steps;
        VectorMap value = var.value().vec();
        ConstVectorMap grad = var.grad().vec();
        const float decay = params_[i].decay ? weight_decay_ : 0.0f;
        if (decay == 0.0f) {
            update(i, value, grad);
        } else if (decoupled_decay_) {
            value *= 1.0f - lr_ * decay;
            update(i, value, grad);
        } else {
            decayed_grad_ = grad + decay * value;  // L2 penalty ½·wd·‖p‖² contributes wd·p
            update(i, value, decayed_grad_);
        }
    }
}

void Optimizer::zero_grad() {
    for (Param& p : params_)
        if (p.var.defined()) p.var.zero_grad();
}

Tensor& Optimizer::state_tensor(size_t index, std::string_view tensor_name) {
    auto& tensors = states_[index].tensors;
    auto found = tensors.find(tensor_name);
    if (found != tensors.end()) return found->second;
    Tensor zeros = Tensor::zeros(params_[index].var.shape());
    return tensors.emplace(std::string(tensor_name), std::move(zeros)).first->second;
}

OptimizerState Optimizer::state() const {
    OptimizerState snapshot;
    for (size_t i = 0; i < params_.size(); ++i) {
        if (states_[i].steps == 0) continue;
        const std::string& name = params_[i].name;
        snapshot.emplace_back(state_key(name, kStepKey), Tensor::scalar(static_cast<float>(states_[i].steps)));
        for (const auto& [tensor_name, tensor] : states_[i].tensors)
            snapshot.emplace_back(state_key(name, tensor_name), tensor.clone());
    }
    return snapshot;
}

void Optimizer::load_state(const OptimizerState& state) {
    std::unordered_map<std::string, size_t> index_of;
    for (size_t i = 0; i < params_.size(); ++i) index_of.emplace(params_[i].name, i);

    std::vector<ParamState> loaded(params_.size());
    for (const auto& [key, tensor] : state) {
        const size_t slash = key.rfind('/');
        const std::string param_name = key.substr(0, slash);
        auto found = index_of.find(param_name);
        if (slash == std::string::npos || found == index_of.end())
            throw InputError("the saved " + name() + " optimizer state belongs to a parameter '" + param_name +
                             "' that this model does not have");
        const std::string tensor_name = key.substr(slash + 1);
        ParamState& target = loaded[found->second];
        if (tensor_name == kStepKey) {
            target.steps = static_cast<int64_t>(tensor.item());
            continue;
        }
        const Shape& expected = params_[found->second].var.shape();
        if (tensor.shape() != expected)
            throw InputError("the saved optimizer state '" + key + "' has shape " + to_string(tensor.shape()) +
                             " but the parameter has shape " + to_string(expected));
        target.tensors[tensor_name] = tensor.clone();
    }
    states_ = std::move(loaded);
}

}  // namespace dl
