#pragma once
// ImageTileGrid: small images (filters, feature-map channels) in rows, each scaled up by a whole
// factor with nearest-neighbour so their pixels stay crisp, with a short label under each. The
// tiles shrink (down to one screen pixel per image pixel) so that the whole grid fits the widget.
// Shows a centred placeholder text instead when there are no tiles. Used by FilterView and
// FeatureMapView.
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>

// An h × w plane of floats (row-major) as a grey image, stretched from its minimum (black) to its
// maximum (white); a constant plane is mid-grey.
QImage greyImage(const float* plane, int h, int w);
// Three h × w planes (channel-major, like a [3, H, W] tensor) as a colour image, stretched together
// from their joint minimum to their maximum.
QImage rgbImage(const float* planes, int h, int w);

class ImageTileGrid : public QWidget {
    Q_OBJECT
public:
    struct Tile {
        QImage image;
        QString label;
    };

    explicit ImageTileGrid(QWidget* parent = nullptr);

    // Tiles of (at most) `preferredSide` screen pixels; all images should be the same size.
    void setTiles(std::vector<Tile> tiles, int preferredSide = 48);
    void setPlaceholder(const QString& text);  // shown while there are no tiles
    int tileCount() const { return static_cast<int>(tiles_.size()); }
    const QImage& tileImage(int i) const { return tiles_.at(static_cast<size_t>(i)).image; }
    QString placeholder() const { return placeholder_; }
    QRect tileRect(int i) const;  // where tile i's image is painted at the current size

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout {
        int scale = 1, columns = 1, cellW = 1, cellH = 1;
    };
    Layout layoutFor(QSize area) const;
    int imageSide() const;
    int labelHeight() const;

    std::vector<Tile> tiles_;
    int preferredSide_ = 48;
    QString placeholder_;
};
