#pragma once
// Trainer: the epoch/batch loop of D2L's train_ch3, on whatever thread calls run(). Another thread
// may pause, resume, single-step or stop it. Same seed and thread count give identical numbers.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/losses/loss.h"
#include "engine/nn/network.h"
#include "engine/optim/factory.h"
#include "engine/optim/schedule.h"
#include "engine/train/observer.h"

namespace dl {

struct TrainConfig {
    int epochs = 10;
    int64_t batch_size = 256;
    uint64_t seed = 0;  // initial weights, shuffling, dropout
    int threads = 0;    // 0 = all cores
    OptimizerConfig optimizer;
    LrSchedule schedule;
    float clip_norm = 0;         // global gradient-norm clipping; 0 = off (GradientEvent::total_norm: the norm before)
    std::string loss = "auto";   // auto: cross_entropy for classes, mse for regression
    bool initialize = true;      // reset weights from the seed before training
    bool gradient_norms = true;  // report per-layer gradient norms every batch
    int64_t eval_batch_size = 1000;
    // Stop after this many batches (D2L counts BERT's pretraining in steps); 0 = run every epoch. The last epoch
    // may then be partial: it ends (and is reported) at that step.
    int64_t max_steps = 0;
    // Fine-tuning (D2L §15.7): the parameters of the nodes in `frozen` keep their values (no gradient is worked out
    // for them and the optimizer never sees them); those of the nodes in `head` train at head_lr instead of
    // optimizer.lr (0 = the same rate; a schedule scales both alike). Node ids as in the network (a block's id
    // covers its inside).
    std::vector<std::string> frozen, head;
    float head_lr = 0;
};

struct Evaluation {
    double loss = 0, accuracy = 0;  // accuracy NaN for regression; language models: per token

    int64_t examples = 0;
};

// The batch size the trainer evaluates `data` with: config.eval_batch_size (evaluation keeps no graph, so
// big batches are cheap), but no more input floats than 1,000 28×28 images and no fewer examples than a
// training batch — ResNet-18's first activation for 1,000 images at 96×96 alone is 0.6 GB.
int64_t evaluation_batch_size(const TrainConfig& config, const Dataset& data);

// Loss and accuracy of `net` on `data` in evaluation mode (no dropout, no graph). For classification,
// `predicted` (if given) receives every example's arg-max class. A language model is scored over its
// whole token stream (rows of batch_size, the state carried): the mean loss per token, whose exp is
// the perplexity, and the share of next tokens predicted right.
Evaluation evaluate(Network& net, const Dataset& data, LossKind loss, int64_t batch_size = 1000,
                    std::vector<int32_t>* predicted = nullptr);
LossKind default_loss(const Dataset& data);
// Throws ShapeError when the network's output cannot be scored against the data set's labels.
void check_output_fits(const Network& net, const Dataset& data, LossKind loss);
// The same from an analysis (no network built): the output shape per example and the output node's id.
void check_output_fits(const Shape& output, const std::string& output_node, const Dataset& data, LossKind loss);

// Language models (Dataset::is_language_model()): batches come from SequenceBatches (D2L §8.3.4);
// under sequential partitioning the hidden state (ForwardContext::state) carries from batch to batch
// within an epoch (reset when an epoch starts), under random sampling every batch starts from zeros;
// the loss is the cross-entropy over [B * T, V] and EpochMetrics gets perplexity and tokens/s.
//
// Translation (Dataset::is_translation(), D2L §9.7.2 train_seq2seq): the network's inputs "source" and
// "target" get the source rows and <bos> + the target without its last token (teacher forcing); the loss is
// D2L's masked cross-entropy summed over the batch (engine/losses/masked_sequence_loss.h says why that
// scale); ForwardContext::lengths holds the batch's valid lengths on every pass. EpochMetrics: loss per
// token, tokens/s and the test split's mean BLEU.
//
// BERT (Dataset::is_bert(), D2L §14.10 and §15.7): the inputs "tokens", "segments" (and, for pretraining,
// "positions") come from the data set (engine/train/bert_batch.h); the valid lengths ride in
// ForwardContext::lengths->source. Pretraining trains the masked-LM + next-sentence loss and reports both parts and
// the next-sentence accuracy (BatchEvent, EpochMetrics); fine-tuning is classification.
class Trainer {
public:
    Trainer(Network& net, const DataSplit& data, TrainConfig config);
    ~Trainer();

    void add_observer(TrainingObserver* observer);
    // Trains; returns when done, stopped or diverged. Throws for invalid settings before starting.
    TrainSummary run();

    // Thread-safe controls. The loop notices them at the next batch boundary.
    void pause();
    void resume();                   // also drops steps asked for but not yet run
    void step(int64_t batches = 1);  // while paused: run this many batches, then pause again
    void stop();
    bool paused() const { return paused_.load(); }

private:
    struct Run;  // one run's loop state (trainer.cpp)
    enum class PauseMove { Go, Step, Park, Stop };

    void check_settings() const;
    std::unique_ptr<Run> prepare_run();
    RunInfo run_info(const Run& run) const;
    bool run_epoch(Run& run, int epoch);  // false when the run ended early (stopped or diverged)
    bool handle_pause(Run& run);          // at a batch boundary; false when stopped
    PauseMove take_pause_move();          // with mutex_ held
    void report_paused(Run& run, bool paused);
    bool train_batch(Run& run, int epoch);  // false when the loss was not finite
    void watch_loss(Run& run, int epoch, float loss);
    GradientEvent gradient_norms(const Run& run, int epoch) const;
    float unclipped_norm() const;
    void plan_probes(Run& run);
    void deliver_probes(Run& run, int epoch);
    void end_epoch(Run& run, int epoch);
    TrainSummary finish(Run& run, TrainSummary::Outcome outcome, std::string message = {});
    void make_optimizers(Run& run);
    void unfreeze();  // gives the frozen parameters their gradients back
    void snapshot_weights();
    void restore_weights();

    Network& net_;
    const DataSplit& data_;
    TrainConfig config_;
    LossKind loss_;
    std::vector<TrainingObserver*> observers_;
    ParamList params_;
    std::vector<Tensor> state_;      // the parameters' values and the network's buffers (shared storage)
    std::vector<Tensor> last_good_;  // state_ as it was when the loss was last finite
    std::vector<Var> frozen_;        // parameters frozen for the current run (TrainConfig::frozen)

    std::atomic<bool> paused_{false}, stop_{false};
    std::atomic<int64_t> step_budget_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
};

}  // namespace dl
