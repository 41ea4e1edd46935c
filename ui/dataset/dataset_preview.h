// DatasetPreview: shows what a data set looks like (view only). Images ([N,1,H,W] or [N,3,H,W])
// as a grid of the first test images with their class names, 2-D classification points as a
// scatter plot (one colour per class; training points filled, test points hollow), anything else
// with [N,d] features as a table of the first rows under the feature names, a text corpus as its
// token stream, vocabulary and Zipf plot (TextPreview), and sentence pairs as their table and the
// histogram of tokens per sentence (TranslationPreview).
#pragma once

#include <memory>

#include <QWidget>

#include "engine/data/dataset.h"

class QCustomPlot;
class QLabel;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class TextPreview;
class TranslationPreview;

namespace divelab_detail {
class ImageGrid;
}

class DatasetPreview : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Empty, Images, Points, Table, Text, Translation };

    explicit DatasetPreview(QWidget* parent = nullptr);
    ~DatasetPreview() override;

    // nullptr clears the preview.
    void setData(std::shared_ptr<const dl::DataSplit> data);
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }

    Mode mode() const { return mode_; }
    int imageCount() const;  // images in the grid
    int pointCount() const;  // points in the scatter plot (train + test)
    int tableRows() const;   // rows in the table
    TextPreview* textPreview() const { return text_; }
    TranslationPreview* translationPreview() const { return translation_; }
    QString caption() const;  // the one-line summary above the view

    static constexpr int kGridColumns = 6, kGridRows = 6, kTableRows = 100;

private:
    void showImages(const dl::Dataset& d);
    void showPoints(const dl::DataSplit& s);
    void showTable(const dl::Dataset& d);
    void showText(const dl::Dataset& d);
    void showTranslation(const dl::DataSplit& s);

    std::shared_ptr<const dl::DataSplit> data_;
    Mode mode_ = Mode::Empty;
    QLabel* caption_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QLabel* empty_ = nullptr;
    divelab_detail::ImageGrid* grid_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QTableView* table_ = nullptr;
    QStandardItemModel* model_ = nullptr;
    TextPreview* text_ = nullptr;
    TranslationPreview* translation_ = nullptr;
};
