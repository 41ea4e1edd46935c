#pragma once
// TrainingObserver: how the engine reports a run. Plain C++ callbacks.
//
// The contract:
//  - Every callback, on_paused included, is called on the thread that called Trainer::run() (the
//    training thread), never on a thread that calls pause()/resume()/step()/stop(). A UI must hand
//    the data to its own thread (ui/ buffers them and a timer turns them into Qt signals).
//  - Order: on_train_begin; then per batch on_batch_end, on_gradients (if gradient norms are on),
//    on_warning (if this batch raised one), on_probe (once per requested probe, if due); per epoch
//    on_test_predictions, on_epoch_end; last on_train_end, exactly once, whenever run() returns
//    (completed, stopped or diverged; not when it throws).
//  - on_paused(true) when the loop has actually parked at a batch boundary (pause() asks for that;
//    batches run with step() while paused do not repeat it), on_paused(false) when it leaves the
//    pause (resumed or stopped); they come in pairs, before on_train_end.
//  - Probes: before every batch the trainer asks each observer's probe_request(). Only when some
//    observer wants a probe on that step does the forward pass get a ProbeSink; otherwise nothing is
//    looked up or copied. Each observer receives exactly the names its request matches (copies of
//    the values, so they may be kept), at its own cadence, after that batch's on_batch_end.
// Every event carries plain values so observers may copy them freely.
#include <cstdint>
#include <limits>
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
    // BERT pretraining: this batch's masked-LM and next-sentence losses (loss is their sum); NaN otherwise.
    float mlm_loss = std::numeric_limits<float>::quiet_NaN();
    float nsp_loss = std::numeric_limits<float>::quiet_NaN();
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
    // Language models (D2L §8.4): exp of the mean cross-entropy per token over the epoch, and
    // training tokens per second; NaN / 0 for other data.
    double perplexity = std::numeric_limits<double>::quiet_NaN();
    double tokens_per_sec = 0;
    // Translation (D2L §9.7): train_loss is Σ masked loss / Σ valid target tokens (D2L's printed loss),
    // tokens_per_sec counts valid target tokens, and bleu is the mean BLEU (k = 2) of the greedy translations
    // of the test split's sentences; NaN for other data or without a test split.
    double bleu = std::numeric_limits<double>::quiet_NaN();
    // BERT pretraining (D2L §14.10): the epoch's mean masked-LM loss (per predicted token), next-sentence loss and
    // next-sentence accuracy on the training batches; train_loss is mlm_loss + nsp_loss. NaN for other data.
    double mlm_loss = std::numeric_limits<double>::quiet_NaN();
    double nsp_loss = std::numeric_limits<double>::quiet_NaN();
    double nsp_acc = std::numeric_limits<double>::quiet_NaN();
};

// The predicted class of every test example after an epoch (classification with a test set only),
// in the test set's order: enough for a confusion matrix or a grid of mistakes, at no extra cost.
struct PredictionEvent {
    int epoch = 0;
    std::vector<int32_t> predicted;
};

// Which probes an observer wants, and how often. Names are node ids ("fc1": the node's output over
// the batch), a block's inner nodes ("stage1.conv"), or what a layer publishes under its node
// ("enc1.attention", [batch, heads, queries, keys]); a name ending in '*' is a prefix ("stage1.*").
struct ProbeRequest {
    std::vector<std::string> names;  // empty: no probes
    int64_t every_steps = 1;         // on steps every_steps, 2 * every_steps, …
    int64_t min_interval_ms = 0;     // and at least this long after this observer's last probes
    bool empty() const { return names.empty(); }
};

// A named tensor from inside the model, taken during one training batch's forward pass (so before
// that batch's update): e.g. node "fc1"'s output [batch, 256] or an attention map "enc1.attention".
struct ProbeEvent {
    std::string name;
    int epoch = 0;
    int64_t step = 0;
    std::vector<int64_t> examples;  // the training-set indices of the batch's rows, in order (language
                                    // models: each row's first position in the token stream)
    Tensor value;                   // a copy, the observer's to keep
};

// Something about a run that a person should know even though it goes on. Raised once per kind.
struct TrainWarning {
    enum class Kind { LossExploded };
    Kind kind = Kind::LossExploded;
    int epoch = 0;
    int64_t batch = 0, step = 0;
    double start_loss = 0, loss = 0;  // LossExploded: the loss at the start and at this batch
    std::string message;              // for a person: what happened and what to try
};
std::string warning_kind_name(TrainWarning::Kind kind);  // "loss_exploded"

struct TrainSummary {
    enum class Outcome { Completed, Stopped, Diverged, Failed };
    Outcome outcome = Outcome::Completed;
    std::string message;  // for a person: why it ended when not completed
    int epochs_done = 0;
    int64_t steps_done = 0;
    std::vector<EpochMetrics> history;
    std::vector<TrainWarning> warnings;  // as they were raised (also sent to on_warning)
};

class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void on_train_begin(const RunInfo&) {}
    virtual void on_batch_end(const BatchEvent&) {}
    virtual void on_gradients(const GradientEvent&) {}
    virtual void on_epoch_end(const EpochMetrics&) {}
    virtual void on_test_predictions(const PredictionEvent&) {}  // before on_epoch_end of that epoch
    // Asked on the training thread before every batch, so keep it cheap; lock if another thread
    // changes what it returns. The default wants nothing.
    virtual ProbeRequest probe_request() const { return {}; }
    virtual void on_probe(const ProbeEvent&) {}
    virtual void on_warning(const TrainWarning&) {}
    virtual void on_paused(bool /*paused*/) {}
    virtual void on_train_end(const TrainSummary&) {}
};

}  // namespace dl
