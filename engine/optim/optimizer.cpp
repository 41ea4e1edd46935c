#include "engine/optim/optimizer.h"

#include <algorithm>
#include <unordered_map>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/optim/check.h"

namespace dl {

namespace {
constexpr std::string_view kStepKey = "step";
constexpr int64_t kUpdateGrain = int64_t{1} << 15;  // floats per range: smaller ones cost more to hand out
constexpr int64_t kLineFloats = 16;

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
        float* value = var.value().data();
        const float* grad = var.grad().data();
        const int64_t n = var.value().numel();
        const float decay = params_[i].decay ? weight_decay_ : 0.0f;
        // The first update creates the state tensors (a map insert: one thread). Then each element's update is
        // apart from the others'. Ranges start on whole 64-byte lines of the (64-byte aligned) tensors, so that
        // Eigen takes every element in the same vector or scalar instruction as over the whole parameter (its
        // vector square root is not the scalar one's bits): where the ranges are cut changes no bit.
        if (!states_[i].ready) {
            update_range(i, 0, n, value, grad, decay);
            states_[i].ready = true;
            continue;
        }
        const int64_t lines = (n + kLineFloats - 1) / kLineFloats;
        parallel_for_balanced(lines, kUpdateGrain / kLineFloats, [&, i](int64_t begin, int64_t end) {
            update_range(i, begin * kLineFloats, std::min(n, end * kLineFloats), value, grad, decay);
        });
    }
}

void Optimizer::update_range(size_t index, int64_t begin, int64_t end, float* value, const float* grad, float decay) {
    VectorMap v(value + begin, end - begin);
    ConstVectorMap g(grad + begin, end - begin);
    if (decay == 0.0f) return update(index, begin, v, g);
    if (decoupled_decay_) {
        v *= 1.0f - lr_ * decay;
        return update(index, begin, v, g);
    }
    const Eigen::VectorXf decayed = g + decay * v;  // L2 penalty ½·wd·‖p‖² contributes wd·p
    update(index, begin, v, decayed);
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
