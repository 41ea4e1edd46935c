#include "ui/bert_views/embedding_snapshot.h"

#include <QMetaObject>

EmbeddingSnapshot::EmbeddingSnapshot(QObject* parent) : QObject(parent) {
    worker_.setMaxThreadCount(1);
}

EmbeddingSnapshot::~EmbeddingSnapshot() {
    worker_.clear();
    worker_.waitForDone();
}

void EmbeddingSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    const dl::BertVocabulary* vocab = vocabulary();
    labelled_ = vocab ? embedding_projection::most_frequent(*vocab, kLabelledWords) : std::vector<int32_t>{};
    clear();
    Q_EMIT dataChanged();
}

bool EmbeddingSnapshot::isBertPretraining() const {
    return data_ && data_->train.is_bert_pretraining() && data_->train.bert;
}

const dl::BertVocabulary* EmbeddingSnapshot::vocabulary() const {
    return data_ ? data_->train.bert.get() : nullptr;
}

void EmbeddingSnapshot::addWeights(int epoch, qint64 step, dl::Tensor weight, bool initial) {
    if (initial) initial_ = std::make_shared<const dl::Tensor>(weight);
    ++pending_;
    QPointer<EmbeddingSnapshot> self(this);
    const quint64 generation = generation_;
    worker_.start([self, generation, epoch, step, start = initial_, weight = std::move(weight)] {
        Projection table;
        std::optional<Projection> change;
        QString error;
        try {
            table = embedding_projection::project(weight);
            table.epoch = epoch, table.step = step;
            if (start) {
                change = embedding_projection::project(weight, start.get());
                change->epoch = epoch, change->step = step;
            }
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, error, table = std::move(table), change = std::move(change)]() mutable {
                if (!self) return;
                --self->pending_;
                if (generation != self->generation_) return;
                if (!error.isEmpty()) return self->setProblem(error);
                self->addProjections(std::move(table), std::move(change));
            },
            Qt::QueuedConnection);
    });
}

// An epoch before the newest one is a new run (or the same epoch again: replaced).
void EmbeddingSnapshot::append(std::vector<Projection>& history, Projection projection) {
    while (!history.empty() && history.back().epoch >= projection.epoch) history.pop_back();
    if (!history.empty()) embedding_projection::align_signs(projection, history.back());
    history.push_back(std::move(projection));
}

void EmbeddingSnapshot::addProjections(Projection table, std::optional<Projection> change) {
    auto& changes = history_[int(Mode::ChangeSinceStart)];
    if (change)
        append(changes, std::move(*change));
    else
        changes.clear();  // a table without a start to compare with (a network adopted outside a run)
    append(history_[int(Mode::Embeddings)], std::move(table));
    setProblem({});
    Q_EMIT projectionsChanged();
    if (followsLive()) Q_EMIT shownChanged();
}

void EmbeddingSnapshot::setMode(Mode mode) {
    if (mode == mode_) return;
    mode_ = mode;
    Q_EMIT projectionsChanged();
    Q_EMIT shownChanged();
}

int EmbeddingSnapshot::shownIndex() const {
    const auto count = static_cast<int>(projections().size());
    if (count == 0) return -1;
    return shown_ < 0 ? count - 1 : std::min(shown_, count - 1);
}

void EmbeddingSnapshot::setShownIndex(int index) {
    const int next = index >= static_cast<int>(projections().size()) - 1 ? -1 : std::max(0, index);
    if (next == shown_) return;
    shown_ = next;
    Q_EMIT shownChanged();
}

const embedding_projection::Projection* EmbeddingSnapshot::shownProjection() const {
    const int i = shownIndex();
    return i < 0 ? nullptr : &projections()[static_cast<size_t>(i)];
}

void EmbeddingSnapshot::setProblem(const QString& problem) {
    if (problem == problem_) return;
    problem_ = problem;
    Q_EMIT problemChanged();
}

void EmbeddingSnapshot::clear() {
    ++generation_;
    for (auto& history : history_) history.clear();
    initial_.reset();
    shown_ = -1;
    problem_.clear();
    Q_EMIT projectionsChanged();
    Q_EMIT shownChanged();
    Q_EMIT problemChanged();
}
