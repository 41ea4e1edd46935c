#pragma once
// Export as a PyTorch project (D2L style), so a learner can train the network further with PyTorch itself
// and scale out with `torchrun` (DistributedDataParallel). The directory gets:
//
//   model.py              an nn.Module per network (and one per distinct block inside): attributes named by
//                         the editor's node ids, so its state_dict names ("conv1.weight", "layer2_0.conv3.bias")
//                         are exactly DiveLab's model-file names; forward follows the graph (branches, Add, Concat),
//                         takes one argument per network input (plus valid_lens=None when attention masks padding)
//                         and returns a tuple for several outputs (BERT: (mlm_output, nsp_output))
//   safetensors_io.py     a NumPy safetensors reader/writer (F32 only): nothing beyond torch and numpy is needed
//   weights.safetensors   DiveLab's weights with the architecture in its metadata (weights.json beside it)
//   train.py              the experiment's data set, optimizer, lr, weight decay, schedule, clipping, seed and
//                         epochs (image classifiers only: it refuses other networks, saying why); one process,
//                         or DDP over gloo under torchrun. Rank 0 writes checkpoint.safetensors with the same
//                         names and metadata, which DiveLab loads back as a model (`divelab-cli evaluate
//                         --model-file DIR/checkpoint.safetensors`).
//   README.md             how to run it
//
// A layer with no PyTorch form yet throws InputError naming the node and its type, before anything is written;
// the directory appears complete or not at all (written beside it, then renamed).
#include <string>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/train/trainer.h"

namespace dl {

// What train.py reproduces of an experiment.
struct PytorchTraining {
    std::string dataset = "fashion-mnist";  // the registry name the experiment used
    int64_t resize = 0;                     // images resized to resize × resize; 0 = as stored
    TrainConfig config;                     // epochs, batch size, seed, optimizer, schedule, clipping
};

// model.py's text alone (the classes for `net`, top-level class "Net"). Throws InputError for a layer with no
// PyTorch form, naming the node and its type.
std::string pytorch_model_code(Network& net);

// Writes the project into `dir`, which must not exist yet or be an empty directory. A language, translation or
// BERT model's vocabularies go into the weights' metadata (as save_model keeps them), and from there into
// checkpoints.
void export_pytorch(Network& net, const PytorchTraining& training, const std::string& dir,
                    const TextCorpus* vocabulary = nullptr, const TranslationCorpus* translation = nullptr,
                    const BertVocabulary* bert = nullptr);

}  // namespace dl
