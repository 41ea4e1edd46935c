#pragma once
// PredictionsView: for image classification, the first test images with their true class and,
// once the network has been evaluated, the class it predicts ("→ Shirt"): wrong ones framed and
// written in red, right ones in green. Other data sets get a short explanation instead. Presents
// a ModelSnapshot; repaints at most ~25 Hz.
#include <cstdint>
#include <vector>

#include <QImage>
#include <QPointer>
#include <QWidget>

#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class PredictionsView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRows = 4, kColumns = 8;

    explicit PredictionsView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    bool isImageData() const { return imageData_; }  // image classification data with test examples
    bool placeholderVisible() const { return !imageData_; }
    bool hasPredictions() const { return !predicted_.empty(); }
    int predictionEpoch() const { return epoch_; }
    int shownCount() const { return static_cast<int>(images_.size()); }
    int wrongCount() const;  // among the shown images; 0 before predictions
    bool isWrong(int shown) const;
    QString labelText(int shown) const;  // "Coat → Shirt", or "Coat" before predictions
    QString headline() const;
    int redrawCount() const { return throttle_.redrawCount(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void refreshNow();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void showData();
    void takePredictions();
    void paintCell(QPainter& p, int shown, const QRect& cell, int scale) const;
    QString nameOf(int32_t label) const;
    int lineHeight() const;

    QPointer<ModelSnapshot> model_;
    bool imageData_ = false;
    std::vector<QImage> images_;
    std::vector<int32_t> truth_, predicted_;  // per shown image; predicted_ empty before predictions
    int epoch_ = 0;
    QString placeholder_;
    RedrawThrottle throttle_;
};
