#include "ui/bert_views/embedding_projection_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/bert_views/embedding_snapshot.h"
#include "ui/plots/qcp.h"

EmbeddingProjectionView::EmbeddingProjectionView(QWidget* parent)
    : QWidget(parent),
      stack_(new QStackedWidget),
      placeholder_(new QLabel),
      plot_(new QCustomPlot),
      mode_(new QComboBox),
      slider_(new QSlider(Qt::Horizontal)),
      play_(new QToolButton),
      epochLabel_(new QLabel) {
    placeholder_->setWordWrap(true);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    plot_->setObjectName(QStringLiteral("embeddingPlot"));
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMinimumSize(320, 240);
    dots_ = plot_->addGraph();
    dots_->setLineStyle(QCPGraph::lsNone);
    dots_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(120, 130, 150, 70), 3));
    labelledDots_ = plot_->addGraph();
    labelledDots_->setLineStyle(QCPGraph::lsNone);
    labelledDots_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(38, 68, 110), 6));
    stack_->addWidget(plot_);
    stack_->addWidget(placeholder_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildModeRow());
    layout->addWidget(stack_, 1);
    layout->addWidget(buildControls());
    playTimer_.setInterval(kPlayFrameMs);
    connect(&playTimer_, &QTimer::timeout, this, &EmbeddingProjectionView::advanceFrame);
    setModel(nullptr);
}

QWidget* EmbeddingProjectionView::buildModeRow() {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    mode_->setObjectName(QStringLiteral("embeddingMode"));
    mode_->addItem(tr("Embeddings"));
    mode_->addItem(tr("Change since the start"));
    mode_->setToolTip(
        tr("Embeddings: the table itself, still mostly its random start after a short pretraining.\n"
           "Change since the start: the table now minus the table when the run began, what training "
           "wrote into it."));
    connect(mode_, &QComboBox::activated, this, [this](int index) {
        if (model_)
            model_->setMode(index == 1 ? EmbeddingSnapshot::Mode::ChangeSinceStart
                                       : EmbeddingSnapshot::Mode::Embeddings);
    });
    auto* label = new QLabel(tr("Show:"));
    label->setBuddy(mode_);
    layout->addWidget(label);
    layout->addWidget(mode_);
    layout->addStretch(1);
    return row;
}

void EmbeddingProjectionView::syncMode() {
    const bool change = model_ && model_->mode() == EmbeddingSnapshot::Mode::ChangeSinceStart;
    mode_->setCurrentIndex(change ? 1 : 0);
    mode_->setEnabled(model_ && model_->hasChange());
}

QWidget* EmbeddingProjectionView::buildControls() {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    play_->setObjectName(QStringLiteral("embeddingPlay"));
    play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    play_->setToolTip(tr("Replay how the embedding formed, epoch by epoch"));
    slider_->setObjectName(QStringLiteral("embeddingEpochs"));
    epochLabel_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("epoch 0000 (step 000000), live")));
    connect(play_, &QToolButton::clicked, this, &EmbeddingProjectionView::togglePlay);
    connect(slider_, &QSlider::valueChanged, this, [this](int index) {
        if (model_) model_->setShownIndex(index);
    });
    layout->addWidget(play_);
    layout->addWidget(slider_, 1);
    layout->addWidget(epochLabel_);
    return row;
}

void EmbeddingProjectionView::setModel(EmbeddingSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        connect(model_, &EmbeddingSnapshot::dataChanged, this, &EmbeddingProjectionView::rebuildLabels);
        connect(model_, &EmbeddingSnapshot::projectionsChanged, this, [this] {
            syncMode();
            syncSlider();
            updateRange();
            redraw();
        });
        connect(model_, &EmbeddingSnapshot::shownChanged, this, [this] {
            syncSlider();
            redraw();
        });
        connect(model_, &EmbeddingSnapshot::problemChanged, this, &EmbeddingProjectionView::redraw);
    }
    rebuildLabels();
    syncMode();
    syncSlider();
    updateRange();
    redraw();
}

void EmbeddingProjectionView::rebuildLabels() {
    for (QCPItemText* label : labels_) plot_->removeItem(label);
    labels_.clear();
    if (!model_ || !model_->vocabulary()) return;
    QFont font = plot_->font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    for (int32_t id : model_->labelledWords()) {
        auto* label = new QCPItemText(plot_);
        label->setText(QString::fromStdString(model_->vocabulary()->idx_to_token[static_cast<size_t>(id)]));
        label->setFont(font);
        label->setColor(QColor(20, 40, 70));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(3, 0, 0, 1));
        label->setClipToAxisRect(true);
        labels_.push_back(label);
    }
}

