#include "ui/dataset/dataset_preview.h"

#include <algorithm>
#include <cmath>

#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/dataset/sample_image.h"
#include "ui/dataset/text_preview.h"
#include "ui/dataset/translation_preview.h"
#include "ui/model_views/class_style.h"
#include "ui/plots/qcp.h"

namespace divelab_detail {

// The first images of a data set in a grid, each scaled up by whole pixels (no smoothing, so the
// learner sees the real 28×28 pixels) with its class name underneath.
class ImageGrid : public QWidget {
public:
    explicit ImageGrid(QWidget* parent = nullptr) : QWidget(parent) {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    void setImages(std::vector<QImage> images, QStringList labels, int columns) {
        images_ = std::move(images);
        labels_ = std::move(labels);
        columns_ = std::max(1, columns);
        updateGeometry();
        update();
    }
    int count() const { return static_cast<int>(images_.size()); }

    QSize sizeHint() const override {
        const int side = images_.empty() ? 28 : std::max(images_.front().width(), images_.front().height());
        const int cell = side * 2 + 2 * kPad;
        return {columns_ * cell, rows() * (cell + labelHeight())};
    }
    QSize minimumSizeHint() const override { return {columns_ * 40, rows() * (40 + labelHeight())}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.fillRect(rect(), palette().base());
        if (images_.empty()) return;
        const int lh = labelHeight();
        // Whole-pixel scale so that every image pixel is the same size on screen.
        const int side = std::max(images_.front().width(), images_.front().height());
        const int cellW = width() / columns_;
        const int cellH = height() / std::max(1, rows());
        const int room = std::min(cellW - 2 * kPad, cellH - lh - 2 * kPad);
        // Images bigger than their cell (96 px, 224 px) are shrunk to fit it instead of being cut off.
        const int imgSide = room >= side ? room / side * side : std::max(8, room);
        QFont small = font();
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
        p.setFont(small);
        const int gridW = columns_ * cellW;
        const int x0 = (width() - gridW) / 2;
        for (int i = 0; i < count(); ++i) {
            const int cx = x0 + (i % columns_) * cellW, cy = (i / columns_) * cellH;
            const QRect target(cx + (cellW - imgSide) / 2, cy + kPad, imgSide, imgSide);
            p.drawImage(target, images_[static_cast<size_t>(i)]);
            p.setPen(palette().color(QPalette::Mid));
            p.drawRect(target.adjusted(0, 0, -1, -1));
            p.setPen(palette().color(QPalette::Text));
            const QRect labelRect(cx, target.bottom() + 2, cellW, lh);
            const QString text = p.fontMetrics().elidedText(labels_.value(i), Qt::ElideRight, cellW - 2);
            p.drawText(labelRect, Qt::AlignHCenter | Qt::AlignTop, text);
        }
    }

private:
    static constexpr int kPad = 3;
    int rows() const { return std::max(1, (count() + columns_ - 1) / columns_); }
    int labelHeight() const {
        QFont small = font();
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
        return QFontMetrics(small).height() + 2;
    }

    std::vector<QImage> images_;
    QStringList labels_;
    int columns_ = 6;
};

}  // namespace divelab_detail

namespace {

using divelab_detail::ImageGrid;

enum Page { EmptyPage = 0, ImagesPage = 1, PointsPage = 2, TablePage = 3, TextPage = 4, TranslationPage = 5 };

QString shapeText(const dl::Shape& shape) {
    QStringList parts;
    for (int64_t s : shape) parts << QString::number(s);
    return parts.join(QStringLiteral("×"));
}

bool isPointSet(const dl::Dataset& d) {
    const dl::Shape& s = d.features.shape();
    return s.size() == 2 && s[1] == 2 && d.is_classification();
}

}  // namespace

DatasetPreview::DatasetPreview(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    caption_ = new QLabel;
    caption_->setObjectName(QStringLiteral("caption"));
    caption_->setWordWrap(true);
    caption_->setToolTip(
        tr("The data set's name, how many examples it holds, the shape of one example "
           "and what is predicted."));
    layout->addWidget(caption_);
    stack_ = new QStackedWidget;
    layout->addWidget(stack_, 1);

    empty_ = new QLabel(tr("No data loaded yet: choose a data set and load it."));
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    stack_->addWidget(empty_);

    grid_ = new ImageGrid;
    grid_->setObjectName(QStringLiteral("imageGrid"));
    grid_->setToolTip(tr("The first test images, pixel for pixel, with the class each one belongs to."));
    stack_->addWidget(grid_);

    plot_ = new QCustomPlot;
    plot_->setObjectName(QStringLiteral("scatter"));
    plot_->setToolTip(
        tr("Each dot is one example, placed by its two features and coloured by its class; "
           "filled dots are for training, hollow ones for testing."));
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->setMinimumSize(240, 240);
    stack_->addWidget(plot_);

    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("table"));
    table_->setToolTip(tr("The first training rows: one example per row, its features and the value to predict."));
    model_ = new QStandardItemModel(this);
    table_->setModel(model_);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    stack_->addWidget(table_);

