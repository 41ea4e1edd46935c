#include "ui/training/training_controller.h"

#include <QMetaObject>

#include <algorithm>
#include <chrono>
#include <optional>

#include "engine/core/error.h"
#include "engine/io/model_file.h"
#include "engine/nn/fit_to_training_data.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/train/inspection.h"
#include "engine/train/translation_batch.h"

namespace {
// Deep copies: the training thread keeps changing the originals.
TensorMap watched_parameters(dl::Network& net, const std::vector<std::string>& names) {
    TensorMap out;
    if (names.empty()) return out;
    for (dl::Param& p : net.parameters())
        if (std::find(names.begin(), names.end(), p.name) != names.end()) out[p.name] = p.var.value().clone();
    return out;
}
// Embedding / OneHot with vocab_size 0 read the data set's vocabulary (a translation's source or target
// side, by the input they read); NadarayaWatson keeps as many points as the training set has.
dl::NetworkSpec fittedToData(dl::NetworkSpec spec, const dl::DataSplit& data) {
    if (data.train.is_language_model()) dl::fit_to_vocabulary(spec, data.train.text->vocab_size());
    if (data.train.bert) dl::fit_to_vocabulary(spec, data.train.bert->size());  // BERT's token embedding
    if (const dl::TranslationCorpus* pairs = data.train.translation.get())
        dl::fit_to_vocabularies(spec, pairs->source_vocab_size(), pairs->target_vocab_size());
    dl::fit_to_training_data(spec, data.train);
    return spec;
}

// The network for this data set, one input shape per network input ("source" and "target" for translation);
// a network whose inputs do not fit the data set gets the trainer's message, not a count mismatch.
std::unique_ptr<dl::Network> networkFor(const dl::NetworkSpec& spec, const dl::DataSplit& data) {
    const dl::NetworkSpec fitted = fittedToData(spec, data);
    dl::check_inputs_fit(fitted.input_names(), fitted.name, data.train);
    const std::vector<dl::Shape> shapes = dl::network_input_shapes(data.train);
    auto network = std::make_unique<dl::Network>(fitted, std::span<const dl::Shape>(shapes));
    dl::load_training_points(*network, data.train);
    return network;
}

// Fine-tuning (D2L §15.7): the seed's weights, then the pretrained ones the network shares; the rest is the head.
dl::ParameterTransfer startFromPretrained(const FineTuningStart& from, dl::Network& net, dl::TrainConfig& config) {
    if (!from.pretrained) {
        if (from.freeze) throw dl::InputError("freezing the pretrained layers needs a pretrained model to start from");
        return {};
    }
    net.reset_parameters(config.seed);  // the head's initial weights: the same as a from-scratch run's
    dl::ParameterTransfer transfer = dl::copy_matching_parameters(from.pretrained->network, net);
    if (transfer.copied_nodes.empty())
        throw dl::InputError(from.path + " shares no layer with the network " + net.spec().name +
                             ": nothing to start from (choose random weights, or a BERT pretrained with bert-tiny)");
    config.initialize = false;
    config.head = transfer.new_nodes;
    config.frozen.clear();
    if (from.freeze) config.frozen = transfer.copied_nodes;
    return transfer;
}
}  // namespace

// Collects observer callbacks on the training thread; the GUI thread takes them in batches.
// Histograms and decision grids need the network, so they are taken here, on the training thread,
// between batches: the only moment its weights are consistent.
class TrainingController::PendingEvents : public dl::TrainingObserver {
public:
    PendingEvents(dl::Network& net, const dl::DataSplit& data, int interval_ms, std::atomic<int64_t>& step)
        : net_(net), data_(data), min_interval_(std::chrono::milliseconds(interval_ms)), step_(step) {}

