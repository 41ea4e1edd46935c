#include "engine/io/onnx/emitters.h"

#include "engine/core/error.h"

namespace dl {

const OnnxEmitterTable& onnx_emitters() {
    static const OnnxEmitterTable table = [] {
        OnnxEmitterTable t;
        add_core_emitters(t);
        add_conv_emitters(t);
        add_recurrent_emitters(t);
        add_attention_emitters(t);
        add_bert_emitters(t);
        return t;
    }();
    return table;
}

bool has_param(Layer& layer, const std::string& name) {
    for (auto& [param, var] : layer.parameters())
        if (param == name) return true;
    return false;
}

std::string onnx_param(OnnxGraph& g, OnnxNode& n, const std::string& name) {
    for (auto& [param, var] : n.layer.parameters())
        if (param == name) return g.initializer(n.id + "." + name, var->value());
    for (auto& [buffer, tensor] : n.layer.buffers())
        if (buffer == name) return g.initializer(n.id + "." + name, *tensor);
    throw std::logic_error("ONNX export: node '" + n.id + "' (" + n.layer.type() + ") has no parameter '" + name + "'");
}

}  // namespace dl