    text_ = new TextPreview;
    text_->setObjectName(QStringLiteral("textPreview"));
    stack_->addWidget(text_);

    translation_ = new TranslationPreview;
    translation_->setObjectName(QStringLiteral("translationPreview"));
    stack_->addWidget(translation_);

    setData(nullptr);
}

DatasetPreview::~DatasetPreview() = default;

int DatasetPreview::imageCount() const {
    return mode_ == Mode::Images ? grid_->count() : 0;
}

int DatasetPreview::pointCount() const {
    if (mode_ != Mode::Points) return 0;
    int n = 0;
    for (int i = 0; i < plot_->graphCount(); ++i) n += plot_->graph(i)->data()->size();
    return n;
}

int DatasetPreview::tableRows() const {
    return mode_ == Mode::Table ? model_->rowCount() : 0;
}

QString DatasetPreview::caption() const {
    return caption_->text();
}

void DatasetPreview::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    if (mode_ == Mode::Text) text_->setCorpus(nullptr);  // let go of the previous corpus
    if (mode_ == Mode::Translation) translation_->setCorpus(nullptr);
    mode_ = Mode::Empty;
    if (!data_ || (data_->train.size() == 0 && data_->test.size() == 0)) {
        caption_->setText(tr("No data"));
        stack_->setCurrentIndex(EmptyPage);
        return;
    }
    const dl::Dataset& any = data_->train.size() > 0 ? data_->train : data_->test;
    if (any.is_language_model()) {
        showText(any);
        return;
    }
    if (any.is_translation()) {
        showTranslation(*data_);
        return;
    }
    QString what = any.is_classification()
                       ? tr("%1 classes").arg(any.num_classes)
                       : tr("regression, %1 target(s)")
                             .arg(any.targets.defined() && any.targets.dim() > 1 ? any.targets.size(1) : 1);
    const dl::Shape sample = any.sample_shape();
    const QString each = sample.size() == 1 ? tr("%1 features").arg(sample[0]) : tr("shape %1").arg(shapeText(sample));
    caption_->setText(tr("<b>%1</b> — %2 training / %3 test examples, each %4; %5")
                          .arg(QString::fromStdString(any.name).toHtmlEscaped())
                          .arg(data_->train.size())
                          .arg(data_->test.size())
                          .arg(each, what));

    if (isImageSet(any)) {
        showImages(data_->test.size() > 0 ? data_->test : data_->train);
    } else if (isPointSet(any)) {
        showPoints(*data_);
    } else if (any.features.dim() == 2) {
        showTable(any);
    } else {
        empty_->setText(tr("No preview for examples of shape %1.").arg(shapeText(any.sample_shape())));
        stack_->setCurrentIndex(EmptyPage);
    }
}

void DatasetPreview::showImages(const dl::Dataset& d) {
    const int64_t n = std::min<int64_t>(d.size(), kGridColumns * kGridRows);
    std::vector<QImage> images;
    QStringList labels;
    for (int64_t i = 0; i < n; ++i) {
        images.push_back(sampleImage(d, i));
        labels << (d.is_classification() ? className(d, d.labels[static_cast<size_t>(i)]) : QString());
    }
    grid_->setImages(std::move(images), labels, kGridColumns);
    mode_ = Mode::Images;
    stack_->setCurrentIndex(ImagesPage);
}

void DatasetPreview::showPoints(const dl::DataSplit& s) {
    plot_->clearGraphs();
    const dl::Dataset& any = s.train.size() > 0 ? s.train : s.test;
    const int k = any.num_classes;
    for (int part = 0; part < 2; ++part) {
        const dl::Dataset& d = part == 0 ? s.train : s.test;
        std::vector<QVector<double>> xs(static_cast<size_t>(k)), ys(static_cast<size_t>(k));
        for (int64_t i = 0; i < d.size(); ++i) {
            const int32_t label = d.labels[static_cast<size_t>(i)];
            if (label < 0 || label >= k) continue;
            xs[static_cast<size_t>(label)].push_back(d.features[i * 2]);
            ys[static_cast<size_t>(label)].push_back(d.features[i * 2 + 1]);
        }
        for (int c = 0; c < k; ++c) {
            QCPGraph* g = plot_->addGraph();
            g->setLineStyle(QCPGraph::lsNone);
            const QColor colour = classColor(c);
            if (part == 0) {
                QColor fill = colour;
                fill.setAlpha(190);
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, fill, fill, 5));
                g->setName(className(any, c));
            } else {
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 1.2), Qt::NoBrush, 6));
                g->setName(tr("%1 (test)").arg(className(any, c)));
                g->removeFromLegend();
            }
            g->setData(xs[static_cast<size_t>(c)], ys[static_cast<size_t>(c)]);
        }
    }
    const QString xName =
        any.feature_names.size() == 2 ? QString::fromStdString(any.feature_names[0]) : QStringLiteral("x₁");
    const QString yName =
        any.feature_names.size() == 2 ? QString::fromStdString(any.feature_names[1]) : QStringLiteral("x₂");
    plot_->xAxis->setLabel(xName);
    plot_->yAxis->setLabel(yName);
    plot_->rescaleAxes();
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        const QCPRange r = axis->range();
        axis->setRange(r.lower - 0.05 * r.size(), r.upper + 0.05 * r.size());
    }
    plot_->replot();
    mode_ = Mode::Points;
    stack_->setCurrentIndex(PointsPage);
}

