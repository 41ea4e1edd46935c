#include "engine/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/data/batch_loader.h"
#include "engine/data/sequence_batches.h"
#include "engine/losses/masked_sequence_loss.h"
#include "engine/nn/probe_sink.h"
#include "engine/nn/recurrent_state.h"
#include "engine/ops/shape_ops.h"
#include "engine/optim/clip.h"
#include "engine/train/bert_batch.h"
#include "engine/train/inspection.h"
#include "engine/train/loss_explosion.h"
#include "engine/train/translation_batch.h"

namespace dl {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Cross-entropy scores, one row per label: [B, classes] (a network ending in [B, 1, classes] etc. is
// flattened first); a language model's [B, T, V] becomes [B * T, V], matching labels b * T + t.
Var reshape_for_classes(const Var& out, bool language_model) {
    if (language_model) return reshape(out, {-1, out.shape().back()});
    return out.shape().size() == 2 ? out : reshape(out, {out.shape()[0], -1});
}

Var batch_loss(LossKind kind, const Var& out, const Batch& batch, bool language_model = false) {
    switch (kind) {
        case LossKind::CrossEntropy:
            return softmax_cross_entropy(reshape_for_classes(out, language_model), batch.labels);
        case LossKind::BinaryCrossEntropy:
            return bce_with_logits(out, batch.y);
        case LossKind::MeanSquaredError:
            return mse(out, batch.y, false);
        case LossKind::HalfMeanSquaredError:
            return mse(out, batch.y, true);
    }
    return Var();
}
}  // namespace

LossKind default_loss(const Dataset& data) {
    return data.is_classification() || data.is_translation() ? LossKind::CrossEntropy : LossKind::MeanSquaredError;
}

void check_output_fits(const Network& net, const Dataset& data, LossKind loss) {
    check_inputs_fit(net.input_names(), net.spec().name, data);
    if (data.is_bert_pretraining()) return check_bert_pretraining_outputs(net, data);
    check_output_fits(net.output_shape(), net.spec().output_id(), data, loss);
}

namespace {
// A language model scores every step: [num_steps, vocabulary] per example.
void check_language_model_output(const Shape& out, const std::string& last, const Dataset& data, LossKind loss) {
    if (loss != LossKind::CrossEntropy)
        throw ShapeError("a language model on '" + data.name + "' is trained with the cross_entropy loss, not " +
                         loss_name(loss));
    const Shape want{data.num_steps, data.num_classes};
    if (out != want)
        throw ShapeError("the network ends in " + to_string(out) + " values per example (node '" + last +
                         "'), but a language model on '" + data.name + "' needs " + to_string(want) +
                         ": a score for each of the vocabulary's " + std::to_string(data.num_classes) +
                         " tokens at each of the " + std::to_string(data.num_steps) +
                         " steps. Keep all steps (SequenceOutput steps = all) and end with Linear out_features = "
                         "vocabulary size " +
                         std::to_string(data.num_classes));
}

// A translation network scores every target step: [num_steps, target vocabulary] per example.
void check_translation_output(const Shape& out, const std::string& last, const Dataset& data, LossKind loss) {
    if (loss != LossKind::CrossEntropy)
        throw ShapeError("translation on '" + data.name + "' is trained with the (masked) cross_entropy loss, not " +
                         loss_name(loss));
    const int64_t vocab = data.translation->target_vocab_size();
    const Shape want{data.target_tokens.size(1), vocab};
    if (out != want)
        throw ShapeError(
            "the network ends in " + to_string(out) + " values per example (node '" + last +
            "'), but translation on '" + data.name + "' needs " + to_string(want) +
            ": a score for each of the target vocabulary's " + std::to_string(vocab) +
            " tokens at each target step. End with a Linear whose vocabulary_out is on (out_features = the target "
            "vocabulary)");
}
}  // namespace

void check_output_fits(const Shape& out, const std::string& last, const Dataset& data, LossKind loss) {
    if (data.is_language_model()) return check_language_model_output(out, last, data, loss);
    if (data.is_translation()) return check_translation_output(out, last, data, loss);
    if (data.is_bert_pretraining()) return;  // two outputs: see check_bert_pretraining_outputs
    if (loss == LossKind::CrossEntropy) {
        if (!data.is_classification())
            throw ShapeError("cross-entropy needs class labels, but data set '" + data.name +
                             "' has numeric targets; use the mse loss");
        if (out.size() != 1 || out[0] != data.num_classes)
            throw ShapeError("the network ends in " + to_string(out) + " values per example (node '" + last +
                             "'), but '" + data.name + "' has " + std::to_string(data.num_classes) +
                             " classes: the last layer must give one score per class, e.g. Linear with out_features " +
                             std::to_string(data.num_classes));
        return;
    }
    if (data.is_classification() && loss != LossKind::BinaryCrossEntropy)
        throw ShapeError("squared loss needs numeric targets, but '" + data.name +
                         "' has class labels; use the cross_entropy loss");
    const int64_t want = data.targets.defined() ? data.targets.numel() / std::max<int64_t>(data.size(), 1) : 1;
    if (numel(out) != want)
        throw ShapeError("the network ends in " + to_string(out) + " values per example (node '" + last + "'), but '" +
                         data.name + "' has " + std::to_string(want) + " target value(s) per example");
}

namespace {
// A language model on its whole stream: sequential rows from token 0, the state carried from batch
// to batch; the loss is the mean per token, the accuracy the share of next tokens guessed right.
Evaluation evaluate_language_model(Network& net, const Dataset& data, LossKind loss, int64_t batch_size) {
    Evaluation ev;
    const int64_t tokens = data.text ? static_cast<int64_t>(data.text->tokens.size()) : 0;
    const int64_t rows = std::min(batch_size, (tokens - 1) / std::max<int64_t>(data.num_steps, 1));
    if (rows < 1 || data.num_steps < 1) {
        ev.loss = ev.accuracy = kNaN;
        return ev;
    }
    Dataset stream = data;
    stream.sampling = Sampling::Sequential;
    SequenceBatches batches(stream, rows, 0, /*random_offset=*/false);
    NoGradGuard no_grad;
    RecurrentState state;
    ForwardContext ctx{false, nullptr};
    ctx.state = &state;
    Batch batch;
    double total_loss = 0;
    int64_t correct = 0, scored = 0;
    while (batches.next(batch)) {
        const Var scores = reshape_for_classes(net.forward(Var(batch.x), ctx), true);
        const auto n = static_cast<int64_t>(batch.labels.size());
        total_loss += static_cast<double>(batch_loss(loss, scores, batch).value().item()) * n;
        correct += count_correct(scores.value(), batch.labels);
        scored += n;
    }
    ev.examples = scored / data.num_steps;
    ev.loss = total_loss / std::max<int64_t>(scored, 1);
    ev.accuracy = static_cast<double>(correct) / std::max<int64_t>(scored, 1);
    return ev;
}
}  // namespace

namespace {
// Sentence-pair classification (BERT fine-tuning): the inputs tokens and segments, the valid lengths in the context.
Evaluation evaluate_bert_pairs(Network& net, const Dataset& data, LossKind loss, int64_t batch_size,
                               std::vector<int32_t>* predicted) {
    Evaluation ev;
    double total_loss = 0;
    int64_t correct = 0;
    for_each_bert_batch(data, batch_size, [&](const BertBatch& batch, ForwardContext& ctx) {
        const Var out = net.forward(bert_inputs(data, batch), ctx);
        Batch scored;
        scored.labels = batch.labels;
        const auto n = static_cast<int64_t>(batch.labels.size());
        total_loss += static_cast<double>(batch_loss(loss, out, scored).value().item()) * static_cast<double>(n);
        correct += count_correct(out.value(), batch.labels);
        if (predicted) append_argmax(out.value(), *predicted);
        ev.examples += n;
    });
    ev.loss = total_loss / static_cast<double>(ev.examples);
    ev.accuracy = static_cast<double>(correct) / static_cast<double>(ev.examples);
    return ev;
}
}  // namespace

int64_t evaluation_batch_size(const TrainConfig& config, const Dataset& data) {
    constexpr int64_t kInputFloats = 1000 * 28 * 28;  // 1,000 Fashion-MNIST images
    const int64_t by_size = kInputFloats / std::max<int64_t>(data.sample_numel(), 1);
    return std::min(config.eval_batch_size, std::max(config.batch_size, by_size));
}

Evaluation evaluate(Network& net, const Dataset& data, LossKind loss, int64_t batch_size,
                    std::vector<int32_t>* predicted) {
    if (data.is_bert_pretraining() && data.size() > 0) {  // loss = masked LM + next sentence; accuracy: next sentence
        const BertPretrainingScore score = evaluate_bert_pretraining(net, data, batch_size);
        return {score.mlm_loss + score.nsp_loss, score.nsp_accuracy, score.examples};
    }
    if (data.is_bert() && data.size() > 0) return evaluate_bert_pairs(net, data, loss, batch_size, predicted);
    if (data.is_language_model() && data.size() > 0) return evaluate_language_model(net, data, loss, batch_size);
    if (data.is_translation() && data.size() > 0) {  // the loss per valid target token; no accuracy
        const TranslationScore score = evaluate_translation(net, data, batch_size);
        return {score.loss, kNaN, score.examples};
    }
    Evaluation ev;
    ev.accuracy = data.is_classification() ? 0.0 : kNaN;
    if (data.size() == 0) {
        ev.loss = ev.accuracy = kNaN;
        return ev;
    }
    NoGradGuard no_grad;
    ForwardContext ctx{false, nullptr};
    BatchLoader loader(data, batch_size, /*shuffle=*/false);
    Batch batch;
    double total_loss = 0;
    int64_t correct = 0;
    while (loader.next(batch)) {
        Var out = net.forward(Var(batch.x), ctx);
        total_loss += static_cast<double>(batch_loss(loss, out, batch).value().item()) * batch.size;
        if (data.is_classification()) correct += count_correct(out.value(), batch.labels);
        if (predicted && data.is_classification()) append_argmax(out.value(), *predicted);
        ev.examples += batch.size;
    }
    ev.loss = total_loss / ev.examples;
    if (data.is_classification()) ev.accuracy = static_cast<double>(correct) / ev.examples;
    return ev;
}

// One run's loop state. The context points into it, so it lives on the heap and never moves.
struct Trainer::Run {
    // The current epoch's running sums.
    struct Epoch {
        float lr = 0;
        Clock::time_point start;
        double paused_seconds = 0, loss_sum = 0;
        int64_t seen = 0, correct = 0, batch = 0;
        int64_t tokens = 0;  // translation: valid target tokens seen
        // BERT pretraining: Σ masked-LM loss × predicted tokens, the tokens, Σ next-sentence loss × rows, right
        // guesses.
        double mlm_sum = 0, nsp_sum = 0;
        int64_t mlm_tokens = 0, nsp_correct = 0;
    };
    // An observer due for probes on this step, with what it asked for.
    struct ProbeOrder {
        size_t observer;
        ProbeRequest request;
    };

