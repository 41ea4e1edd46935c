#include "ui/model_views/feature_map_view.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/dataset/sample_image.h"
#include "ui/model_views/class_style.h"
#include "ui/model_views/combo_choices.h"

namespace {

constexpr int kInputSide = 112;  // screen pixels of the input image, at most

bool isFeatureMap(const dl::Tensor& t) {
    return t.defined() && t.dim() == 3 && t.numel() > 0;
}

}  // namespace

FeatureMapView::FeatureMapView(QWidget* parent)
    : QWidget(parent),
      nodeBox_(new QComboBox),
      exampleBox_(new QSpinBox),
      input_(new QLabel),
      inputCaption_(new QLabel),
      grid_(new ImageTileGrid),
      caption_(new QLabel),
      throttle_([this] { redraw(); }) {
    auto* top = new QHBoxLayout;
    auto* nodeLabel = new QLabel(tr("&Layer:"));
    nodeLabel->setBuddy(nodeBox_);
    nodeBox_->setObjectName(QStringLiteral("nodeBox"));
    nodeBox_->setToolTip(tr("The layer whose output channels are shown (layers whose output is a stack of images)."));
    nodeBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* exampleLabel = new QLabel(tr("&Test image:"));
    exampleLabel->setBuddy(exampleBox_);
    exampleBox_->setObjectName(QStringLiteral("exampleBox"));
    exampleBox_->setToolTip(tr("Which test image the network looks at."));
    exampleBox_->setRange(0, 0);
    for (QWidget* w : {static_cast<QWidget*>(nodeLabel), static_cast<QWidget*>(nodeBox_),
                       static_cast<QWidget*>(exampleLabel), static_cast<QWidget*>(exampleBox_)})
        top->addWidget(w);
    top->addStretch(1);

    input_->setObjectName(QStringLiteral("inputImage"));
    input_->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    inputCaption_->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    inputCaption_->setWordWrap(true);
    inputCaption_->setMaximumWidth(kInputSide + 16);
    auto* inputColumn = new QVBoxLayout;
    inputColumn->addWidget(input_);
    inputColumn->addWidget(inputCaption_);
    inputColumn->addStretch(1);
    grid_->setObjectName(QStringLiteral("featureMapGrid"));
    grid_->setToolTip(
        tr("Each picture is one output channel of the layer on this image: bright where the channel "
           "responds most, dark where least."));
    auto* middle = new QHBoxLayout;
    middle->addLayout(inputColumn);
    middle->addWidget(grid_, 1);

    caption_->setObjectName(QStringLiteral("featureMapCaption"));
    caption_->setWordWrap(true);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(middle, 1);
    layout->addWidget(caption_);

    connect(nodeBox_, &QComboBox::currentIndexChanged, this, [this] {
        wanted_ = nodeBox_->currentText();  // the learner's choice, kept while the node exists
        throttle_.now();
    });
    connect(exampleBox_, &QSpinBox::valueChanged, this, [this](int v) {
        Q_EMIT exampleChosen(v);
        throttle_.now();
    });
    redraw();
}

void FeatureMapView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) {
        connect(model, &ModelSnapshot::dataChanged, this, &FeatureMapView::syncData);
        connect(model, &ModelSnapshot::networkChanged, this, [this] {
            syncNodes();
            throttle_.request();
        });
        connect(model, &ModelSnapshot::nodeOutputsChanged, this, [this] {
            syncNodes();
            throttle_.request();
        });
    }
    syncData();
}

int FeatureMapView::example() const {
    return exampleBox_->value();
}

QString FeatureMapView::currentNode() const {
    return nodeBox_->currentText();
}

QString FeatureMapView::caption() const {
    return caption_->text();
}

void FeatureMapView::refreshNow() {
    throttle_.now();
}

const dl::Dataset* FeatureMapView::testImages() const {
    const dl::DataSplit* data = model_ ? model_->data().get() : nullptr;
    return data && isImageSet(data->test) && data->test.size() > 0 ? &data->test : nullptr;
}

