#pragma once
// Block: a layer whose inside is a small network generated from the block's own settings — D2L's
// VGG block, NiN block, Inception block, residual block, dense block. To the outer network (and the
// editor's palette) it is one node; the editor can open it to show the generated inside, and its
// parameters are named "<block id>.<inner id>.<param>", as PyTorch names a submodule's.
// An inside with several named inputs (NetworkSpec::inputs) makes a block with as many inputs, in that order:
// the Transformer decoder block reads the target sequence and the encoder's outputs.
#include <functional>
#include <memory>
#include <span>

#include "engine/nn/layer.h"
#include "engine/nn/network_spec.h"

namespace dl {

class Network;

// Makes the inside of a block from its validated attributes.
using BlockBuilder = std::function<NetworkSpec(const Attributes&)>;

class Block : public Layer {
public:
    Block(std::string type, Attributes attrs, const BlockBuilder& make_inside);
    ~Block() override;

    std::string type() const override { return type_; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    std::vector<std::pair<std::string, Tensor*>> buffers() override;
    // "<inner id>.<name>" decays as the inner layer says (a convolution's weight does, a norm's does not).
    bool decays(const std::string& parameter) const override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    const NetworkSpec& inside() const { return inside_; }
    Network* inner_network() { return inner_.get(); }  // after build()

protected:
    // The inside takes sequences of any length, not only the built one (Network::allow_other_lengths()).
    void allow_other_lengths() { other_lengths_ = true; }

private:
    // The input shapes as the inside's analysis takes them; ShapeError when the count is not the inside's.
    std::span<const Shape> inside_inputs(const std::vector<Shape>& inputs) const;

    std::string type_;
    NetworkSpec inside_;
    std::unique_ptr<Network> inner_;
    bool other_lengths_ = false;
};

}  // namespace dl
