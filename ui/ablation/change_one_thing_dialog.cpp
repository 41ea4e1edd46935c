#include "change_one_thing_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "engine/core/error.h"

namespace {

// A useful first value to compare against: the other setting of on/off, a typical contrast for numbers.
QString suggestedValue(const dl::Project& p, dl::AblationWhat what) {
    const std::string now = dl::current_value(p, what);
    switch (what) {
        case dl::AblationWhat::DropoutP:
            return now == "0" ? QStringLiteral("0.5") : QStringLiteral("0");
        case dl::AblationWhat::WeightDecay:
            return now == "0" ? QStringLiteral("0.001") : QStringLiteral("0");
        case dl::AblationWhat::BatchNorm:
            return now == "on" ? QStringLiteral("off") : QStringLiteral("on");
        case dl::AblationWhat::Activation:
            return now == "ReLU" ? QStringLiteral("Sigmoid") : QStringLiteral("ReLU");
        case dl::AblationWhat::Optimizer:
            return now == "adam" ? QStringLiteral("sgd") : QStringLiteral("adam");
        case dl::AblationWhat::Initializer:
            return now == "xavier_uniform" ? QStringLiteral("normal") : QStringLiteral("xavier_uniform");
        case dl::AblationWhat::LearningRate:
            return QString::number(p.train.optimizer.lr / 10, 'g', 3);
    }
    return {};
}

}  // namespace

QString ChangeOneThingDialog::whatLabel(dl::AblationWhat what) {
    switch (what) {
        case dl::AblationWhat::DropoutP:
            return tr("Dropout p");
        case dl::AblationWhat::WeightDecay:
            return tr("Weight decay λ");
        case dl::AblationWhat::Initializer:
            return tr("Initializer");
        case dl::AblationWhat::Activation:
            return tr("Activation");
        case dl::AblationWhat::BatchNorm:
            return tr("BatchNorm");
        case dl::AblationWhat::Optimizer:
            return tr("Optimizer");
        case dl::AblationWhat::LearningRate:
            return tr("Learning rate");
    }
    return {};
}

ChangeOneThingDialog::ChangeOneThingDialog(const dl::Project& experiment, QWidget* parent)
    : QDialog(parent), experiment_(experiment) {
    setWindowTitle(tr("Change one thing"));
    what_ = new QComboBox(this);
    for (dl::AblationWhat w : dl::ablation_whats()) what_->addItem(whatLabel(w), static_cast<int>(w));
    value_ = new QComboBox(this);
    value_->setEditable(true);
    value_->setMinimumContentsLength(14);
    current_ = new QLabel(this);
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto* intro = new QLabel(tr("The experiment in the main window is duplicated; the copy differs in one thing. "
                                "Both train with the same seed on the same data, and the comparison shows the "
                                "difference."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Change:"), what_);
    form->addRow(tr("Now:"), current_);
    form->addRow(tr("To:"), value_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangeOneThingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(what_, &QComboBox::currentIndexChanged, this, &ChangeOneThingDialog::onWhatChanged);
    onWhatChanged();
    setMinimumWidth(440);
}

dl::AblationChange ChangeOneThingDialog::change() const {
    return {static_cast<dl::AblationWhat>(what_->currentData().toInt()), value_->currentText().trimmed().toStdString()};
}

void ChangeOneThingDialog::onWhatChanged() {
    const auto what = static_cast<dl::AblationWhat>(what_->currentData().toInt());
    current_->setText(QString::fromStdString(dl::current_value(experiment_, what)));
    value_->clear();
    for (const std::string& choice : dl::ablation_value_choices(what)) value_->addItem(QString::fromStdString(choice));
    value_->setCurrentText(suggestedValue(experiment_, what));
    error_->clear();
}

void ChangeOneThingDialog::accept() {
    try {
        changed_ = dl::apply_change(experiment_, change());
    } catch (const dl::InputError& e) {
        error_->setText(QString::fromStdString(e.what()));
        return;
    }
    QDialog::accept();
}
