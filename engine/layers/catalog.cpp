#include "engine/nn/layer_catalog.h"

#include "engine/core/error.h"
#include "engine/layers/activations.h"
#include "engine/layers/append_context.h"
#include "engine/layers/attention_catalog.h"
#include "engine/layers/batch_norm.h"
#include "engine/layers/conv2d.h"
#include "engine/layers/d2l_blocks.h"
#include "engine/layers/dropout_layer.h"
#include "engine/layers/embedding.h"
#include "engine/layers/flatten.h"
#include "engine/layers/layer_norm.h"
#include "engine/layers/linear.h"
#include "engine/layers/merge.h"
#include "engine/layers/nadaraya_watson.h"
#include "engine/layers/one_hot.h"
#include "engine/layers/pooling.h"
#include "engine/layers/recurrent_layer.h"
#include "engine/layers/sequence_output.h"
#include "engine/ops/activation.h"
#include "engine/ops/softmax.h"

namespace dl {

namespace {
LayerInfo activation(const std::string& type, const std::string& summary, Activation::Fn fn,
                     std::vector<AttrSpec> attrs = {}) {
    return {type, "Activations", summary, 1, 1, std::move(attrs), [type, fn](Attributes a) {
                return std::make_unique<Activation>(type, fn, std::move(a));
            }};
}

template <class L>
std::function<std::unique_ptr<Layer>(Attributes)> creator() {
    return [](Attributes a) { return std::make_unique<L>(std::move(a)); };
}

void add_core_and_convolution(std::vector<LayerInfo>& c) {
    c.push_back({"Linear", "Core", "Fully connected layer: every output is a weighted sum of all inputs plus a bias.",
                 1, 1, Linear::attribute_specs(), creator<Linear>()});
    c.push_back({"Flatten",
                 "Core",
                 "Turns each example's image or feature map into one long vector.",
                 1,
                 1,
                 {},
                 creator<Flatten>()});
    c.push_back({"Conv2d", "Convolution",
                 "Slides learned filters over an image or feature map; each output channel is one filter's response.",
                 1, 1, Conv2d::attribute_specs(), creator<Conv2d>()});
    c.push_back({"MaxPool2d", "Convolution", "Keeps the largest value of each window, shrinking the feature map.", 1, 1,
                 MaxPool2d::attribute_specs(), creator<MaxPool2d>()});
    c.push_back({"AvgPool2d", "Convolution", "Averages each window, shrinking the feature map (LeNet's pooling).", 1, 1,
                 AvgPool2d::attribute_specs(), creator<AvgPool2d>()});
    c.push_back({"GlobalAvgPool2d",
                 "Convolution",
                 "Averages each channel over the whole map to one value (the head of NiN and ResNet).",
                 1,
                 1,
                 {},
                 creator<GlobalAvgPool2d>()});
}

void add_activations(std::vector<LayerInfo>& c) {
    using K = AttrSpec::Kind;
    c.push_back(activation("ReLU", "max(0, x): the default activation of modern networks.",
                           [](const Var& x, const Attributes&) { return relu(x); }));
    c.push_back(activation("LeakyReLU", "Like ReLU but lets a small slope through for negative inputs.",
                           [](const Var& x, const Attributes& a) {
                               return leaky_relu(x, static_cast<float>(a.get_float("negative_slope")));
                           },
                           {{"negative_slope", K::Float, 0.01, 0.0, 1.0, {}, "Slope used for negative inputs."}}));
    c.push_back(activation("Sigmoid", "Squashes values into (0, 1); saturates, so gradients can vanish.",
                           [](const Var& x, const Attributes&) { return sigmoid(x); }));
    c.push_back(activation("Tanh", "Squashes values into (−1, 1), centred at zero.",
                           [](const Var& x, const Attributes&) { return tanh(x); }));
    c.push_back(activation("GELU", "Smooth ReLU used by Transformers and BERT: x·Φ(x).",
                           [](const Var& x, const Attributes&) { return gelu(x); }));
    c.push_back(activation("Softmax", "Turns scores into probabilities that sum to 1 (the loss already includes it).",
                           [](const Var& x, const Attributes& a) { return softmax(x, a.get_int("axis")); },
                           {{"axis", K::Int, int64_t{-1}, -8, 8, {}, "Axis whose values sum to 1."}}));
}

void add_regularization_normalization_merge(std::vector<LayerInfo>& c) {
    c.push_back({"Dropout", "Regularization",
                 "Randomly zeroes values while training so the network cannot rely on any one unit.", 1, 1,
                 Dropout::attribute_specs(), creator<Dropout>()});
    c.push_back({"Dropout2d", "Regularization",
                 "Randomly zeroes whole channels of a feature map while training (dropout for convolutional layers).",
                 1, 1, Dropout2d::attribute_specs(), creator<Dropout2d>()});
    c.push_back({"BatchNorm", "Normalization",
                 "Normalises each channel over the batch, then scales and shifts: trains deep networks faster (D2L "
                 "§8.5; PyTorch's BatchNorm1d/2d).",
                 1, 1, BatchNorm::attribute_specs(), creator<BatchNorm>()});
    c.push_back({"LayerNorm", "Normalization",
                 "Normalises each example on its own, then scales and shifts: the Transformer's normalisation (D2L "
                 "§11.7).",
                 1, 1, LayerNorm::attribute_specs(), creator<LayerNorm>()});
    c.push_back(
        {"Add", "Merge", "Adds its inputs elementwise (the shortcut of a residual block).", 2, -1, {}, creator<Add>()});
    c.push_back({"Concat", "Merge", "Joins its inputs along an axis (Inception and DenseNet join channels).", 2, -1,
                 Concat::attribute_specs(), creator<Concat>()});
}

LayerInfo recurrent(CellKind kind, const std::string& type, const std::string& summary) {
    return {type, "Recurrent", summary, 1, 2, RecurrentLayer::attribute_specs(), [kind](Attributes a) {
                return std::make_unique<RecurrentLayer>(kind, std::move(a));
            }};
}

void add_recurrent(std::vector<LayerInfo>& c) {
    c.push_back({"Embedding", "Recurrent", "Turns each token id into a learned vector (D2L §9.5's nn.Embedding).", 1, 1,
                 Embedding::attribute_specs(), creator<Embedding>()});
    c.push_back({"OneHot", "Recurrent",
                 "Turns each token id into a vector of zeros with a 1 at the id (D2L's RNN input).", 1, 1,
                 OneHot::attribute_specs(), creator<OneHot>()});
    c.push_back(recurrent(CellKind::RNN, "RNN",
                          "Reads a sequence step by step, carrying a hidden state: h = tanh(W x + U h + b)."));
    c.push_back(recurrent(CellKind::GRU, "GRU",
                          "A recurrent layer whose reset and update gates decide what the state forgets and keeps."));
    c.push_back(recurrent(CellKind::LSTM, "LSTM",
                          "A recurrent layer with a memory cell guarded by input, forget and output gates."));
    c.push_back({"SequenceOutput", "Recurrent",
                 "Keeps the last time step of a sequence, or all steps (a language model predicts at every step).", 1,
                 1, SequenceOutput::attribute_specs(), creator<SequenceOutput>()});
}

void add_nadaraya_watson(std::vector<LayerInfo>& c) {
    c.push_back({"NadarayaWatson", "Attention",
                 "Attention pooling by similarity (D2L 10.2): a query x averages the training targets y_i, "
                 "weighted by softmax(-((x - x_i) w)^2 / 2).",
                 1, 1, NadarayaWatson::attribute_specs(), creator<NadarayaWatson>()});
}

// Layers that join an encoder to a decoder (D2L §9.7).
void add_sequence_to_sequence(std::vector<LayerInfo>& c) {
    c.push_back({"AppendContext",
                 "Merge",
                 "Appends a context vector (e.g. the encoder's final state) to every step of a sequence (D2L §9.7's "
                 "decoder input).",
                 2,
                 2,
                 {},
                 creator<AppendContext>()});
}

// In palette order.
std::vector<LayerInfo> build_catalog() {
    std::vector<LayerInfo> c;
    add_core_and_convolution(c);
    add_activations(c);
    add_regularization_normalization_merge(c);
    add_recurrent(c);
    add_nadaraya_watson(c);
    add_sequence_to_sequence(c);
    for (LayerInfo& b : block_catalog()) c.push_back(std::move(b));
    for (LayerInfo& a : attention_catalog()) c.push_back(std::move(a));
    return c;
}
}  // namespace

const std::vector<LayerInfo>& layer_catalog() {
    static const std::vector<LayerInfo> catalog = build_catalog();
    return catalog;
}

const LayerInfo* find_layer_info(const std::string& type) {
    for (const LayerInfo& info : layer_catalog())
        if (info.type == type) return &info;
    return nullptr;
}

const LayerInfo& layer_info(const std::string& type) {
    if (const LayerInfo* info = find_layer_info(type)) return *info;
    std::string names;
    for (const LayerInfo& info : layer_catalog()) names += (names.empty() ? "" : ", ") + info.type;
    throw InputError("unknown layer type '" + type + "'; the engine offers " + names);
}

std::unique_ptr<Layer> make_layer(const std::string& node_id, const std::string& type, const Attributes& attrs) {
    const LayerInfo& info = layer_info(type);
    Attributes valid = validate_attributes(node_id, type, info.attrs, attrs);
    try {
        return info.create(std::move(valid));
    } catch (const InputError& e) {  // a layer's own check of its settings, e.g. a kernel_size with three values
        throw InputError("node '" + node_id + "' (" + type + "): " + e.what());
    }
}

}  // namespace dl