    void on_train_begin(const dl::RunInfo& info) override {
        {
            std::lock_guard lock(mutex_);
            info_ = info;
            has_info_ = true;
        }
        snapshot();  // the freshly initialized weights: the views compare later ones against these
        std::vector<NetworkJob> jobs;
        {
            std::lock_guard lock(mutex_);
            initial_histograms_.swap(histograms_);
            for (const auto& [name, job] : train_begin_jobs_) jobs.push_back(job);
        }
        run_jobs(std::move(jobs), 0);
    }
    void on_batch_end(const dl::BatchEvent& e) override {
        step_.store(e.step);  // before any job of this batch runs: trainingStep() names the weights it sees
        {
            std::lock_guard lock(mutex_);
            batches_.push_back(e);
            epoch_ = e.epoch;
        }
        if (Clock::now() >= next_snapshot_) snapshot();
        run_jobs(take_one_shot_jobs(), e.epoch - 1);  // the epoch in progress is not finished yet
    }
    dl::ProbeRequest probe_request() const override {
        std::lock_guard lock(request_mutex_);
        return request_;
    }
    void on_probe(const dl::ProbeEvent& e) override {
        std::lock_guard lock(mutex_);
        probes_[e.name] = e;
    }
    void on_test_predictions(const dl::PredictionEvent& e) override {
        std::lock_guard lock(mutex_);
        predictions_ = e;
    }
    void on_gradients(const dl::GradientEvent& e) override {
        std::lock_guard lock(mutex_);
        gradients_.push_back(e);
    }
    void on_epoch_end(const dl::EpochMetrics& m) override {
        snapshot();
        std::vector<NetworkJob> jobs;
        {
            std::lock_guard lock(mutex_);
            for (const auto& [name, job] : epoch_jobs_) jobs.push_back(job);
        }
        run_jobs(std::move(jobs), m.epoch);
        std::lock_guard lock(mutex_);
        epochs_.push_back(m);
    }
    void on_warning(const dl::TrainWarning& w) override {
        std::lock_guard lock(mutex_);
        warnings_.push_back(w);
    }
    // After the run, still on the training thread: the views then show the weights that were kept
    // (after a divergence or a stop too), and the GUI thread never computes them.
    void final_snapshot() {
        try {
            snapshot();
        } catch (const std::exception&) {
            // A view is not worth a failure message; the run's own outcome is reported by finished().
        }
    }

