// TranslationPreview: what a translation data set looks like (D2L §9.5): its sentence pairs as the
// network reads them (preprocessed, with the word tokens of each side counted) and D2L's histogram of
// tokens per sentence (show_list_len_pair_hist): for each length, how many source and how many target
// sentences have it, side by side.
#pragma once

#include <memory>

#include <QWidget>

#include "engine/data/dataset.h"

class QCPBars;
class QCustomPlot;
class QLabel;
class QSplitter;
class QTableView;
class SentencePairModel;

class TranslationPreview : public QWidget {
    Q_OBJECT

public:
    static constexpr int kSideBySideWidth = 640;  // from this width the table and the histogram share a row

    explicit TranslationPreview(QWidget* parent = nullptr);

    // nullptr clears the preview.
    void setCorpus(std::shared_ptr<const dl::TranslationCorpus> corpus);

    int pairRows() const;
    // Sentences counted by the source (0) or target (1) bars: every pair once when all is well.
    double histogramTotal(int side) const;
    int histogramBars(int side) const;  // lengths with at least one sentence
    QTableView* table() const { return table_; }
    QCustomPlot* histogram() const { return histogram_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* buildTable();
    QWidget* buildHistogram();
    void showHistogram(const dl::TranslationCorpus& corpus);

    std::shared_ptr<const dl::TranslationCorpus> corpus_;
    QSplitter* split_ = nullptr;
    QLabel* tableTitle_ = nullptr;
    QTableView* table_ = nullptr;
    SentencePairModel* model_ = nullptr;
    QLabel* histogramTitle_ = nullptr;
    QCustomPlot* histogram_ = nullptr;
    QCPBars* sourceBars_ = nullptr;
    QCPBars* targetBars_ = nullptr;
};
