#include "ui/model_views/image_tile_grid.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

namespace {

constexpr int kPad = 3;

QFont smaller(QFont font) {
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.8));
    return font;
}

// Maps [lo, hi] to 0..255; a constant range maps to mid-grey.
struct Stretch {
    float lo, hi;
    Stretch(const float* v, int64_t n) {
        const auto [a, b] = std::minmax_element(v, v + n);
        lo = n ? *a : 0;
        hi = n ? *b : 0;
    }
    uchar operator()(float v) const {
        if (!(hi > lo)) return 128;
        return static_cast<uchar>(std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f) * 255.0f + 0.5f);
    }
};

}  // namespace

QImage greyImage(const float* plane, int h, int w) {
    const Stretch byte(plane, static_cast<int64_t>(h) * w);
    QImage img(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        uchar* line = img.scanLine(y);
        for (int x = 0; x < w; ++x) line[x] = byte(plane[static_cast<int64_t>(y) * w + x]);
    }
    return img;
}

QImage rgbImage(const float* planes, int h, int w) {
    const int64_t area = static_cast<int64_t>(h) * w;
    const Stretch byte(planes, 3 * area);
    QImage img(w, h, QImage::Format_RGB888);
    for (int y = 0; y < h; ++y) {
        uchar* line = img.scanLine(y);
        for (int x = 0; x < w; ++x)
            for (int k = 0; k < 3; ++k) line[x * 3 + k] = byte(planes[k * area + static_cast<int64_t>(y) * w + x]);
    }
    return img;
}

ImageTileGrid::ImageTileGrid(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageTileGrid::setTiles(std::vector<Tile> tiles, int preferredSide) {
    tiles_ = std::move(tiles);
    preferredSide_ = std::max(1, preferredSide);
    updateGeometry();
    update();
}

void ImageTileGrid::setPlaceholder(const QString& text) {
    placeholder_ = text;
    update();
}

int ImageTileGrid::imageSide() const {
    if (tiles_.empty()) return 1;
    const QSize s = tiles_.front().image.size();
    return std::max({1, s.width(), s.height()});
}

int ImageTileGrid::labelHeight() const {
    return QFontMetrics(smaller(font())).height();
}

// The largest whole scale (up to the preferred tile side) at which every tile fits `area`.
ImageTileGrid::Layout ImageTileGrid::layoutFor(QSize area) const {
    const int side = imageSide(), n = std::max(1, tileCount());
    const int labelW = QFontMetrics(smaller(font())).horizontalAdvance(QStringLiteral("000")) + 2 * kPad;
    Layout l;
    for (l.scale = std::max(1, preferredSide_ / side); l.scale >= 1; --l.scale) {
        l.cellW = std::max(side * l.scale, labelW) + 2 * kPad;
        l.cellH = side * l.scale + labelHeight() + 2 * kPad;
        l.columns = std::max(1, area.width() / l.cellW);
        const int rows = (n + l.columns - 1) / l.columns;
        if (rows * l.cellH <= area.height() || l.scale == 1) break;
    }
    l.scale = std::max(1, l.scale);
    return l;
}

QRect ImageTileGrid::tileRect(int i) const {
    const Layout l = layoutFor(size());
    const QSize s = tiles_.at(static_cast<size_t>(i)).image.size() * l.scale;
    const int x = (i % l.columns) * l.cellW + (l.cellW - s.width()) / 2;
    const int y = (i / l.columns) * l.cellH + kPad;
    return {QPoint(x, y), s};
}

QSize ImageTileGrid::sizeHint() const {
    if (tiles_.empty()) return {360, 160};
    const int side = imageSide(), scale = std::max(1, preferredSide_ / side);
    const int cellW = side * scale + 2 * kPad, cellH = side * scale + labelHeight() + 2 * kPad;
    const int columns = std::clamp(static_cast<int>(std::ceil(std::sqrt(tileCount() * 1.6))), 1, 12);
    return {columns * cellW, ((tileCount() + columns - 1) / columns) * cellH};
}

QSize ImageTileGrid::minimumSizeHint() const {
    return {120, 60};
}

void ImageTileGrid::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (tiles_.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    const Layout l = layoutFor(size());
    p.setFont(smaller(font()));
    for (int i = 0; i < tileCount(); ++i) {
        const QImage& image = tiles_[static_cast<size_t>(i)].image;
        const QRect target = tileRect(i);
        // Pre-scaled with FastTransformation: nearest neighbour whatever the painter's hints are.
        p.drawImage(target.topLeft(), image.scaled(target.size(), Qt::IgnoreAspectRatio, Qt::FastTransformation));
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.drawRect(target.adjusted(-1, -1, 0, 0));
        p.setPen(palette().color(QPalette::Text));
        const QRect labelRect((i % l.columns) * l.cellW, target.bottom() + 2, l.cellW, labelHeight());
        p.drawText(labelRect, Qt::AlignHCenter | Qt::AlignTop, tiles_[static_cast<size_t>(i)].label);
    }
}