void EmbeddingProjectionView::syncSlider() {
    const int count = model_ ? static_cast<int>(model_->projections().size()) : 0;
    const QSignalBlocker block(slider_);
    slider_->setRange(0, std::max(0, count - 1));
    slider_->setValue(model_ ? std::max(0, model_->shownIndex()) : 0);
    slider_->setEnabled(count > 1);
    play_->setEnabled(count > 1);
}

// The range of every projection kept, so that an animation shows the words move instead of the axes.
void EmbeddingProjectionView::updateRange() {
    if (!model_ || model_->projections().empty()) return;
    double lowX = 0, highX = 0, lowY = 0, highY = 0;
    for (const auto& p : model_->projections()) {
        const auto [minX, maxX] = std::minmax_element(p.x.begin(), p.x.end());
        const auto [minY, maxY] = std::minmax_element(p.y.begin(), p.y.end());
        lowX = std::min(lowX, *minX), highX = std::max(highX, *maxX);
        lowY = std::min(lowY, *minY), highY = std::max(highY, *maxY);
    }
    const double padX = std::max(1e-6, 0.05 * (highX - lowX)), padY = std::max(1e-6, 0.05 * (highY - lowY));
    plot_->xAxis->setRange(lowX - padX, highX + padX * 3);  // room for the labels right of their dots
    plot_->yAxis->setRange(lowY - padY, highY + padY * 2);
}

bool EmbeddingProjectionView::placeholderVisible() const {
    return stack_->currentWidget() == placeholder_;
}

QStringList EmbeddingProjectionView::drawnLabels() const {
    QStringList texts;
    if (drawnPositions_.empty()) return texts;
    for (const QCPItemText* label : labels_) texts << label->text();
    return texts;
}

void EmbeddingProjectionView::redraw() {
    const embedding_projection::Projection* p = model_ ? model_->shownProjection() : nullptr;
    drawnPositions_.clear();
    const bool change = model_ && model_->mode() == EmbeddingSnapshot::Mode::ChangeSinceStart;
    if (!p || (change && p->explained[0] == 0)) {
        placeholder_->setText(model_ && !model_->problem().isEmpty() ? model_->problem()
                              : p ? tr("Epoch %1: training has not changed the table yet. The change since the start "
                                       "appears after the first epoch.")
                                        .arg(p->epoch)
                                  : tr("The token embeddings appear in two dimensions after every epoch of BERT "
                                       "pretraining: train the network (F5)."));
        stack_->setCurrentWidget(placeholder_);
        if (p)
            epochLabel_->setText(tr("epoch %1 (step %2)").arg(p->epoch).arg(p->step));
        else
            epochLabel_->clear();
        return;
    }
    stack_->setCurrentWidget(plot_);
    const auto V = static_cast<int>(p->x.size());
    QVector<double> xs(V), ys(V), lx, ly;
    for (int i = 0; i < V; ++i) xs[i] = p->x[static_cast<size_t>(i)], ys[i] = p->y[static_cast<size_t>(i)];
    dots_->setData(xs, ys);
    const std::vector<int32_t>& ids = model_->labelledWords();
    for (size_t i = 0; i < ids.size() && i < labels_.size(); ++i) {
        const auto id = static_cast<size_t>(ids[i]);
        if (id >= p->x.size()) continue;
        labels_[i]->position->setCoords(p->x[id], p->y[id]);
        lx << p->x[id], ly << p->y[id];
        drawnPositions_.emplace_back(p->x[id], p->y[id]);
    }
    labelledDots_->setData(lx, ly);
    plot_->xAxis->setLabel((change ? tr("change since the start: first principal component (%1 % of the variance)")
                                   : tr("first principal component (%1 % of the variance)"))
                               .arg(p->explained[0] * 100, 0, 'f', 1));
    plot_->yAxis->setLabel(tr("second (%1 %)").arg(p->explained[1] * 100, 0, 'f', 1));
    epochLabel_->setText(
        tr("epoch %1 (step %2)%3").arg(p->epoch).arg(p->step).arg(model_->followsLive() ? tr(", live") : QString()));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingProjectionView::togglePlay() {
    if (playTimer_.isActive()) {
        playTimer_.stop();
    } else if (model_ && model_->projections().size() > 1) {
        if (model_->followsLive()) model_->setShownIndex(0);  // from the start
        playTimer_.start();
    }
    play_->setIcon(style()->standardIcon(playTimer_.isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void EmbeddingProjectionView::advanceFrame() {
    if (!model_ || model_->followsLive()) {
        togglePlay();  // the newest epoch reached: stop there, following the run
        return;
    }
    model_->setShownIndex(model_->shownIndex() + 1);
}
