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

void EmbeddingSnapshot::addWeights(int epoch, qint64 step, dl::Tensor weight) {
    ++pending_;
    QPointer<EmbeddingSnapshot> self(this);
    const quint64 generation = generation_;
    worker_.start([self, generation, epoch, step, weight = std::move(weight)] {
        embedding_projection::Projection projection;
        QString error;
        try {
            projection = embedding_projection::project(weight);
            projection.epoch = epoch;
            projection.step = step;
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, error, projection = std::move(projection)]() mutable {
                if (!self) return;
                --self->pending_;
                if (generation != self->generation_) return;
                if (!error.isEmpty()) return self->setProblem(error);
                self->addProjection(std::move(projection));
            },
            Qt::QueuedConnection);
    });
}

void EmbeddingSnapshot::addProjection(embedding_projection::Projection projection) {
    // An epoch before the newest one is a new run (or the same epoch again: replaced).
    while (!projections_.empty() && projections_.back().epoch >= projection.epoch) projections_.pop_back();
    if (!projections_.empty()) embedding_projection::align_signs(projection, projections_.back());
    projections_.push_back(std::move(projection));
    setProblem({});
    Q_EMIT projectionsChanged();
    if (followsLive()) Q_EMIT shownChanged();
}

int EmbeddingSnapshot::shownIndex() const {
    if (projections_.empty()) return -1;
    return shown_ < 0 ? static_cast<int>(projections_.size()) - 1 : std::min(shown_, int(projections_.size()) - 1);
}

void EmbeddingSnapshot::setShownIndex(int index) {
    const int next = index >= static_cast<int>(projections_.size()) - 1 ? -1 : std::max(0, index);
    if (next == shown_) return;
    shown_ = next;
    Q_EMIT shownChanged();
}

const embedding_projection::Projection* EmbeddingSnapshot::shownProjection() const {
    const int i = shownIndex();
    return i < 0 ? nullptr : &projections_[static_cast<size_t>(i)];
}

void EmbeddingSnapshot::setProblem(const QString& problem) {
    if (problem == problem_) return;
    problem_ = problem;
    Q_EMIT problemChanged();
}

void EmbeddingSnapshot::clear() {
    ++generation_;
    projections_.clear();
    shown_ = -1;
    problem_.clear();
    Q_EMIT projectionsChanged();
    Q_EMIT shownChanged();
    Q_EMIT problemChanged();
}
