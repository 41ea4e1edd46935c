// The model views for image models: ModelSnapshot keeps the watched parameters (first convolution's
// filters, BatchNorm's γ and β) and every node's output on one test image; FilterView,
// FeatureMapView and BatchNormView present them. Inputs are built by hand so that every drawn value
// can be checked. Pictures of each view go to $DIVELAB_SCREENSHOTS, or the temporary folder.
#include <QtTest>

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>

#include <cmath>

#include "ui/model_views/batch_norm_view.h"
#include "ui/model_views/feature_map_view.h"
#include "ui/model_views/filter_view.h"
#include "ui/model_views/image_tile_grid.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/plots/qcp.h"

namespace {

dl::NodeSpec node(const std::string& id, const std::string& type) {
    dl::NodeSpec n;
    n.id = id;
    n.type = type;
    return n;
}

// conv1 → bn1 → relu1 → pool1 → conv2 → flatten → fc: outputs [4,8,8] ×3, [4,4,4], [2,4,4], [32], [3].
dl::NetworkSpec convNet() {
    dl::NetworkSpec s;
    s.name = "tiny-cnn";
    for (const auto& [id, type] : std::vector<std::pair<std::string, std::string>>{{"conv1", "Conv2d"},
                                                                                   {"bn1", "BatchNorm"},
                                                                                   {"relu1", "ReLU"},
                                                                                   {"pool1", "MaxPool2d"},
                                                                                   {"conv2", "Conv2d"},
                                                                                   {"flatten", "Flatten"},
                                                                                   {"fc", "Linear"}})
        s.nodes.push_back(node(id, type));
    return s;
}

dl::NetworkSpec mlp() {
    dl::NetworkSpec s;
    s.nodes = {node("flatten", "Flatten"), node("fc1", "Linear"), node("relu1", "ReLU"), node("fc2", "Linear")};
    return s;
}

// `n` images of side × side, one channel, three classes; image i is a bright square at (i, i).
std::shared_ptr<const dl::DataSplit> images(int64_t n, int64_t side) {
    dl::Dataset d;
    d.name = "squares";
    d.features = dl::Tensor({n, 1, side, side});
    for (int64_t i = 0; i < n; ++i)
        for (int64_t y = 0; y < side; ++y)
            for (int64_t x = 0; x < side; ++x) {
                const int64_t o = (i % (side - 3));
                d.features.at({i, 0, y, x}) = (y >= o && y < o + side / 2 && x >= o && x < o + side / 2) ? 1.0f : 0.1f;
            }
    for (int64_t i = 0; i < n; ++i) d.labels.push_back(static_cast<int32_t>(i % 3));
    d.num_classes = 3;
    d.class_names = {"zero", "one", "two"};
    return std::make_shared<const dl::DataSplit>(dl::DataSplit{d, d});
}

std::shared_ptr<const dl::DataSplit> table(int64_t n) {
    dl::Dataset d;
    d.name = "table";
    d.features = dl::Tensor({n, 3}, 0.5f);
    d.labels.assign(static_cast<size_t>(n), 0);
    d.num_classes = 2;
    return std::make_shared<const dl::DataSplit>(dl::DataSplit{d, d});
}

// Filter o of [4, 1, 3, 3] is -1 everywhere but +1 at kernel cell o (row o / 3, column o % 3).
dl::Tensor filters() {
    dl::Tensor w({4, 1, 3, 3}, -1.0f);
    for (int64_t o = 0; o < 4; ++o) w.at({o, 0, o / 3, o % 3}) = 1.0f;
    return w;
}

const std::vector<float> kGamma{1.0f, 0.5f, 1.5f, 0.9f}, kBeta{0.0f, -0.25f, 0.3f, 0.1f};

TensorMap parameters() {
    return {{"conv1.weight", filters()},
            {"bn1.weight", dl::Tensor::from({4}, kGamma)},
            {"bn1.bias", dl::Tensor::from({4}, kBeta)}};
}

// Channel c of a [C, H, W] map is a horizontal ramp shifted by c (so channels differ).
dl::Tensor ramp(int64_t c, int64_t h, int64_t w) {
    dl::Tensor t({c, h, w});
    for (int64_t k = 0; k < c; ++k)
        for (int64_t y = 0; y < h; ++y)
            for (int64_t x = 0; x < w; ++x) t.at({k, y, x}) = static_cast<float>((x + k) % w);
    return t;
}

std::vector<dl::Tensor> outputs() {
    return {ramp(4, 8, 8), ramp(4, 8, 8),    ramp(4, 8, 8),  ramp(4, 4, 4),
            ramp(2, 4, 4), dl::Tensor({32}), dl::Tensor({3})};
}

QVector<double> barValues(const QCPBars* bars) {
    QVector<double> v;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) v << it->value;
    return v;
}

