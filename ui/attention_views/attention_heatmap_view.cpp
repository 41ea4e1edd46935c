#include "ui/attention_views/attention_heatmap_view.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/attention_views/gif_writer.h"
#include "ui/model_views/combo_choices.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

QStringList labelsOr(const QStringList& given, int64_t count) {
    if (given.size() == count) return given;
    QStringList numbers;
    for (int64_t i = 0; i < count; ++i) numbers << QString::number(i);
    return numbers;
}

// Every n-th label, so that labels `extent` pixels long never overlap in `available` pixels.
int labelStride(const QStringList& labels, int extent, int available) {
    if (labels.isEmpty()) return 1;
    const double needed = static_cast<double>(labels.size()) * extent;
    return std::max(1, static_cast<int>(std::ceil(needed / std::max(available, 40))));
}

QString epochText(int epoch) {
    return epoch == 0 ? QObject::tr("before training") : QObject::tr("epoch %1").arg(epoch);
}

}  // namespace

AttentionHeatmapView::AttentionHeatmapView(QWidget* parent)
    : QWidget(parent),
      layout_(new QComboBox),
      layer_(new QComboBox),
      sentence_(new QComboBox),
      sentenceLabel_(new QLabel(tr("Se&ntence:"))),
      head_(new QSpinBox),
      slider_(new QSlider(Qt::Horizontal)),
      epochLabel_(new QLabel),
      pngButton_(new QPushButton(tr("Export &PNGs…"))),
      gifButton_(new QPushButton(tr("Export &GIF…"))),
      stack_(new QStackedWidget),
      placeholder_(new QLabel),
      plot_(new QCustomPlot),
      throttle_([this] { redraw(); }) {
    placeholder_->setObjectName(QStringLiteral("attentionPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    plot_->setObjectName(QStringLiteral("attentionPlot"));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(360, 240);
    plot_->setToolTip(tr("Each row is a query, each column a key; bright = much attention. Every row sums to 1."));
    plot_->plotLayout()->clear();  // a title over a grid of maps
    title_ = new QCPTextElement(plot_, QString(), plot_style::sized(font(), font().pointSizeF() + 1, true));
    plot_->plotLayout()->addElement(0, 0, title_);
    grid_ = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, grid_);
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { openCellAt(e->position()); });
    auto* scroll = new QScrollArea;  // the model view of a deep network is taller than the dock
    scroll->setWidget(plot_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    stack_->addWidget(scroll);
    stack_->addWidget(placeholder_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(stack_, 1);
    layout->addWidget(buildReplayRow());
    redraw();
}

QWidget* AttentionHeatmapView::buildControls() {
    auto* row = new QWidget;
    auto* top = new QHBoxLayout(row);
    top->setContentsMargins(0, 0, 0, 0);
    auto* showLabel = new QLabel(tr("&Show:"));
    showLabel->setBuddy(layout_);
    layout_->setObjectName(QStringLiteral("layoutBox"));
    layout_->addItems({tr("one map"), tr("all layers × heads")});
    layout_->setToolTip(
        tr("One layer's head at a time, or the model view: every attention layer (rows) × head "
           "(columns)."));
    auto* layerLabel = new QLabel(tr("&Layer:"));
    layerLabel->setBuddy(layer_);
    layer_->setObjectName(QStringLiteral("layerBox"));
    layer_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layer_->setToolTip(tr("The attention layer whose weights are drawn."));
    auto* headLabel = new QLabel(tr("&Head:"));
    headLabel->setBuddy(head_);
    head_->setObjectName(QStringLiteral("headBox"));
    head_->setRange(1, 1);
    head_->setToolTip(tr("The attention head (multi-head attention, D2L §10.5); single-head layers have one."));
    sentenceLabel_->setBuddy(sentence_);
    sentence_->setObjectName(QStringLiteral("sentenceBox"));
    sentence_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    sentence_->setToolTip(
        tr("The sentence pair whose attention is drawn; all of them are recorded every epoch. The decoder reads "
           "the reference translation (teacher forcing, as in training), so the axes stay the same words."));
    for (QWidget* w :
         {static_cast<QWidget*>(showLabel), static_cast<QWidget*>(layout_), static_cast<QWidget*>(layerLabel),
          static_cast<QWidget*>(layer_), static_cast<QWidget*>(headLabel), static_cast<QWidget*>(head_),
          static_cast<QWidget*>(sentenceLabel_), static_cast<QWidget*>(sentence_)})
        top->addWidget(w);
    top->addStretch(1);
    connect(sentence_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (model_ && index >= 0) model_->setSentence(index);
    });
    connect(layout_, &QComboBox::currentIndexChanged, this, [this] { throttle_.now(); });
    connect(layer_, &QComboBox::currentIndexChanged, this, [this] { throttle_.now(); });
    connect(head_, &QSpinBox::valueChanged, this, [this] { throttle_.now(); });
    return row;
}

QWidget* AttentionHeatmapView::buildReplayRow() {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Replay:"));
    label->setBuddy(slider_);
    slider_->setObjectName(QStringLiteral("epochSlider"));
    slider_->setToolTip(
        tr("Scrub through the epochs of the run; at the right end the view follows the training live."));
    slider_->setRange(0, 0);
    epochLabel_->setObjectName(QStringLiteral("epochLabel"));
    epochLabel_->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(tr("epoch 0000 (live)")));
    pngButton_->setObjectName(QStringLiteral("exportPngs"));
    pngButton_->setToolTip(tr("Writes one PNG per kept epoch into a folder."));
    gifButton_->setObjectName(QStringLiteral("exportGif"));
    gifButton_->setToolTip(tr("Writes the replay as one animated GIF."));
    h->addWidget(label);
    h->addWidget(slider_, 1);
    h->addWidget(epochLabel_);
    h->addWidget(pngButton_);
    h->addWidget(gifButton_);
    connect(slider_, &QSlider::valueChanged, this, &AttentionHeatmapView::onSliderMoved);
    connect(pngButton_, &QPushButton::clicked, this, &AttentionHeatmapView::chooseExportDirectory);
    connect(gifButton_, &QPushButton::clicked, this, &AttentionHeatmapView::chooseExportFile);
    return row;
}

