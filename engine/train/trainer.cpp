#include "engine/train/trainer.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/data/batch_loader.h"
#include "engine/ops/shape_ops.h"
#include "engine/optim/clip.h"
#include "engine/train/inspection.h"

namespace dl {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Cross-entropy scores [B, classes]; a network ending in [B, 1, classes] etc. is flattened first.
Var reshape_for_classes(const Var& out) {
    return out.shape().size() == 2 ? out : reshape(out, {out.shape()[0], -1});
}

Var batch_loss(LossKind kind, const Var& out, const Batch& batch) {
    switch (kind) {
        case LossKind::CrossEntropy:
            return softmax_cross_entropy(reshape_for_classes(out), batch.labels);
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
    return data.is_classification() ? LossKind::CrossEntropy : LossKind::MeanSquaredError;
}

void check_output_fits(const Network& net, const Dataset& data, LossKind loss) {
    check_output_fits(net.output_shape(), net.spec().output_id(), data, loss);
}

void check_output_fits(const Shape& out, const std::string& last, const Dataset& data, LossKind loss) {
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

Evaluation evaluate(Network& net, const Dataset& data, LossKind loss, int64_t batch_size,
                    std::vector<int32_t>* predicted) {
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

Trainer::Trainer(Network& net, const DataSplit& data, TrainConfig config)
    : net_(net), data_(data), config_(std::move(config)) {
    loss_ = config_.loss == "auto" ? default_loss(data_.train) : parse_loss(config_.loss);
}

Trainer::~Trainer() = default;

void Trainer::add_observer(TrainingObserver* observer) {
    observers_.push_back(observer);
}

void Trainer::pause() {
    paused_ = true;
    for (auto* o : observers_) o->on_paused(true);
}

void Trainer::resume() {
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
    }
    wake_.notify_all();
    for (auto* o : observers_) o->on_paused(false);
}

void Trainer::step(int64_t batches) {
    {
        std::lock_guard lock(mutex_);
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

bool Trainer::wait_if_paused() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return stop_ || !paused_ || step_budget_ > 0; });
    if (stop_) return false;
    if (paused_ && step_budget_ > 0) --step_budget_;
    return true;
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

TrainSummary Trainer::run() {
    if (config_.epochs < 1) throw InputError("epochs must be at least 1, got " + std::to_string(config_.epochs));
    if (config_.batch_size < 1)
        throw InputError("batch size must be at least 1, got " + std::to_string(config_.batch_size));
    if (data_.train.size() == 0) throw InputError("the training set '" + data_.train.name + "' is empty");
    check_output_fits(net_, data_.train, loss_);
    config_.schedule.validate();
    if (config_.threads > 0) set_num_threads(config_.threads);
    if (config_.initialize) net_.reset_parameters(config_.seed);
    // Declared before the run's tensors, so it runs after they are freed: give the kept blocks back.
    struct ReleaseCachedMemory {
        ~ReleaseCachedMemory() { release_cached_memory(); }
    } release_at_end;

    params_ = net_.parameters();
    state_.clear();  // what a divergence restores: the weights and the buffers (BatchNorm's running statistics)
    for (const Param& p : params_) state_.push_back(p.var.value());
    for (const Buffer& b : net_.buffers()) state_.push_back(b.value);
    auto optimizer = make_optimizer(config_.optimizer, params_);
    const auto groups = net_.parameters_by_node();
    BatchLoader loader(data_.train, config_.batch_size, /*shuffle=*/true, config_.seed);
    Rng dropout_rng(config_.seed ^ 0xD1B54A32D192ED03ull);
    ForwardContext ctx{true, &dropout_rng};
    const bool classification = data_.train.is_classification();

    RunInfo info{net_.spec().name,
                 data_.train.name,
                 config_.optimizer.name,
                 loss_name(loss_),
                 config_.epochs,
                 loader.num_batches(),
                 config_.batch_size,
                 data_.train.size(),
                 data_.test.size(),
                 classification,
                 {}};
    for (const auto& g : groups) info.layers.push_back(g.node);
    for (auto* o : observers_) o->on_train_begin(info);

    TrainSummary summary;
    Batch batch;
    int64_t step = 0;
    auto team = std::make_unique<HotTeam>();  // keep worker threads awake between the step's GEMMs
    for (int epoch = 1; epoch <= config_.epochs; ++epoch) {
        const float lr = config_.schedule.lr_at(config_.optimizer.lr, epoch - 1, config_.epochs);
        optimizer->set_lr(lr);
        loader.start_epoch();
        const auto t0 = Clock::now();
        double paused_seconds = 0, loss_sum = 0;
        int64_t seen = 0, correct = 0, b = 0;
        while (true) {
            if (paused_ || stop_) {
                const auto wait_start = Clock::now();
                if (paused_ && step_budget_ == 0) team.reset();  // no spinning while the learner looks around
                const bool go_on = wait_if_paused();
                if (!team) team = std::make_unique<HotTeam>();
                if (!go_on) {
                    summary.outcome = TrainSummary::Outcome::Stopped;
                    summary.message = "stopped at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b);
                    for (auto* o : observers_) o->on_train_end(summary);
                    return summary;
                }
                paused_seconds += seconds_since(wait_start);
            }
            if (!loader.next(batch)) break;
            ++b;
            ++step;
            optimizer->zero_grad();
            Var out = net_.forward(Var(batch.x), ctx);
            Var loss = batch_loss(loss_, out, batch);
            const float loss_value = loss.value().item();
            if (!std::isfinite(loss_value)) {
                restore_weights();
                summary.outcome = TrainSummary::Outcome::Diverged;
                summary.message = "diverged at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b) +
                                  ": the loss became " + (std::isnan(loss_value) ? "NaN" : "infinite") +
                                  ". The weights from the last batch with a finite loss were kept. "
                                  "Try a smaller learning rate or gradient clipping.";
                for (auto* o : observers_) o->on_train_end(summary);
                return summary;
            }
            loss.backward();
            GradientEvent grads{epoch, step, {}, 0};
            if (config_.gradient_norms && !observers_.empty())
                for (const auto& g : groups) {
                    double sq = 0;
                    for (size_t k : g.params) sq += std::pow(static_cast<double>(grad_norm(params_[k].var)), 2);
                    grads.layers.push_back({g.node, static_cast<float>(std::sqrt(sq))});
                }
            grads.total_norm = config_.clip_norm > 0 ? clip_grad_norm(params_, config_.clip_norm) : 0.0f;
            snapshot_weights();
            optimizer->step();

            loss_sum += static_cast<double>(loss_value) * batch.size;
            if (classification) correct += count_correct(out.value(), batch.labels);
            seen += batch.size;
            const double elapsed = seconds_since(t0) - paused_seconds;
            BatchEvent be{epoch, b, loader.num_batches(), step, loss_value, lr, seen / std::max(elapsed, 1e-9)};
            for (auto* o : observers_) {
                o->on_batch_end(be);
                if (config_.gradient_norms) o->on_gradients(grads);
            }
        }
        EpochMetrics m;
        m.epoch = epoch;
        m.seconds = seconds_since(t0) - paused_seconds;
        m.train_loss = loss_sum / std::max<int64_t>(seen, 1);
        m.train_acc = classification ? static_cast<double>(correct) / std::max<int64_t>(seen, 1) : kNaN;
        PredictionEvent predictions;
        predictions.epoch = epoch;
        const Evaluation test = evaluate(net_, data_.test, loss_, config_.eval_batch_size, &predictions.predicted);
        m.test_loss = test.loss;
        m.test_acc = test.accuracy;
        m.examples_per_sec = seen / std::max(m.seconds, 1e-9);
        m.lr = lr;
        summary.history.push_back(m);
        summary.epochs_done = epoch;
        summary.steps_done = step;
        if (!predictions.predicted.empty())
            for (auto* o : observers_) o->on_test_predictions(predictions);
        for (auto* o : observers_) o->on_epoch_end(m);
    }
    summary.outcome = TrainSummary::Outcome::Completed;
    for (auto* o : observers_) o->on_train_end(summary);
    return summary;
}

}  // namespace dl
