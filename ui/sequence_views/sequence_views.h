#pragma once
// SequenceViews: the sequence views of the training window as one piece — the generated text, the
// per-step gradients, the gates and the sine wave — with their model and the inspector that feeds
// it, so the main window only adds their tabs and tells them about data, network and runs. The
// tabs are shown only where they mean something: the first three for language models, the sine
// wave for the sine data.
#include <QObject>

#include <memory>

#include "engine/data/dataset.h"
#include "engine/nn/network_spec.h"

class GateView;
class GeneratedTextView;
class QTabWidget;
class SequenceInspector;
class SequenceSnapshot;
class SineWaveView;
class StepGradientView;
class TrainingController;

class SequenceViews : public QObject {
    Q_OBJECT
public:
    SequenceViews(TrainingController* controller, QObject* parent = nullptr);

    // Adds the four tabs (object names "generated", "stepgradients", "gates", "sine").
    void addTabs(QTabWidget* tabs);
    void setData(std::shared_ptr<const dl::DataSplit> data);
    void setNetwork(const dl::NetworkSpec& spec);
    // The clipping threshold θ drawn on the gradient view (0: clipping off).
    void setClipThreshold(float theta);
    // A new run or a new experiment: the views forget the last run.
    void clear();

    SequenceSnapshot* model() const { return model_; }
    SequenceInspector* inspector() const { return inspector_; }
    GeneratedTextView* textView() const { return text_; }
    StepGradientView* stepGradientView() const { return steps_; }
    GateView* gateView() const { return gates_; }
    SineWaveView* sineView() const { return sine_; }

private:
    void updateTabs();

    SequenceSnapshot* model_;
    SequenceInspector* inspector_;
    QTabWidget* tabs_ = nullptr;
    GeneratedTextView* text_ = nullptr;
    StepGradientView* steps_ = nullptr;
    GateView* gates_ = nullptr;
    SineWaveView* sine_ = nullptr;
};
