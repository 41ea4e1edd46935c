#include "ui/model_views/predictions_view.h"

#include <algorithm>

#include <QPainter>

#include "ui/dataset/sample_image.h"
#include "ui/model_views/class_style.h"

namespace {

constexpr int kPad = 4;
const QColor kWrong(200, 30, 30), kRight(30, 130, 50);

QFont smaller(QFont font) {
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
    return font;
}

}  // namespace

PredictionsView::PredictionsView(QWidget* parent) : QWidget(parent), throttle_([this] { takePredictions(); }) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(
        tr("The first test images with their true class and, below it, the class the network predicts: "
           "red when it is wrong."));
    showData();
}

void PredictionsView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) {
        connect(model, &ModelSnapshot::dataChanged, this, &PredictionsView::showData);
        connect(model, &ModelSnapshot::predictionsChanged, this, [this] { throttle_.request(); });
    }
    showData();
}

int PredictionsView::wrongCount() const {
    int wrong = 0;
    for (int i = 0; i < static_cast<int>(predicted_.size()); ++i) wrong += isWrong(i);
    return wrong;
}

bool PredictionsView::isWrong(int shown) const {
    return static_cast<size_t>(shown) < predicted_.size() && predicted_[shown] != truth_[shown];
}

QString PredictionsView::labelText(int shown) const {
    const QString truth = nameOf(truth_.at(shown));
    return hasPredictions() ? QStringLiteral("%1 → %2").arg(truth, nameOf(predicted_.at(shown))) : truth;
}

QString PredictionsView::headline() const {
    if (!hasPredictions())
        return tr("The first %n test image(s) and their classes; predictions follow after each epoch.", "",
                  shownCount());
    return tr("Epoch %1: %2 of the first %3 test images predicted wrong (red).")
        .arg(epoch_)
        .arg(wrongCount())
        .arg(shownCount());
}

void PredictionsView::refreshNow() {
    throttle_.now();
}

QString PredictionsView::nameOf(int32_t label) const {
    return model_ && model_->data() ? className(model_->data()->test, label) : QString::number(label);
}

// New data: the first kRows × kColumns test images and their labels.
void PredictionsView::showData() {
    images_.clear();
    truth_.clear();
    predicted_.clear();
    const dl::DataSplit* data = model_ ? model_->data().get() : nullptr;
    const dl::Dataset* test = data ? &data->test : nullptr;
    imageData_ = test && test->is_classification() && isImageSet(*test) && test->size() > 0;
    if (imageData_) {
        const int64_t n = std::min<int64_t>(test->size(), kRows * kColumns);
        for (int64_t i = 0; i < n; ++i) {
            images_.push_back(sampleImage(*test, i));
            truth_.push_back(test->labels[static_cast<size_t>(i)]);
        }
    }
    placeholder_ = !data                     ? tr("No data loaded yet.")
                   : isImageSet(data->train) ? tr("This data set has no test images to predict.")
                                             : tr("Predictions are shown for image classification data sets.");
    throttle_.now();
    updateGeometry();
}

void PredictionsView::takePredictions() {
    predicted_.clear();
    epoch_ = 0;
    if (imageData_ && model_ && !model_->predictions().empty()) {
        const std::vector<int32_t>& all = model_->predictions();
        const size_t n = std::min(all.size(), images_.size());
        predicted_.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        epoch_ = model_->predictionEpoch();
    }
    update();
}

int PredictionsView::lineHeight() const {
    return QFontMetrics(smaller(font())).height();
}

QSize PredictionsView::sizeHint() const {
    const int side = images_.empty() ? 28 : std::max(images_.front().width(), images_.front().height());
    const int cell = std::max(side * 2, 56) + 2 * kPad;
    return {kColumns * cell, fontMetrics().height() + kRows * (cell + 2 * lineHeight())};
}

QSize PredictionsView::minimumSizeHint() const {
    return {kColumns * 36, fontMetrics().height() + kRows * (36 + 2 * lineHeight())};
}

void PredictionsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (placeholderVisible()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    const int headH = fontMetrics().height() + kPad;
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(kPad, 0, width() - 2 * kPad, headH), Qt::AlignLeft | Qt::AlignVCenter,
               fontMetrics().elidedText(headline(), Qt::ElideRight, width() - 2 * kPad));

    // Cells are laid out for a full grid, so a short test set does not stretch them apart; images
    // use a whole-pixel scale so that every image pixel is the same size on screen.
    const int cellW = width() / kColumns, cellH = (height() - headH) / kRows;
    const int side = std::max(images_.front().width(), images_.front().height());
    const int scale = std::max(1, std::min(cellW - 2 * kPad, cellH - 2 * lineHeight() - 2 * kPad) / side);
    p.setFont(smaller(font()));
    for (int i = 0; i < shownCount(); ++i)
        paintCell(p, i, QRect((i % kColumns) * cellW, headH + (i / kColumns) * cellH, cellW, cellH), scale);
}

// One image, its frame (red when wrong) and its labels: the true class, then "→ predicted".
void PredictionsView::paintCell(QPainter& p, int i, const QRect& cell, int scale) const {
    const QImage& image = images_[static_cast<size_t>(i)];
    const QRect target(cell.x() + (cell.width() - image.width() * scale) / 2, cell.y() + kPad, image.width() * scale,
                       image.height() * scale);
    p.drawImage(target, image);
    const bool wrong = isWrong(i);
    p.setPen(wrong ? QPen(kWrong, 3) : QPen(palette().color(QPalette::Mid), 1));
    p.drawRect(wrong ? target.adjusted(-1, -1, 1, 1) : target.adjusted(0, 0, -1, -1));

    const int lh = lineHeight(), textW = cell.width() - 2;
    QRect line(cell.x() + 1, target.bottom() + 3, textW, lh);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(line, Qt::AlignHCenter | Qt::AlignTop,
               p.fontMetrics().elidedText(nameOf(truth_[static_cast<size_t>(i)]), Qt::ElideRight, textW));
    if (!hasPredictions()) return;
    line.translate(0, lh);
    p.setPen(wrong ? kWrong : kRight);
    const QString predicted = QStringLiteral("→ ") + nameOf(predicted_[static_cast<size_t>(i)]);
    p.drawText(line, Qt::AlignHCenter | Qt::AlignTop, p.fontMetrics().elidedText(predicted, Qt::ElideRight, textW));
}