    Run(const Dataset& train, const TrainConfig& config)
        : dropout_rng(config.seed ^ 0xD1B54A32D192ED03ull),
          classification(train.is_classification()),
          language_model(train.is_language_model()),
          translation(train.is_translation()),
          bert(train.is_bert()),
          bert_pretraining(train.is_bert_pretraining()),
          num_steps(language_model ? train.num_steps : 1) {
        if (language_model)
            sequences.emplace(train, config.batch_size, config.seed);
        else
            loader.emplace(train, config.batch_size, /*shuffle=*/true, config.seed);
        ctx.training = true;
        ctx.rng = &dropout_rng;
        if (language_model) ctx.state = &state;
        if (translation) ctx.lengths = &sequences_batch.lengths;
        if (bert) ctx.lengths = &bert_batch.lengths;
    }

    void start_epoch() {
        if (sequences) {
            sequences->start_epoch();
            state.clear();  // D2L's train_epoch_ch8: every epoch starts from a zero state
        } else {
            loader->start_epoch();
        }
    }
    bool next_batch() {
        if (!sequences) return loader->next(batch);
        // Random sampling: the rows do not continue the previous batch's, so no state carries over.
        if (sequences->sampling() == Sampling::Random) state.clear();
        return sequences->next(batch);
    }
    int64_t num_batches() const { return sequences ? sequences->num_batches() : loader->num_batches(); }

    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<Optimizer> head_optimizer;  // fine-tuning with a head learning rate (TrainConfig::head_lr)
    ParamList trained;                          // the parameters the optimizers update (all but the frozen)
    std::vector<Network::NodeParams> groups;
    std::optional<BatchLoader> loader;         // every data set but text corpora
    std::optional<SequenceBatches> sequences;  // language models
    RecurrentState state;                      // language models: the hidden state carried between batches
    Rng dropout_rng;
    ForwardContext ctx;
    bool classification, language_model, translation, bert, bert_pretraining;
    int64_t num_steps;                 // labels per example: num_steps for a language model, else 1
    TranslationBatch sequences_batch;  // translation: the current batch's decoder input, labels and lengths
    BertBatch bert_batch;              // BERT: the current batch's segments, lengths (and masked-LM targets)
    std::unique_ptr<HotTeam> team;     // keeps worker threads awake between the step's GEMMs
    TrainSummary summary;
    Batch batch;
    int64_t step = 0;
    Epoch epoch;
    bool pause_reported = false;  // on_paused(true) sent, on_paused(false) not yet
    LossExplosionWatch loss_watch;
    std::optional<TrainWarning> new_warning;  // raised by the current batch
    std::vector<ProbeOrder> probe_orders;     // for the current step
    std::optional<ProbeSink> probes;
    std::vector<Clock::time_point> last_probes;  // per observer
};

Trainer::Trainer(Network& net, const DataSplit& data, TrainConfig config)
    : net_(net), data_(data), config_(std::move(config)) {
    loss_ = config_.loss == "auto" ? default_loss(data_.train) : parse_loss(config_.loss);
}

Trainer::~Trainer() {
    unfreeze();  // a run that threw may have left parameters frozen
}

void Trainer::add_observer(TrainingObserver* observer) {
    observers_.push_back(observer);
}

// The controls only change flags; the training thread acts on them (and tells the observers) at
// the next batch boundary, so observers hear about a pause on the training thread, once it is real.
void Trainer::pause() {
    paused_ = true;
}

void Trainer::resume() {
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
        step_budget_ = 0;  // steps asked for while paused must not shorten a later pause
    }
    wake_.notify_all();
}

