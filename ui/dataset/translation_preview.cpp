#include "ui/dataset/translation_preview.h"

#include <algorithm>
#include <map>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "engine/data/nmt_preprocessing.h"
#include "ui/dataset/sentence_pair_model.h"
#include "ui/model_views/class_style.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

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

QCPBars* makeBars(QCustomPlot* plot, const QColor& colour, const QString& name) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    QColor fill = colour;
    fill.setAlpha(190);
    bars->setBrush(fill);
    bars->setPen(QPen(colour.darker(120), 0.8));
    bars->setWidth(0.4);
    return bars;
}

// Sentences per length in word tokens, as D2L counts them (len of the split sentence).
std::map<int, int> lengthCounts(const std::vector<std::string>& sentences) {
    std::map<int, int> counts;
    for (const std::string& s : sentences) ++counts[static_cast<int>(dl::split_words_nmt(s).size())];
    return counts;
}

void setCounts(QCPBars* bars, const std::map<int, int>& counts) {
    QVector<double> keys, values;
    for (const auto& [length, count] : counts) {
        keys << length;
        values << count;
    }
    bars->setData(keys, values, true);
}

}  // namespace

TranslationPreview::TranslationPreview(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    split_ = new QSplitter(Qt::Vertical);
    split_->setChildrenCollapsible(false);
    split_->addWidget(buildTable());
    split_->addWidget(buildHistogram());
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 2);
    layout->addWidget(split_);
}

QWidget* TranslationPreview::buildTable() {
    tableTitle_ = new QLabel;
    model_ = new SentencePairModel(this);
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("sentencePairs"));
    table_->setModel(model_);
    table_->setToolTip(
        tr("The sentence pairs as the network reads them (D2L §9.5): lower case, a space before , . ! ? so that "
           "punctuation is a token of its own, and words split on spaces."));
    table_->setAlternatingRowColors(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->setMinimumSize(240, 140);
    return titled(tableTitle_, table_);
}

QWidget* TranslationPreview::buildHistogram() {
    histogram_ = new QCustomPlot;
    histogram_->setObjectName(QStringLiteral("lengthHistogram"));
    histogram_->setToolTip(
        tr("How many sentences have each number of tokens, source and target side by side (D2L §9.5.3). "
           "Sentences longer than num_steps are cut; shorter ones are padded with <pad>."));
    histogram_->setMinimumSize(240, 180);
    const QFont base = font();
    for (QCPAxis* axis : {histogram_->xAxis, histogram_->yAxis}) plot_style::styleAxis(axis, base);
    histogram_->xAxis->setLabel(tr("# tokens per sequence"));
    histogram_->yAxis->setLabel(tr("count"));
    auto wholeLengths = QSharedPointer<QCPAxisTickerFixed>::create();
    wholeLengths->setTickStep(1);
    wholeLengths->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    histogram_->xAxis->setTicker(wholeLengths);
    histogram_->xAxis->grid()->setVisible(false);
    sourceBars_ = makeBars(histogram_, classColor(0), tr("source"));
    targetBars_ = makeBars(histogram_, classColor(1), tr("target"));
    auto* group = new QCPBarsGroup(histogram_);  // side by side at each length
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    sourceBars_->setBarsGroup(group);
    targetBars_->setBarsGroup(group);
    plot_style::styleLegend(histogram_->legend, base);
    histogram_->legend->setVisible(true);
    histogram_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    histogramTitle_ = new QLabel;
    return titled(histogramTitle_, histogram_);
}

void TranslationPreview::setCorpus(std::shared_ptr<const dl::TranslationCorpus> corpus) {
    corpus_ = std::move(corpus);
    model_->setCorpus(corpus_);
    sourceBars_->data()->clear();
    targetBars_->data()->clear();
    if (!corpus_) {
        histogram_->replot();
        return;
    }
    const qsizetype pairs = static_cast<qsizetype>(corpus_->source_text.size());
    QString title = tr("<b>Sentence pairs</b>: %1, preprocessed as D2L does").arg(QLocale().toString(pairs));
    if (corpus_->skipped_lines > 0)
        title += tr("; %1 lines of the file were not “source<TAB>target” and were skipped")
                     .arg(QLocale().toString(static_cast<qlonglong>(corpus_->skipped_lines)));
    tableTitle_->setText(title);
    // The sentence columns share the width; the counts keep their header's width.
    table_->resizeColumnsToContents();
    showHistogram(*corpus_);
}

void TranslationPreview::showHistogram(const dl::TranslationCorpus& corpus) {
    setCounts(sourceBars_, lengthCounts(corpus.source_text));
    setCounts(targetBars_, lengthCounts(corpus.target_text));
    histogramTitle_->setText(
        tr("<b>Tokens per sentence</b>: how many of the %1 source and target sentences have each length")
            .arg(QLocale().toString(static_cast<qlonglong>(corpus.source_text.size()))));
    bool found = false;
    const QCPRange keys = sourceBars_->getKeyRange(found).expanded(targetBars_->getKeyRange(found));
    histogram_->xAxis->setRange(keys.lower - 0.8, keys.upper + 0.8);
    const QCPRange values = sourceBars_->getValueRange(found).expanded(targetBars_->getValueRange(found));
    histogram_->yAxis->setRange(0, values.upper * 1.12);
    histogram_->replot();
}

void TranslationPreview::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // A narrow dock stacks the table above the histogram; a wide window puts them side by side.
    split_->setOrientation(width() >= kSideBySideWidth ? Qt::Horizontal : Qt::Vertical);
}

int TranslationPreview::pairRows() const {
    return model_->rowCount();
}

double TranslationPreview::histogramTotal(int side) const {
    const QCPBars* bars = side == 0 ? sourceBars_ : targetBars_;
    double total = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) total += it->value;
    return total;
}

int TranslationPreview::histogramBars(int side) const {
    return (side == 0 ? sourceBars_ : targetBars_)->data()->size();
}
