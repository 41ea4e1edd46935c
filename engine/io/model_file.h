#pragma once
// Model files: architecture + trained weights.
//
//   NAME.json         the network (network_json.h format) plus "weights": "NAME.safetensors"
//   NAME.safetensors  the weights in the safetensors layout (8-byte little-endian header length,
//                     a JSON header {"fc1.weight": {"dtype": "F32", "shape": [256, 784],
//                     "data_offsets": [begin, end]}, ...}, then raw little-endian float32 data).
//                     Its "__metadata__" also carries the architecture, so this file alone is
//                     enough to load the model, and PyTorch/NumPy tools read the weights as is.
//                     Tensor names follow PyTorch's state_dict: "<layer>.<param>" for parameters and
//                     "<layer>.<buffer>" for buffers such as "bn1.running_mean", which are saved too.
// A language model also keeps its vocabulary and token kind (in NAME.json's "vocabulary" and in the
// safetensors metadata), so it can generate text later without the corpus it was trained on.
// A translation model keeps both vocabularies (NAME.json's "translation": {"source_vocab", "target_vocab"},
// and the metadata's "translation"), so `divelab-cli translate` needs only the model. A network with several
// inputs records one shape per input ("input_shapes", in the architecture JSON).
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace dl {

// Writes both files (atomically); `path` may end in .json, .safetensors or have no extension. For a
// language model pass its corpus: its token kind and vocabulary (idx_to_token) are saved with it.
// A BERT model keeps its vocabulary (NAME.json's "bert_vocabulary": {"tokens", "counts"}, also in the metadata's
// architecture), so fine-tuning and `divelab-cli fill` read the same token ids.
void save_model(Network& net, const std::string& path, const TextCorpus* vocabulary = nullptr,
                const TranslationCorpus* translation = nullptr, const BertVocabulary* bert = nullptr);

struct LoadedModel {
    NetworkSpec spec;
    Network network;
    std::string weights_path;  // the .safetensors file the weights came from
    // A language model's token kind and vocabulary (its tokens, lines and counts stay empty); null
    // when the model was saved without one.
    std::shared_ptr<const TextCorpus> vocabulary;
    // A translation model's two vocabularies (sentences stay empty); null when saved without them.
    std::shared_ptr<const TranslationCorpus> translation;
    // A BERT model's vocabulary; null when saved without one.
    std::shared_ptr<const BertVocabulary> bert;
};

// Reads NAME.json (and the weights it names) or NAME.safetensors alone. Throws InputError naming
// the file and the problem (truncated file, missing or mis-shaped tensor, wrong dtype).
LoadedModel load_model(const std::string& path);

// The weights part alone, for a network that already exists.
void save_weights(Network& net, const std::string& path, const std::string& architecture_json = "");
void load_weights(Network& net, const std::string& path);

// The same in memory (e.g. inside a project file): the exact bytes of a .safetensors file, and back.
// `source` names where the bytes came from in error messages.
// `vocabulary_json` (a language model's, as NAME.json holds it) goes into the metadata too.
// `translation_json` (a translation model's two vocabularies) likewise.
std::string weights_to_bytes(Network& net, const std::string& architecture_json = "",
                             const std::string& vocabulary_json = "", const std::string& translation_json = "");
void weights_from_bytes(Network& net, const std::string& bytes, const std::string& source);
// The tensor names in safetensors bytes (e.g. "fc1.weight"), checking the layout without a network.
std::vector<std::string> weights_tensor_names(const std::string& bytes, const std::string& source);

}  // namespace dl