void Trainer::step(int64_t batches) {
    {
        std::lock_guard lock(mutex_);
        if (!paused_) return;  // a running loop has no use for it, and a later pause must not inherit it
        step_budget_ += batches;
    }
    wake_.notify_all();
}

void Trainer::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
}

Trainer::PauseMove Trainer::take_pause_move() {
    if (stop_) return PauseMove::Stop;
    if (!paused_) return PauseMove::Go;
    if (step_budget_ > 0) {
        --step_budget_;
        return PauseMove::Step;
    }
    return PauseMove::Park;
}

void Trainer::report_paused(Run& run, bool paused) {
    if (run.pause_reported == paused) return;
    run.pause_reported = paused;
    for (auto* o : observers_) o->on_paused(paused);
}

bool Trainer::handle_pause(Run& run) {
    if (!paused_ && !stop_) return true;
    const auto wait_start = Clock::now();
    std::unique_lock lock(mutex_);
    PauseMove move = take_pause_move();
    while (move == PauseMove::Park) {
        lock.unlock();     // observers may call the controls from on_paused
        run.team.reset();  // no spinning while the learner looks around
        report_paused(run, true);
        lock.lock();
        wake_.wait(lock, [&] { return stop_ || !paused_ || step_budget_ > 0; });
        move = take_pause_move();
    }
    lock.unlock();
    // A step runs one batch inside the pause; only resuming or stopping leaves it.
    if (move != PauseMove::Step) report_paused(run, false);
    if (move != PauseMove::Stop && !run.team) run.team = std::make_unique<HotTeam>();
    run.epoch.paused_seconds += seconds_since(wait_start);
    return move != PauseMove::Stop;
}