    struct Drained {
        bool has_info = false;
        dl::RunInfo info;
        std::vector<dl::BatchEvent> batches;
        std::vector<dl::GradientEvent> gradients;
        std::vector<dl::EpochMetrics> epochs;
        std::vector<dl::TrainWarning> warnings;
        std::optional<std::vector<dl::Histogram>> initial_histograms, histograms;
        std::optional<dl::DecisionGrid> grid;
        std::optional<dl::PredictionEvent> predictions;
        std::optional<TensorMap> parameters;
        std::optional<std::pair<int64_t, std::vector<dl::Tensor>>> node_outputs;
        std::vector<dl::ProbeEvent> probes;
        std::vector<std::function<void()>> deliveries;
    };
    // Called from the GUI thread; the next snapshot honours it.
    void set_probes(std::vector<std::string> watched, int64_t example) {
        std::lock_guard lock(mutex_);
        watched_ = std::move(watched);
        probe_example_ = example;
    }
    void set_probe_request(dl::ProbeRequest request) {
        std::lock_guard lock(request_mutex_);
        request_ = std::move(request);
    }
    void set_epoch_jobs(std::map<std::string, NetworkJob> jobs) {
        std::lock_guard lock(mutex_);
        epoch_jobs_ = std::move(jobs);
    }
    void set_train_begin_jobs(std::map<std::string, NetworkJob> jobs) {
        std::lock_guard lock(mutex_);
        train_begin_jobs_ = std::move(jobs);
    }
    void add_one_shot_job(NetworkJob job) {
        std::lock_guard lock(mutex_);
        one_shot_jobs_.push_back(std::move(job));
    }
    // After the run, on the training thread: one-shot jobs still waiting see the final weights.
    void run_leftover_jobs() {
        int epoch = 0;
        {
            std::lock_guard lock(mutex_);
            epoch = epoch_;
        }
        run_jobs(take_one_shot_jobs(), epoch);
    }
    // Jobs that arrived after run_leftover_jobs (the GUI thread still thought the run active).
    std::vector<NetworkJob> take_one_shot_jobs() {
        std::lock_guard lock(mutex_);
        std::vector<NetworkJob> jobs;
        jobs.swap(one_shot_jobs_);
        return jobs;
    }
    Drained drain() {
        std::lock_guard lock(mutex_);
        Drained d;
        std::swap(d.has_info, has_info_);
        d.info = info_;
        d.batches.swap(batches_);
        d.gradients.swap(gradients_);
        d.epochs.swap(epochs_);
        d.warnings.swap(warnings_);
        d.initial_histograms.swap(initial_histograms_);
        d.histograms.swap(histograms_);
        d.grid.swap(grid_);
        d.predictions.swap(predictions_);
        d.parameters.swap(parameters_);
        d.node_outputs.swap(node_outputs_);
        for (auto& [name, probe] : probes_) d.probes.push_back(std::move(probe));
        probes_.clear();
        d.deliveries.swap(deliveries_);
        initial_histograms_.reset(), histograms_.reset(), grid_.reset(), predictions_.reset();
        parameters_.reset(), node_outputs_.reset();
        return d;
    }

private:
    using Clock = std::chrono::steady_clock;
    // A job that fails only leaves its view as it was (a view is not worth a failure message).
    void run_jobs(std::vector<NetworkJob> jobs, int epoch) {
        for (const NetworkJob& job : jobs) {
            std::function<void()> deliver;
            try {
                deliver = job(net_, data_, epoch);
            } catch (const std::exception&) {
            }
            if (!deliver) continue;
            std::lock_guard lock(mutex_);
            deliveries_.push_back(std::move(deliver));
        }
    }
    void snapshot() {
        const auto t0 = Clock::now();
        auto histograms = dl::weight_histograms(net_, kHistogramBins);
        std::optional<dl::DecisionGrid> grid;
        if (dl::has_decision_plane(data_.train)) grid = dl::decision_grid(net_, data_.train, kDecisionGridResolution);
        std::vector<std::string> watched;
        int64_t example = -1;
        {
            std::lock_guard lock(mutex_);
            watched = watched_;
            example = probe_example_;
        }
        TensorMap parameters = watched_parameters(net_, watched);
        std::optional<std::pair<int64_t, std::vector<dl::Tensor>>> outputs;
        if (example >= 0 && example < data_.test.size())
            outputs.emplace(example, dl::node_outputs(net_, data_.test, example));
        const auto t1 = Clock::now();
        // Keep the views' share of the run small even for big networks: wait 50x what this took.
        next_snapshot_ = t1 + std::max<Clock::duration>(min_interval_, 50 * (t1 - t0));
        std::lock_guard lock(mutex_);
        histograms_ = std::move(histograms);
        if (grid) grid_ = std::move(grid);
        if (!parameters.empty()) parameters_ = std::move(parameters);
        if (outputs) node_outputs_ = std::move(outputs);
    }

    dl::Network& net_;
    const dl::DataSplit& data_;
    Clock::duration min_interval_;
    std::atomic<int64_t>& step_;  // TrainingController::trainingStep_
    Clock::time_point next_snapshot_{};
    std::optional<std::vector<dl::Histogram>> initial_histograms_, histograms_;
    std::optional<dl::DecisionGrid> grid_;
    std::optional<dl::PredictionEvent> predictions_;
    std::vector<std::string> watched_;
    int64_t probe_example_ = -1;
    std::optional<TensorMap> parameters_;
    std::optional<std::pair<int64_t, std::vector<dl::Tensor>>> node_outputs_;

    std::mutex mutex_;
    bool has_info_ = false;
    dl::RunInfo info_;
    std::vector<dl::BatchEvent> batches_;
    std::vector<dl::GradientEvent> gradients_;
    std::vector<dl::EpochMetrics> epochs_;
    std::vector<dl::TrainWarning> warnings_;
    int epoch_ = 0;
    std::map<std::string, dl::ProbeEvent> probes_;
    std::map<std::string, NetworkJob> epoch_jobs_, train_begin_jobs_;
    std::vector<NetworkJob> one_shot_jobs_;
    std::vector<std::function<void()>> deliveries_;
    mutable std::mutex request_mutex_;  // apart: probe_request() is asked before every batch
    dl::ProbeRequest request_;
};

