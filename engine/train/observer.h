#pragma once
// TrainingObserver: how the engine reports a run. Plain C++ callbacks, called on the TRAINING
// thread; a UI must hand the data to its own thread (ui/ turns these into queued Qt signals).
// Every event carries plain values so observers may copy them freely.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

struct RunInfo {
    std::string network, dataset, optimizer, loss;
    int epochs = 0;
    int64_t batches_per_epoch = 0, batch_size = 0, train_examples = 0, test_examples = 0;
    bool classification = true;
    std::vector<std::string> layers;  // ids of nodes that own parameters, in order (gradient views)
};

struct BatchEvent {
    int epoch = 0;      // from 1
    int64_t batch = 0;  // from 1 within the epoch
    int64_t batches_per_epoch = 0;
    int64_t step = 0;  // from 1 over the whole run
    float loss = 0;    // this batch's mean loss
    float lr = 0;
    double examples_per_sec = 0;  // over the epoch so far
};

struct LayerGradNorm {
    std::string node;  // node id
    float norm = 0;    // L2 norm over all of the node's parameter gradients
};

struct GradientEvent {
    int epoch = 0;
    int64_t step = 0;
    std::vector<LayerGradNorm> layers;
    float total_norm = 0;  // before clipping
};

struct EpochMetrics {
    int epoch = 0;          // from 1
    double train_loss = 0;  // mean over the epoch's batches, as D2L reports it
    double train_acc = 0;   // NaN for regression
    double test_loss = 0;   // NaN when there is no test set
    double test_acc = 0;    // NaN for regression or no test set
    double seconds = 0;     // training time of this epoch (evaluation excluded)
    double examples_per_sec = 0;
    float lr = 0;
};

// The predicted class of every test example after an epoch (classification with a test set only),
// in the test set's order: enough for a confusion matrix or a grid of mistakes, at no extra cost.
struct PredictionEvent {
    int epoch = 0;
    std::vector<int32_t> predicted;
};

// A named tensor from inside the model at some step, e.g. an attention map "enc.0.attention".
struct ProbeEvent {
    std::string name;
    int64_t step = 0;
    Tensor value;
};

struct TrainSummary {
    enum class Outcome { Completed, Stopped, Diverged, Failed };
    Outcome outcome = Outcome::Completed;
    std::string message;  // for a person: why it ended when not completed
    int epochs_done = 0;
    int64_t steps_done = 0;
    std::vector<EpochMetrics> history;
};

class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void on_train_begin(const RunInfo&) {}
    virtual void on_batch_end(const BatchEvent&) {}
    virtual void on_gradients(const GradientEvent&) {}
    virtual void on_epoch_end(const EpochMetrics&) {}
    virtual void on_test_predictions(const PredictionEvent&) {}  // before on_epoch_end of that epoch
    virtual void on_probe(const ProbeEvent&) {}
    virtual void on_paused(bool /*paused*/) {}
    virtual void on_train_end(const TrainSummary&) {}
};

}  // namespace dl
