#pragma once
// Where a BERT fine-tuning run starts (D2L §15.7): the pretrained model whose matching parameters (the encoder
// and the <cls> hidden layer) are copied into the new network, and whether they stay frozen. No model: the run
// starts from random weights, as every other run does.
#include <memory>
#include <string>

#include "engine/io/model_file.h"

struct FineTuningStart {
    std::shared_ptr<dl::LoadedModel> pretrained;  // only read while a run starts
    std::string path;                             // where it came from, for messages
    bool freeze = false;                          // keep the copied layers fixed; only the new head trains
};
