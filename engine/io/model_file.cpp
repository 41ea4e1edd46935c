#include "engine/io/model_file.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/network_json.h"

namespace dl {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {
constexpr uint64_t kMaxHeader = 100u << 20;  // the safetensors spec caps headers at 100 MB

std::string stem_path(const std::string& path) {
    fs::path p(path);
    if (p.extension() == ".json" || p.extension() == ".safetensors") p.replace_extension();
    return p.string();
}

// The parsed header of safetensors bytes; the bytes themselves stay with the caller.
struct SafetensorsHeader {
    json header;
    size_t data_start = 0;
};

SafetensorsHeader parse_header(std::string_view bytes, const std::string& source) {
    if (bytes.size() < 8) throw InputError(source + ": not a safetensors file (shorter than its 8-byte header length)");
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
    if (n > kMaxHeader || 8 + n > bytes.size())
        throw InputError(source + ": not a safetensors file, or truncated (header length " + std::to_string(n) +
                         " does not fit in " + std::to_string(bytes.size()) + " bytes)");
    SafetensorsHeader h;
    try {
        h.header = json::parse(bytes.substr(8, n));
    } catch (const json::exception&) {
        throw InputError(source + ": the safetensors header is not valid JSON (the file is damaged)");
    }
    if (!h.header.is_object()) throw InputError(source + ": the safetensors header is not a JSON object");
    h.data_start = 8 + n;
    return h;
}

// Every tensor a model file holds, by name: the parameters, then the buffers (BatchNorm's running
// statistics). The tensors share storage with the network's, so filling them fills the network.
std::vector<std::pair<std::string, Tensor>> model_tensors(Network& net) {
    std::vector<std::pair<std::string, Tensor>> tensors;
    for (Param& p : net.parameters()) tensors.emplace_back(p.name, p.var.value());
    for (Buffer& b : net.buffers()) tensors.emplace_back(b.name, b.value);
    return tensors;
}

void fill_weights(Network& net, std::string_view bytes, const SafetensorsHeader& h, const std::string& source) {
    const size_t data_size = bytes.size() - h.data_start;
    for (auto& [name, tensor] : model_tensors(net)) {
        if (!h.header.contains(name))
            throw InputError(source + ": weights for '" + name +
                             "' are missing (was the file saved from another network?)");
        const json& t = h.header[name];
        try {
            if (t.at("dtype") != "F32")
                throw InputError(source + ": '" + name + "' is stored as " + t.at("dtype").dump() + ", expected F32");
            const Shape shape = t.at("shape").get<Shape>();
            if (shape != tensor.shape())
                throw InputError(source + ": '" + name + "' has shape " + to_string(shape) + " but the network needs " +
                                 to_string(tensor.shape()));
            const auto off = t.at("data_offsets").get<std::vector<uint64_t>>();
            const uint64_t want = static_cast<uint64_t>(tensor.numel()) * 4;
            if (off.size() != 2 || off[1] < off[0] || off[1] - off[0] != want || off[1] > data_size)
                throw InputError(source + ": '" + name + "' points outside the file (truncated or damaged)");
            std::memcpy(tensor.data(), bytes.data() + h.data_start + off[0], want);  // x86-64: little endian
        } catch (const json::exception&) {
            throw InputError(source + ": the entry for '" + name + "' is malformed");
        }
    }
}

json vocabulary_to_json(const TextCorpus& vocabulary) {
    return {{"token_kind", vocabulary.token_kind}, {"tokens", vocabulary.idx_to_token}};
}

std::shared_ptr<const TextCorpus> vocabulary_from_json(const json& j, const std::string& source) {
    auto vocabulary = std::make_shared<TextCorpus>();
    try {
        vocabulary->token_kind = j.at("token_kind").get<std::string>();
        vocabulary->idx_to_token = j.at("tokens").get<std::vector<std::string>>();
    } catch (const json::exception&) {
        throw InputError(source +
                         ": the \"vocabulary\" entry is malformed (it needs \"token_kind\" and a list of \"tokens\")");
    }
    if (vocabulary->token_kind != "char" && vocabulary->token_kind != "word")
        throw InputError(source + ": the vocabulary's token kind is \"" + vocabulary->token_kind +
                         "\"; expected \"char\" or \"word\"");
    return vocabulary;
}

json translation_to_json(const TranslationCorpus& corpus) {
    return {{"source_vocab", corpus.source_vocab}, {"target_vocab", corpus.target_vocab}};
}

std::shared_ptr<const TranslationCorpus> translation_from_json(const json& j, const std::string& source) {
    auto corpus = std::make_shared<TranslationCorpus>();
    try {
        corpus->source_vocab = j.at("source_vocab").get<std::vector<std::string>>();
        corpus->target_vocab = j.at("target_vocab").get<std::vector<std::string>>();
    } catch (const json::exception&) {
        throw InputError(source +
                         ": the \"translation\" entry is malformed (it needs the lists \"source_vocab\" "
                         "and \"target_vocab\")");
    }
    return corpus;
}

json bert_vocabulary_to_json(const BertVocabulary& vocab) {
    return {{"tokens", vocab.idx_to_token}, {"counts", vocab.token_counts}};
}

std::shared_ptr<const BertVocabulary> bert_vocabulary_from_json(const json& j, const std::string& source) {
    auto vocab = std::make_shared<BertVocabulary>();
    try {
        vocab->idx_to_token = j.at("tokens").get<std::vector<std::string>>();
        vocab->token_counts = j.at("counts").get<std::vector<int64_t>>();
    } catch (const json::exception&) {
        throw InputError(source +
                         ": the \"bert_vocabulary\" entry is malformed (it needs the lists \"tokens\" and "
                         "\"counts\")");
    }
    if (vocab->token_counts.size() != vocab->idx_to_token.size() || vocab->size() <= BertVocabulary::kSep ||
        vocab->idx_to_token[BertVocabulary::kMask] != "<mask>")
        throw InputError(source +
                         ": the BERT vocabulary is damaged (it must start with <unk> <pad> <mask> <cls> <sep> "
                         "and give a count per token)");
    return vocab;
}

// One shape per input of a network with several ("input_shapes" in the architecture JSON), else the spec's one.
std::vector<Shape> recorded_input_shapes(const json& arch, const NetworkSpec& spec, const std::string& source) {
    if (!arch.contains("input_shapes")) return {spec.input_shape};
    try {
        return arch["input_shapes"].get<std::vector<Shape>>();
    } catch (const json::exception&) {
        throw InputError(source + ": \"input_shapes\" must be a list of shapes, one per network input");
    }
}
}  // namespace

namespace {
// The safetensors metadata may carry the vocabulary as JSON text, like the architecture.
std::shared_ptr<const TextCorpus> metadata_vocabulary(const json& header, const std::string& source) {
    if (!header.contains("__metadata__")) return nullptr;
    const json& meta = header["__metadata__"];
    if (!meta.is_object() || !meta.contains("vocabulary") || !meta["vocabulary"].is_string()) return nullptr;
    json j;
    try {
        j = json::parse(meta["vocabulary"].get<std::string>());
    } catch (const json::exception&) {
        throw InputError(source + ": the vocabulary in the metadata is not valid JSON (the file is damaged)");
    }
    return vocabulary_from_json(j, source);
}
}  // namespace

std::string weights_to_bytes(Network& net, const std::string& architecture_json, const std::string& vocabulary_json,
                             const std::string& translation_json) {
    json header;
    header["__metadata__"] = {{"format", "divelab-model"}, {"format_version", "1"}};
    if (!architecture_json.empty()) header["__metadata__"]["network"] = architecture_json;
    if (!vocabulary_json.empty()) header["__metadata__"]["vocabulary"] = vocabulary_json;
    if (!translation_json.empty()) header["__metadata__"]["translation"] = translation_json;
    uint64_t offset = 0;
    const auto tensors = model_tensors(net);
    for (const auto& [name, tensor] : tensors) {
        const uint64_t size = static_cast<uint64_t>(tensor.numel()) * 4;
        header[name] = {{"dtype", "F32"}, {"shape", tensor.shape()}, {"data_offsets", {offset, offset + size}}};
        offset += size;
    }
    std::string head = header.dump();
    head.append((8 - head.size() % 8) % 8, ' ');  // the spec pads the header to 8 bytes with spaces
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((static_cast<uint64_t>(head.size()) >> (8 * i)) & 0xff);
    bytes.reserve(bytes.size() + head.size() + offset);
    bytes += head;
    for (const auto& [name, tensor] : tensors)
        bytes.append(reinterpret_cast<const char*>(tensor.data()), tensor.numel() * sizeof(float));
    return bytes;
}

void weights_from_bytes(Network& net, const std::string& bytes, const std::string& source) {
    fill_weights(net, bytes, parse_header(bytes, source), source);
}

std::vector<std::string> weights_tensor_names(const std::string& bytes, const std::string& source) {
    const SafetensorsHeader h = parse_header(bytes, source);
    std::vector<std::string> names;
    for (const auto& [name, entry] : h.header.items())
        if (name != "__metadata__") names.push_back(name);
    return names;
}

void save_weights(Network& net, const std::string& path, const std::string& architecture_json) {
    write_file_atomically(path, weights_to_bytes(net, architecture_json));
}

void load_weights(Network& net, const std::string& path) {
    weights_from_bytes(net, read_file(path), path);
}

void save_model(Network& net, const std::string& path, const TextCorpus* vocabulary,
                const TranslationCorpus* translation, const BertVocabulary* bert) {
    const std::string stem = stem_path(path);
    NetworkSpec spec = net.spec();
    if (net.input_count() == 1) spec.input_shape = net.input_shape();
    json arch = network_to_json(spec);
    if (net.input_count() > 1) arch["input_shapes"] = net.input_shapes();
    if (bert) arch["bert_vocabulary"] = bert_vocabulary_to_json(*bert);  // in the metadata's architecture too
    const std::string vocabulary_text = vocabulary ? vocabulary_to_json(*vocabulary).dump() : std::string();
    const std::string translation_text = translation ? translation_to_json(*translation).dump() : std::string();
    const std::string bytes = weights_to_bytes(net, arch.dump(), vocabulary_text, translation_text);
    write_file_atomically(stem + ".safetensors", bytes);
    arch["weights"] = fs::path(stem + ".safetensors").filename().string();
    if (vocabulary) arch["vocabulary"] = vocabulary_to_json(*vocabulary);
    if (translation) arch["translation"] = translation_to_json(*translation);
    write_file_atomically(stem + ".json", arch.dump(2) + "\n");
}

LoadedModel load_model(const std::string& path) {
    const bool from_json = fs::path(path).extension() == ".json";
    std::string weights_path = stem_path(path) + ".safetensors";
    NetworkSpec spec;
    std::shared_ptr<const TextCorpus> vocabulary;
    std::shared_ptr<const TranslationCorpus> translation;
    json arch;
    if (from_json) {
        json j;
        try {
            j = json::parse(read_file(path));
        } catch (const json::parse_error&) {
            throw InputError(path + ": not valid JSON (the model file is damaged)");
        }
        spec = network_from_json(j, path);
        if (j.contains("weights") && j["weights"].is_string())
            weights_path = (fs::path(path).parent_path() / j["weights"].get<std::string>()).string();
        if (j.contains("vocabulary")) vocabulary = vocabulary_from_json(j["vocabulary"], path);
        if (j.contains("translation")) translation = translation_from_json(j["translation"], path);
        arch = std::move(j);
    }
    const std::string bytes = read_file(weights_path);
    const SafetensorsHeader weights = parse_header(bytes, weights_path);
    if (!from_json) {
        const json& meta = weights.header.contains("__metadata__") ? weights.header["__metadata__"] : json();
        if (!meta.is_object() || !meta.contains("network") || !meta["network"].is_string())
            throw InputError(weights_path +
                             ": holds weights but no DiveLab architecture; load the .json file beside it");
        spec = parse_network(meta["network"].get<std::string>(), weights_path);
        vocabulary = metadata_vocabulary(weights.header, weights_path);
        arch = json::parse(meta["network"].get<std::string>());
        if (meta.contains("translation") && meta["translation"].is_string())
            translation = translation_from_json(json::parse(meta["translation"].get<std::string>(), nullptr, false),
                                                weights_path);
    }
    const std::vector<Shape> shapes = recorded_input_shapes(arch, spec, path);
    if (shapes.empty() || std::any_of(shapes.begin(), shapes.end(), [](const Shape& s) { return s.empty(); }))
        throw InputError(path + ": the model does not record its input shape, so its weights cannot be placed");
    std::shared_ptr<const BertVocabulary> bert;
    if (arch.contains("bert_vocabulary")) bert = bert_vocabulary_from_json(arch["bert_vocabulary"], path);
    Network net(spec, std::span<const Shape>(shapes));
    fill_weights(net, bytes, weights, weights_path);
    return {spec, std::move(net), weights_path, std::move(vocabulary), std::move(translation), std::move(bert)};
}

}  // namespace dl