void Trainer::snapshot_weights() {
    if (last_good_.size() != state_.size()) {
        last_good_.clear();
        for (const Tensor& t : state_) last_good_.push_back(Tensor::empty(t.shape()));
    }
    for (size_t i = 0; i < state_.size(); ++i) {
        const float* src = state_[i].data();
        float* dst = last_good_[i].data();
        parallel_for(last_good_[i].numel(), 1 << 16, [&](int64_t b, int64_t e) {
            std::memcpy(dst + b, src + b, static_cast<size_t>(e - b) * sizeof(float));
        });
    }
}

void Trainer::restore_weights() {
    for (size_t i = 0; i < state_.size() && i < last_good_.size(); ++i) state_[i].copy_from(last_good_[i]);
}

void Trainer::check_settings() const {
    if (config_.epochs < 1) throw InputError("epochs must be at least 1, got " + std::to_string(config_.epochs));
    if (config_.batch_size < 1)
        throw InputError("batch size must be at least 1, got " + std::to_string(config_.batch_size));
    if (data_.train.size() == 0) throw InputError("the training set '" + data_.train.name + "' is empty");
    check_output_fits(net_, data_.train, loss_);
    config_.schedule.validate();
}

std::unique_ptr<Trainer::Run> Trainer::prepare_run() {
    if (config_.threads > 0) set_num_threads(config_.threads);
    if (config_.initialize) net_.reset_parameters(config_.seed);
    params_ = net_.parameters();
    state_.clear();  // what a divergence restores: the weights and the buffers (BatchNorm's running statistics)
    for (const Param& p : params_) state_.push_back(p.var.value());
    for (const Buffer& b : net_.buffers()) state_.push_back(b.value);
    auto run = std::make_unique<Run>(data_.train, config_);
    run->groups = net_.parameters_by_node();
    make_optimizers(*run);
    run->last_probes.assign(observers_.size(), Clock::time_point{});
    return run;
}

