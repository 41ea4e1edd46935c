// model.py for the PyTorch export (pytorch_export.h): one nn.Module class per network and per distinct block
// inside, attributes named by node ids so state_dict names equal DiveLab's.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "engine/core/error.h"
#include "engine/io/pytorch_export.h"
#include "engine/io/pytorch_modules.h"
#include "engine/io/pytorch_project_text.h"
#include "engine/nn/block.h"
#include "engine/nn/layer_catalog.h"

namespace dl {

namespace {

const std::set<std::string>& python_keywords() {
    static const std::set<std::string> words = {
        "False",    "None",   "True",  "and",  "as",     "assert",   "async",   "await", "break", "class",
        "continue", "def",    "del",   "elif", "else",   "except",   "finally", "for",   "from",  "global",
        "if",       "import", "in",    "is",   "lambda", "nonlocal", "not",     "or",    "pass",  "raise",
        "return",   "try",    "while", "with", "yield",  "self",     "torch",   "nn",    "F",     "super"};
    return words;
}

// Names an attribute of nn.Module already has: a submodule by that name would hide them (model.train()).
bool module_attribute(const std::string& name) {
    static const std::set<std::string> names = {"add_module",
                                                "apply",
                                                "bfloat16",
                                                "buffers",
                                                "children",
                                                "cpu",
                                                "cuda",
                                                "double",
                                                "eval",
                                                "extra_repr",
                                                "float",
                                                "forward",
                                                "get_buffer",
                                                "get_parameter",
                                                "get_submodule",
                                                "half",
                                                "ipu",
                                                "load_state_dict",
                                                "modules",
                                                "named_buffers",
                                                "named_children",
                                                "named_modules",
                                                "named_parameters",
                                                "parameters",
                                                "register_buffer",
                                                "register_module",
                                                "register_parameter",
                                                "requires_grad_",
                                                "share_memory",
                                                "state_dict",
                                                "to",
                                                "to_empty",
                                                "train",
                                                "training",
                                                "type",
                                                "xpu",
                                                "zero_grad",
                                                "T_destination",
                                                "dump_patches"};
    return names.count(name) > 0 || name.rfind("_", 0) == 0;
}

bool identifier(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return q + "\"";
}

// The forward's local names: node ids made into Python identifiers, unique.
class LocalNames {
public:
    std::string make(const std::string& id) {
        std::string name;
        for (char c : id) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "n_" + name;
        if (python_keywords().count(name)) name += "_";
        while (!used_.insert(name).second) name += "_";
        return name;
    }

private:
    std::set<std::string> used_;
};

class ModelWriter {
public:
    // Writes the class for `net` (after the classes of its blocks) and returns its name.
    std::string write_class(Network& net, const std::string& base_name, const std::string& doc);
    // The helper classes the network's layers use (MultiHeadAttention, ...), then the network's classes.
    std::string text() const {
        std::string helpers;
        for (const std::string& type : helpers_) helpers += pytorch_helper_class_text(type);
        return helpers + code_;
    }

private:
    struct Forward;
    std::string class_name(const std::string& body, const std::string& base_name);
    std::string init_lines(Network& net, const std::vector<std::string>& blocks);
    std::string forward_lines(Network& net, const std::vector<std::string>& blocks, bool lengths);
    // Whether node i's module takes the source lengths (attention masks padded source tokens).
    bool takes_lengths(Layer& layer, const std::string& block_class) const {
        return layer.type() == "MultiHeadAttention" || needs_lengths_.count(block_class) > 0;
    }