QVector<double> barKeys(const QCPBars* bars) {
    QVector<double> v;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) v << it->key;
    return v;
}

QVector<double> asDoubles(const std::vector<float>& v) {
    return QVector<double>(v.begin(), v.end());
}

void saveShot(QWidget& w, const QString& file) {
    const QString dir = qEnvironmentVariable("DIVELAB_SCREENSHOTS", QDir::tempPath());
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + file));
}

// Grey level of the screen pixel at the centre of kernel cell (row, col) of a tile.
int cellGrey(const QImage& shot, const QRect& tile, int rows, int cols, int row, int col) {
    const int x = tile.x() + (2 * col + 1) * tile.width() / (2 * cols);
    const int y = tile.y() + (2 * row + 1) * tile.height() / (2 * rows);
    return qGray(shot.pixel(x, y));
}

}  // namespace

class TestImageViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- ModelSnapshot -------------------------------------------------------------------------

    void watchesTheFirstConvolutionAndEveryBatchNorm() {
        ModelSnapshot m;
        QSignalSpy network(&m, &ModelSnapshot::networkChanged);
        QVERIFY(m.watchedParameters().empty());
        dl::NetworkSpec spec = convNet();
        spec.nodes.push_back(node("bn2", "BatchNorm"));
        m.setNetwork(spec);
        QCOMPARE(network.count(), 1);
        QCOMPARE(m.network().nodes.size(), spec.nodes.size());
        const std::vector<std::string> expected{"conv1.weight", "bn1.weight", "bn1.bias", "bn2.weight", "bn2.bias"};
        QVERIFY(m.watchedParameters() == expected);  // conv2 is not the first convolution
        m.setNetwork(mlp());
        QVERIFY(m.watchedParameters().empty());
    }

    void keepsParametersAndNodeOutputsUntilClear() {
        ModelSnapshot m;
        m.setData(images(5, 8));
        m.setNetwork(convNet());
        QSignalSpy params(&m, &ModelSnapshot::parametersChanged), outs(&m, &ModelSnapshot::nodeOutputsChanged);
        QCOMPARE(m.probeExample(), qint64{-1});
        m.onParameters(parameters());
        m.onNodeOutputs(3, outputs());
        QCOMPARE(params.count(), 1);
        QCOMPARE(outs.count(), 1);
        QCOMPARE(m.parameters().size(), size_t{3});
        QCOMPARE(m.parameters().at("bn1.bias")[2], 0.3f);
        QCOMPARE(m.nodeOutputs().size(), size_t{7});
        QCOMPARE(m.probeExample(), qint64{3});

        m.clear();
        QCOMPARE(params.count(), 2);
        QCOMPARE(outs.count(), 2);
        QVERIFY(m.parameters().empty());
        QVERIFY(m.nodeOutputs().empty());
        QCOMPARE(m.probeExample(), qint64{-1});
        QCOMPARE(m.network().nodes.size(), size_t{7});  // the network stays

        m.onParameters(parameters());
        m.setNetwork(mlp());  // another network: the old values mean nothing
        QVERIFY(m.parameters().empty());
    }

    // --- FilterView -------------------------------------------------------------------------

    void showsOneTilePerFilter() {
        ModelSnapshot m;
        m.setNetwork(convNet());
        FilterView v;
        v.setModel(&m);
        QVERIFY(v.placeholderVisible());  // no parameters yet
        QVERIFY(v.placeholder().contains(QStringLiteral("conv1")));
        m.onParameters(parameters());
        v.refreshNow();
        QVERIFY(!v.placeholderVisible());
        QCOMPARE(v.tileCount(), 4);
        QCOMPARE(v.convNode(), QStringLiteral("conv1"));
        QVERIFY2(v.caption().startsWith(QStringLiteral("conv1.weight: 4 filters of 3×3")), qPrintable(v.caption()));

        // On screen: filter o is white at its hot cell and black elsewhere, and no two tiles look alike.
        v.resize(420, 240);
        const QImage shot = v.grid()->grab().toImage();
        QVector<QImage> tiles;
        for (int o = 0; o < 4; ++o) {
            const QRect r = v.grid()->tileRect(o);
            QVERIFY(QRect(QPoint(0, 0), shot.size()).contains(r));
            QCOMPARE(r.width() % 3, 0);  // nearest-neighbour, a whole scale: as large as fits, at most kTileSide
            QVERIFY(r.width() >= 30 && r.width() <= FilterView::kTileSide);
            QCOMPARE(cellGrey(shot, r, 3, 3, o / 3, o % 3), 255);
            QCOMPARE(cellGrey(shot, r, 3, 3, 2, 2), 0);
            tiles << shot.copy(r);
        }
        for (int a = 0; a < 4; ++a)
            for (int b = a + 1; b < 4; ++b)
                QVERIFY2(tiles[a] != tiles[b], qPrintable(QStringLiteral("%1 %2").arg(a).arg(b)));
        saveShot(v, QStringLiteral("filter_view.png"));

        m.clear();
        v.refreshNow();
        QVERIFY(v.placeholderVisible());
    }

    void explainsNetworksWithoutConvolution() {
        ModelSnapshot m;
        m.setNetwork(mlp());
        FilterView v;
        v.setModel(&m);
        m.onParameters(parameters());  // whatever arrives, there is no Conv2d to show
        v.refreshNow();
        QVERIFY(v.placeholderVisible());
        QCOMPARE(v.tileCount(), 0);
        QVERIFY(v.placeholder().contains(QStringLiteral("Conv2d")));
        v.resize(420, 200);
        saveShot(v, QStringLiteral("filter_view_placeholder.png"));
    }

    // --- FeatureMapView ---------------------------------------------------------------------

    void showsTheChannelsOfTheChosenNode() {
        ModelSnapshot m;
        m.setData(images(5, 8));
        m.setNetwork(convNet());
        FeatureMapView v;
        v.setModel(&m);
        QVERIFY(v.placeholderVisible());  // no outputs yet
        QCOMPARE(v.exampleBox()->maximum(), 4);
        m.onNodeOutputs(2, outputs());
        v.refreshNow();
        QVERIFY(!v.placeholderVisible());
        const QStringList expected{"conv1", "bn1", "relu1", "pool1", "conv2"};  // not flatten or fc
        QStringList listed;
        for (int i = 0; i < v.nodeBox()->count(); ++i) listed << v.nodeBox()->itemText(i);
        QCOMPARE(listed, expected);
        QCOMPARE(v.currentNode(), QStringLiteral("conv1"));
        QCOMPARE(v.channelCount(), 4);
        QCOMPARE(v.caption(), QStringLiteral("conv1 · 4 channels of 8×8 · test image 2: two"));
        QVERIFY(!v.inputImage()->pixmap().isNull());
        QVERIFY(v.grid()->tileImage(0) != v.grid()->tileImage(1));

        v.nodeBox()->setCurrentText(QStringLiteral("conv2"));
        QCOMPARE(v.channelCount(), 2);
        QVERIFY(v.caption().startsWith(QStringLiteral("conv2 · 2 channels of 4×4")));
        m.onNodeOutputs(2, outputs());  // the choice survives new outputs
        v.refreshNow();
        QCOMPARE(v.currentNode(), QStringLiteral("conv2"));
        v.nodeBox()->setCurrentText(QStringLiteral("conv1"));
        v.resize(560, 300);
        saveShot(v, QStringLiteral("feature_map_view.png"));
    }

    void announcesTheChosenExample() {
        ModelSnapshot m;
        m.setData(images(5, 8));
        m.setNetwork(convNet());
        FeatureMapView v;
        v.setModel(&m);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QSignalSpy chosen(&v, &FeatureMapView::exampleChosen);
        QSpinBox* box = v.exampleBox();
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Up);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.last().at(0).toInt(), 1);
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(box, QStringLiteral("3"));
        QCOMPARE(chosen.last().at(0).toInt(), 3);
        QCOMPARE(v.example(), 3);
        QTest::keyClick(box, Qt::Key_Up);
        QTest::keyClick(box, Qt::Key_Up);  // 4 is the last test image
        QCOMPARE(v.example(), 4);
        QCOMPARE(chosen.last().at(0).toInt(), 4);
        // New data resets the range without announcing a choice.
        const int before = chosen.count();
        m.setData(images(3, 8));
        QCOMPARE(box->maximum(), 2);
        QCOMPARE(chosen.count(), before);
    }

    void explainsNonImageData() {
        ModelSnapshot m;
        m.setData(table(10));
        m.setNetwork(convNet());
        FeatureMapView v;
        v.setModel(&m);
        m.onNodeOutputs(0, outputs());
        v.refreshNow();
        QVERIFY(v.placeholderVisible());
        QCOMPARE(v.channelCount(), 0);
        QVERIFY(v.placeholder().contains(QStringLiteral("image data")));
        QVERIFY(!v.exampleBox()->isEnabled());
        v.resize(480, 220);
        saveShot(v, QStringLiteral("feature_map_view_placeholder.png"));
    }

    // --- BatchNormView ----------------------------------------------------------------------

    void drawsGammaAndBetaPerChannel() {
        ModelSnapshot m;
        dl::NetworkSpec spec = convNet();
        spec.nodes.push_back(node("bn2", "BatchNorm"));
        m.setNetwork(spec);
        BatchNormView v;
        v.setModel(&m);
        QVERIFY(!v.placeholderVisible());
        QCOMPARE(v.nodeCount(), 2);
        QCOMPARE(v.currentNode(), QStringLiteral("bn1"));
        QVERIFY(v.gammaBars()->data()->isEmpty());  // before any parameters
        m.onParameters(parameters());
        v.refreshNow();
        QCOMPARE(barValues(v.gammaBars()), asDoubles(kGamma));
        QCOMPARE(barValues(v.betaBars()), asDoubles(kBeta));
        QCOMPARE(barKeys(v.gammaBars()), (QVector<double>{0, 1, 2, 3}));
        QVERIFY(v.caption().contains(QStringLiteral("γ scales and β shifts each normalised channel (D2L §8.5)")));
        QVERIFY(v.plot()->yAxis->range().contains(-0.25));
        QVERIFY(v.plot()->yAxis->range().contains(1.5));
        v.resize(520, 320);
        saveShot(v, QStringLiteral("batch_norm_view.png"));

        v.nodeBox()->setCurrentText(QStringLiteral("bn2"));  // not watched here: no values
        QCOMPARE(v.currentNode(), QStringLiteral("bn2"));
        QVERIFY(v.gammaBars()->data()->isEmpty());
        QVERIFY(v.caption().contains(QStringLiteral("bn2")));
    }

    void explainsNetworksWithoutBatchNorm() {
        ModelSnapshot m;
        m.setNetwork(mlp());
        BatchNormView v;
        v.setModel(&m);
        QVERIFY(v.placeholderVisible());
        QCOMPARE(v.nodeCount(), 0);
        QVERIFY(v.placeholder().contains(QStringLiteral("BatchNorm")));
        m.setNetwork(convNet());
        v.refreshNow();
        QVERIFY(!v.placeholderVisible());
    }
};

QTEST_MAIN(TestImageViews)
#include "test_image_views.moc"