void AttentionHeatmapView::setModel(AttentionSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        for (auto signal : {&AttentionSnapshot::historyChanged, &AttentionSnapshot::networkChanged,
                            &AttentionSnapshot::shownEpochChanged, &AttentionSnapshot::problemChanged,
                            &AttentionSnapshot::sentenceChanged})
            connect(model_, signal, this, [this] { throttle_.request(); });
    }
    throttle_.now();
}

void AttentionHeatmapView::refreshNow() {
    throttle_.now();
}

QString AttentionHeatmapView::title() const {
    return title_->text();
}

bool AttentionHeatmapView::placeholderVisible() const {
    return stack_->currentWidget() == placeholder_;
}

QString AttentionHeatmapView::placeholder() const {
    return placeholder_->text();
}

QString AttentionHeatmapView::placeholderText() const {
    if (!model_ || !model_->hasAttention())
        return tr(
            "The attention views show attention layers (e.g. NadarayaWatson): choose the nadaraya-watson preset "
            "from Presets › 11 Attention.");
    if (!model_->problem().isEmpty()) return model_->problem();
    // Snapshots fed from outside (the translation box) are shown even where the views cannot compute them.
    if (!model_->canInspect() && model_->history().empty())
        return tr(
            "The attention views need a data set whose examples the network reads as they are (not a "
            "text corpus: its language models show their gates in the model views).");
    if (model_->history().empty()) return tr("Train the network to see where its queries attend.");
    return {};
}

QString AttentionHeatmapView::chosenLayer() const {
    const int i = layer_->currentIndex();
    if (!model_ || i < 0 || i >= static_cast<int>(model_->attentionNodes().size())) return {};
    return QString::fromStdString(model_->attentionNodes()[static_cast<size_t>(i)]);
}

void AttentionHeatmapView::syncChoices() {
    QStringList names;
    if (model_)
        for (const std::string& node : model_->attentionNodes()) {
            const QString prefix = QString::fromStdString(node), role = model_->roleOf(prefix);
            names << (role.isEmpty() ? prefix : tr("%1 — %2").arg(prefix, role));
        }
    setComboChoices(layer_, names, layer_->currentText());
    const bool one = layout_->currentIndex() == OneMap;
    layer_->setEnabled(one && names.size() > 1);
    int heads = 1;
    if (model_)
        for (const auto& map : model_->shownMaps())
            if (QString::fromStdString(map.layer) == chosenLayer()) heads = static_cast<int>(map.heads());
    const QSignalBlocker block(head_);
    head_->setMaximum(std::max(heads, 1));
    head_->setEnabled(one && heads > 1);
    syncSentences();
}