void DatasetPreview::showText(const dl::Dataset& d) {
    const dl::TextCorpus& text = *d.text;
    const QString kind = text.token_kind == "word" ? tr("word") : tr("character");
    caption_->setText(tr("<b>%1</b> — %2 %3 tokens, a vocabulary of %4; %5 examples of %6 tokens (%7 sampling); "
                         "no test set")
                          .arg(QString::fromStdString(d.name).toHtmlEscaped(),
                               QLocale().toString(static_cast<qlonglong>(text.tokens.size())), kind,
                               QLocale().toString(text.vocab_size()), QLocale().toString(d.size()))
                          .arg(d.num_steps)
                          .arg(QString::fromStdString(dl::sampling_name(d.sampling))));
    text_->setCorpus(d.text);
    mode_ = Mode::Text;
    stack_->setCurrentIndex(TextPage);
}

void DatasetPreview::showTranslation(const dl::DataSplit& s) {
    const dl::Dataset& train = s.train.size() > 0 ? s.train : s.test;
    const dl::TranslationCorpus& corpus = *train.translation;
    caption_->setText(
        tr("<b>%1</b> — %2 training / %3 test sentence pairs, each side %4 tokens (&lt;eos&gt;, "
           "then &lt;pad&gt;); vocabularies of %5 source and %6 target words (min. frequency applied)")
            .arg(QString::fromStdString(train.name).toHtmlEscaped(), QLocale().toString(s.train.size()),
                 QLocale().toString(s.test.size()))
            .arg(train.num_steps)
            .arg(QLocale().toString(corpus.source_vocab_size()), QLocale().toString(corpus.target_vocab_size())));
    translation_->setCorpus(train.translation);
    mode_ = Mode::Translation;
    stack_->setCurrentIndex(TranslationPage);
}

void DatasetPreview::showTable(const dl::Dataset& d) {
    model_->clear();
    const int64_t cols = d.features.size(1);
    const int rows = static_cast<int>(std::min<int64_t>(d.size(), kTableRows));
    QStringList header;
    for (int64_t j = 0; j < cols; ++j)
        header << (static_cast<size_t>(j) < d.feature_names.size()
                       ? QString::fromStdString(d.feature_names[static_cast<size_t>(j)])
                       : QStringLiteral("x%1").arg(j + 1));
    const int64_t targetCols =
        d.is_classification() ? 1 : (d.targets.defined() ? d.targets.numel() / std::max<int64_t>(1, d.size()) : 0);
    if (d.is_classification())
        header << tr("→ class");
    else if (targetCols == 1)
        header << tr("→ target");
    else
        for (int64_t t = 0; t < targetCols; ++t) header << tr("→ target %1").arg(t + 1);
    model_->setColumnCount(static_cast<int>(header.size()));
    model_->setHorizontalHeaderLabels(header);
    model_->setRowCount(rows);
    QFont bold = font();
    bold.setBold(true);
    for (int r = 0; r < rows; ++r) {
        for (int64_t j = 0; j < cols; ++j) {
            auto* item = new QStandardItem(QString::number(d.features[r * cols + j], 'g', 5));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            model_->setItem(r, static_cast<int>(j), item);
        }
        if (d.is_classification()) {
            auto* item = new QStandardItem(className(d, d.labels[static_cast<size_t>(r)]));
            item->setFont(bold);
            model_->setItem(r, static_cast<int>(cols), item);
        } else {
            for (int64_t t = 0; t < targetCols; ++t) {
                auto* item = new QStandardItem(QString::number(d.targets[r * targetCols + t], 'g', 5));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setFont(bold);
                model_->setItem(r, static_cast<int>(cols + t), item);
            }
        }
    }
    table_->resizeColumnsToContents();
    mode_ = Mode::Table;
    stack_->setCurrentIndex(TablePage);
}
