#include "ui/bert_views/word_chips.h"

#include <QToolButton>

#include "ui/widgets/flow_layout.h"

namespace {
const char* kChipStyle =
    "QToolButton { border: 1px solid #9aa7b8; border-radius: 9px; padding: 3px 9px; background: #f3f6fa; }"
    "QToolButton:hover { border-color: #3b6db3; }"
    "QToolButton:checked { background: #26446e; color: white; border-color: #26446e; font-weight: bold; }";
}

WordChips::WordChips(QWidget* parent) : QWidget(parent), layout_(new FlowLayout(this, 4)) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setStyleSheet(QString::fromLatin1(kChipStyle));
}

void WordChips::setWords(const std::vector<std::string>& words, const std::vector<bool>& masked) {
    while (chips_.size() > words.size()) {
        delete chips_.back();
        chips_.pop_back();
    }
    while (chips_.size() < words.size()) {
        auto* chip = new QToolButton(this);
        const int index = static_cast<int>(chips_.size());
        chip->setObjectName(QStringLiteral("chip%1").arg(index));
        chip->setCheckable(true);
        chip->setToolTip(tr("Click to hide this word from the model (a blank to fill) or to show it again"));
        connect(chip, &QToolButton::clicked, this, [this, index] { Q_EMIT wordClicked(index); });
        layout_->addWidget(chip);
        chips_.push_back(chip);
    }
    for (size_t i = 0; i < words.size(); ++i) {
        const bool hidden = i < masked.size() && masked[i];
        chips_[i]->setText(words[i] == "<mask>" ? QStringLiteral("[MASK]") : QString::fromStdString(words[i]));
        chips_[i]->setChecked(hidden);
    }
}

QToolButton* WordChips::chip(int index) const {
    return index >= 0 && index < count() ? chips_[static_cast<size_t>(index)] : nullptr;
}
