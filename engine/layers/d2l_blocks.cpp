#include "engine/layers/d2l_blocks.h"

#include "engine/nn/block.h"
#include "engine/nn/make_node.h"

namespace dl {

namespace {
using K = AttrSpec::Kind;

NodeSpec conv(std::string id, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = 0,
              std::vector<std::string> inputs = {}) {
    NodeSpec n = make_node(std::move(id), "Conv2d", std::move(inputs));
    n.attrs.set("out_channels", out);
    n.attrs.set("kernel_size", std::vector<int64_t>{kernel});
    n.attrs.set("stride", std::vector<int64_t>{stride});
    n.attrs.set("padding", std::vector<int64_t>{padding});
    return n;
}

NodeSpec pool(std::string id, const char* type, int64_t kernel, int64_t stride, int64_t padding = 0,
              std::vector<std::string> inputs = {}) {
    NodeSpec n = make_node(std::move(id), type, std::move(inputs));
    n.attrs.set("kernel_size", std::vector<int64_t>{kernel});
    n.attrs.set("stride", std::vector<int64_t>{stride});
    n.attrs.set("padding", std::vector<int64_t>{padding});
    return n;
}

NodeSpec concat(std::string id, std::vector<std::string> inputs) {
    NodeSpec n = make_node(std::move(id), "Concat", std::move(inputs));
    n.attrs.set("axis", int64_t{0});  // channels
    return n;
}

AttrSpec channels(const char* name, int64_t default_value, const char* help) {
    return {name, K::Int, default_value, 1, 65536, {}, help};
}

NetworkSpec vgg_block(const Attributes& a) {
    NetworkSpec s;
    for (int64_t i = 1; i <= a.get_int("num_convs"); ++i) {
        s.nodes.push_back(conv("conv" + std::to_string(i), a.get_int("out_channels"), 3, 1, 1));
        s.nodes.push_back(make_node("relu" + std::to_string(i), "ReLU"));
    }
    s.nodes.push_back(pool("pool", "MaxPool2d", 2, 2));
    return s;
}

NetworkSpec nin_block(const Attributes& a) {
    const int64_t out = a.get_int("out_channels");
    NetworkSpec s;
    s.nodes = {conv("conv1", out, a.get_int("kernel_size"), a.get_int("stride"), a.get_int("padding")),
               make_node("relu1", "ReLU"),
               conv("conv2", out, 1),
               make_node("relu2", "ReLU"),
               conv("conv3", out, 1),
               make_node("relu3", "ReLU")};
    return s;
}

NetworkSpec inception(const Attributes& a) {
    NetworkSpec s;
    s.nodes = {conv("p1_1", a.get_int("c1"), 1, 1, 0, {"input"}),
               make_node("p1_relu", "ReLU"),
               conv("p2_1", a.get_int("c2_reduce"), 1, 1, 0, {"input"}),
               make_node("p2_relu1", "ReLU"),
               conv("p2_2", a.get_int("c2"), 3, 1, 1),
               make_node("p2_relu2", "ReLU"),
               conv("p3_1", a.get_int("c3_reduce"), 1, 1, 0, {"input"}),
               make_node("p3_relu1", "ReLU"),
               conv("p3_2", a.get_int("c3"), 5, 1, 2),
               make_node("p3_relu2", "ReLU"),
               pool("p4_1", "MaxPool2d", 3, 1, 1, {"input"}),
               conv("p4_2", a.get_int("c4"), 1),
               make_node("p4_relu", "ReLU"),
               concat("concat", {"p1_relu", "p2_relu2", "p3_relu2", "p4_relu"})};
    return s;
}

NetworkSpec residual(const Attributes& a) {
    const int64_t out = a.get_int("out_channels"), stride = a.get_int("stride");
    NetworkSpec s;
    s.nodes = {conv("conv1", out, 3, stride, 1), make_node("bn1", "BatchNorm"), make_node("relu1", "ReLU"),
               conv("conv2", out, 3, 1, 1), make_node("bn2", "BatchNorm")};
    std::string shortcut = "input";
    if (a.get_bool("use_1x1conv")) {
        s.nodes.push_back(conv("conv3", out, 1, stride, 0, {"input"}));
        shortcut = "conv3";
    }
    s.nodes.push_back(make_node("add", "Add", {"bn2", shortcut}));
    s.nodes.push_back(make_node("relu2", "ReLU"));
    return s;
}

NetworkSpec dense_block(const Attributes& a) {
    NetworkSpec s;
    std::string joined = "input";
    for (int64_t i = 1; i <= a.get_int("num_convs"); ++i) {
        const std::string n = std::to_string(i);
        s.nodes.push_back(make_node("bn" + n, "BatchNorm", {joined}));
        s.nodes.push_back(make_node("relu" + n, "ReLU"));
        s.nodes.push_back(conv("conv" + n, a.get_int("growth_rate"), 3, 1, 1));
        s.nodes.push_back(concat("cat" + n, {joined, "conv" + n}));
        joined = "cat" + n;
    }
    return s;
}

NetworkSpec transition(const Attributes& a) {
    NetworkSpec s;
    s.nodes = {make_node("bn", "BatchNorm"), make_node("relu", "ReLU"), conv("conv", a.get_int("out_channels"), 1),
               pool("pool", "AvgPool2d", 2, 2)};
    return s;
}

LayerInfo block(std::string type, std::string summary, std::vector<AttrSpec> attrs,
                NetworkSpec (*make)(const Attributes&)) {
    LayerInfo info{type, "Blocks", std::move(summary), 1, 1, std::move(attrs), nullptr};
    info.inside = make;
    info.create = [type, make](Attributes a) { return std::make_unique<Block>(type, std::move(a), make); };
    return info;
}
}  // namespace

std::vector<LayerInfo> block_catalog() {
    std::vector<LayerInfo> c;
    c.push_back(
        block("VggBlock", "VGG block (D2L §8.2): 3×3 convolutions with ReLU, then 2×2 max pooling halves the size.",
              {{"num_convs", K::Int, int64_t{1}, 1, 16, {}, "How many 3×3 convolutions come before the pooling."},
               channels("out_channels", 64, "Channels of every convolution in the block.")},
              vgg_block));
    c.push_back(
        block("NinBlock", "NiN block (D2L §8.3): a convolution followed by two 1×1 convolutions, each with ReLU.",
              {channels("out_channels", 96, "Channels of the three convolutions."),
               {"kernel_size", K::Int, int64_t{3}, 1, 15, {}, "Size of the first convolution's window."},
               {"stride", K::Int, int64_t{1}, 1, 8, {}, "Step of the first convolution."},
               {"padding", K::Int, int64_t{0}, 0, 8, {}, "Zeros added around the input of the first convolution."}},
              nin_block));
    c.push_back(block("Inception",
                      "Inception block (D2L §8.4): four parallel paths whose outputs are joined on channels.",
                      {channels("c1", 64, "Path 1: channels of its 1×1 convolution."),
                       channels("c2_reduce", 96, "Path 2: channels of the 1×1 convolution before the 3×3."),
                       channels("c2", 128, "Path 2: channels of its 3×3 convolution."),
                       channels("c3_reduce", 16, "Path 3: channels of the 1×1 convolution before the 5×5."),
                       channels("c3", 32, "Path 3: channels of its 5×5 convolution."),
                       channels("c4", 32, "Path 4: channels of the 1×1 convolution after 3×3 max pooling.")},
                      inception));
    c.push_back(block(
        "Residual",
        "Residual block (D2L §8.6): two 3×3 convolutions with BatchNorm, plus a shortcut that adds the input back.",
        {channels("out_channels", 64, "Channels of both convolutions (and of the output)."),
         {"use_1x1conv",
          K::Bool,
          false,
          0,
          1,
          {},
          "Pass the shortcut through a 1×1 convolution (needed when channels or size change)."},
         {"stride",
          K::Int,
          int64_t{1},
          1,
          4,
          {},
          "Step of the first convolution (and of the 1×1 shortcut); 2 halves height and width."}},
        residual));
    c.push_back(
        block("DenseBlock",
              "Dense block (D2L §8.7): each BN-ReLU-3×3 convolution sees all earlier outputs, joined on channels.",
              {{"num_convs",
                K::Int,
                int64_t{4},
                1,
                64,
                {},
                "How many convolutions; the output has growth_rate × num_convs more channels."},
               channels("growth_rate", 32, "Channels each convolution adds.")},
              dense_block));
    c.push_back(
        block("Transition",
              "Transition layer (D2L §8.7): BN-ReLU-1×1 convolution to fewer channels, then 2×2 average pooling.",
              {channels("out_channels", 64, "Channels after the 1×1 convolution.")}, transition));
    return c;
}

}  // namespace dl
