#include "ui/attention_views/query_detail_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/model_views/combo_choices.h"
#include "ui/plots/heatmap_plot.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

QCPBars* addBars(QCPAxisRect* rect, const QFont& font, const QString& label, const QColor& colour) {
    for (QCPAxis* a : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) plot_style::styleAxis(a, font);
    rect->axis(QCPAxis::atLeft)->setLabel(label);
    rect->axis(QCPAxis::atBottom)->grid()->setVisible(false);
    auto* bars = new QCPBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    bars->setWidth(0.8);
    bars->setPen(Qt::NoPen);
    bars->setBrush(colour);
    return bars;
}

}  // namespace

QueryDetailView::QueryDetailView(QWidget* parent)
    : QWidget(parent),
      layer_(new QComboBox),
      head_(new QSpinBox),
      query_(new QSpinBox),
      queryLabel_(new QLabel),
      stack_(new QStackedWidget),
      placeholder_(new QLabel),
      plot_(new QCustomPlot),
      throttle_([this] { redraw(); }) {
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    plot_->setObjectName(QStringLiteral("queryPlot"));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(360, 240);
    plot_->plotLayout()->clear();
    title_ = new QCPTextElement(plot_, QString(), plot_style::sized(font(), font().pointSizeF() + 1, true));
    scoreRect_ = new QCPAxisRect(plot_);
    weightRect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(0, 0, title_);
    plot_->plotLayout()->addElement(1, 0, scoreRect_);
    plot_->plotLayout()->addElement(2, 0, weightRect_);
    auto* margins = new QCPMarginGroup(plot_);
    scoreRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    weightRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    scores_ = addBars(scoreRect_, font(), tr("score before softmax"), QColor(0x44, 0x77, 0xaa));
    weights_ = addBars(weightRect_, font(), tr("attention weight"), QColor(0xee, 0x66, 0x77));
    stack_->addWidget(plot_);
    stack_->addWidget(placeholder_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(stack_, 1);
    redraw();
}

QWidget* QueryDetailView::buildControls() {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* layerLabel = new QLabel(tr("&Layer:"));
    layerLabel->setBuddy(layer_);
    layer_->setObjectName(QStringLiteral("detailLayerBox"));
    layer_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* headLabel = new QLabel(tr("H&ead:"));
    headLabel->setBuddy(head_);
    head_->setObjectName(QStringLiteral("detailHeadBox"));
    head_->setRange(1, 1);
    auto* queryLabel = new QLabel(tr("&Query row:"));
    queryLabel->setBuddy(query_);
    query_->setObjectName(QStringLiteral("queryBox"));
    query_->setRange(0, 0);
    query_->setToolTip(tr("Which query's row of the attention map is shown (rows count from 0, top first)."));
    for (QWidget* w :
         {static_cast<QWidget*>(layerLabel), static_cast<QWidget*>(layer_), static_cast<QWidget*>(headLabel),
          static_cast<QWidget*>(head_), static_cast<QWidget*>(queryLabel), static_cast<QWidget*>(query_),
          static_cast<QWidget*>(queryLabel_)})
        h->addWidget(w);
    h->addStretch(1);
    connect(layer_, &QComboBox::currentIndexChanged, this, [this] { throttle_.now(); });
    connect(head_, &QSpinBox::valueChanged, this, [this] { throttle_.now(); });
    connect(query_, &QSpinBox::valueChanged, this, [this] { throttle_.now(); });
    return row;
}

void QueryDetailView::setModel(AttentionSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_)
        for (auto signal : {&AttentionSnapshot::historyChanged, &AttentionSnapshot::networkChanged,
                            &AttentionSnapshot::shownEpochChanged, &AttentionSnapshot::sentenceChanged})
            connect(model_, signal, this, [this] { throttle_.request(); });
    throttle_.now();
}

void QueryDetailView::refreshNow() {
    throttle_.now();
}

bool QueryDetailView::placeholderVisible() const {
    return stack_->currentWidget() == placeholder_;
}

void QueryDetailView::redraw() {
    const auto maps = model_ ? model_->shownMaps() : std::vector<attention_inspection::AttentionMap>{};
    QStringList names;
    for (const auto& m : maps) names << QString::fromStdString(m.layer);
    setComboChoices(layer_, names, layer_->currentText());
    if (maps.empty()) {
        placeholder_->setText(
            tr("Train a network with an attention layer (e.g. the nadaraya-watson preset) to see "
               "one query's scores and weights."));
        stack_->setCurrentWidget(placeholder_);
        return;
    }
    stack_->setCurrentWidget(plot_);
    const auto& map =
        maps[static_cast<size_t>(std::clamp(layer_->currentIndex(), 0, static_cast<int>(maps.size()) - 1))];
    {
        const QSignalBlocker b1(head_), b2(query_);
        head_->setMaximum(static_cast<int>(map.heads()));
        query_->setMaximum(static_cast<int>(map.queries() - 1));
    }
    const int64_t K = map.keys(), Q = map.queries();
    const int64_t row = ((head_->value() - 1) * Q + query_->value()) * K;
    const QStringList queries = model_->queryLabelsOf(map), keys = model_->keyLabelsOf(map);
    queryLabel_->setText(queries.size() == Q ? tr("%1 = %2").arg(model_->queryTitleOf(map), queries[query_->value()])
                                             : QString());
    QVector<double> x, score, weight;
    for (int64_t k = 0; k < K; ++k) {
        x << static_cast<double>(k);
        const float s = map.scores.defined() ? map.scores[row + k] : NAN;
        score << (std::isfinite(s) ? s : std::nan(""));  // a masked key has no score bar
        weight << map.weights[row + k];
    }
    scores_->setData(x, score, true);
    weights_->setData(x, weight, true);
    QStringList columns = keys;
    if (columns.size() != K) {
        columns.clear();
        for (int64_t k = 0; k < K; ++k) columns << QString::number(k);
    }
    const int every = std::max<int>(1, static_cast<int>(K) * 34 / std::max(plot_->width() - 100, 200));
    for (QCPAxisRect* rect : {scoreRect_, weightRect_}) {
        heatmap_plot::setTextTicks(rect->axis(QCPAxis::atBottom), columns, every);
        rect->axis(QCPAxis::atBottom)->setRange(-0.5, static_cast<double>(K) - 0.5);
        rect->axis(QCPAxis::atBottom)->setLabel(model_->keyTitleOf(map));
    }
    scoreRect_->axis(QCPAxis::atLeft)->rescale();
    weightRect_->axis(QCPAxis::atLeft)
        ->setRange(0, std::max(1e-6, *std::max_element(weight.begin(), weight.end()) * 1.1));
    if (!map.scores.defined()) scoreRect_->axis(QCPAxis::atLeft)->setLabel(tr("scores not published by this layer"));
    const auto* shown = model_->shownSnapshot();
    title_->setText(tr("%1, query row %2: scores and softmax weights — %3")
                        .arg(QString::fromStdString(map.layer))
                        .arg(query_->value())
                        .arg(shown && shown->epoch > 0 ? tr("epoch %1").arg(shown->epoch) : tr("before training")));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}
