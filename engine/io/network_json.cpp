#include "engine/io/network_json.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/data/dataset.h"

namespace dl {

using nlohmann::json;

namespace {
constexpr const char* kFormat = "divelab-network";

AttrValue attr_from_json(const json& v, const std::string& where) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number_integer()) return v.get<int64_t>();
    if (v.is_number_float()) return v.get<double>();
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::vector<int64_t> ints;
        for (const json& x : v) {
            if (!x.is_number_integer()) throw InputError(where + " must be a list of integers, got " + v.dump());
            ints.push_back(x.get<int64_t>());
        }
        return ints;
    }
    throw InputError(where + " has an unsupported value " + v.dump());
}

json attr_to_json(const AttrValue& v) {
    return std::visit([](const auto& x) { return json(x); }, v);
}

template <class T>
T field(const json& obj, const char* key, const std::string& where, const char* expected) {
    try {
        return obj.at(key).get<T>();
    } catch (const json::exception&) {
        throw InputError(where + ": \"" + key + "\" must be " + expected + ", got " + obj.at(key).dump());
    }
}

Shape shape_from_json(const json& v, const std::string& where) {
    Shape s;
    if (!v.is_array()) throw InputError(where + " must be a list of positive integers, got " + v.dump());
    for (const json& d : v) {
        if (!d.is_number_integer() || d.get<int64_t>() < 1)
            throw InputError(where + " must be a list of positive integers, got " + v.dump());
        s.push_back(d.get<int64_t>());
    }
    return s;
}

NodeSpec node_from_json(const json& j, size_t index, const std::string& source) {
    std::string where = source + ": layer " + std::to_string(index + 1);
    if (!j.is_object()) throw InputError(where + " must be an object like {\"type\": \"Linear\", ...}");
    NodeSpec n;
    if (!j.contains("type")) throw InputError(where + " has no \"type\"");
    n.type = field<std::string>(j, "type", where, "a layer type name");
    n.id = j.contains("id") ? field<std::string>(j, "id", where, "text") : n.type + std::to_string(index + 1);
    where = source + ": layer '" + n.id + "' (" + n.type + ")";
    for (const auto& [key, value] : j.items()) {
        if (key == "type" || key == "id" || key == "comment") continue;
        if (key == "inputs") {
            if (value.is_string())
                n.inputs.push_back(value.get<std::string>());
            else
                n.inputs = field<std::vector<std::string>>(j, "inputs", where, "a list of layer ids");
        } else if (key == "ui") {
            if (value.contains("x") && value["x"].is_number()) n.x = value["x"].get<double>();
            if (value.contains("y") && value["y"].is_number()) n.y = value["y"].get<double>();
        } else {
            n.attrs.set(key, attr_from_json(value, where + ": \"" + key + "\""));
        }
    }
    return n;
}

TrainDefaults train_from_json(const json& t, const std::string& where) {
    TrainDefaults d;
    if (!t.is_object()) throw InputError(where + " must be an object");
    auto number = [&](const char* key) -> std::optional<double> {
        if (!t.contains(key)) return std::nullopt;
        if (!t[key].is_number()) throw InputError(where + ": \"" + key + "\" must be a number, got " + t[key].dump());
        return t[key].get<double>();
    };
    auto integer = [&](const char* key) -> std::optional<int64_t> {
        if (!t.contains(key)) return std::nullopt;
        if (!t[key].is_number_integer() || t[key].get<int64_t>() < 1)
            throw InputError(where + ": \"" + key + "\" must be a positive integer, got " + t[key].dump());
        return t[key].get<int64_t>();
    };
    auto text = [&](const char* key) -> std::optional<std::string> {
        if (!t.contains(key)) return std::nullopt;
        return field<std::string>(t, key, where, "text");
    };
    d.dataset = text("dataset");
    d.optimizer = text("optimizer");
    d.loss = text("loss");
    d.epochs = integer("epochs");
    d.batch_size = integer("batch_size");
    d.resize = integer("resize");
    d.lr = number("lr");
    d.weight_decay = number("weight_decay");
    d.clip = number("clip");
    d.num_steps = integer("num_steps");
    d.sampling = text("sampling");
    if (d.sampling) parse_sampling(*d.sampling);  // throws InputError naming the choices
    d.tokens = text("tokens");
    if (d.tokens && *d.tokens != "char" && *d.tokens != "word")
        throw InputError(where + ": \"tokens\" must be \"char\" or \"word\", got \"" + *d.tokens + "\"");
    d.steps = integer("steps");
    d.max_len = integer("max_len");
    d.head_lr = number("head_lr");
    d.pretrained = text("pretrained");
    d.pretrained_use = text("pretrained_use").value_or("weights");
    if (d.pretrained_use != "weights" && d.pretrained_use != "vocabulary")
        throw InputError(where + ": \"pretrained_use\" must be \"weights\" or \"vocabulary\", got \"" +
                         d.pretrained_use + "\"");
    if (t.contains("reference")) {
        const json& r = t["reference"];
        if (r.contains("test_acc") && r["test_acc"].is_number()) d.reference_test_acc = r["test_acc"].get<double>();
        if (r.contains("train_acc") && r["train_acc"].is_number()) d.reference_train_acc = r["train_acc"].get<double>();
        if (r.contains("note") && r["note"].is_string()) d.reference_note = r["note"].get<std::string>();
        if (r.contains("perplexity") && r["perplexity"].is_number())
            d.reference_perplexity = r["perplexity"].get<double>();
    }
    return d;
}
}  // namespace

