#pragma once
// The weight (and optional bias) of one fully connected projection inside a composite layer (an attention
// layer's W_q, a feed-forward network's dense1), named and initialised like PyTorch's nn.Linear, so the
// composite's parameters read like D2L's state_dict ("W_q.weight", "dense1.bias").
#include <string>
#include <utility>
#include <vector>

#include "engine/nn/layer.h"

namespace dl {

class DenseParams {
public:
    DenseParams(std::string name, bool bias) : name_(std::move(name)), has_bias_(bias) {}

    // Shapes of weight [out, in] (and bias [out]), appended to `shapes` under "<name>.weight", "<name>.bias".
    void append_shapes(int64_t in, int64_t out, std::vector<ParamShape>& shapes) const;
    void build(int64_t in, int64_t out);
    void reset(Rng& rng);           // PyTorch's default: U(−1/√in, 1/√in) for weight and bias
    Var apply(const Var& x) const;  // x [..., in] → [..., out], one GEMM
    void append_parameters(std::vector<std::pair<std::string, Var*>>& params);
    const Var& weight() const { return weight_; }

private:
    std::string name_;
    bool has_bias_;
    int64_t in_ = 0, out_ = 0;
    Var weight_, bias_;
};

}  // namespace dl
