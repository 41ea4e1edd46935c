#pragma once
// Layer: the unit a learner drags into the network editor. A layer knows its output shape for
// given input shapes without running data (shape inference), its parameters, and its forward pass
// built from differentiable ops (so backward comes from autograd). Layers do no I/O and no UI.
//
// Shapes here are PER EXAMPLE (no batch axis): an MNIST image is [1, 28, 28].
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/autograd/variable.h"
#include "engine/core/random.h"
#include "engine/nn/attributes.h"

namespace dl {

class ProbeSink;       // engine/nn/probe_sink.h
class RecurrentState;  // engine/nn/recurrent_state.h

// A parameter as build() will create it: its name (as in parameters()) and shape.
struct ParamShape {
    std::string name;
    Shape shape;
    bool operator==(const ParamShape&) const = default;
};

// Valid lengths of the padded token sequences in a batch (translation, D2L §9.5), one per example:
// attention layers give keys past them zero weight. Empty vectors: nothing is padded.
struct SequenceLengths {
    // Of the sequence an encoder reads: the network input "source" (translation) or "tokens" (BERT).
    std::vector<int32_t> source;
    std::vector<int32_t> target;  // of the network input "target"
};

struct ForwardContext {
    bool training = false;  // Dropout/BatchNorm behave differently in training
    Rng* rng = nullptr;     // for stochastic layers; seeded by the trainer
    // Set only on passes where someone asked for probes (named inner tensors such as attention
    // maps); null otherwise, and then a layer publishes nothing. See probe_sink.h.
    ProbeSink* probes = nullptr;
    // Hidden states carried between forward passes (sequential partitioning, text generation); null:
    // every recurrent layer starts from zeros. See recurrent_state.h.
    RecurrentState* state = nullptr;
    // Set by the trainer, evaluation and decoding for translation batches; null otherwise.
    const SequenceLengths* lengths = nullptr;
};

class Layer {
public:
    explicit Layer(Attributes attrs) : attrs_(std::move(attrs)) {}
    virtual ~Layer() = default;

    virtual std::string type() const = 0;
    // Output shape for these input shapes; throws ShapeError with a learner-readable reason.
    virtual Shape output_shape(const std::vector<Shape>& inputs) const = 0;
    // The parameters build() creates for these input shapes, in parameters() order, worked out
    // without allocating them: the editor's analysis counts them for networks of any size (call it
    // after output_shape succeeded). Network checks every build() against it.
    virtual std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& /*inputs*/) const { return {}; }
    // Creates parameters for these input shapes (called once, after output_shape succeeded).
    virtual void build(const std::vector<Shape>& /*inputs*/) {}
    // Fills parameters with their initial values.
    virtual void reset_parameters(Rng& /*rng*/) {}
    // Inputs and result carry the batch axis first.
    virtual Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) = 0;

    // Output ports. Most layers have one output; a layer with more (PyTorch's nn.GRU returns the
    // sequence and the final state h_n) names them here, port 0 first, and a node input "node:port"
    // picks one. The defaults describe the single output, so single-output layers override nothing.
    // A multi-output layer overrides all three; its output_shape()/forward() give port 0.
    virtual std::vector<std::string> output_names() const { return {"output"}; }
    virtual std::vector<Shape> output_shapes(const std::vector<Shape>& inputs) const { return {output_shape(inputs)}; }
    virtual std::vector<Var> forward_outputs(const std::vector<Var>& inputs, ForwardContext& ctx) {
        return {forward(inputs, ctx)};
    }
    // Named parameters ("weight", "bias"); the network prefixes them with the node id.
    virtual std::vector<std::pair<std::string, Var*>> parameters() { return {}; }
    // Whether weight decay applies to a parameter. By convention only weights of Linear/Conv layers
    // decay; biases and normalisation scales and shifts do not.
    virtual bool decays(const std::string& parameter) const { return parameter == "weight"; }
    // Named state that is not trained but saved with the model (BatchNorm's "running_mean" and
    // "running_var", PyTorch's buffers). The optimizer never sees them; the network prefixes them with the node id.
    virtual std::vector<std::pair<std::string, Tensor*>> buffers() { return {}; }
    // Forward floating-point operations per example (a multiply-add counts 2).
    virtual int64_t flops(const std::vector<Shape>& /*inputs*/, const Shape& output) const { return numel(output); }

    const Attributes& attributes() const { return attrs_; }

protected:
    Attributes attrs_;
};

// Helper for single-input layers: checks the arity once.
const Shape& single_input(const std::vector<Shape>& inputs, const std::string& type);

}  // namespace dl