// What the views show of an idle network, computed on the job thread. Each view on its own: one
// that fails (a view is not worth a failure message) leaves the others.
struct TrainingController::IdleViews {
    std::optional<std::vector<dl::Histogram>> histograms;
    std::optional<dl::DecisionGrid> grid;
    TensorMap parameters;
    std::optional<std::pair<int64_t, std::vector<dl::Tensor>>> nodeOutputs;
    std::optional<std::vector<int32_t>> predictions;
    int epoch = 0;

    void takeSnapshot(dl::Network& net, const dl::DataSplit& data) {
        try {
            histograms = dl::weight_histograms(net, kHistogramBins);
            if (dl::has_decision_plane(data.train)) grid = dl::decision_grid(net, data.train, kDecisionGridResolution);
        } catch (const std::exception&) {
        }
    }
    void takeProbes(dl::Network& net, const dl::DataSplit& data, const std::vector<std::string>& watched,
                    int64_t example) {
        try {
            parameters = watched_parameters(net, watched);
            if (example >= 0 && example < data.test.size())
                nodeOutputs.emplace(example, dl::node_outputs(net, data.test, example));
        } catch (const std::exception&) {
        }
    }
    void takePredictions(dl::Network& net, const dl::DataSplit& data, int atEpoch) {
        if (!data.test.is_classification() || data.test.size() == 0) return;
        try {
            predictions = dl::predict_classes(net, data.test);
            epoch = atEpoch;
        } catch (const std::exception&) {
        }
    }
};

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<dl::RunInfo>();
    qRegisterMetaType<dl::EpochMetrics>();
    qRegisterMetaType<dl::TrainSummary>();
    qRegisterMetaType<dl::TrainWarning>();
    flushTimer_.setInterval(40);
    connect(&flushTimer_, &QTimer::timeout, this, &TrainingController::flush);
    jobs_.setMaxThreadCount(1);
}

TrainingController::~TrainingController() {
    if (trainer_) trainer_->stop();
    if (worker_.joinable()) worker_.join();
    jobs_.clear();  // jobs not started yet are dropped; a running one finishes first
    jobs_.waitForDone();
}

void TrainingController::start(const dl::NetworkSpec& spec, std::shared_ptr<const dl::DataSplit> data,
                               const dl::TrainConfig& requested, const FineTuningStart& from) {
    if (state_ == State::Running || state_ == State::Paused)
        throw std::logic_error("a training run is already active; stop it first");
    if (worker_.joinable()) worker_.join();
    // Everything that can fail is checked here, on the caller's thread, before a thread starts.
    auto network = networkFor(spec, *data);
    dl::TrainConfig config = requested;
    const dl::LossKind loss = config.loss == "auto" ? dl::default_loss(data->train) : dl::parse_loss(config.loss);
    dl::check_output_fits(*network, data->train, loss);
    transfer_ = startFromPretrained(from, *network, config);
    network_ = std::move(network);
    ++networkGeneration_;
    data_ = std::move(data);
    trainingStep_.store(0);
    events_ = std::make_unique<PendingEvents>(*network_, *data_, snapshotIntervalMs_, trainingStep_);
    events_->set_probes(watched_, probeExample_);
    events_->set_probe_request(probeRequest_);
    events_->set_epoch_jobs(epochJobs_);
    events_->set_train_begin_jobs(trainBeginJobs_);
    lastEpoch_ = 0;
    trainer_ = std::make_unique<dl::Trainer>(*network_, *data_, config);
    trainer_->add_observer(events_.get());
    setState(State::Running);
    flushTimer_.start();
    worker_ = std::thread([this] {
        dl::TrainSummary summary;
        try {
            summary = trainer_->run();
        } catch (const std::exception& e) {
            summary.outcome = dl::TrainSummary::Outcome::Failed;
            summary.message = e.what();
        }
        events_->final_snapshot();
        events_->run_leftover_jobs();
        workerSummary_ = std::move(summary);
        QMetaObject::invokeMethod(this, "onWorkerFinished", Qt::QueuedConnection);
    });
}

void TrainingController::onWorkerFinished() {
    if (worker_.joinable()) worker_.join();
    onWorkerDone(workerSummary_);
}

