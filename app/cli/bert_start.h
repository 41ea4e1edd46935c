#pragma once
// Where a BERT fine-tuning run starts (D2L §15.7): the pretrained model it takes the vocabulary and weights from —
// --init-from FILE, else the last pretrained model of the preset the network names (its "pretrained"), kept by
// a completed pretraining run (engine/io/pretrained_models.h).
#include <optional>
#include <string>

#include "engine/io/model_file.h"
#include "flag_table.h"
#include "run_setup.h"

namespace cli {

struct BertStart {
    std::optional<dl::LoadedModel> pretrained;
    std::string path;      // where it came from
    bool weights = false;  // take its weights (fine-tuning), not only its vocabulary (from scratch)
};

// Reads the pretrained model when the setup wants one and gives the data set options its vocabulary. Throws
// InputError when the network must start from pretrained weights and there are none, saying how to make them.
BertStart find_bert_start(const FlagValues& flags, RunSetup& setup);

// Initialises `net` from the seed, then copies the pretrained parameters it shares (the encoder and <cls> hidden
// layer); the rest is the head, trained at the head's rate. --freeze-encoder freezes what was copied. Prints what
// it did unless quiet.
void start_from_pretrained(BertStart& start, dl::Network& net, dl::TrainConfig& config, bool freeze, bool quiet);

// After a completed pretraining run: keeps the model as the last pretrained one of its preset (for bert-paraphrase).
void keep_pretrained(dl::Network& net, const dl::BertVocabulary& vocabulary, bool quiet);

}  // namespace cli
