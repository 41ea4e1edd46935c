#pragma once
// TrainingController: runs a dl::Trainer on a worker thread and turns its observer callbacks into
// Qt signals on the GUI thread. Callbacks are buffered and delivered on a timer (25 Hz by default),
// never once per batch, so a fast run cannot flood the event loop.
//
// Who touches the network when: during a run (Running, Paused) only the training thread, which
// also takes the views' snapshots and the final one before the run ends. Otherwise the network is
// read-only: the job thread computes the views of an idle network (histograms, decision grid,
// predictions, probes) and the GUI thread may read its weights (save, export). No thread changes an
// idle network; each run and each adoption brings a new one, and jobs keep the one they read alive.
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/nn/parameter_transfer.h"
#include "engine/train/observer.h"
#include "engine/train/trainer.h"
#include "ui/training/engine_metatypes.h"
#include "ui/training/fine_tuning_start.h"

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Finished };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;  // stops a running training and waits for it

    // Builds the network for the data and starts training on a worker thread. Throws
    // dl::InputError / dl::ShapeError (and starts nothing) when the setup cannot work. With a pretrained
    // model in `from`, the network starts from the seed's weights with the pretrained ones copied in
    // (fine-tuning, D2L §15.7): the layers it lacks are the head, trained at config.head_lr.
    void start(const dl::NetworkSpec& spec, std::shared_ptr<const dl::DataSplit> data, const dl::TrainConfig& config,
               const FineTuningStart& from = {});
    // What the last start copied from a pretrained model (empty nodes when it started from random weights).
    const dl::ParameterTransfer& lastTransfer() const { return transfer_; }
    State state() const { return state_; }
    // Takes a network trained elsewhere as the current model, so the views and exports show it; only
    // while no run is active. Its histograms, decision grid and test predictions (as of `epoch`, 0 =
    // unknown) are computed on the job thread and arrive as signals soon after.
    void adoptNetwork(std::unique_ptr<dl::Network> network, std::shared_ptr<const dl::DataSplit> data, int epoch);
    // The same for saved weights (safetensors bytes, e.g. a project's; `source` names them in errors):
    // the current model is dropped at once, the new network is built and filled on the job thread,
    // then adopted (networkAdopted()), or adoptionFailed() says why. Superseded when a run starts or
    // another network is adopted first.
    void adoptSavedWeights(const dl::NetworkSpec& spec, std::shared_ptr<const dl::DataSplit> data, std::string weights,
                           const std::string& source, int epoch);
    // The network of the last run or adoption; only read it while no run is active.
    dl::Network* network() const { return network_.get(); }
    // True while the job thread has views or an adoption to deliver (tests wait for it).
    bool jobsPending() const { return pendingJobs_ > 0; }
    void setRefreshInterval(int milliseconds) { flushTimer_.setInterval(milliseconds); }
    // Weight histograms and (for 2-D data) the decision grid are computed on the training thread
    // between batches, at most this often, and at every epoch's end. Default 250 ms; the interval
    // also grows so that computing them never takes more than ~2% of the training time.
    void setSnapshotInterval(int milliseconds) { snapshotIntervalMs_ = milliseconds; }
    // Views may ask for copies of some parameters (a convolution's filters, BatchNorm's γ and β) and
    // for every node's output on one test example (feature maps); they come with each snapshot,
    // and at once when no run is active.
    void setWatchedParameters(const std::vector<std::string>& names);
    void setProbeExample(int64_t testIndex);  // -1: none
    // Probes named inside the model during training batches ("lstm.step_grad_norm"), as
    // TrainingObserver::probe_request words them; an empty request (the default) asks for none, so
    // the trainer copies nothing. The latest value of each arrives with probesArrived().
    void setProbeRequest(const dl::ProbeRequest& request);
    // Work a view does on the network itself (generate text, run a sentence with probes): it runs
    // on the training thread at every epoch's end (setEpochJob) or once at the next batch boundary
    // (runOnNetwork; on the job thread when no run is active) and never on the GUI thread. The
    // function it returns is then called on the GUI thread. epoch is the epoch just finished (0 idle).
    using NetworkJob = std::function<std::function<void()>(dl::Network& net, const dl::DataSplit& data, int epoch)>;
    // The training step whose weights a job sees (0 before the first): for jobs, which run on the training thread.
    int64_t trainingStep() const { return trainingStep_.load(); }
    void setEpochJob(const std::string& name, NetworkJob job);  // an empty job removes it
    // Also on the training thread, once when a run begins (epoch 0: the weights before any step).
    void setTrainBeginJob(const std::string& name, NetworkJob job);  // an empty job removes it
    void runOnNetwork(NetworkJob job);
    static constexpr int kHistogramBins = 40;
    static constexpr int kDecisionGridResolution = 80;

