#pragma once
// SequenceInspector: connects the sequence views' model (SequenceSnapshot) to the training
// controller. It asks for the per-step gradient probe only while that view is shown, and gives the
// controller the jobs that need the network itself — continue the prefix, run the typed sentence
// with probes, forecast the sine wave — which run at each epoch's end on the training thread, or
// once on the job thread when the learner changes a setting while no run is active.
#include <QObject>
#include <QPointer>

#include "ui/sequence_views/sequence_snapshot.h"
#include "ui/training/training_controller.h"

class SequenceInspector : public QObject {
    Q_OBJECT
public:
    SequenceInspector(TrainingController* controller, SequenceSnapshot* model, QObject* parent = nullptr);

    // Whether the per-step gradient view is on screen (probes cost a copy per batch: only then).
    void setStepGradientsWanted(bool wanted);
    bool stepGradientsWanted() const { return stepGradientsWanted_; }
    // The minimum time between two step_grad_norm probes (the view cannot show more anyway).
    static constexpr int kProbeIntervalMs = 200;

    // Computes every view of the current network now (on the job thread when idle).
    void refresh();

private:
    using NetworkJob = TrainingController::NetworkJob;
    void updateProbeRequest();
    void updateEpochJobs();
    NetworkJob generationJob() const;
    NetworkJob gateJob() const;
    NetworkJob sineJob() const;

    QPointer<TrainingController> controller_;
    QPointer<SequenceSnapshot> model_;
    bool stepGradientsWanted_ = false;
};