void AttentionHeatmapView::syncSentences() {
    const QStringList sentences = model_ ? model_->sentences() : QStringList{};
    setComboChoices(sentence_, sentences, sentence_->currentText());
    const QSignalBlocker block(sentence_);
    if (model_ && sentence_->currentIndex() != model_->sentence()) sentence_->setCurrentIndex(model_->sentence());
    sentence_->setVisible(!sentences.isEmpty());
    sentenceLabel_->setVisible(!sentences.isEmpty());
}

void AttentionHeatmapView::syncSlider() {
    const QSignalBlocker block(slider_);
    static const std::vector<dl::AttentionHistory::Snapshot> kNone;
    const auto& snapshots = model_ ? model_->history().snapshots() : kNone;  // a reference, not a copy
    const int n = static_cast<int>(snapshots.size());
    slider_->setRange(0, std::max(n - 1, 0));
    slider_->setEnabled(n > 1);
    pngButton_->setEnabled(n > 0);
    gifButton_->setEnabled(n > 0);
    const dl::AttentionHistory::Snapshot* shown = model_ ? model_->shownSnapshot() : nullptr;
    if (!shown) {
        epochLabel_->clear();
        return;
    }
    const bool live = model_->shownEpoch() < 0;
    slider_->setValue(live ? n - 1 : static_cast<int>(shown - snapshots.data()));
    epochLabel_->setText(live ? tr("%1 (live)").arg(epochText(shown->epoch)) : epochText(shown->epoch));
}

void AttentionHeatmapView::onSliderMoved(int index) {
    if (!model_) return;
    const auto& snapshots = model_->history().snapshots();
    if (snapshots.empty()) return;
    const bool last = index >= static_cast<int>(snapshots.size()) - 1;
    model_->setShownEpoch(last ? -1 : snapshots[static_cast<size_t>(index)].epoch);
}