// New data: the spin box ranges over its test images (without announcing a choice).
void FeatureMapView::syncData() {
    const dl::Dataset* test = testImages();
    {
        const QSignalBlocker block(exampleBox_);
        exampleBox_->setRange(0, test ? static_cast<int>(test->size() - 1) : 0);
    }
    exampleBox_->setEnabled(test != nullptr);
    syncNodes();
    throttle_.now();
}

// The combo lists the nodes whose latest output is [C, H, W]; the chosen one stays chosen by name.
void FeatureMapView::syncNodes() {
    QStringList names;
    if (model_) {
        const auto& nodes = model_->network().nodes;
        const auto& outs = model_->nodeOutputs();
        for (size_t i = 0; i < std::min(nodes.size(), outs.size()); ++i)
            if (isFeatureMap(outs[i])) names << QString::fromStdString(nodes[i].id);
    }
    setComboChoices(nodeBox_, names, wanted_);
}

const dl::Tensor* FeatureMapView::outputOf(const QString& node) const {
    if (!model_ || node.isEmpty()) return nullptr;
    const auto& nodes = model_->network().nodes;
    const auto& outs = model_->nodeOutputs();
    for (size_t i = 0; i < std::min(nodes.size(), outs.size()); ++i)
        if (QString::fromStdString(nodes[i].id) == node) return &outs[i];
    return nullptr;
}

void FeatureMapView::redraw() {
    const dl::Dataset* test = testImages();
    nodeBox_->setEnabled(nodeBox_->count() > 0);
    if (!test) {
        input_->clear();
        inputCaption_->clear();
        caption_->clear();
        grid_->setPlaceholder(
            model_ && model_->data()
                ? tr("Feature maps are shown for image data sets (e.g. Fashion-MNIST with the lenet preset).")
                : tr("No data loaded yet."));
        grid_->setTiles({});
        return;
    }
    // The maps belong to the example the network was probed with, which may lag the spin box.
    const dl::Tensor* out = outputOf(currentNode());
    const int64_t probed = model_->probeExample();
    const bool fresh = out && probed >= 0 && probed < test->size();
    showInput(fresh ? probed : example());
    if (!fresh) {
        caption_->setText(tr("test image %1: %2").arg(example()).arg(classOf(example())));
        grid_->setPlaceholder(model_->nodeOutputs().empty()
                                  ? tr("The feature maps appear here once the network has looked at this image.")
                                  : tr("No layer of this network outputs feature maps (e.g. Conv2d, pooling)."));
        grid_->setTiles({});
        return;
    }
    showMaps(currentNode(), *out, probed);
}

QString FeatureMapView::classOf(int64_t i) const {
    const dl::Dataset* test = testImages();
    if (!test || i < 0 || static_cast<size_t>(i) >= test->labels.size()) return {};
    return className(*test, test->labels[static_cast<size_t>(i)]);
}

void FeatureMapView::showInput(int64_t i) {
    const dl::Dataset& test = *testImages();
    const QImage image = sampleImage(test, i);
    const int scale = std::max(1, kInputSide / std::max(image.width(), image.height()));
    input_->setPixmap(
        QPixmap::fromImage(image.scaled(image.size() * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation)));
    inputCaption_->setText(tr("input\n%1").arg(classOf(i)));
}

void FeatureMapView::showMaps(const QString& node, const dl::Tensor& out, int64_t example) {
    const int64_t channels = out.size(0);
    const int h = static_cast<int>(out.size(1)), w = static_cast<int>(out.size(2));
    std::vector<ImageTileGrid::Tile> tiles;
    for (int64_t c = 0; c < channels; ++c)
        tiles.push_back({greyImage(out.data() + c * h * w, h, w), QString::number(c)});
    grid_->setTiles(std::move(tiles), kTileSide);
    const QString count = channels == 1 ? tr("1 channel") : tr("%1 channels").arg(channels);
    caption_->setText(
        tr("%1 · %2 of %3×%4 · test image %5: %6").arg(node, count).arg(h).arg(w).arg(example).arg(classOf(example)));
}
