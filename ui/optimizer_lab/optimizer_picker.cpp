#include "optimizer_picker.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

#include "lab_optimizer_style.h"

namespace {

QIcon swatch(const QColor& color) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QRectF(1, 1, 12, 12));
    return QIcon(pixmap);
}

}  // namespace

OptimizerPicker::OptimizerPicker(QWidget* parent) : QWidget(parent) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("η"), this), 0, 1, Qt::AlignHCenter);
    int row = 1;
    for (dl::LabOptimizer optimizer : dl::lab_optimizers()) {
        const QString id = QString::fromStdString(dl::lab_optimizer_id(optimizer));
        auto* box = new QCheckBox(lab_style::name(optimizer), this);
        box->setObjectName(QStringLiteral("optimizer-%1").arg(id));
        box->setIcon(swatch(lab_style::color(optimizer)));
        box->setChecked(optimizer != dl::LabOptimizer::Sgd);
        connect(box, &QCheckBox::toggled, this, &OptimizerPicker::emitChanged);
        layout->addWidget(box, row, 0);
        boxes_[optimizer] = box;
        if (optimizer == dl::LabOptimizer::Adadelta) {
            auto* none = new QLabel(tr("none (D2L §11.9)"), this);
            none->setToolTip(
                tr("Adadelta has no learning rate: its step is rescaled by the leaky average of past "
                   "updates."));
            layout->addWidget(none, row, 1);
        } else {
            auto* rate = new QDoubleSpinBox(this);
            rate->setObjectName(QStringLiteral("optimizer-eta-%1").arg(id));
            rate->setRange(0.0, 10.0);
            rate->setDecimals(4);
            rate->setSingleStep(0.01);
            rate->setValue(0.4);
            rate->setKeyboardTracking(false);
            rate->setToolTip(tr("Learning rate η of %1").arg(lab_style::name(optimizer)));
            connect(rate, &QDoubleSpinBox::valueChanged, this, &OptimizerPicker::emitChanged);
            layout->addWidget(rate, row, 1);
            rates_[optimizer] = rate;
        }
        ++row;
    }
    layout->setColumnStretch(0, 1);
}

void OptimizerPicker::emitChanged() {
    if (!quiet_) Q_EMIT changed();
}

std::vector<dl::LabOptimizer> OptimizerPicker::selected() const {
    std::vector<dl::LabOptimizer> on;
    for (dl::LabOptimizer optimizer : dl::lab_optimizers())
        if (boxes_.at(optimizer)->isChecked()) on.push_back(optimizer);
    return on;
}

void OptimizerPicker::setSelected(dl::LabOptimizer optimizer, bool on) {
    boxes_.at(optimizer)->setChecked(on);
}

double OptimizerPicker::learningRate(dl::LabOptimizer optimizer) const {
    const auto found = rates_.find(optimizer);
    return found == rates_.end() ? 1.0 : found->second->value();  // Adadelta: D2L's rule is lr = 1
}

void OptimizerPicker::setLearningRate(dl::LabOptimizer optimizer, double rate) {
    const auto found = rates_.find(optimizer);
    if (found != rates_.end()) found->second->setValue(rate);
}

void OptimizerPicker::setAllLearningRates(double rate) {
    quiet_ = true;
    for (auto& [optimizer, box] : rates_) box->setValue(rate);
    quiet_ = false;
    emitChanged();
}

void OptimizerPicker::applyPreset(const dl::TestFunction& preset) {
    quiet_ = true;
    for (auto& [optimizer, box] : rates_) box->setValue(preset.learning_rate_for(dl::lab_optimizer_id(optimizer)));
    quiet_ = false;
}
