#pragma once
// BlankGuessesView: one blank of the fill-in-the-blank view — the hidden word and the model's top guesses for it,
// each with its probability as a bar (softmax over the whole vocabulary). The right word, when guessed, is green.
#include <QGroupBox>
#include <QStringList>

#include <string>
#include <vector>

#include "engine/train/fill_blanks.h"

class QLabel;
class QProgressBar;

class BlankGuessesView : public QGroupBox {
    Q_OBJECT
public:
    explicit BlankGuessesView(QWidget* parent = nullptr);

    // `number` counts blanks from 1; `hidden` is the word the model does not see ("<mask>" when typed as [MASK]).
    void setBlank(int number, const std::string& hidden, const dl::FilledBlank& blank);
    QStringList guesses() const { return tokens_; }  // the tokens shown, most probable first
    std::vector<double> probabilities() const;

private:
    struct Row {
        QLabel* token;
        QProgressBar* bar;
    };
    std::vector<Row> rows_;
    std::vector<double> probabilities_;
    QStringList tokens_;
};