    std::string code_;
    std::map<std::string, std::string> written_;  // class body (with "@CLASS@") → its name
    std::map<std::string, int> count_;            // base name → classes so named
    std::set<std::string> helpers_;               // layer types whose helper class model.py needs
    std::set<std::string> needs_lengths_;         // classes whose forward takes valid_lens
};

constexpr const char* kClassMark = "@CLASS@";

std::string ModelWriter::class_name(const std::string& body, const std::string& base_name) {
    if (auto it = written_.find(body); it != written_.end()) return it->second;
    const int n = ++count_[base_name];
    const std::string name = n == 1 ? base_name : base_name + std::to_string(n);
    written_[body] = name;
    std::string text = body;
    text.replace(text.find(kClassMark), std::string(kClassMark).size(), name);
    code_ += "\n\n" + text;
    return name;
}

std::string ModelWriter::write_class(Network& net, const std::string& base_name, const std::string& doc) {
    std::vector<std::string> blocks(net.size());  // the class written for each block's inside
    bool lengths = false;
    for (size_t i = 0; i < net.size(); ++i) {
        Layer& layer = net.layer(i);
        if (auto* block = dynamic_cast<Block*>(&layer)) {
            const LayerInfo* info = find_layer_info(block->type());
            blocks[i] = write_class(*block->inner_network(), block->type(), info ? info->summary : "");
        }
        if (*pytorch_helper_class_text(layer.type())) helpers_.insert(layer.type());
        lengths = lengths || takes_lengths(layer, blocks[i]);
    }
    std::string body = std::string("class ") + kClassMark + "(nn.Module):\n";
    if (!doc.empty()) body += "    \"\"\"" + doc + "\"\"\"\n\n";
    body += "    def __init__(self):\n        super().__init__()\n" + init_lines(net, blocks) + "\n" +
            forward_lines(net, blocks, lengths);
    const std::string name = class_name(body, base_name);
    if (lengths) needs_lengths_.insert(name);
    return name;
}

std::string ModelWriter::init_lines(Network& net, const std::vector<std::string>& blocks) {
    std::string lines;
    const NetworkSpec& spec = net.spec();
    for (size_t i = 0; i < net.size(); ++i) {
        const std::string& id = spec.nodes[i].id;
        Layer& layer = net.layer(i);
        const std::string module = pytorch_module({id, layer, net.report().nodes[i]}, blocks[i]);
        if (module.empty()) continue;
        if (module_attribute(id) || id.find('.') != std::string::npos)
            throw InputError("node '" + id + "' (" + layer.type() + "): PyTorch's nn.Module keeps its own '" + id +
                             "', so a layer cannot take that name there; rename the node");
        if (identifier(id) && !python_keywords().count(id))
            lines += "        self." + id + " = " + module + "\n";
        else
            lines += "        setattr(self, " + quoted(id) + ", " + module + ")\n";
    }
    return lines;
}

// forward(): a plain chain reuses `x` (D2L's style); a graph with branches names each output after its node.
struct ModelWriter::Forward {
    Network& net;
    bool chain = true;
    std::vector<std::string> args, vars;
    std::map<std::string, std::string> arg_of;  // network input name → argument
    std::set<size_t> state_used;                // recurrent nodes whose "state" port is read

    explicit Forward(Network& n) : net(n) {
        const NetworkSpec& spec = net.spec();
        LocalNames names;
        for (const std::string& in : spec.input_names()) {
            args.push_back(spec.input_names().size() == 1 || in == kNetworkInput ? names.make("x") : names.make(in));
            arg_of[in] = args.back();
        }
        for (size_t i = 0; i < spec.nodes.size(); ++i) {
            const auto& inputs = spec.nodes[i].inputs;
            const std::string previous = i == 0 ? spec.input_names()[0] : spec.nodes[i - 1].id;
            if (!(inputs.empty() || (inputs.size() == 1 && inputs[0] == previous))) chain = false;
        }
        if (spec.input_names().size() != 1 || spec.output_ids() != std::vector{spec.nodes.back().id}) chain = false;
        for (const NodeSpec& node : spec.nodes) vars.push_back(chain ? args[0] : names.make(node.id));
    }

    std::string source(size_t i, const std::string& ref) {
        const size_t colon = ref.find(kPortSeparator);
        const std::string name = ref.substr(0, colon), port = colon == std::string::npos ? "" : ref.substr(colon + 1);
        if (arg_of.count(name)) return arg_of[name];
        for (size_t j = 0; j < i; ++j) {
            if (net.spec().nodes[j].id != name) continue;
            const auto ports = net.layer(j).output_names();
            if (port.empty() || port == ports[0]) return vars[j];
            state_used.insert(j);
            return vars[j] + "_state";
        }
        throw InputError("node '" + net.spec().nodes[i].id + "': input '" + ref + "' is not an earlier node");
    }