void TrainingController::adoptNetwork(std::unique_ptr<dl::Network> network, std::shared_ptr<const dl::DataSplit> data,
                                      int epoch) {
    if (state_ == State::Running || state_ == State::Paused)
        throw std::logic_error("a training run is active; stop it before replacing its network");
    if (worker_.joinable()) worker_.join();
    trainer_.reset();
    events_.reset();
    network_ = std::move(network);
    ++networkGeneration_;
    data_ = std::move(data);
    lastEpoch_ = epoch;
    computeViewsOfIdleNetwork(true, epoch);
}

void TrainingController::adoptSavedWeights(const dl::NetworkSpec& spec, std::shared_ptr<const dl::DataSplit> data,
                                           std::string weights, const std::string& source, int epoch) {
    adoptNetwork(nullptr, data, 0);  // the current model goes now; the saved one follows
    const uint64_t generation = networkGeneration_;
    const std::vector<std::string> watched = watched_;
    const int64_t example = probeExample_;
    runJob([this, spec, data, weights = std::move(weights), source, epoch, generation, watched,
            example]() -> std::function<void()> {
        std::shared_ptr<dl::Network> net;
        try {
            net = networkFor(spec, *data);
            dl::weights_from_bytes(*net, weights, source);
        } catch (const std::exception& e) {
            const QString error = QString::fromUtf8(e.what());
            return [this, generation, error] {
                if (generation == networkGeneration_) Q_EMIT adoptionFailed(error);
            };
        }
        auto views = std::make_shared<IdleViews>();
        views->takeSnapshot(*net, *data);
        views->takeProbes(*net, *data, watched, example);
        views->takePredictions(*net, *data, epoch);
        return [this, generation, net, views] {
            if (generation != networkGeneration_) return;  // a run or another network came first
            network_ = net;
            Q_EMIT networkAdopted();
            emitIdleViews(*views);
        };
    });
}

void TrainingController::runJob(std::function<std::function<void()>()> job) {
    ++pendingJobs_;
    jobs_.start([this, job = std::move(job)] {
        std::function<void()> deliver = job();
        QMetaObject::invokeMethod(
            this,
            [this, deliver = std::move(deliver)] {
                --pendingJobs_;
                if (deliver) deliver();
            },
            Qt::QueuedConnection);
    });
}

void TrainingController::computeViewsOfIdleNetwork(bool withPredictions, int epoch) {
    if (!network_ || !data_) return;
    const uint64_t generation = networkGeneration_;
    runJob([this, net = network_, data = data_, watched = watched_, example = probeExample_, withPredictions, epoch,
            generation]() -> std::function<void()> {
        auto views = std::make_shared<IdleViews>();
        views->takeSnapshot(*net, *data);
        views->takeProbes(*net, *data, watched, example);
        if (withPredictions) views->takePredictions(*net, *data, epoch);
        return [this, generation, views] {
            if (generation == networkGeneration_) emitIdleViews(*views);
        };
    });
}

void TrainingController::computeProbesOfIdleNetwork() {
    if (!network_ || !data_) return;
    const uint64_t generation = networkGeneration_, request = ++probeRequests_;
    runJob([this, net = network_, data = data_, watched = watched_, example = probeExample_, generation,
            request]() -> std::function<void()> {
        if (request != probeRequests_.load()) return {};  // a newer request is queued: skip this one
        auto views = std::make_shared<IdleViews>();
        views->takeProbes(*net, *data, watched, example);
        return [this, generation, request, views] {
            if (generation == networkGeneration_ && request == probeRequests_.load()) emitIdleViews(*views);
        };
    });
}

void TrainingController::emitIdleViews(const IdleViews& views) {
    if (views.histograms) Q_EMIT histogramsArrived(*views.histograms);
    if (views.grid) Q_EMIT decisionGridArrived(*views.grid);
    if (!views.parameters.empty()) Q_EMIT parametersArrived(views.parameters);
    if (views.nodeOutputs) Q_EMIT nodeOutputsArrived(views.nodeOutputs->first, views.nodeOutputs->second);
    if (views.predictions) Q_EMIT testPredictionsArrived(views.epoch, *views.predictions);
}

void TrainingController::pause() {
    if (state_ != State::Running) return;
    trainer_->pause();
    setState(State::Paused);
}

