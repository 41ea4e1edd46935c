#pragma once
// NadarayaWatson: attention pooling by similarity, D2L §10.2 (zh-v2; English §11.2). Each query x
// (one number per example, [1] → [1]) looks at the keys x_i and values y_i of the training set:
//     f(x) = Σ_i softmax_i(−((x − x_i)·w)² / 2) · y_i
// learnable_width false: w = 1, the non-parametric regression of §10.2.3 (a Gaussian kernel);
// true: w is a parameter (§10.2.4), initialised uniform in [0, 1) as D2L's torch.rand((1,)).
//
// Keys and values are buffers (saved in model files, never trained) of num_keys entries; num_keys 0
// means "the training set's size", and fit_to_training_data (engine/nn/fit_to_training_data.h) fills
// both from the data set before training.
//
// In training mode each query is one of the training points and, as in D2L, is compared with the
// OTHER points only: the key equal to the query (bit for bit: the data set's feature and the key
// buffer are copies of the same float, and training x are distinct) gets zero weight. D2L masks
// position i of row i instead; with distinct x and any batch order the two are the same mask.
//
// Probes: "attention" [B, 1, 1, K] (the weights) and "scores" [B, 1, 1, K] (before softmax).
#include "engine/nn/layer.h"

namespace dl {

class NadarayaWatson : public Layer {
public:
    explicit NadarayaWatson(Attributes attrs);
    std::string type() const override { return "NadarayaWatson"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string&) const override { return false; }
    std::vector<std::pair<std::string, Tensor*>> buffers() override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override;

    // Copies the training points (keys x_i, values y_i; num_keys of each) into the buffers.
    void set_training_points(const Tensor& keys, const Tensor& values);
    int64_t num_keys() const { return keys_.defined() ? keys_.numel() : 0; }

    static std::vector<AttrSpec> attribute_specs();

private:
    bool learnable_ = true;
    int64_t num_keys_ = 0;
    Var w_;
    Tensor keys_, values_;  // [num_keys]
};

}  // namespace dl
