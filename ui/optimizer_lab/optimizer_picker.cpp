#include "optimizer_picker.h"

#include <QCheckBox>
#include <QGridLayout>
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
    int index = 0;
    for (dl::LabOptimizer optimizer : dl::lab_optimizers()) {
        auto* box = new QCheckBox(lab_style::name(optimizer), this);
        box->setObjectName(QStringLiteral("optimizer-%1").arg(QString::fromStdString(dl::lab_optimizer_id(optimizer))));
        box->setIcon(swatch(lab_style::color(optimizer)));
        box->setChecked(optimizer != dl::LabOptimizer::Sgd);
        connect(box, &QCheckBox::toggled, this, &OptimizerPicker::changed);
        layout->addWidget(box, index / 2, index % 2);
        boxes_[optimizer] = box;
        ++index;
    }
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