void AttentionHeatmapView::redraw() {
    syncChoices();
    syncSlider();
    const QString text = placeholderText();
    placeholder_->setText(text);
    stack_->setCurrentIndex(text.isEmpty() ? 0 : 1);
    draw(text.isEmpty() ? model_->shownSnapshot() : nullptr);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void AttentionHeatmapView::rebuildLayout(int rows, int columns, bool compact) {
    if (rows == layoutRows_ && columns == layoutColumns_ && compact == layoutCompact_) return;
    plot_->clearPlottables();
    grid_->clear();
    heatmaps_.clear();
    rowTitles_.clear();
    if (sharedScale_) {
        plot_->plotLayout()->remove(sharedScale_);
        plot_->plotLayout()->simplify();
        sharedScale_ = nullptr;
    }
    layoutRows_ = rows;
    layoutColumns_ = columns;
    layoutCompact_ = compact;
    if (compact) return buildModelView(rows, columns);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            heatmaps_.push_back(heatmap_plot::addHeatmapTo(plot_, grid_, r, 2 * c, font(), tr("weight")));
    plot_->setMinimumHeight(240);
}

// The model view (as BertViz's): a small unlabelled map per layer (row) × head (column) under one colour
// scale, the layer named at the left and the head on top; a click opens that map on its own.
void AttentionHeatmapView::buildModelView(int rows, int columns) {
    const QFont small = plot_style::sized(font(), font().pointSizeF() - 1, false);
    for (int c = 0; c < columns; ++c)
        grid_->addElement(0, c + 1, new QCPTextElement(plot_, tr("head %1").arg(c + 1), small));
    sharedScale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(1, 1, sharedScale_);
    sharedScale_->setType(QCPAxis::atRight);
    sharedScale_->setBarWidth(12);
    sharedScale_->setGradient(plot_style::viridis());  // a colour map takes its scale's gradient
    plot_style::styleAxis(sharedScale_->axis(), font());
    sharedScale_->axis()->setLabel(tr("weight"));
    plot_->plotLayout()->setColumnStretchFactor(1, 0.01);
    auto* margins = new QCPMarginGroup(plot_);
    sharedScale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    for (int r = 0; r < rows; ++r) {
        auto* name = new QCPTextElement(plot_, QString(), small);
        grid_->addElement(r + 1, 0, name);
        rowTitles_.push_back(name);
        for (int c = 0; c < columns; ++c) {
            heatmap_plot::Heatmap h;
            h.rect = new QCPAxisRect(plot_);
            grid_->addElement(r + 1, c + 1, h.rect);
            h.rect->setAutoMargins(QCP::msNone);
            h.rect->setMargins(QMargins(2, 2, 2, 2));
            for (QCPAxis* a : h.rect->axes()) a->setVisible(false);
            h.rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
            h.map = new QCPColorMap(h.rect->axis(QCPAxis::atBottom), h.rect->axis(QCPAxis::atLeft));
            h.map->setInterpolate(false);
            h.map->setTightBoundary(false);
            h.map->setGradient(plot_style::viridis());
            h.map->setColorScale(sharedScale_);
            h.scale = sharedScale_;
            heatmaps_.push_back(h);
        }
    }
    for (int c = 1; c <= columns; ++c) grid_->setColumnStretchFactor(c, 1.0);
    grid_->setColumnStretchFactor(0, 0.01);
    grid_->setRowStretchFactor(0, 0.01);
    plot_->setMinimumHeight(60 + rows * kModelViewRowHeight);
}

void AttentionHeatmapView::openCellAt(const QPointF& pos) {
    if (!layoutCompact_) return;
    for (size_t i = 0; i < heatmaps_.size(); ++i) {
        if (!heatmaps_[i].rect->rect().contains(pos.toPoint())) continue;
        const int row = static_cast<int>(i) / std::max(layoutColumns_, 1), head = static_cast<int>(i) % layoutColumns_;
        if (row >= layer_->count()) return;
        const QSignalBlocker b1(layer_), b2(head_);
        layer_->setCurrentIndex(row);
        head_->setMaximum(std::max(head_->maximum(), head + 1));
        head_->setValue(head + 1);
        layout_->setCurrentIndex(OneMap);  // redraws
        return;
    }
}

void AttentionHeatmapView::draw(const dl::AttentionHistory::Snapshot* snapshot) {
    drawnEpoch_ = -1;
    drawnValues_.clear();
    const auto maps = snapshot ? model_->mapsAt(*snapshot) : std::vector<attention_inspection::AttentionMap>{};
    if (maps.empty()) {
        rebuildLayout(1, 1, false);
        heatmap_plot::setCells(heatmaps_[0], 0, 0, {});
        title_->setText(QString());
        return;
    }
    drawnEpoch_ = snapshot->epoch;
    int64_t heads = 1;
    for (const auto& m : maps) heads = std::max(heads, m.heads());
    if (layout_->currentIndex() == OneMap || maps.size() * static_cast<size_t>(heads) == 1)
        drawOneMap(maps, snapshot->epoch);
    else
        drawModelView(maps, heads, snapshot->epoch);
}

void AttentionHeatmapView::drawOneMap(const std::vector<attention_inspection::AttentionMap>& maps, int epoch) {
    const auto chosen = std::find_if(
        maps.begin(), maps.end(), [this](const auto& m) { return QString::fromStdString(m.layer) == chosenLayer(); });
    const attention_inspection::AttentionMap& map = chosen == maps.end() ? maps.front() : *chosen;
    const int64_t head = std::min<int64_t>(head_->value() - 1, map.heads() - 1);
    rebuildLayout(1, 1, false);
    drawMap(heatmaps_[0], map, head, true);
    // One scale for the whole replay: an early, nearly uniform map must not look as sharp as a late one.
    heatmaps_[0].map->setDataRange(QCPRange(0, model_->largestWeight(map.layer)));
    // A translation's probe prefix already ends in the attention layer ("decoder1.attention2").
    const QString name = map.role.empty()
                             ? QString::fromStdString(map.layer) + QStringLiteral(".attention")
                             : tr("%1 (%2)").arg(QString::fromStdString(map.layer),
                                                 QCoreApplication::translate("AttentionRole", map.role.c_str()));
    title_->setText(tr("%1, head %2 of %3 — %4").arg(name).arg(head + 1).arg(map.heads()).arg(epochText(epoch)));
}

void AttentionHeatmapView::drawModelView(const std::vector<attention_inspection::AttentionMap>& maps, int64_t heads,
                                         int epoch) {
    rebuildLayout(static_cast<int>(maps.size()), static_cast<int>(heads), true);
    const double top = model_->largestWeight({});
    for (size_t r = 0; r < maps.size(); ++r) {
        const QString role = model_->roleOf(QString::fromStdString(maps[r].layer));
        rowTitles_[r]->setText(QString::fromStdString(maps[r].layer) +
                               (role.isEmpty() ? QString() : QStringLiteral("\n") + role));
        for (int64_t h = 0; h < heads; ++h) {
            const heatmap_plot::Heatmap& cell = heatmaps_[r * static_cast<size_t>(heads) + static_cast<size_t>(h)];
            const attention_inspection::AttentionMap& map = maps[r];
            const int64_t Q = map.queries(), K = map.keys();
            std::vector<double> values;
            if (h < map.heads()) values.assign(map.weights.data() + h * Q * K, map.weights.data() + (h + 1) * Q * K);
            if (drawnValues_.empty()) drawnValues_ = values;
            heatmap_plot::setCells(cell, values.empty() ? 0 : static_cast<int>(Q),
                                   values.empty() ? 0 : static_cast<int>(K), values);
        }
    }
    sharedScale_->setDataRange(QCPRange(0, top));  // one scale for all maps and epochs: they compare
    title_->setText(tr("Attention of every layer × head — %1 (click a map to open it)").arg(epochText(epoch)));
}

void AttentionHeatmapView::drawMap(const heatmap_plot::Heatmap& heatmap, const attention_inspection::AttentionMap& map,
                                   int64_t head, bool labelled) {
    const int64_t Q = map.queries(), K = map.keys();
    const float* w = map.weights.data() + head * Q * K;
    std::vector<double> values(w, w + Q * K);
    if (drawnValues_.empty()) drawnValues_ = values;
    heatmap_plot::setCells(heatmap, static_cast<int>(Q), static_cast<int>(K), values);
    const QStringList rows = labelsOr(model_->queryLabelsOf(map), Q), columns = labelsOr(model_->keyLabelsOf(map), K);
    const QFontMetrics fm(font());
    int longest = 0;
    for (const QString& s : columns) longest = std::max(longest, fm.horizontalAdvance(s));
    const int width = std::max(plot_->width(), exportSize().width() / 2) / std::max(layoutColumns_, 1) - 110;
    const int height = std::max(plot_->height(), exportSize().height() / 2) / std::max(layoutRows_, 1) - 90;
    QCPAxis* x = heatmap.rect->axis(QCPAxis::atBottom);
    QCPAxis* y = heatmap.rect->axis(QCPAxis::atLeft);
    heatmap_plot::setTextTicks(x, columns, labelStride(columns, longest + 8, width));
    heatmap_plot::setTextTicks(y, rows, labelStride(rows, fm.height() + 2, height));
    // Upright words while each fits its column, else turned (Nadaraya–Watson's 50 keys).
    x->setTickLabelRotation(longest + 8 > width / std::max<int64_t>(K, 1) ? 90 : 0);
    x->setLabel(labelled ? model_->keyTitleOf(map)
                         : tr("%1, head %2").arg(QString::fromStdString(map.layer)).arg(head + 1));
    y->setLabel(labelled ? model_->queryTitleOf(map) : QString());
}

std::vector<QImage> AttentionHeatmapView::replayFrames(const QSize& size) {
    std::vector<QImage> frames;
    if (!model_) return frames;
    for (const dl::AttentionHistory::Snapshot& s : model_->history().snapshots()) {
        draw(&s);
        frames.push_back(plot_->toPixmap(size.width(), size.height()).toImage());
    }
    redraw();
    return frames;
}

bool AttentionHeatmapView::exportPngSequence(const QString& dir, QStringList* written, QString* error) {
    if (!QDir().mkpath(dir)) {
        *error = tr("Cannot create the folder %1.").arg(dir);
        return false;
    }
    const std::vector<QImage> frames = replayFrames(exportSize());
    const auto& snapshots = model_->history().snapshots();
    for (size_t i = 0; i < frames.size(); ++i) {
        const QString name = QStringLiteral("attention-epoch-%1.png").arg(snapshots[i].epoch, 4, 10, QLatin1Char('0'));
        const QString path = QDir(dir).filePath(name);
        if (!frames[i].save(path, "PNG")) {
            *error = tr("Cannot write %1.").arg(path);
            return false;
        }
        if (written) *written << path;
    }
    return true;
}

bool AttentionHeatmapView::exportGif(const QString& path, QString* error) {
    return gif_writer::write(path, replayFrames(exportSize()), kGifFrameMs, error);
}

void AttentionHeatmapView::chooseExportDirectory() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the replay as PNGs"));
    if (dir.isEmpty()) return;
    QString error;
    QStringList written;
    if (!exportPngSequence(dir, &written, &error)) QMessageBox::warning(this, tr("Export PNGs"), error);
}

void AttentionHeatmapView::chooseExportFile() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the replay as a GIF"),
                                                      QStringLiteral("attention.gif"), tr("GIF (*.gif)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportGif(path, &error)) QMessageBox::warning(this, tr("Export GIF"), error);
}
