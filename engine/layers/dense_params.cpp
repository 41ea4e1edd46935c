#include "engine/layers/dense_params.h"

#include "engine/nn/init.h"
#include "engine/ops/matmul.h"

namespace dl {

void DenseParams::append_shapes(int64_t in, int64_t out, std::vector<ParamShape>& shapes) const {
    shapes.push_back({name_ + ".weight", {out, in}});
    if (has_bias_) shapes.push_back({name_ + ".bias", {out}});
}

void DenseParams::build(int64_t in, int64_t out) {
    in_ = in;
    out_ = out;
    weight_ = Var(Tensor::zeros({out, in}), true);
    if (has_bias_) bias_ = Var(Tensor::zeros({out}), true);
}

void DenseParams::reset(Rng& rng) {
    const InitSpec spec{"torch_default"};
    initialize(weight_.value(), spec, in_, out_, rng);
    if (has_bias_) initialize(bias_.value(), spec, in_, out_, rng);
}

Var DenseParams::apply(const Var& x) const {
    return linear(x, weight_, bias_);
}

void DenseParams::append_parameters(std::vector<std::pair<std::string, Var*>>& params) {
    params.emplace_back(name_ + ".weight", &weight_);
    if (has_bias_) params.emplace_back(name_ + ".bias", &bias_);
}

}  // namespace dl
