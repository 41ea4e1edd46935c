#include "ui/bert_views/blank_guesses_view.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>

#include "ui/bert_views/fill_blank_inspection.h"

namespace {
constexpr int kBarSteps = 1000;
}

BlankGuessesView::BlankGuessesView(QWidget* parent) : QGroupBox(parent) {
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    for (int i = 0; i < fill_blank_inspection::kTopGuesses; ++i) {
        Row row{new QLabel(this), new QProgressBar(this)};
        row.token->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("recondite___")));
        row.bar->setRange(0, kBarSteps);
        row.bar->setTextVisible(true);
        row.bar->setMaximumHeight(fontMetrics().height() + 6);
        grid->addWidget(row.token, i, 0);
        grid->addWidget(row.bar, i, 1);
        rows_.push_back(row);
    }
}

void BlankGuessesView::setBlank(int number, const std::string& hidden, const dl::FilledBlank& blank) {
    const QString word = QString::fromStdString(hidden);
    setTitle(hidden == "<mask>" ? tr("Blank %1").arg(number) : tr("Blank %1 (hidden: %2)").arg(number).arg(word));
    probabilities_.clear();
    tokens_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) {
        const bool shown = i < blank.guesses.size();
        rows_[i].token->setVisible(shown);
        rows_[i].bar->setVisible(shown);
        if (!shown) continue;
        const dl::BlankGuess& guess = blank.guesses[i];
        const QString token = QString::fromStdString(guess.token).toHtmlEscaped();
        rows_[i].token->setText(guess.token == hidden ? QStringLiteral("<b style='color:#1b7f3b'>%1 ✓</b>").arg(token)
                                                      : token);
        rows_[i].bar->setValue(static_cast<int>(guess.probability * kBarSteps + 0.5));
        rows_[i].bar->setFormat(QStringLiteral("%1 %").arg(guess.probability * 100, 0, 'f', 1));
        probabilities_.push_back(guess.probability);
        tokens_ << QString::fromStdString(guess.token);
    }
}

std::vector<double> BlankGuessesView::probabilities() const {
    return probabilities_;
}
