#include "engine/io/pytorch_modules.h"

#include <cstdio>
#include <map>

#include "engine/core/error.h"
#include "engine/layers/window_attributes.h"
#include "engine/nn/block.h"

namespace dl {

namespace {

std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", x);
    return text;
}

// PyTorch's form of a height/width pair: one number when both agree, as D2L writes kernel_size=5.
std::string pair(int64_t h, int64_t w) {
    if (h == w) return std::to_string(h);
    std::string text = "(";  // built in steps: GCC 12 warns falsely (-Wrestrict) on "(" + std::string
    text += std::to_string(h) + ", " + std::to_string(w) + ")";
    return text;
}

const Shape& input_shape(const PytorchNode& node, size_t i = 0) {
    if (i >= node.report.input_shapes.size())
        throw InputError("node '" + node.id + "' (" + node.layer.type() + "): its input shapes are unknown");
    return node.report.input_shapes[i];
}

std::string conv2d(const PytorchNode& node) {
    const Attributes& a = node.layer.attributes();
    const Window2d w = window_from_attributes(a, false);
    std::string s = "nn.Conv2d(" + std::to_string(input_shape(node)[0]) + ", " +
                    std::to_string(a.get_int("out_channels")) + ", kernel_size=" + pair(w.kernel_h, w.kernel_w);
    if (w.stride_h != 1 || w.stride_w != 1) s += ", stride=" + pair(w.stride_h, w.stride_w);
    if (w.pad_h != 0 || w.pad_w != 0) s += ", padding=" + pair(w.pad_h, w.pad_w);
    if (a.get_int("groups") != 1) s += ", groups=" + std::to_string(a.get_int("groups"));
    if (!a.get_bool("bias")) s += ", bias=False";
    return s + ")";
}

std::string pool2d(const PytorchNode& node, const std::string& cls) {
    const Attributes& a = node.layer.attributes();
    const Window2d w = window_from_attributes(a, true);
    std::string s = "nn." + cls + "(kernel_size=" + pair(w.kernel_h, w.kernel_w);
    if (w.stride_h != w.kernel_h || w.stride_w != w.kernel_w) s += ", stride=" + pair(w.stride_h, w.stride_w);
    if (w.pad_h != 0 || w.pad_w != 0) s += ", padding=" + pair(w.pad_h, w.pad_w);
    if (a.has("count_include_pad") && !a.get_bool("count_include_pad")) s += ", count_include_pad=False";
    return s + ")";
}

std::string batch_norm(const PytorchNode& node) {
    const Attributes& a = node.layer.attributes();
    const Shape& in = input_shape(node);
    // DiveLab's BatchNorm normalises axis 0 of each example: [C], [C, L] → 1d, [C, H, W] → 2d, [C, D, H, W] → 3d.
    const size_t dims = in.size() <= 2 ? 1 : in.size() - 1;
    if (dims > 3)
        throw InputError("node '" + node.id + "' (BatchNorm): PyTorch has no BatchNorm for examples of shape " +
                         to_string(in));
    std::string s = "nn.BatchNorm" + std::to_string(dims) + "d(" + std::to_string(in[0]);
    if (a.get_float("eps") != 1e-5) s += ", eps=" + number(a.get_float("eps"));
    if (a.get_float("momentum") != 0.1) s += ", momentum=" + number(a.get_float("momentum"));
    return s + ")";
}

std::string layer_norm(const PytorchNode& node) {
    const Attributes& a = node.layer.attributes();
    const Shape& in = input_shape(node);
    const int64_t axes =
        a.get_int("normalized_axes") == 0 ? static_cast<int64_t>(in.size()) : a.get_int("normalized_axes");
    std::string shape;
    for (size_t i = in.size() - static_cast<size_t>(axes); i < in.size(); ++i)
        shape += (shape.empty() ? "" : ", ") + std::to_string(in[i]);
    std::string s = "nn.LayerNorm([" + shape + "]";
    if (a.get_float("eps") != 1e-5) s += ", eps=" + number(a.get_float("eps"));
    return s + ")";
}

std::string recurrent(const PytorchNode& node) {
    const Attributes& a = node.layer.attributes();
    std::string s = "nn." + node.layer.type() + "(" + std::to_string(input_shape(node).back()) + ", " +
                    std::to_string(a.get_int("hidden_size"));
    if (a.get_int("num_layers") != 1) s += ", num_layers=" + std::to_string(a.get_int("num_layers"));
    s += ", batch_first=True";
    if (a.get_bool("bidirectional")) s += ", bidirectional=True";
    if (a.get_float("dropout") != 0) s += ", dropout=" + number(a.get_float("dropout"));
    return s + ")";
}

std::string linear(const PytorchNode& node) {
    const Attributes& a = node.layer.attributes();
    std::string s = "nn.Linear(" + std::to_string(input_shape(node).back()) + ", " +
                    std::to_string(node.report.output_shape.back());
    if (!a.get_bool("bias")) s += ", bias=False";
    return s + ")";
}

// The Transformer's parts, as model.py's helper classes (pytorch_helper_class_text) build them.
std::string attention_part(const PytorchNode& node) {
    const std::string type = node.layer.type();
    const Attributes& a = node.layer.attributes();
    const std::string features = std::to_string(input_shape(node).back());
    if (type == "MultiHeadAttention") {
        const std::string keys = std::to_string(input_shape(node, node.report.input_shapes.size() - 1).back());
        std::string s = "MultiHeadAttention(" + features + ", " + keys + ", " + std::to_string(a.get_int("hidden")) +
                        ", " + std::to_string(a.get_int("heads")) + ", " + number(a.get_float("dropout")) +
                        ", mask=\"" + a.get_string("mask") + "\"";
        return s + (a.get_bool("bias") ? ", bias=True)" : ")");
    }
    if (type == "AddNorm") return "AddNorm(" + features + ", " + number(a.get_float("dropout")) + ")";
    if (type == "PositionwiseFFN")
        return "PositionwiseFFN(" + features + ", " + std::to_string(a.get_int("hidden")) + ", " +
               std::to_string(a.get_int("outputs")) + ", activation=\"" + a.get_string("activation") + "\")";
    if (type == "PositionalEncoding")
        return "PositionalEncoding(" + features + ", " + number(a.get_float("dropout")) +
               (a.get_bool("scale_input") ? ", scale_input=True" : "") +
               (a.get_int("max_len") != 1000 ? ", max_len=" + std::to_string(a.get_int("max_len")) : "") + ")";
    if (type == "PositionEmbedding")
        return "PositionEmbedding(" + std::to_string(a.get_int("max_len")) + ", " + features + ")";
    return "";
}

// Layers whose module takes nothing from the network's shapes.
std::string plain_module(const PytorchNode& node) {
    const std::string type = node.layer.type();
    const Attributes& a = node.layer.attributes();
    static const std::map<std::string, std::string> no_settings = {
        {"ReLU", "nn.ReLU()"}, {"Sigmoid", "nn.Sigmoid()"}, {"Tanh", "nn.Tanh()"},
        {"GELU", "nn.GELU()"}, {"Flatten", "nn.Flatten()"}, {"GlobalAvgPool2d", "nn.AdaptiveAvgPool2d(1)"}};
    if (auto it = no_settings.find(type); it != no_settings.end()) return it->second;
    if (type == "LeakyReLU") return "nn.LeakyReLU(" + number(a.get_float("negative_slope")) + ")";
    if (type == "Softmax") return "nn.Softmax(dim=" + std::to_string(a.get_int("axis")) + ")";
    if (type == "Dropout" || type == "Dropout2d") return "nn." + type + "(" + number(a.get_float("p")) + ")";
    if (type == "MaxPool2d" || type == "AvgPool2d") return pool2d(node, type);
    return "";
}

}  // namespace

