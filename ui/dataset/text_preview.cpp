#include "ui/dataset/text_preview.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "engine/data/ngram_counts.h"
#include "ui/dataset/vocabulary_model.h"
#include "ui/model_views/class_style.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

// Two soft backgrounds that alternate from token to token, so each token's extent is visible
// (characters have nothing else to separate them).
const char* const kTokenBackgrounds[] = {"#b9d3f0", "#f6cf9f"};

QWidget* titled(QLabel* title, QWidget* body) {
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    title->setWordWrap(true);
    v->addWidget(title);
    v->addWidget(body, 1);
    return box;
}

}  // namespace

TextPreview::TextPreview(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    lower_ = new QSplitter(Qt::Vertical);
    lower_->setChildrenCollapsible(false);
    lower_->addWidget(buildVocabulary());
    lower_->addWidget(buildZipfPlot());
    lower_->setStretchFactor(0, 2);
    lower_->setStretchFactor(1, 3);
    auto* split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(buildStream());
    split->addWidget(lower_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);
}

QWidget* TextPreview::buildStream() {
    streamTitle_ = new QLabel;
    stream_ = new QTextBrowser;
    stream_->setObjectName(QStringLiteral("tokenStream"));
    stream_->setToolTip(
        tr("The corpus as the model reads it: the cleaned lines (letters only, lower case) cut into tokens and "
           "joined into one stream, with no separator between lines (D2L §8.2). Each coloured box is one "
           "token; ␣ is a space."));
    stream_->setMinimumHeight(70);
    return titled(streamTitle_, stream_);
}

QWidget* TextPreview::buildVocabulary() {
    vocabularyTitle_ = new QLabel;
    model_ = new VocabularyModel(this);
    vocabulary_ = new QTableView;
    vocabulary_->setObjectName(QStringLiteral("vocabulary"));
    vocabulary_->setModel(model_);
    vocabulary_->setToolTip(
        tr("Every token the model can read or write, with its id (the model's input and output number) "
           "and how often it occurs; ids follow frequency, most frequent first, after <unk>."));
    vocabulary_->setAlternatingRowColors(true);
    vocabulary_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    vocabulary_->verticalHeader()->hide();
    vocabulary_->verticalHeader()->setDefaultSectionSize(vocabulary_->fontMetrics().height() + 6);
    vocabulary_->horizontalHeader()->setStretchLastSection(true);
    vocabulary_->setMinimumSize(180, 140);
    return titled(vocabularyTitle_, vocabulary_);
}

QWidget* TextPreview::buildZipfPlot() {
    zipf_ = new QCustomPlot;
    zipf_->setObjectName(QStringLiteral("zipf"));
    zipf_->setToolTip(
        tr("Zipf's law (D2L §8.3): the n-th most frequent token occurs about 1/n as often as the most "
           "frequent one, a straight line on log–log axes. Bigrams and trigrams follow it too, with flatter "
           "lines: there are many more of them, each rarer."));
    zipf_->setMinimumSize(240, 200);
    const QFont base = font();
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    for (QCPAxis* axis : {zipf_->xAxis, zipf_->yAxis}) {
        plot_style::styleAxis(axis, base);
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    }
    zipf_->xAxis->setLabel(tr("rank"));
    zipf_->yAxis->setLabel(tr("frequency"));
    plot_style::styleLegend(zipf_->legend, base);
    zipf_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    zipfTitle_ = new QLabel;
    return titled(zipfTitle_, zipf_);
}

void TextPreview::setCorpus(std::shared_ptr<const dl::TextCorpus> corpus) {
    corpus_ = std::move(corpus);
    model_->setCorpus(corpus_);
    vocabulary_->resizeColumnsToContents();
    zipf_->clearGraphs();
    stream_->clear();
    streamTokens_ = 0;
    if (!corpus_) {
        zipf_->replot();
        return;
    }
    vocabularyTitle_->setText(tr("<b>Vocabulary</b>: %1 %2 tokens, counted over the whole text")
                                  .arg(QLocale().toString(corpus_->vocab_size()),
                                       corpus_->token_kind == "word" ? tr("word") : tr("character")));
    showStream(*corpus_);
    showZipf(*corpus_);
}

void TextPreview::showStream(const dl::TextCorpus& corpus) {
    const bool words = corpus.token_kind == "word";
    const auto n = static_cast<int>(std::min<size_t>(corpus.tokens.size(), kStreamTokens));
    QString html = QStringLiteral("<p style=\"line-height: 150%; font-family: monospace;\">");
    for (int i = 0; i < n; ++i) {
        const auto id = static_cast<size_t>(corpus.tokens[static_cast<size_t>(i)]);
        const QString token = VocabularyModel::displayToken(corpus.idx_to_token[id]).toHtmlEscaped();
        html += QStringLiteral("<span style=\"background-color: %1;\">%2</span>")
                    .arg(QLatin1String(kTokenBackgrounds[i % 2]), token);
        if (words) html += QLatin1Char(' ');
    }
    stream_->setHtml(html + QStringLiteral("</p>"));
    streamTokens_ = n;
    streamTitle_->setText(tr("<b>Token stream</b>: the first %1 of %2 tokens, one coloured box each")
                              .arg(n)
                              .arg(QLocale().toString(static_cast<qlonglong>(corpus.tokens.size()))));
}

void TextPreview::showZipf(const dl::TextCorpus& corpus) {
    zipfTitle_->setText(tr("<b>Zipf plot</b>: how often each n-gram occurs in the %1 tokens kept, against its "
                           "rank, log–log")
                            .arg(QLocale().toString(static_cast<qlonglong>(corpus.tokens.size()))));
    const QString names[] = {tr("unigrams"), tr("bigrams"), tr("trigrams")};
    for (int n = 1; n <= 3; ++n) {
        const std::vector<int64_t> counts = dl::ngram_frequencies(corpus.tokens, n);
        QVector<double> rank(static_cast<qsizetype>(counts.size())), frequency(rank.size());
        for (qsizetype i = 0; i < rank.size(); ++i) {
            rank[i] = static_cast<double>(i + 1);
            frequency[i] = static_cast<double>(counts[static_cast<size_t>(i)]);
        }
        QCPGraph* g = zipf_->addGraph();
        g->setName(names[n - 1]);
        g->setPen(QPen(classColor(n - 1), 1.8));
        g->setData(rank, frequency, true);
    }
    zipf_->rescaleAxes();
    const QCPRange y = zipf_->yAxis->range();
    zipf_->yAxis->setRange(std::max(0.5, y.lower / 1.5), y.upper * 1.5);
    zipf_->xAxis->setRange(0.8, zipf_->xAxis->range().upper * 1.5);
    zipf_->replot();
}

void TextPreview::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // A narrow dock stacks the table above the plot; a wide window puts them side by side.
    lower_->setOrientation(width() >= kSideBySideWidth ? Qt::Horizontal : Qt::Vertical);
}

int TextPreview::vocabularyRows() const {
    return model_->rowCount();
}

int TextPreview::zipfGraphCount() const {
    return zipf_->graphCount();
}

QString TextPreview::streamText() const {
    return stream_->toPlainText();
}
