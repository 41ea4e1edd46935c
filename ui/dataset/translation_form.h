// TranslationForm: the data set panel's fields for sentence pairs (D2L §9.5): the pair file (for a file
// of one's own; "fra-eng" is bundled), the padded length num_steps, the minimum word frequency and how
// many lines of the file to read (D2L's num_examples).
#pragma once

#include <QWidget>

#include "engine/data/registry.h"

class QFormLayout;
class QLineEdit;
class QSpinBox;

class TranslationForm : public QWidget {
    Q_OBJECT

public:
    explicit TranslationForm(QWidget* parent = nullptr);

    // "fra-eng" (bundled: no file row, D2L's 600 lines) or "pairs" (a file: every line by default).
    void setKind(const QString& kind);
    QString fileName() const;
    void setFileName(const QString& path);
    // Writes num_steps, min_freq and max_pairs into `options`.
    void fillOptions(dl::DatasetOptions& options) const;
    // Shows saved options; unset ones show the kind's default.
    void showOptions(const dl::DatasetOptions& options);

Q_SIGNALS:
    void edited();

private:
    QWidget* buildFileRow(const QString& tip);
    void browse();
    int defaultMaxPairs() const;

    QString kind_;
    QFormLayout* form_ = nullptr;
    QLineEdit* file_ = nullptr;
    QSpinBox* numSteps_ = nullptr;
    QSpinBox* minFreq_ = nullptr;
    QSpinBox* maxPairs_ = nullptr;
};
