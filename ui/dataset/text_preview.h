// TextPreview: what a language-model corpus looks like (D2L §8.2–8.3): the start of its token
// stream with every token marked off, its vocabulary (token, id, count) and the Zipf plot of its
// unigram, bigram and trigram frequencies against their rank, log–log.
#pragma once

#include <memory>

#include <QWidget>

#include "engine/data/dataset.h"

class QCustomPlot;
class QLabel;
class QTableView;
class QTextBrowser;
class VocabularyModel;

class TextPreview : public QWidget {
    Q_OBJECT

public:
    static constexpr int kStreamTokens = 300;  // tokens shown in the stream

    explicit TextPreview(QWidget* parent = nullptr);

    // nullptr clears the preview.
    void setCorpus(std::shared_ptr<const dl::TextCorpus> corpus);

    int vocabularyRows() const;
    int zipfGraphCount() const;
    int streamTokens() const { return streamTokens_; }  // tokens shown in the stream
    QString streamText() const;                         // the stream as plain text

private:
    QWidget* buildStream();
    QWidget* buildVocabulary();
    QWidget* buildZipfPlot();
    void showStream(const dl::TextCorpus& corpus);
    void showZipf(const dl::TextCorpus& corpus);

    std::shared_ptr<const dl::TextCorpus> corpus_;
    int streamTokens_ = 0;
    QLabel* streamTitle_ = nullptr;
    QTextBrowser* stream_ = nullptr;
    QLabel* vocabularyTitle_ = nullptr;
    QTableView* vocabulary_ = nullptr;
    VocabularyModel* model_ = nullptr;
    QCustomPlot* zipf_ = nullptr;
};
