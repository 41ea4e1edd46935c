#include "ui/model_views/filter_view.h"

#include <QLabel>
#include <QVBoxLayout>

namespace {

// Filter o of a [O, C, KH, KW] weight: RGB for three input channels, else the first one.
QImage filterImage(const dl::Tensor& w, int64_t o) {
    const int64_t c = w.size(1);
    const int kh = static_cast<int>(w.size(2)), kw = static_cast<int>(w.size(3));
    const float* first = w.data() + o * c * kh * kw;
    return c == 3 ? rgbImage(first, kh, kw) : greyImage(first, kh, kw);
}

}  // namespace

FilterView::FilterView(QWidget* parent)
    : QWidget(parent), caption_(new QLabel), grid_(new ImageTileGrid), throttle_([this] { redraw(); }) {
    caption_->setObjectName(QStringLiteral("filterCaption"));
    caption_->setWordWrap(true);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid_->setObjectName(QStringLiteral("filterGrid"));
    grid_->setToolTip(
        tr("Each picture is one filter of the first convolution: its weights over the kernel window, "
           "from most negative (black) to most positive (white)."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(caption_);
    layout->addWidget(grid_, 1);
    redraw();
}

void FilterView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) {
        connect(model, &ModelSnapshot::networkChanged, this, [this] { throttle_.request(); });
        connect(model, &ModelSnapshot::parametersChanged, this, [this] { throttle_.request(); });
    }
    throttle_.now();
}

QString FilterView::convNode() const {
    if (!model_) return {};
    for (const dl::NodeSpec& n : model_->network().nodes)
        if (n.type == "Conv2d") return QString::fromStdString(n.id);
    return {};
}

QString FilterView::caption() const {
    return caption_->text();
}

void FilterView::refreshNow() {
    throttle_.now();
}

void FilterView::redraw() {
    const QString node = convNode();
    if (node.isEmpty()) {
        caption_->setText(tr("Filters of the first convolution"));
        grid_->setPlaceholder(
            tr("The filters are shown for networks that start with a Conv2d layer (e.g. the lenet preset)."));
        grid_->setTiles({});
        return;
    }
    const auto it = model_->parameters().find(node.toStdString() + ".weight");
    if (it == model_->parameters().end() || it->second.dim() != 4 || it->second.numel() == 0) {
        caption_->setText(tr("Filters of %1").arg(node));
        grid_->setPlaceholder(
            tr("The filters of %1 appear here once the network is built or training starts.").arg(node));
        grid_->setTiles({});
        return;
    }
    showFilters(node, it->second);
}

void FilterView::showFilters(const QString& node, const dl::Tensor& weight) {
    const int64_t count = weight.size(0), channels = weight.size(1);
    std::vector<ImageTileGrid::Tile> tiles;
    for (int64_t o = 0; o < count; ++o) tiles.push_back({filterImage(weight, o), QString::number(o)});
    const QString seen = channels == 1   ? QString()
                         : channels == 3 ? tr(" (the RGB input channels as colour)")
                                         : tr(" (input channel 0 of %1)").arg(channels);
    const QString filters = count == 1 ? tr("1 filter") : tr("%1 filters").arg(count);
    caption_->setText(tr("%1.weight: %2 of %3×%4%5, each from its most negative (black) to its most positive "
                         "weight (white)")
                          .arg(node, filters)
                          .arg(weight.size(2))
                          .arg(weight.size(3))
                          .arg(seen));
    grid_->setTiles(std::move(tiles), kTileSide);
}