public Q_SLOTS:
    void pause();
    void resume();
    void step();  // while paused: one batch
    void stop();

Q_SIGNALS:
    void runStarted(const dl::RunInfo& info);
    void batchesArrived(const std::vector<dl::BatchEvent>& batches);
    void gradientsArrived(const std::vector<dl::GradientEvent>& gradients);
    void epochFinished(const dl::EpochMetrics& metrics);
    void histogramsArrived(const std::vector<dl::Histogram>& histograms);
    void decisionGridArrived(const dl::DecisionGrid& grid);
    void testPredictionsArrived(int epoch, const std::vector<int32_t>& predicted);
    void parametersArrived(const TensorMap& values);
    void nodeOutputsArrived(qint64 example, const std::vector<dl::Tensor>& outputs);
    void probesArrived(const std::vector<dl::ProbeEvent>& probes);  // the latest of each requested name
    // Something the learner should know while the run goes on (an exploding loss); once per kind.
    void warningRaised(const dl::TrainWarning& warning);
    void networkAdopted();
    void adoptionFailed(const QString& error);
    void stateChanged(TrainingController::State state);
    void finished(const dl::TrainSummary& summary);

private:
    class PendingEvents;
    void flush();
    // Posted by the training thread as it ends (by name, so that Qt's own code carries the call across threads:
    // a posted lambda's captures are read on this thread before anything ThreadSanitizer can see orders them
    // after the training thread's writes); joins that thread, then reads workerSummary_.
    Q_INVOKABLE void onWorkerFinished();
    void onWorkerDone(const dl::TrainSummary& summary);
    void setState(State state);
    struct IdleViews;
    // Runs `job` on the job thread; the function it returns is then called on the GUI thread.
    void runJob(std::function<std::function<void()>()> job);
    void computeViewsOfIdleNetwork(bool withPredictions, int epoch);
    void computeProbesOfIdleNetwork();
    void emitIdleViews(const IdleViews& views);

    QTimer flushTimer_;
    State state_ = State::Idle;
    int snapshotIntervalMs_ = 250;
    std::vector<std::string> watched_;
    int64_t probeExample_ = -1;
    dl::ProbeRequest probeRequest_;
    std::map<std::string, NetworkJob> epochJobs_;
    std::map<std::string, NetworkJob> trainBeginJobs_;
    int lastEpoch_ = 0;
    std::shared_ptr<dl::Network> network_;
    dl::ParameterTransfer transfer_;
    uint64_t networkGeneration_ = 0;          // counts new networks: job results for an older one are dropped
    std::atomic<uint64_t> probeRequests_{0};  // counts probe requests: only the newest is computed
    std::shared_ptr<const dl::DataSplit> data_;
    std::unique_ptr<dl::Trainer> trainer_;
    std::unique_ptr<PendingEvents> events_;
    std::atomic<int64_t> trainingStep_{0};  // set on the training thread after each batch (trainingStep())
    std::thread worker_;
    dl::TrainSummary workerSummary_;  // written by the training thread, read after joining it
    int pendingJobs_ = 0;
    QThreadPool jobs_;  // one thread: views of the idle network and adoptions, in order
};