namespace {
bool listed(const std::vector<std::string>& nodes, const std::string& node) {
    return std::find(nodes.begin(), nodes.end(), node) != nodes.end();
}
}  // namespace

// Splits the parameters into frozen (no gradient, no optimizer), head (head_lr) and the rest.
void Trainer::make_optimizers(Run& run) {
    for (const std::string& node : config_.frozen)
        if (std::none_of(run.groups.begin(), run.groups.end(), [&](const auto& g) { return g.node == node; }))
            throw InputError("cannot freeze '" + node + "': the network has no node with parameters called that");
    ParamList body, head;
    frozen_.clear();
    for (const auto& g : run.groups)
        for (size_t k : g.params) {
            if (listed(config_.frozen, g.node)) {
                frozen_.push_back(params_[k].var);
                continue;
            }
            run.trained.push_back(params_[k]);
            (config_.head_lr > 0 && listed(config_.head, g.node) ? head : body).push_back(params_[k]);
        }
    for (Var& v : frozen_) v.node()->requires_grad = false;  // backward skips their gradients: frozen is faster
    run.optimizer = make_optimizer(config_.optimizer, body);
    if (!head.empty()) {
        OptimizerConfig head_config = config_.optimizer;
        head_config.lr = config_.head_lr;
        run.head_optimizer = make_optimizer(head_config, head);
    }
}

void Trainer::unfreeze() {
    for (Var& v : frozen_) v.node()->requires_grad = true;
    frozen_.clear();
}

RunInfo Trainer::run_info(const Run& run) const {
    RunInfo info{net_.spec().name,
                 data_.train.name,
                 config_.optimizer.name,
                 loss_name(loss_),
                 config_.epochs,
                 run.num_batches(),
                 config_.batch_size,
                 data_.train.size(),
                 data_.test.size(),
                 run.classification,
                 {}};
    for (const auto& g : run.groups) info.layers.push_back(g.node);
    return info;
}