    std::vector<std::string> inputs_of(size_t i) {
        const auto& refs = net.spec().nodes[i].inputs;
        if (refs.empty()) return {i == 0 ? args[0] : vars[i - 1]};
        std::vector<std::string> out;
        for (const std::string& ref : refs) out.push_back(source(i, ref));
        return out;
    }
};

std::string recurrent_call(Layer& layer, const std::string& member, const std::string& var,
                           const std::vector<std::string>& in, bool chain) {
    std::string call = member + "(" + in[0];
    if (in.size() > 1) {  // DiveLab's starting state is batch first, [B, layers·directions, H]; an LSTM's c starts at 0
        const std::string h0 = in[1] + ".transpose(0, 1).contiguous()";
        call += layer.type() == "LSTM" ? ", (" + h0 + ", torch.zeros_like(" + h0 + "))" : ", " + h0;
    }
    return "        " + var + ", " + (chain ? "_" : var + "_state") + " = " + call + ")\n";
}

// forward's result: the output node's variable, or a tuple in NetworkSpec::output_ids() order (BERT pretraining
// returns (mlm_output, nsp_output)).
std::string returned(Network& net, const std::vector<std::string>& vars) {
    std::string joined;
    const std::vector<std::string> outs = net.spec().output_ids();
    for (const std::string& out : outs) {
        size_t i = 0;
        while (i < net.size() && net.spec().nodes[i].id != out) ++i;
        if (i == net.size()) throw InputError("the network's output '" + out + "' is not one of its nodes");
        joined += (joined.empty() ? "" : ", ") + vars[i];
    }
    return joined;  // "a, b" returns a tuple
}

std::string ModelWriter::forward_lines(Network& net, const std::vector<std::string>& blocks, bool lengths) {
    Forward f(net);
    std::vector<std::string> lines(net.size());
    for (size_t i = 0; i < net.size(); ++i) {
        const std::string& id = net.spec().nodes[i].id;
        const PytorchNode node{id, net.layer(i), net.report().nodes[i]};
        const std::vector<std::string> in = f.inputs_of(i);
        const std::string member =
            identifier(id) && !python_keywords().count(id) ? "self." + id : "getattr(self, " + quoted(id) + ")";
        if (pytorch_recurrent(node.layer)) {
            lines[i] = recurrent_call(node.layer, member, f.vars[i], in, f.chain);
        } else if (pytorch_module(node, "Block").empty()) {
            const std::string expr = pytorch_inline(node, in);
            lines[i] = expr == f.vars[i] ? "        # " + id + " (" + node.layer.type() + "): passes its input on\n"
                                         : "        " + f.vars[i] + " = " + expr + "\n";
        } else {
            std::string args;
            for (const std::string& a : in)
                args += (args.empty() ? "" : ", ") + a + (node.layer.type() == "Embedding" ? ".long()" : "");
            if (takes_lengths(node.layer, blocks[i])) args += ", valid_lens=valid_lens";
            lines[i] = "        " + f.vars[i] + " = " + member + "(" + args + ")\n";
        }
    }
    std::string text = "    def forward(self";
    for (const std::string& a : f.args) text += ", " + a;
    text += lengths ? ", valid_lens=None):\n" : "):\n";
    for (size_t i = 0; i < net.size(); ++i) {
        text += lines[i];
        if (!f.state_used.count(i)) continue;
        const std::string s =
            f.vars[i] + "_state";  // PyTorch's h_n is [layers·directions, B, H]; DiveLab's batch first
        text += "        " + s + " = " + s + (net.layer(i).type() == "LSTM" ? "[0]" : "") + ".transpose(0, 1)\n";
    }
    return text + "        return " + returned(net, f.vars) + "\n";
}

}  // namespace

std::string pytorch_model_code(Network& net) {
    ModelWriter writer;
    const NetworkSpec& spec = net.spec();
    std::string doc = spec.name.empty() ? "A network exported from DiveLab." : spec.name + " (exported from DiveLab)";
    if (!spec.description.empty()) doc += ": " + spec.description;
    std::replace(doc.begin(), doc.end(), '"', '\'');
    writer.write_class(net, "Net", doc);
    return "\"\"\"The network as PyTorch modules, written by DiveLab's export. Attribute names are the editor's node "
           "ids,\n"
           "so state_dict names match DiveLab's model files (weights.safetensors).\"\"\"\n"
           "import math\n\nimport torch\nfrom torch import nn\nfrom torch.nn import functional as F\n" +
           writer.text();
}

}  // namespace dl
