#include "ui/model_views/batch_norm_view.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/model_views/combo_choices.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

const QColor kGamma(31, 119, 180), kBeta(255, 127, 14);

const dl::Tensor* findParameter(const TensorMap& values, const QString& node, const char* which) {
    const auto it = values.find(node.toStdString() + which);
    return it == values.end() || it->second.dim() != 1 ? nullptr : &it->second;
}

void setValues(QCPBars* bars, const dl::Tensor* t) {
    QVector<double> keys, values;
    for (int64_t c = 0; t && c < t->numel(); ++c) {
        keys << static_cast<double>(c);
        values << (*t)[c];
    }
    bars->setData(keys, values, true);
}

void styleBars(QCPBars* bars, const QColor& colour, const QString& name) {
    bars->setName(name);
    QColor fill = colour;
    fill.setAlpha(190);
    bars->setBrush(fill);
    bars->setPen(QPen(colour.darker(120), 0.8));
    bars->setWidth(0.38);
}

}  // namespace

BatchNormView::BatchNormView(QWidget* parent)
    : QWidget(parent),
      combo_(new QComboBox),
      stack_(new QStackedWidget),
      placeholder_(new QLabel),
      plot_(new QCustomPlot),
      caption_(new QLabel),
      throttle_([this] { redraw(); }) {
    auto* top = new QHBoxLayout;
    auto* label = new QLabel(tr("&BatchNorm layer:"));
    label->setBuddy(combo_);
    combo_->setObjectName(QStringLiteral("nodeBox"));
    combo_->setToolTip(tr("The BatchNorm layer whose γ and β are shown."));
    combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(label);
    top->addWidget(combo_);
    top->addStretch(1);

    placeholder_->setObjectName(QStringLiteral("batchNormPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    placeholder_->setText(tr("γ and β are shown for networks with BatchNorm layers (e.g. the lenet-bn preset)."));
    stack_->addWidget(plot_);
    stack_->addWidget(placeholder_);

    caption_->setObjectName(QStringLiteral("batchNormCaption"));
    caption_->setWordWrap(true);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(stack_, 1);
    layout->addWidget(caption_);
    setUpPlot();

    connect(combo_, &QComboBox::currentIndexChanged, this, [this] {
        wanted_ = combo_->currentText();
        throttle_.now();
    });
    redraw();
}

void BatchNormView::setUpPlot() {
    const QFont base = font();
    plot_->setObjectName(QStringLiteral("batchNormPlot"));
    plot_->setToolTip(tr("Per channel: γ (scale) and β (shift) that BatchNorm applies after normalising."));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 200);
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeLegendItems);
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) plot_style::styleAxis(a, base);
    plot_->xAxis->setLabel(tr("channel"));
    plot_->yAxis->setLabel(tr("value"));
    auto wholeChannels = QSharedPointer<QCPAxisTickerFixed>::create();
    wholeChannels->setTickStep(1);
    wholeChannels->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(wholeChannels);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setZeroLinePen(QPen(QColor(90, 90, 90), 1));

    gamma_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    beta_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    styleBars(gamma_, kGamma, tr("γ (scale)"));
    styleBars(beta_, kBeta, tr("β (shift)"));
    auto* group = new QCPBarsGroup(plot_);  // side by side at each channel
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    gamma_->setBarsGroup(group);
    beta_->setBarsGroup(group);

    plot_style::styleLegend(plot_->legend, base);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    plot_->plotLayout()->setRowSpacing(0);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setMargins(QMargins(8, 4, 8, 0));
}

void BatchNormView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) {
        connect(model, &ModelSnapshot::networkChanged, this, [this] {
            syncNodes();
            throttle_.request();
        });
        connect(model, &ModelSnapshot::parametersChanged, this, [this] { throttle_.request(); });
    }
    syncNodes();
    throttle_.now();
}

int BatchNormView::nodeCount() const {
    return combo_->count();
}

QString BatchNormView::currentNode() const {
    return combo_->currentText();
}

bool BatchNormView::placeholderVisible() const {
    return stack_->currentWidget() == placeholder_;
}

QString BatchNormView::placeholder() const {
    return placeholder_->text();
}

QString BatchNormView::caption() const {
    return caption_->text();
}

void BatchNormView::refreshNow() {
    throttle_.now();
}

void BatchNormView::syncNodes() {
    QStringList names;
    if (model_)
        for (const dl::NodeSpec& n : model_->network().nodes)
            if (n.type == "BatchNorm") names << QString::fromStdString(n.id);
    setComboChoices(combo_, names, wanted_);
}

void BatchNormView::redraw() {
    const bool any = nodeCount() > 0;
    stack_->setCurrentWidget(any ? static_cast<QWidget*>(plot_) : placeholder_);
    combo_->setEnabled(any);
    const TensorMap empty;
    const TensorMap& values = model_ ? model_->parameters() : empty;
    const dl::Tensor* gamma = any ? findParameter(values, currentNode(), ".weight") : nullptr;
    const dl::Tensor* beta = any ? findParameter(values, currentNode(), ".bias") : nullptr;
    showValues(gamma, beta);
    plot_->replot();
}

void BatchNormView::showValues(const dl::Tensor* gamma, const dl::Tensor* beta) {
    setValues(gamma_, gamma);
    setValues(beta_, beta);
    const int64_t channels = std::max(gamma ? gamma->numel() : 0, beta ? beta->numel() : 0);
    double lo = 0, hi = 1;
    for (const dl::Tensor* t : {gamma, beta})
        for (int64_t c = 0; t && c < t->numel(); ++c)
            lo = std::min<double>(lo, (*t)[c]), hi = std::max<double>(hi, (*t)[c]);
    const double margin = (hi - lo) * 0.08;
    plot_->yAxis->setRange(lo - (lo < 0 ? margin : 0), hi + margin);
    plot_->xAxis->setRange(-0.7, channels > 0 ? channels - 0.3 : 1);
    QString text =
        tr("γ scales and β shifts each normalised channel (D2L §8.5): the layer outputs γ·x̂ + β, "
           "so γ = 1, β = 0 leave the channel normalised.");
    if (nodeCount() > 0 && !gamma && !beta)
        text += tr("\nThe values of %1 appear here once the network is built or training starts.").arg(currentNode());
    else if (channels > 0)
        text += tr("\n%1: %2 channels.").arg(currentNode()).arg(channels);
    caption_->setText(text);
}