TrainSummary Trainer::run() {
    check_settings();
    // Declared before the run's tensors, so it runs after they are freed: give the kept blocks back.
    struct ReleaseCachedMemory {
        ~ReleaseCachedMemory() { release_cached_memory(); }
    } release_at_end;
    std::unique_ptr<Run> run = prepare_run();
    const RunInfo info = run_info(*run);
    for (auto* o : observers_) o->on_train_begin(info);
    run->team = std::make_unique<HotTeam>();
    for (int epoch = 1; epoch <= config_.epochs; ++epoch)
        if (!run_epoch(*run, epoch)) return run->summary;
    return finish(*run, TrainSummary::Outcome::Completed);
}

bool Trainer::run_epoch(Run& run, int epoch) {
    run.epoch = Run::Epoch{};
    run.epoch.lr = config_.schedule.lr_at(config_.optimizer.lr, epoch - 1, config_.epochs);
    run.optimizer->set_lr(run.epoch.lr);
    if (run.head_optimizer)  // the schedule scales the head's rate alike
        run.head_optimizer->set_lr(config_.optimizer.lr > 0 ? config_.head_lr * run.epoch.lr / config_.optimizer.lr
                                                            : config_.head_lr);
    run.start_epoch();
    run.epoch.start = Clock::now();
    auto stopped = [&] {
        finish(run, TrainSummary::Outcome::Stopped,
               "stopped at epoch " + std::to_string(epoch) + ", batch " + std::to_string(run.epoch.batch));
        return false;
    };
    // The pause is taken once the next batch is known to exist: a step asked for at the end of an epoch
    // then trains the next epoch's first batch instead of being used up by the epoch's end.
    while (run.next_batch()) {
        if (!handle_pause(run)) return stopped();
        if (!train_batch(run, epoch)) return false;
        if (config_.max_steps > 0 && run.step >= config_.max_steps) {  // D2L counts BERT's pretraining in steps
            end_epoch(run, epoch);
            finish(run, TrainSummary::Outcome::Completed);
            return false;
        }
    }
    if (stop_) return stopped();  // asked during the epoch's last batch: no end-of-epoch evaluation either
    end_epoch(run, epoch);
    return true;
}

