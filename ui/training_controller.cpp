#include "ui/training_controller.h"

#include <QMetaObject>

// Collects observer callbacks on the training thread; the GUI thread takes them in batches.
class TrainingController::Buffer : public dl::TrainingObserver {
public:
    void on_train_begin(const dl::RunInfo& info) override {
        std::lock_guard lock(mutex_);
        info_ = info;
        has_info_ = true;
    }
    void on_batch_end(const dl::BatchEvent& e) override {
        std::lock_guard lock(mutex_);
        batches_.push_back(e);
    }
    void on_gradients(const dl::GradientEvent& e) override {
        std::lock_guard lock(mutex_);
        gradients_.push_back(e);
    }
    void on_epoch_end(const dl::EpochMetrics& m) override {
        std::lock_guard lock(mutex_);
        epochs_.push_back(m);
    }

    struct Drained {
        bool has_info = false;
        dl::RunInfo info;
        std::vector<dl::BatchEvent> batches;
        std::vector<dl::GradientEvent> gradients;
        std::vector<dl::EpochMetrics> epochs;
    };
    Drained drain() {
        std::lock_guard lock(mutex_);
        Drained d;
        std::swap(d.has_info, has_info_);
        d.info = info_;
        d.batches.swap(batches_);
        d.gradients.swap(gradients_);
        d.epochs.swap(epochs_);
        return d;
    }

private:
    std::mutex mutex_;
    bool has_info_ = false;
    dl::RunInfo info_;
    std::vector<dl::BatchEvent> batches_;
    std::vector<dl::GradientEvent> gradients_;
    std::vector<dl::EpochMetrics> epochs_;
};

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<dl::RunInfo>();
    qRegisterMetaType<dl::EpochMetrics>();
    qRegisterMetaType<dl::TrainSummary>();
    flushTimer_.setInterval(40);
    connect(&flushTimer_, &QTimer::timeout, this, &TrainingController::flush);
}

TrainingController::~TrainingController() {
    if (trainer_) trainer_->stop();
    if (worker_.joinable()) worker_.join();
}

void TrainingController::start(const dl::NetworkSpec& spec, std::shared_ptr<const dl::DataSplit> data,
                               const dl::TrainConfig& config) {
    if (state_ == State::Running || state_ == State::Paused)
        throw std::logic_error("a training run is already active; stop it first");
    if (worker_.joinable()) worker_.join();
    // Everything that can fail is checked here, on the caller's thread, before a thread starts.
    auto network = std::make_unique<dl::Network>(spec, data->train.sample_shape());
    const dl::LossKind loss = config.loss == "auto" ? dl::default_loss(data->train) : dl::parse_loss(config.loss);
    dl::check_output_fits(*network, data->train, loss);
    network_ = std::move(network);
    data_ = std::move(data);
    buffer_ = std::make_unique<Buffer>();
    trainer_ = std::make_unique<dl::Trainer>(*network_, *data_, config);
    trainer_->add_observer(buffer_.get());
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
        QMetaObject::invokeMethod(this, [this, summary] { onWorkerDone(summary); }, Qt::QueuedConnection);
    });
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
    if (!buffer_) return;
    Buffer::Drained d = buffer_->drain();
    if (d.has_info) Q_EMIT runStarted(d.info);
    if (!d.batches.empty()) Q_EMIT batchesArrived(d.batches);
    if (!d.gradients.empty()) Q_EMIT gradientsArrived(d.gradients);
    for (const auto& m : d.epochs) Q_EMIT epochFinished(m);
}

void TrainingController::onWorkerDone(const dl::TrainSummary& summary) {
    if (worker_.joinable()) worker_.join();
    flushTimer_.stop();
    flush();  // whatever arrived after the last tick
    setState(State::Finished);
    Q_EMIT finished(summary);
}

void TrainingController::setState(State state) {
    if (state_ == state) return;
    state_ = state;
    Q_EMIT stateChanged(state);
}