bool pytorch_recurrent(const Layer& layer) {
    const std::string type = layer.type();
    return type == "RNN" || type == "GRU" || type == "LSTM";
}

std::string pytorch_module(const PytorchNode& node, const std::string& block_class) {
    const std::string type = node.layer.type();
    if (dynamic_cast<const Block*>(&node.layer)) return block_class + "()";
    if (type == "Add" || type == "Concat" || type == "OneHot" || type == "SequenceOutput" ||
        type == "GatherPositions" || type == "ClsPooling")
        return "";
    if (type == "Linear") return linear(node);
    if (type == "Conv2d") return conv2d(node);
    if (type == "BatchNorm") return batch_norm(node);
    if (type == "LayerNorm") return layer_norm(node);
    if (type == "Embedding") {
        const Shape& w = node.report.parameter_shapes.at(0).shape;
        return "nn.Embedding(" + std::to_string(w[0]) + ", " + std::to_string(w[1]) + ")";
    }
    if (pytorch_recurrent(node.layer)) return recurrent(node);
    if (std::string m = plain_module(node); !m.empty()) return m;
    if (std::string m = attention_part(node); !m.empty()) return m;
    throw InputError("node '" + node.id + "' (" + type +
                     "): this layer has no PyTorch form in the export yet, so the network cannot be exported as "
                     "PyTorch code");
}

std::string pytorch_inline(const PytorchNode& node, const std::vector<std::string>& inputs) {
    const std::string type = node.layer.type();
    std::string joined;
    for (const std::string& in : inputs) joined += (joined.empty() ? "" : ", ") + in;
    if (type == "Add") {
        std::string sum;
        for (const std::string& in : inputs) sum += (sum.empty() ? "" : " + ") + in;
        return sum;
    }
    if (type == "Concat") {
        const int64_t rank = static_cast<int64_t>(input_shape(node).size());
        int64_t axis = node.layer.attributes().get_int("axis");
        if (axis < 0) axis += rank;
        return "torch.cat([" + joined + "], dim=" + std::to_string(axis + 1) + ")";  // +1: the batch axis
    }
    if (type == "OneHot")
        return "F.one_hot(" + inputs.at(0) + ".long(), " + std::to_string(node.report.output_shape.back()) +
               ").float()";
    if (type == "SequenceOutput")
        return node.layer.attributes().get_string("steps") == "last" ? inputs.at(0) + "[:, -1]" : inputs.at(0);
    if (type == "GatherPositions")  // row positions[b, p] of example b, as D2L's MaskLM indexes X
        return inputs.at(0) + "[torch.arange(" + inputs.at(0) + ".shape[0])[:, None], " + inputs.at(1) + ".long()]";
    if (type == "ClsPooling") return inputs.at(0) + "[:, 0]";  // the <cls> token's vector
    throw InputError("node '" + node.id + "' (" + type + "): no inline PyTorch form");
}

}  // namespace dl