void TrainingController::resume() {
    if (state_ != State::Paused) return;
    trainer_->resume();
    setState(State::Running);
}

void TrainingController::step() {
    if (state_ == State::Paused) trainer_->step(1);
}

void TrainingController::stop() {
    if (trainer_ && (state_ == State::Running || state_ == State::Paused)) trainer_->stop();
}

void TrainingController::flush() {
    if (!events_) return;
    PendingEvents::Drained d = events_->drain();
    if (d.has_info) Q_EMIT runStarted(d.info);
    if (!d.batches.empty()) Q_EMIT batchesArrived(d.batches);
    if (!d.gradients.empty()) Q_EMIT gradientsArrived(d.gradients);
    if (d.predictions) Q_EMIT testPredictionsArrived(d.predictions->epoch, d.predictions->predicted);
    for (const auto& m : d.epochs) {
        lastEpoch_ = m.epoch;
        Q_EMIT epochFinished(m);
    }
    for (const auto& w : d.warnings) Q_EMIT warningRaised(w);
    if (d.initial_histograms) Q_EMIT histogramsArrived(*d.initial_histograms);
    if (d.histograms) Q_EMIT histogramsArrived(*d.histograms);
    if (d.grid) Q_EMIT decisionGridArrived(*d.grid);
    if (d.parameters) Q_EMIT parametersArrived(*d.parameters);
    if (d.node_outputs) Q_EMIT nodeOutputsArrived(d.node_outputs->first, d.node_outputs->second);
    if (!d.probes.empty()) Q_EMIT probesArrived(d.probes);
    for (const auto& deliver : d.deliveries) deliver();
}

void TrainingController::setWatchedParameters(const std::vector<std::string>& names) {
    watched_ = names;
    if (events_ && (state_ == State::Running || state_ == State::Paused))
        events_->set_probes(watched_, probeExample_);
    else
        computeProbesOfIdleNetwork();
}

void TrainingController::setProbeExample(int64_t testIndex) {
    probeExample_ = testIndex;
    if (events_ && (state_ == State::Running || state_ == State::Paused))
        events_->set_probes(watched_, probeExample_);
    else
        computeProbesOfIdleNetwork();
}

void TrainingController::setProbeRequest(const dl::ProbeRequest& request) {
    probeRequest_ = request;
    if (events_) events_->set_probe_request(probeRequest_);
}

void TrainingController::setEpochJob(const std::string& name, NetworkJob job) {
    if (job)
        epochJobs_[name] = std::move(job);
    else
        epochJobs_.erase(name);
    if (events_) events_->set_epoch_jobs(epochJobs_);
}

void TrainingController::setTrainBeginJob(const std::string& name, NetworkJob job) {
    if (job)
        trainBeginJobs_[name] = std::move(job);
    else
        trainBeginJobs_.erase(name);
    if (events_) events_->set_train_begin_jobs(trainBeginJobs_);
}

void TrainingController::runOnNetwork(NetworkJob job) {
    if (events_ && (state_ == State::Running || state_ == State::Paused)) {
        events_->add_one_shot_job(std::move(job));
        return;
    }
    if (!network_ || !data_) return;
    const uint64_t generation = networkGeneration_;
    runJob([this, net = network_, data = data_, epoch = lastEpoch_, generation,
            job = std::move(job)]() -> std::function<void()> {
        std::function<void()> deliver;
        try {
            deliver = job(*net, *data, epoch);
        } catch (const std::exception&) {
        }
        if (!deliver) return {};
        return [this, generation, deliver] {
            if (generation == networkGeneration_) deliver();
        };
    });
}

void TrainingController::onWorkerDone(const dl::TrainSummary& summary) {
    if (worker_.joinable()) worker_.join();
    flushTimer_.stop();
    flush();  // whatever arrived after the last tick, the final snapshot included
    setState(State::Finished);
    for (NetworkJob& job : events_->take_one_shot_jobs()) runOnNetwork(std::move(job));
    Q_EMIT finished(summary);
}

void TrainingController::setState(State state) {
    if (state_ == state) return;
    state_ = state;
    Q_EMIT stateChanged(state);
}