bool Trainer::train_batch(Run& run, int epoch) {
    Run::Epoch& e = run.epoch;
    ++e.batch;
    ++run.step;
    plan_probes(run);
    run.optimizer->zero_grad();
    if (run.head_optimizer) run.head_optimizer->zero_grad();
    Var out, scores, loss;
    std::optional<BertPretrainingLoss> bert_loss;
    if (run.bert) {
        fill_bert_batch(data_.train, run.batch.indices, run.bert_batch);
        const std::vector<Var> xs = bert_inputs(data_.train, run.bert_batch);
        if (run.bert_pretraining) {
            bert_loss = bert_pretraining_loss(net_.forward_outputs(xs, run.ctx), run.bert_batch);
            loss = bert_loss->total;
        } else {
            scores = out = net_.forward(xs, run.ctx);
            loss = batch_loss(loss_, out, run.batch);
        }
    } else if (run.translation) {
        fill_translation_batch(data_.train, run.batch.indices, run.sequences_batch);
        out = net_.forward(std::vector<Var>{Var(run.batch.x), Var(run.sequences_batch.target_input)}, run.ctx);
        loss = masked_sequence_cross_entropy(out, run.sequences_batch.labels, run.sequences_batch.lengths.target);
    } else {
        out = net_.forward(Var(run.batch.x), run.ctx);
        scores = reshape_for_classes(out, run.language_model);
        loss = batch_loss(loss_, run.language_model ? scores : out, run.batch, run.language_model);
    }
    // Translation reports D2L's loss per valid token; the summed loss is what trains (masked_sequence_loss.h).
    const double loss_sum = loss.value().item();
    const float loss_value = run.translation
                                 ? static_cast<float>(loss_sum / std::max<int64_t>(run.sequences_batch.tokens, 1))
                                 : static_cast<float>(loss_sum);
    if (!std::isfinite(loss_value)) {
        restore_weights();
        finish(run, TrainSummary::Outcome::Diverged,
               "diverged at epoch " + std::to_string(epoch) + ", batch " + std::to_string(e.batch) +
                   ": the loss became " + (std::isnan(loss_value) ? "NaN" : "infinite") +
                   ". The weights from the last batch with a finite loss were kept. "
                   "Try a smaller learning rate or gradient clipping.");
        return false;
    }
    watch_loss(run, epoch, loss_value);
    if (!params_.empty())
        loss.backward(Var::Values::Release);  // nothing to learn (a fixed Nadaraya–Watson kernel): only scored
    GradientEvent grads = gradient_norms(run, epoch);
    grads.total_norm = config_.clip_norm > 0 ? clip_grad_norm(run.trained, config_.clip_norm) : unclipped_norm();
    snapshot_weights();
    run.optimizer->step();
    if (run.head_optimizer) run.head_optimizer->step();
    if (bert_loss) {
        e.mlm_sum += bert_loss->mlm * static_cast<double>(run.bert_batch.mlm_tokens);
        e.mlm_tokens += run.bert_batch.mlm_tokens;
        e.nsp_sum += bert_loss->nsp * static_cast<double>(run.batch.size);
        e.nsp_correct += bert_loss->nsp_correct;
    }

    e.loss_sum += run.translation ? loss_sum : static_cast<double>(loss_value) * run.batch.size;
    if (run.translation) e.tokens += run.sequences_batch.tokens;
    if (run.classification && !run.bert_pretraining) e.correct += count_correct(scores.value(), run.batch.labels);
    e.seen += run.batch.size;
    const double elapsed = seconds_since(e.start) - e.paused_seconds;
    BatchEvent be{epoch, e.batch, run.num_batches(), run.step, loss_value, e.lr, e.seen / std::max(elapsed, 1e-9)};
    if (bert_loss) {
        be.mlm_loss = static_cast<float>(bert_loss->mlm);
        be.nsp_loss = static_cast<float>(bert_loss->nsp);
    }
    for (auto* o : observers_) {
        o->on_batch_end(be);
        if (config_.gradient_norms) o->on_gradients(grads);
    }
    if (run.new_warning)
        for (auto* o : observers_) o->on_warning(*run.new_warning);
    run.new_warning.reset();
    deliver_probes(run, epoch);
    return true;
}

// Keeps training when the loss explodes but says so once. Stopping would be a guess: the learner may
// want to watch the curve (that is the lesson), a schedule may still bring the rate down, and a
// loss that keeps growing overflows soon anyway, which stops the run as a divergence and restores
// the last finite weights.
void Trainer::watch_loss(Run& run, int epoch, float loss) {
    if (!run.loss_watch.exploded(loss)) return;
    run.new_warning = loss_exploded_warning(run.loss_watch.start_loss(), loss, epoch, run.epoch.batch, run.step,
                                            run.epoch.lr, config_.clip_norm);
    run.summary.warnings.push_back(*run.new_warning);
}

// The global gradient norm when nothing clips it: worked out only for observers that get gradient norms.
float Trainer::unclipped_norm() const {
    return config_.gradient_norms && !observers_.empty() ? grad_norm(params_) : 0.0f;
}

GradientEvent Trainer::gradient_norms(const Run& run, int epoch) const {
    GradientEvent grads{epoch, run.step, {}, 0};
    if (!config_.gradient_norms || observers_.empty()) return grads;
    for (const auto& g : run.groups) {
        double sq = 0;
        for (size_t k : g.params) sq += std::pow(static_cast<double>(grad_norm(params_[k].var)), 2);
        grads.layers.push_back({g.node, static_cast<float>(std::sqrt(sq))});
    }
    return grads;
}

