#pragma once
// SequenceSnapshot: the model behind the sequence views (D2L ch. 8–9) — the text the language
// model generates after each epoch (the whole history, so epoch 1's noise stays visible), the
// gradient norm reaching each time step of the recurrent layer with the global norm before
// clipping, the gates' activations along a sentence the learner types, and the sine-wave forecasts.
// Fed by the training controller's signals and by SequenceInspector's jobs; widgets only present it.
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network_spec.h"
#include "ui/sequence_views/sequence_inspection.h"
#include "ui/training/engine_metatypes.h"  // before moc sees the slots below
#include "ui/training/metrics_history.h"

class SequenceSnapshot : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxTotalNormPoints = 2000;
    static constexpr int kMaxSamples = 1000;  // the oldest samples go first beyond this

    explicit SequenceSnapshot(QObject* parent = nullptr);

    // The data set and the network being trained; each forgets what came from the previous one.
    void setData(std::shared_ptr<const dl::DataSplit> data);
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }
    bool isLanguageModel() const { return data_ && data_->train.is_language_model(); }
    // The sine series of D2L §8.1 (data set "sine"): a regression on lag features.
    bool isSineSeries() const;
    void setNetwork(const dl::NetworkSpec& spec);
    const sequence_inspection::RecurrentNode& recurrentNode() const { return recurrent_; }
    // "<node>.step_grad_norm", or empty without a recurrent node.
    std::string stepGradientProbe() const;

    // --- generated text -------------------------------------------------------------------------
    struct Sample {
        int epoch = 0;  // 0: the untrained or adopted network
        QString prefix, text;
    };
    const sequence_inspection::GenerationSettings& generation() const { return generation_; }
    void setGeneration(const sequence_inspection::GenerationSettings& settings);
    const QVector<Sample>& samples() const { return samples_; }
    void addSample(int epoch, const QString& prefix, const QString& text);

    // --- per-step gradients -----------------------------------------------------------------------
    // The latest [B, T] step_grad_norm probe of the recurrent node (undefined before the first).
    const dl::Tensor& stepNorms() const { return stepNorms_; }
    int64_t stepNormsStep() const { return stepNormsStep_; }
    // Mean over batch rows of stepNorms(), one value per time step.
    std::vector<double> meanStepNorms() const;
    const DecimatedSeries& totalNorms() const { return totalNorms_; }  // x = step, y = norm before clipping
    float clipThreshold() const { return clip_; }                      // 0: clipping off
    void setClipThreshold(float theta);

    // --- gates -------------------------------------------------------------------------------------
    QString sentence() const { return sentence_; }
    void setSentence(const QString& sentence);
    const std::optional<sequence_inspection::GateTrace>& gates() const { return gates_; }
    void setGates(const sequence_inspection::GateTrace& trace);

    // --- sine wave ---------------------------------------------------------------------------------
    const std::optional<sequence_inspection::SineForecast>& sine() const { return sine_; }
    void setSine(const sequence_inspection::SineForecast& forecast);

    // Why a view has nothing to show though it should (e.g. generation failed); empty when fine.
    QString problem() const { return problem_; }
    void setProblem(const QString& problem);

public Q_SLOTS:
    // A new run: forgets samples, gradients, gates and forecasts (keeps data, network and settings).
    void clear();
    void onProbes(const std::vector<dl::ProbeEvent>& probes);
    void onGradients(const std::vector<dl::GradientEvent>& gradients);

Q_SIGNALS:
    void networkChanged();  // data or network
    void generationSettingsChanged();
    void samplesChanged();
    void stepGradientsChanged();
    void sentenceChanged();
    void gatesChanged();
    void sineChanged();
    void problemChanged();

private:
    void emitAllChanged();

    std::shared_ptr<const dl::DataSplit> data_;
    sequence_inspection::RecurrentNode recurrent_;
    sequence_inspection::GenerationSettings generation_;
    QVector<Sample> samples_;
    dl::Tensor stepNorms_;
    int64_t stepNormsStep_ = 0;
    DecimatedSeries totalNorms_{kMaxTotalNormPoints};
    float clip_ = 0;
    QString sentence_ = QStringLiteral("the time traveller (for so it will be convenient to speak of him)");
    std::optional<sequence_inspection::GateTrace> gates_;
    std::optional<sequence_inspection::SineForecast> sine_;
    QString problem_;
};
