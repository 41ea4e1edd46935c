#pragma once
// EmbeddingSnapshot: the model behind the token-embedding view — one 2-D projection of the token embedding per
// epoch (the weights are copied on the training thread at each epoch's end, projected here on a worker thread,
// each aligned to the epoch before so the picture does not mirror), the words to label (the corpus's most frequent)
// and the epoch the view shows (-1: the newest, live). With the table copied when the run began (epoch 0), each
// epoch is projected twice: the table itself, still mostly its random N(0, 1) start after a short pretraining, and
// its change since the start, E_t − E_0, what training wrote into it — where the words' structure shows.
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <memory>
#include <optional>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/data/dataset.h"
#include "ui/bert_views/embedding_projection.h"

class EmbeddingSnapshot : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingSnapshot(QObject* parent = nullptr);
    ~EmbeddingSnapshot() override;  // waits for a projection under way
    static constexpr int kLabelledWords = 40;
    static constexpr const char* kWeightName = "token_embedding.weight";

    void setData(std::shared_ptr<const dl::DataSplit> data);
    bool isBertPretraining() const;
    const dl::BertVocabulary* vocabulary() const;
    const std::vector<int32_t>& labelledWords() const { return labelled_; }

    // A copy of the embedding weight [V, d] after `epoch`, taken at training step `step`: projected on the worker,
    // then added to the history (projectionsChanged()). `initial`: the copy taken as the run began (epoch 0), which
    // later epochs' changes are measured from.
    void addWeights(int epoch, qint64 step, dl::Tensor weight, bool initial = false);

    enum class Mode { Embeddings, ChangeSinceStart };
    // The mode shown: the change since the start (the default) once the run's initial table is known.
    Mode mode() const { return hasChange() ? mode_ : Mode::Embeddings; }
    void setMode(Mode mode);
    bool hasChange() const { return !history_[int(Mode::ChangeSinceStart)].empty(); }
    // The projections of the mode shown, one per epoch kept.
    const std::vector<embedding_projection::Projection>& projections() const { return history_[int(mode())]; }
    bool busy() const { return pending_ > 0; }

    int shownIndex() const;         // into projections(); -1 when there is none
    void setShownIndex(int index);  // the last index (or beyond) follows the run live
    bool followsLive() const { return shown_ < 0; }
    const embedding_projection::Projection* shownProjection() const;

    QString problem() const { return problem_; }
    void setProblem(const QString& problem);

public Q_SLOTS:
    void clear();  // a new run: forgets the history

Q_SIGNALS:
    void dataChanged();
    void projectionsChanged();
    void shownChanged();
    void problemChanged();

private:
    using Projection = embedding_projection::Projection;
    void addProjections(Projection table, std::optional<Projection> change);
    static void append(std::vector<Projection>& history, Projection projection);

    std::shared_ptr<const dl::DataSplit> data_;
    std::vector<int32_t> labelled_;
    std::vector<Projection> history_[2];         // by Mode: the tables, and their changes since the start
    std::shared_ptr<const dl::Tensor> initial_;  // the table as the run began
    Mode mode_ = Mode::ChangeSinceStart;
    int shown_ = -1;
    int pending_ = 0;
    quint64 generation_ = 0;  // counts clear(): projections of an older run are dropped
    QString problem_;
    QThreadPool worker_;  // one thread: projections arrive in epoch order
};