// Asks each observer what it wants on this step. Only when one is due does the forward pass get a
// sink, with the union of the names; otherwise ctx.probes stays null and nothing is copied.
void Trainer::plan_probes(Run& run) {
    run.probe_orders.clear();
    for (size_t i = 0; i < observers_.size(); ++i) {
        ProbeRequest request = observers_[i]->probe_request();
        if (request.empty() || run.step % std::max<int64_t>(request.every_steps, 1) != 0) continue;
        if (request.min_interval_ms > 0 &&
            Clock::now() - run.last_probes[i] < std::chrono::milliseconds(request.min_interval_ms))
            continue;
        run.probe_orders.push_back({i, std::move(request)});
    }
    run.ctx.probes = nullptr;
    run.probes.reset();
    if (run.probe_orders.empty()) return;
    std::vector<std::string> patterns;
    for (const auto& order : run.probe_orders)
        patterns.insert(patterns.end(), order.request.names.begin(), order.request.names.end());
    run.ctx.probes = &run.probes.emplace(std::move(patterns));
}

// Gives each due observer the probes its own request names.
void Trainer::deliver_probes(Run& run, int epoch) {
    if (!run.probes) return;
    const auto now = Clock::now();
    for (const auto& order : run.probe_orders) {
        run.last_probes[order.observer] = now;
        for (const ProbeSink::Probe& p : run.probes->probes()) {
            const auto& names = order.request.names;
            if (std::none_of(names.begin(), names.end(),
                             [&](const std::string& pattern) { return probe_name_matches(pattern, p.name); }))
                continue;
            observers_[order.observer]->on_probe(ProbeEvent{p.name, epoch, run.step, run.batch.indices, p.value});
        }
    }
    run.ctx.probes = nullptr;
    run.probes.reset();
}

void Trainer::end_epoch(Run& run, int epoch) {
    const Run::Epoch& e = run.epoch;
    EpochMetrics m;
    m.epoch = epoch;
    m.seconds = seconds_since(e.start) - e.paused_seconds;
    m.train_loss = e.loss_sum / std::max<int64_t>(run.translation ? e.tokens : e.seen, 1);
    m.train_acc =
        run.classification ? static_cast<double>(e.correct) / std::max<int64_t>(e.seen * run.num_steps, 1) : kNaN;
    PredictionEvent predictions;
    predictions.epoch = epoch;
    const Evaluation test =
        evaluate(net_, data_.test, loss_, evaluation_batch_size(config_, data_.test), &predictions.predicted);
    m.test_loss = test.loss;
    m.test_acc = test.accuracy;
    m.examples_per_sec = e.seen / std::max(m.seconds, 1e-9);
    if (run.language_model) {
        // The loss is already the mean per token (every batch has the same B × T tokens).
        m.perplexity = std::exp(m.train_loss);
        m.tokens_per_sec = m.examples_per_sec * static_cast<double>(run.num_steps);
    }
    if (run.bert_pretraining) {
        m.mlm_loss = e.mlm_sum / static_cast<double>(std::max<int64_t>(e.mlm_tokens, 1));
        m.nsp_loss = e.nsp_sum / static_cast<double>(std::max<int64_t>(e.seen, 1));
        m.nsp_acc = static_cast<double>(e.nsp_correct) / static_cast<double>(std::max<int64_t>(e.seen, 1));
        m.train_loss = m.mlm_loss + m.nsp_loss;
        m.train_acc = m.nsp_acc;
    }
    if (run.translation) {
        m.tokens_per_sec = static_cast<double>(e.tokens) / std::max(m.seconds, 1e-9);
        m.bleu = mean_bleu(net_, data_.test, config_.eval_batch_size);
    }
    m.lr = e.lr;
    run.summary.history.push_back(m);
    run.summary.epochs_done = epoch;
    run.summary.steps_done = run.step;
    if (!predictions.predicted.empty())
        for (auto* o : observers_) o->on_test_predictions(predictions);
    for (auto* o : observers_) o->on_epoch_end(m);
}

TrainSummary Trainer::finish(Run& run, TrainSummary::Outcome outcome, std::string message) {
    unfreeze();
    report_paused(run, false);
    run.summary.outcome = outcome;
    run.summary.message = std::move(message);
    for (auto* o : observers_) o->on_train_end(run.summary);
    return run.summary;
}

}  // namespace dl
