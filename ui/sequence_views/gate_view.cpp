#include "ui/sequence_views/gate_view.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/model_views/combo_choices.h"
#include "ui/plots/qcp.h"

namespace {

// Spaces would be invisible under the axis: show them as "␣" (the corpus has no line ends).
QString drawnToken(const std::string& token) {
    if (token == " ") return QStringLiteral("␣");
    return QString::fromStdString(token);
}

QString rowName(const std::string& probe) {
    if (probe.rfind("gates.", 0) == 0) return QString::fromStdString(probe.substr(6)) + QObject::tr(" gate");
    return QString::fromStdString(probe);
}

}  // namespace

GateView::GateView(QWidget* parent)
    : QWidget(parent),
      sentence_(new QLineEdit),
      rows_(new QComboBox),
      firstUnit_(new QSpinBox),
      unitCount_(new QSpinBox),
      stack_(new QStackedWidget),
      placeholder_(new QLabel),
      plot_(new QCustomPlot),
      throttle_([this] { redraw(); }) {
    placeholder_->setObjectName(QStringLiteral("gatePlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    plot_->setObjectName(QStringLiteral("gatePlot"));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 160);
    plot_->setToolTip(
        tr("Each column is one character of the sentence, each row a gate's mean activation or one "
           "unit; bright = high."));
    heat_ = heatmap_plot::addHeatmap(plot_, 0, 0, font(), tr("activation"));
    stack_->addWidget(plot_);
    stack_->addWidget(placeholder_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(stack_, 1);
    redraw();
}

QWidget* GateView::buildControls() {
    auto* row = new QWidget;
    auto* top = new QHBoxLayout(row);
    top->setContentsMargins(0, 0, 0, 0);
    auto* sentenceLabel = new QLabel(tr("&Sentence:"));
    sentenceLabel->setBuddy(sentence_);
    sentence_->setObjectName(QStringLiteral("sentenceEdit"));
    sentence_->setToolTip(tr("The text the model reads, from a fresh state (Enter applies it)."));
    auto* rowsLabel = new QLabel(tr("&Rows:"));
    rowsLabel->setBuddy(rows_);
    rows_->setObjectName(QStringLiteral("rowsBox"));
    rows_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    rows_->setToolTip(
        tr("Gate means: one row per gate, its activation averaged over the hidden units. Or one "
           "tensor's single units, to find units that fire on spaces or vowels."));
    auto* unitsLabel = new QLabel(tr("&Units from:"));
    unitsLabel->setBuddy(firstUnit_);
    firstUnit_->setObjectName(QStringLiteral("firstUnitBox"));
    firstUnit_->setRange(0, 0);
    firstUnit_->setToolTip(tr("The first hidden unit shown."));
    unitCount_->setObjectName(QStringLiteral("unitCountBox"));
    unitCount_->setRange(1, 64);
    unitCount_->setValue(16);
    unitCount_->setPrefix(tr("count "));
    unitCount_->setToolTip(tr("How many units are shown, one row each."));
    top->addWidget(sentenceLabel);
    top->addWidget(sentence_, 1);
    top->addWidget(rowsLabel);
    top->addWidget(rows_);
    top->addWidget(unitsLabel);
    top->addWidget(firstUnit_);
    top->addWidget(unitCount_);
    connect(sentence_, &QLineEdit::editingFinished, this, [this] {
        if (model_) model_->setSentence(sentence_->text());
    });
    connect(rows_, &QComboBox::currentIndexChanged, this, [this] { throttle_.now(); });
    connect(firstUnit_, &QSpinBox::valueChanged, this, [this] { throttle_.request(); });
    connect(unitCount_, &QSpinBox::valueChanged, this, [this] { throttle_.request(); });
    return row;
}

void GateView::setModel(SequenceSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        connect(model_, &SequenceSnapshot::gatesChanged, this, [this] { throttle_.request(); });
        connect(model_, &SequenceSnapshot::networkChanged, this, [this] { throttle_.request(); });
        connect(model_, &SequenceSnapshot::sentenceChanged, this, [this] {
            if (sentence_->text() != model_->sentence()) sentence_->setText(model_->sentence());
        });
        sentence_->setText(model_->sentence());
    }
    throttle_.now();
}

void GateView::refreshNow() {
    throttle_.now();
}

void GateView::syncRowChoices() {
    QStringList names{tr("gate means")};
    const std::string type = model_ ? model_->recurrentNode().type : std::string();
    for (const std::string& probe : sequence_inspection::gate_probe_names(type))
        names << tr("units of %1").arg(QString::fromStdString(probe));
    setComboChoices(rows_, names, rows_->currentText());
    const bool single = rows_->currentIndex() > 0;
    firstUnit_->setEnabled(single);
    unitCount_->setEnabled(single);
}

QString GateView::placeholderText() const {
    if (!model_ || !model_->isLanguageModel())
        return tr(
            "Gates and states are shown for recurrent language models: choose The Time Machine and a "
            "recurrent preset (e.g. lstm).");
    if (model_->recurrentNode().empty()) return tr("The network has no recurrent layer (RNN, GRU or LSTM).");
    if (!model_->gates() || model_->gates()->values.empty())
        return tr("Train the network to see what %1 does with each character of the sentence.")
            .arg(QString::fromStdString(model_->recurrentNode().id));
    return {};
}

std::vector<double> GateView::gateMeans(const sequence_inspection::GateTrace& trace, QStringList* labels) const {
    std::vector<double> values;
    for (const std::string& probe : sequence_inspection::gate_probe_names(model_->recurrentNode().type)) {
        const auto it = trace.values.find(probe);
        if (it == trace.values.end() || probe == "hidden") continue;  // h is shown by units, not as a mean
        const dl::Tensor& t = it->second;                             // [T, H]
        const int64_t steps = t.size(0), hidden = t.size(1);
        for (int64_t s = 0; s < steps; ++s) {
            double sum = 0;
            for (int64_t h = 0; h < hidden; ++h) sum += t[s * hidden + h];
            values.push_back(sum / static_cast<double>(std::max<int64_t>(hidden, 1)));
        }
        *labels << rowName(probe);
    }
    return values;
}

std::vector<double> GateView::units(const sequence_inspection::GateTrace& trace, QStringList* labels) const {
    const std::vector<std::string> probes = sequence_inspection::gate_probe_names(model_->recurrentNode().type);
    const size_t chosen = static_cast<size_t>(rows_->currentIndex() - 1);
    if (chosen >= probes.size()) return {};
    const auto it = trace.values.find(probes[chosen]);
    if (it == trace.values.end()) return {};
    const dl::Tensor& t = it->second;
    const int64_t steps = t.size(0), hidden = t.size(1);
    firstUnit_->setMaximum(static_cast<int>(std::max<int64_t>(hidden - 1, 0)));
    const int64_t first = std::min<int64_t>(firstUnit_->value(), hidden - 1);
    const int64_t last = std::min<int64_t>(first + unitCount_->value(), hidden);
    std::vector<double> values;
    for (int64_t h = first; h < last; ++h) {
        for (int64_t s = 0; s < steps; ++s) values.push_back(t[s * hidden + h]);
        *labels << tr("unit %1").arg(h);
    }
    return values;
}

void GateView::redraw() {
    syncRowChoices();
    const QString text = placeholderText();
    placeholder_->setText(text);
    stack_->setCurrentIndex(text.isEmpty() ? 0 : 1);
    rowLabels_.clear();
    columnLabels_.clear();
    std::vector<double> values;
    if (text.isEmpty()) {
        const sequence_inspection::GateTrace& trace = *model_->gates();
        for (const std::string& token : trace.tokens) columnLabels_ << drawnToken(token);
        values = rows_->currentIndex() == 0 ? gateMeans(trace, &rowLabels_) : units(trace, &rowLabels_);
    }
    const int rows = static_cast<int>(rowLabels_.size()), columns = static_cast<int>(columnLabels_.size());
    if (values.size() != static_cast<size_t>(rows) * columns) values.assign(static_cast<size_t>(rows) * columns, 0);
    heatmap_plot::setCells(heat_, rows, columns, values);
    // One label per character while they fit (about 9 px each), else every n-th.
    const int every = std::max(1, columns * 9 / std::max(plot_->width() - 120, 90));
    heatmap_plot::setTextTicks(heat_.rect->axis(QCPAxis::atBottom), columnLabels_, every);
    heatmap_plot::setTextTicks(heat_.rect->axis(QCPAxis::atLeft), rowLabels_);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool GateView::placeholderVisible() const {
    return stack_->currentIndex() == 1;
}

QString GateView::placeholder() const {
    return placeholder_->text();
}