NetworkSpec network_from_json(const json& j, const std::string& source) {
    if (!j.is_object()) throw InputError(source + ": a network file must be a JSON object with a \"layers\" list");
    if (j.contains("format") && j["format"] != kFormat)
        throw InputError(source + ": \"format\" is " + j["format"].dump() + ", expected \"" + kFormat + "\"");
    if (j.contains("version") && (!j["version"].is_number_integer() || j["version"].get<int>() > 1))
        throw InputError(source + ": network format version " + j["version"].dump() +
                         " is newer than this DiveLab understands (1)");
    NetworkSpec spec;
    spec.name = j.contains("name") ? field<std::string>(j, "name", source, "text")
                                   : std::filesystem::path(source).stem().string();
    if (j.contains("description")) spec.description = field<std::string>(j, "description", source, "text");
    if (j.contains("input_shape")) spec.input_shape = shape_from_json(j["input_shape"], source + ": \"input_shape\"");
    // Named inputs (a translation network's "source" and "target"); absent: one input called "input".
    if (j.contains("inputs"))
        spec.inputs = field<std::vector<std::string>>(j, "inputs", source, "a list of input names");
    if (!j.contains("layers") || !j["layers"].is_array())
        throw InputError(source + ": the network has no \"layers\" list");
    for (size_t i = 0; i < j["layers"].size(); ++i) spec.nodes.push_back(node_from_json(j["layers"][i], i, source));
    if (j.contains("output")) spec.output = field<std::string>(j, "output", source, "a layer id");
    if (j.contains("outputs"))
        spec.outputs = field<std::vector<std::string>>(j, "outputs", source, "a list of layer ids");
    if (j.contains("train")) spec.train = train_from_json(j["train"], source + ": \"train\"");
    return spec;
}

NetworkSpec parse_network(const std::string& text, const std::string& source) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        auto pos = what.find(']');
        if (pos != std::string::npos) pos += 2;
        throw InputError(source + ": not valid JSON (" + (pos == std::string::npos ? what : what.substr(pos)) + ")");
    }
    return network_from_json(j, source);
}

NetworkSpec load_network_file(const std::string& path) {
    return parse_network(read_file(path), path);
}

json network_to_json(const NetworkSpec& spec) {
    json j;
    j["format"] = kFormat;
    j["version"] = 1;
    j["name"] = spec.name;
    if (!spec.description.empty()) j["description"] = spec.description;
    if (!spec.input_shape.empty()) j["input_shape"] = spec.input_shape;
    if (!spec.inputs.empty()) j["inputs"] = spec.inputs;
    json layers = json::array();
    for (const NodeSpec& n : spec.nodes) {
        json l;
        l["id"] = n.id;
        l["type"] = n.type;
        for (const auto& [key, value] : n.attrs.values()) l[key] = attr_to_json(value);
        if (!n.inputs.empty()) l["inputs"] = n.inputs;
        if (!std::isnan(n.x) && !std::isnan(n.y)) l["ui"] = {{"x", n.x}, {"y", n.y}};
        layers.push_back(l);
    }
    j["layers"] = layers;
    if (!spec.output.empty()) j["output"] = spec.output;
    if (!spec.outputs.empty()) j["outputs"] = spec.outputs;
    const TrainDefaults& t = spec.train;
    json train = json::object();
    if (t.dataset) train["dataset"] = *t.dataset;
    if (t.optimizer) train["optimizer"] = *t.optimizer;
    if (t.loss) train["loss"] = *t.loss;
    if (t.epochs) train["epochs"] = *t.epochs;
    if (t.batch_size) train["batch_size"] = *t.batch_size;
    if (t.resize) train["resize"] = *t.resize;
    if (t.lr) train["lr"] = *t.lr;
    if (t.weight_decay) train["weight_decay"] = *t.weight_decay;
    if (t.clip) train["clip"] = *t.clip;
    if (t.num_steps) train["num_steps"] = *t.num_steps;
    if (t.sampling) train["sampling"] = *t.sampling;
    if (t.tokens) train["tokens"] = *t.tokens;
    if (t.steps) train["steps"] = *t.steps;
    if (t.max_len) train["max_len"] = *t.max_len;
    if (t.head_lr) train["head_lr"] = *t.head_lr;
    if (t.pretrained) train["pretrained"] = *t.pretrained;
    if (t.pretrained && t.pretrained_use != "weights") train["pretrained_use"] = t.pretrained_use;
    if (t.reference_perplexity) train["reference"]["perplexity"] = *t.reference_perplexity;
    if (t.reference_test_acc) train["reference"]["test_acc"] = *t.reference_test_acc;
    if (t.reference_train_acc) train["reference"]["train_acc"] = *t.reference_train_acc;
    if (!t.reference_note.empty()) train["reference"]["note"] = t.reference_note;
    if (!train.empty()) j["train"] = train;
    return j;
}

std::string network_to_string(const NetworkSpec& spec) {
    return network_to_json(spec).dump(2) + "\n";
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open (" + std::strerror(errno) + ")");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_file_atomically(const std::string& path, const std::string& bytes) {
    const std::string tmp = path + ".part";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw InputError(path + ": cannot write (" + std::strerror(errno) + ")");
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const int err = errno;
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed) {
        std::remove(tmp.c_str());
        throw InputError(path + ": writing failed (" + std::strerror(written ? errno : err) +
                         "); the previous file, if any, is unchanged");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw InputError(path + ": cannot replace the file (" + ec.message() + ")");
    }
}

}  // namespace dl
