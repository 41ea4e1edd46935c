// The hyperparameter panel, the dataset panel and the dataset preview, driven through their real
// widgets with QTest key events. Their pictures are checked and saved to $DIVELAB_SCREENSHOTS (or a
// temporary folder).
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtTest>

#include "engine/data/idx.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/dataset_preview.h"
#include "ui/plots/qcp.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/widgets/wheel_guard.h"
#include "widget_lookup.h"

namespace {

void choose(QComboBox* combo, int index) {
    combo->setFocus();
    while (combo->currentIndex() < index) QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > index) QTest::keyClick(combo, Qt::Key_Up);
}

bool fashionInstalled() {
    const QDir d(QString::fromStdString(dl::fashion_mnist_dir()));
    return d.exists(QStringLiteral("t10k-images-idx3-ubyte.gz")) || d.exists(QStringLiteral("t10k-images-idx3-ubyte"));
}

// Pictures go to $DIVELAB_SCREENSHOTS when set (for the docs), else to a folder removed at exit.
QString screenshotDir() {
    static QTemporaryDir temporary;
    const QString dir = qEnvironmentVariable("DIVELAB_SCREENSHOTS");
    if (dir.isEmpty()) return temporary.path();
    QDir().mkpath(dir);
    return dir;
}

// Grabs the widget and checks the picture is real: the widget's size, more than a blank fill, and
// the saved PNG loads back pixel for pixel.
void saveShot(QWidget& w, const char* file) {
    const QImage image = w.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), w.size() * image.devicePixelRatio());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() >= 8, qPrintable(QStringLiteral("%1 has only %2 colours").arg(file).arg(colours.size())));
    const QString path = screenshotDir() + QLatin1Char('/') + QString::fromLatin1(file);
    QVERIFY(image.save(path));
    const QImage loaded(path);
    QCOMPARE(loaded.size(), image.size());
    QVERIFY(loaded.convertToFormat(QImage::Format_ARGB32) == image.convertToFormat(QImage::Format_ARGB32));
}

// One notch of the mouse wheel (up) over the middle of `w`, as Qt delivers it.
void wheelBy(QWidget* w, int delta) {
    const QPointF at(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent wheel(at, w->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &wheel);
}

void wheelUp(QWidget* w) {
    wheelBy(w, 120);
}

// Shows the widget as the active window (typed keys and focus changes need one; X11 without a window
// manager activates nothing by itself).
bool showActive(QWidget& w) {
    w.show();
    w.activateWindow();
    return QTest::qWaitForWindowActive(&w);
}

void focus(QWidget* w) {
    w->setFocus();
    QTRY_VERIFY(w->hasFocus());
}

}  // namespace

class TestPanels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- HyperparameterPanel -----------------------------------------------------------------

    void defaultsMatchTrainConfig() {
        HyperparameterPanel p;
        const dl::TrainConfig c = p.config();
        const dl::TrainConfig d;
        QCOMPARE(c.optimizer.name, std::string("sgd"));
        QCOMPARE(c.optimizer.lr, d.optimizer.lr);
        QCOMPARE(c.epochs, d.epochs);
        QCOMPARE(c.batch_size, d.batch_size);
        QCOMPARE(c.loss, d.loss);
        QVERIFY(p.isValid());
        QVERIFY(!child<QLabel>(p, "error")->isVisibleTo(&p));
        // Every field explains itself.
        for (const char* name :
             {"optimizer", "lr", "momentum", "nesterov", "beta1", "beta2", "eps", "weightDecay", "schedule", "stepSize",
              "gamma", "minLr", "warmup", "epochs", "batchSize", "clip", "loss", "seed", "threads"})
            QVERIFY2(!child<QWidget>(p, name)->toolTip().isEmpty(), name);
    }

    void keyboardPicksAdamAndTypesLearningRate() {
        HyperparameterPanel p;
        p.show();
        QSignalSpy spy(&p, &HyperparameterPanel::changed);
        auto* optimizer = child<QComboBox>(p, "optimizer");
        choose(optimizer, optimizer->findText(QStringLiteral("adam")));
        QCOMPARE(optimizer->currentText(), QStringLiteral("adam"));
        QVERIFY(spy.count() >= 1);
        dl::TrainConfig c = p.config();
        QCOMPARE(c.optimizer.name, std::string("adam"));
        QCOMPARE(c.optimizer.lr, 0.001f);  // switching loads Adam's own defaults
        QCOMPARE(c.optimizer.beta2, 0.999f);
        QVERIFY(!child<QWidget>(p, "momentum")->isEnabled());
        QVERIFY(!child<QWidget>(p, "nesterov")->isEnabled());
        QVERIFY(child<QWidget>(p, "beta1")->isEnabled());
        QVERIFY(child<QWidget>(p, "eps")->isEnabled());

        typeInto(child<QDoubleSpinBox>(p, "lr"), QStringLiteral("0.003"));
        QCOMPARE(p.config().optimizer.lr, 0.003f);
        typeInto(child<QDoubleSpinBox>(p, "lr"), QStringLiteral("3e-4"));
        QCOMPARE(p.config().optimizer.lr, 3e-4f);
        QCOMPARE(child<QDoubleSpinBox>(p, "lr")->text(), QStringLiteral("0.0003"));
        typeInto(child<QDoubleSpinBox>(p, "beta1"), QStringLiteral("0.8"));
        typeInto(child<QDoubleSpinBox>(p, "weightDecay"), QStringLiteral("1e-4"));
        c = p.config();
        QCOMPARE(c.optimizer.beta1, 0.8f);
        QCOMPARE(c.optimizer.weight_decay, 1e-4f);
        QVERIFY(p.isValid());

        // Arrow keys step the learning rate along 1, 2, 5, 10, …
        auto* lr = child<QDoubleSpinBox>(p, "lr");
        typeInto(lr, QStringLiteral("0.001"));
        QTest::keyClick(lr, Qt::Key_Up);
        QCOMPARE(p.config().optimizer.lr, 0.002f);
        QTest::keyClick(lr, Qt::Key_Up);
        QCOMPARE(p.config().optimizer.lr, 0.005f);
        QTest::keyClick(lr, Qt::Key_Down);
        QTest::keyClick(lr, Qt::Key_Down);
        QTest::keyClick(lr, Qt::Key_Down);
        QCOMPARE(p.config().optimizer.lr, 0.0005f);

        // Batch size steps by powers of two.
        auto* batch = child<QSpinBox>(p, "batchSize");
        batch->setFocus();
        QTest::keyClick(batch, Qt::Key_Up);
        QCOMPARE(p.config().batch_size, int64_t{512});
        QTest::keyClick(batch, Qt::Key_Down);
        QTest::keyClick(batch, Qt::Key_Down);
        QCOMPARE(p.config().batch_size, int64_t{128});

        // Back to SGD: SGD's defaults again (lr 0.1), momentum available.
        choose(optimizer, optimizer->findText(QStringLiteral("sgd")));
        QCOMPARE(p.config().optimizer.lr, 0.1f);
        QCOMPARE(p.config().optimizer.weight_decay, 0.0f);
        QVERIFY(child<QWidget>(p, "momentum")->isEnabled());
        QVERIFY(!child<QWidget>(p, "beta1")->isEnabled());
    }

    void nesterovWithoutMomentumIsShownInline() {
        HyperparameterPanel p;
        p.show();
        auto* nesterov = child<QCheckBox>(p, "nesterov");
        auto* error = child<QLabel>(p, "error");
        typeInto(child<QDoubleSpinBox>(p, "momentum"), QStringLiteral("0"));
        nesterov->setFocus();
        QTest::keyClick(nesterov, Qt::Key_Space);
        QVERIFY(p.config().optimizer.nesterov);
        QString why;
        QVERIFY(!p.isValid(&why));
        QVERIFY(why.contains(QStringLiteral("Nesterov needs momentum > 0")));
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("Nesterov needs momentum > 0")));
        QVERIFY(!p.validConfig().has_value());

        typeInto(child<QDoubleSpinBox>(p, "momentum"), QStringLiteral("0.9"));
        QVERIFY(p.isValid());
        QVERIFY(!error->isVisible());
        const auto c = p.validConfig();
        QVERIFY(c.has_value());
        QCOMPARE(c->optimizer.momentum, 0.9f);
        QVERIFY(c->optimizer.nesterov);
    }

    void scheduleFieldsAndCosineChecks() {
        HyperparameterPanel p;
        p.show();
        auto* schedule = child<QComboBox>(p, "schedule");
        QVERIFY(!child<QWidget>(p, "stepSize")->isVisible());
        choose(schedule, 1);  // step
        QVERIFY(child<QWidget>(p, "stepSize")->isVisible());
        QVERIFY(child<QWidget>(p, "gamma")->isVisible());
        QVERIFY(!child<QWidget>(p, "minLr")->isVisible());
        typeInto(child<QSpinBox>(p, "stepSize"), QStringLiteral("5"));
        typeInto(child<QDoubleSpinBox>(p, "gamma"), QStringLiteral("0.5"));
        dl::TrainConfig c = p.config();
        QCOMPARE(c.schedule.kind, dl::LrSchedule::Step);
        QCOMPARE(c.schedule.step_size, int64_t{5});
        QCOMPARE(c.schedule.gamma, 0.5f);
        QCOMPARE(dl::to_string(c.schedule), std::string("step:5:0.5"));

        choose(schedule, 2);  // cosine
        QVERIFY(child<QWidget>(p, "minLr")->isVisible());
        typeInto(child<QSpinBox>(p, "epochs"), QStringLiteral("4"));
        typeInto(child<QSpinBox>(p, "warmup"), QStringLiteral("4"));
        QString why;
        QVERIFY(!p.isValid(&why));
        QVERIFY(why.contains(QStringLiteral("warm-up")));
        typeInto(child<QSpinBox>(p, "warmup"), QStringLiteral("1"));
        QVERIFY(p.isValid());
        typeInto(child<QDoubleSpinBox>(p, "minLr"), QStringLiteral("0.5"));  // above lr 0.1
        QVERIFY(!p.isValid(&why));
        QVERIFY(why.contains(QStringLiteral("final lr")));
        QVERIFY(child<QLabel>(p, "error")->isVisible());
        typeInto(child<QDoubleSpinBox>(p, "minLr"), QStringLiteral("0.001"));
        QVERIFY(p.isValid());
    }

    void setConfigRoundTripsAndKeepsHiddenFields() {
        dl::TrainConfig in;
        in.optimizer = dl::optimizer_defaults("rmsprop");
        in.optimizer.momentum = 0.5f;
        in.optimizer.alpha = 0.95f;
        in.schedule = dl::parse_lr_schedule("cosine:0.0001", 2);
        in.epochs = 12;
        in.batch_size = 100;
        in.clip_norm = 1.5f;
        in.loss = "half_mse";
        in.seed = 42;
        in.threads = 2;
        in.gradient_norms = false;
        in.eval_batch_size = 77;
        HyperparameterPanel p;
        QSignalSpy spy(&p, &HyperparameterPanel::changed);
        p.setConfig(in);
        QCOMPARE(spy.count(), 1);
        const dl::TrainConfig out = p.config();
        QCOMPARE(out.optimizer.name, std::string("rmsprop"));
        QCOMPARE(out.optimizer.lr, in.optimizer.lr);
        QCOMPARE(out.optimizer.momentum, 0.5f);
        QCOMPARE(out.optimizer.alpha, 0.95f);
        QCOMPARE(out.optimizer.eps, in.optimizer.eps);
        QCOMPARE(dl::to_string(out.schedule), std::string("cosine:0.0001"));
        QCOMPARE(out.schedule.warmup_steps, int64_t{2});
        QCOMPARE(out.epochs, 12);
        QCOMPARE(out.batch_size, int64_t{100});
        QCOMPARE(out.clip_norm, 1.5f);
        QCOMPARE(out.loss, std::string("half_mse"));
        QCOMPARE(out.seed, uint64_t{42});
        QCOMPARE(out.threads, 2);
        QCOMPARE(out.gradient_norms, false);
        QCOMPARE(out.eval_batch_size, int64_t{77});
        QVERIFY(child<QWidget>(p, "alpha")->isEnabled());
        QVERIFY(!child<QWidget>(p, "nesterov")->isEnabled());
    }

    void applyDefaultsSetsPresetValues() {
        HyperparameterPanel p;
        dl::TrainDefaults d;
        d.optimizer = "adamw";
        d.lr = 0.01;
        d.epochs = 3;
        d.batch_size = 64;
        d.loss = "cross_entropy";
        p.applyDefaults(d);
        dl::TrainConfig c = p.config();
        QCOMPARE(c.optimizer.name, std::string("adamw"));
        QCOMPARE(c.optimizer.lr, 0.01f);
        QCOMPARE(c.optimizer.weight_decay, 0.01f);  // AdamW's own default
        QCOMPARE(c.epochs, 3);
        QCOMPARE(c.batch_size, int64_t{64});
        QCOMPARE(c.loss, std::string("cross_entropy"));
        dl::TrainDefaults only;
        only.lr = 0.2;
        p.applyDefaults(only);
        c = p.config();
        QCOMPARE(c.optimizer.name, std::string("adamw"));
        QCOMPARE(c.optimizer.lr, 0.2f);
        QCOMPARE(c.epochs, 3);
    }

    // Typed numbers apply on Enter, in scientific notation and over the engine's whole range; far
    // from D2L's range they are kept with an amber note; a refused text is named, the value stays.
    void learningRateIsKeptAsTypedAndWarned() {
        HyperparameterPanel p;
        QVERIFY(showActive(p));
        auto* lr = child<QDoubleSpinBox>(p, "lr");
        auto* note = child<QLabel>(p, "lrNote");
        QVERIFY(!note->isVisible());

        QSignalSpy spy(&p, &HyperparameterPanel::changed);
        focus(lr);
        QTest::keyClick(lr, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(lr, QStringLiteral("1e6"));
        QCOMPARE(spy.count(), 0);  // nothing applies while typing
        QCOMPARE(p.config().optimizer.lr, 0.1f);
        QTest::keyClick(lr, Qt::Key_Enter);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(p.config().optimizer.lr, 1e6f);
        QCOMPARE(lr->text(), QStringLiteral("1e+06"));
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("far above")), qPrintable(note->text()));
        QVERIFY(p.isValid());  // a warning, not an error

        typeInto(lr, QStringLiteral("0.1"));
        QVERIFY(!note->isVisible());
        typeInto(lr, QStringLiteral("1000000"));
        QCOMPARE(p.config().optimizer.lr, 1e6f);
        QVERIFY(note->isVisible());
        typeInto(lr, QStringLiteral("1e-7"));
        QCOMPARE(p.config().optimizer.lr, 1e-7f);
        QVERIFY(note->text().contains(QStringLiteral("far below")));

        typeInto(lr, QStringLiteral("0.05"));
        const std::pair<const char*, const char*> refused[] = {
            {"abc", "not a number"}, {"0", "must be above 0"}, {"-1", "must be above 0"}, {"1e39", "at most"}};
        for (const auto& [text, why] : refused) {
            typeInto(lr, QString::fromLatin1(text));
            QCOMPARE(p.config().optimizer.lr, 0.05f);  // the last valid value stays in effect
            QCOMPARE(lr->text(), QStringLiteral("0.05"));
            QVERIFY(note->isVisible());
            QVERIFY2(note->text().contains(QString::fromLatin1(why)), qPrintable(note->text()));
            QVERIFY2(note->text().contains(QString::fromLatin1(text)), qPrintable(note->text()));
            QVERIFY(note->text().contains(QStringLiteral("stays 0.05")));
        }
        typeInto(lr, QStringLiteral("0.05"));  // the same valid value again clears the note
        QVERIFY(!note->isVisible());
    }

    // The other number fields take what the engine takes, exactly, and refuse the rest aloud.
    void numberFieldsNeitherClampNorRound() {
        HyperparameterPanel p;
        QVERIFY(showActive(p));
        auto* momentum = child<QDoubleSpinBox>(p, "momentum");
        typeInto(momentum, QStringLiteral("0.9999"));
        QCOMPARE(p.config().optimizer.momentum, 0.9999f);
        typeInto(momentum, QStringLiteral("1"));
        QCOMPARE(p.config().optimizer.momentum, 0.9999f);
        QVERIFY(child<QLabel>(p, "momentumNote")->isVisible());
        QVERIFY(child<QLabel>(p, "momentumNote")->text().contains(QStringLiteral("must be below 1")));
        typeInto(child<QDoubleSpinBox>(p, "weightDecay"), QStringLiteral("2"));
        QCOMPARE(p.config().optimizer.weight_decay, 2.0f);
        typeInto(child<QDoubleSpinBox>(p, "weightDecay"), QStringLiteral("-0.1"));
        QCOMPARE(p.config().optimizer.weight_decay, 2.0f);
        QVERIFY(child<QLabel>(p, "weightDecayNote")->text().contains(QStringLiteral("must be 0 or more")));
        typeInto(child<QDoubleSpinBox>(p, "clip"), QStringLiteral("2.5e6"));
        QCOMPARE(p.config().clip_norm, 2.5e6f);
        typeInto(child<QDoubleSpinBox>(p, "clip"), QStringLiteral("off"));
        QCOMPARE(p.config().clip_norm, 0.0f);
    }

    // The wheel scrolls the panel: only a field with the focus takes it.
    void wheelChangesOnlyTheFocusedField() {
        HyperparameterPanel p;
        QVERIFY(showActive(p));
        auto* epochs = child<QSpinBox>(p, "epochs");
        auto* optimizer = child<QComboBox>(p, "optimizer");
        auto* lr = child<QDoubleSpinBox>(p, "lr");
        const int epochsBefore = epochs->value();
        const double lrBefore = lr->value();
        focus(child<QSpinBox>(p, "seed"));
        wheelUp(epochs);
        wheelUp(lr);
        wheelUp(optimizer);
        QCOMPARE(epochs->value(), epochsBefore);
        QCOMPARE(lr->value(), lrBefore);
        QCOMPARE(optimizer->currentText(), QStringLiteral("sgd"));
        QCOMPARE(epochs->focusPolicy(), Qt::StrongFocus);  // the wheel does not take the focus either
        focus(epochs);
        wheelUp(epochs);
        QCOMPARE(epochs->value(), epochsBefore + 1);

        DatasetPanel d;
        QVERIFY(showActive(d));
        auto* resize = child<QSpinBox>(d, "resize");
        auto* kind = child<QComboBox>(d, "kind");
        focus(child<QSpinBox>(d, "trainLimit"));
        wheelUp(resize);
        wheelUp(kind);
        QCOMPARE(resize->value(), 0);
        QCOMPARE(kind->currentIndex(), 0);
        focus(resize);
        wheelUp(resize);
        QCOMPARE(resize->value(), 32);
    }

    // Scroll bars inside a guarded panel still scroll under the wheel, focused or not.
    void wheelStillScrollsScrollBars() {
        QWidget root;
        auto* layout = new QVBoxLayout(&root);
        auto* area = new QScrollArea;
        auto* tall = new QWidget;
        tall->setMinimumHeight(3000);
        area->setWidget(tall);
        layout->addWidget(area);
        auto* spin = new QSpinBox;
        layout->addWidget(spin);
        WheelGuard::install(&root);
        root.resize(300, 300);
        QVERIFY(showActive(root));
        focus(spin);
        wheelBy(area->verticalScrollBar(), -120);
        QVERIFY(area->verticalScrollBar()->value() > 0);
        QCOMPARE(spin->value(), 0);
    }

    // --- DatasetPanel ------------------------------------------------------------------------

    // Typing "96" asks for no data at 9 px on the way: one change, at 96, on Enter or focus-out.
    void imageSizeAppliesOnCommitOnly() {
        DatasetPanel p;
        QVERIFY(showActive(p));
        auto* resize = child<QSpinBox>(p, "resize");
        QSignalSpy spy(&p, &DatasetPanel::changed);
        focus(resize);
        QTest::keyClick(resize, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(resize, QStringLiteral("96"));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(p.options().resize, int64_t{0});
        QTest::keyClick(resize, Qt::Key_Enter);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(p.options().resize, int64_t{96});

        QTest::keyClick(resize, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(resize, QStringLiteral("224"));
        QCOMPARE(spy.count(), 1);
        focus(child<QSpinBox>(p, "trainLimit"));  // leaving the field applies it
        QCOMPARE(spy.count(), 2);
        QCOMPARE(p.options().resize, int64_t{224});
    }

    // The arrows step through D2L's sizes: from "original (28 × 28)" up to 32, not to 4 px.
    void imageSizeStepsFromTheOriginalSize() {
        DatasetPanel p;
        QVERIFY(showActive(p));
        auto* resize = child<QSpinBox>(p, "resize");
        QCOMPARE(resize->value(), 0);
        QVERIFY(resize->text().startsWith(QStringLiteral("original")));
        focus(resize);
        QTest::keyClick(resize, Qt::Key_Up);
        QCOMPARE(resize->value(), 32);
        QVERIFY(resize->value() > 28);
        QTest::keyClick(resize, Qt::Key_Up);
        QTest::keyClick(resize, Qt::Key_Up);
        QTest::keyClick(resize, Qt::Key_Up);
        QCOMPARE(resize->value(), 96);
        QCOMPARE(p.options().resize, int64_t{96});
        QTest::keyClick(resize, Qt::Key_Down);
        QCOMPARE(resize->value(), 64);
        typeInto(resize, QStringLiteral("40"));
        QTest::keyClick(resize, Qt::Key_Up);
        QCOMPARE(resize->value(), 48);
        QTest::keyClick(resize, Qt::Key_Down);
        QTest::keyClick(resize, Qt::Key_Down);
        QTest::keyClick(resize, Qt::Key_Down);
        QCOMPARE(resize->value(), 0);  // below the smallest size: the original again
    }

    void spiralSizeSliderControlsExamples() {
        DatasetPanel p;
        p.show();
        QSignalSpy spy(&p, &DatasetPanel::changed);
        auto* kind = child<QComboBox>(p, "kind");
        choose(kind, kind->findData(QStringLiteral("spiral")));
        QCOMPARE(p.datasetName(), QStringLiteral("spiral"));
        QVERIFY(spy.count() >= 1);
        auto* size = child<QSlider>(p, "size");
        QVERIFY(size->isVisible());
        QVERIFY(child<QSlider>(p, "classes")->isVisible());
        size->setFocus();
        for (int i = 0; i < 5; ++i) QTest::keyClick(size, Qt::Key_Right);
        QCOMPARE(size->value(), 1500);
        auto* classes = child<QSlider>(p, "classes");
        classes->setFocus();
        QTest::keyClick(classes, Qt::Key_Right);
        const dl::DatasetOptions o = p.options();
        QCOMPARE(o.size.value_or(0), int64_t{1500});
        QCOMPARE(o.num_classes.value_or(0), 3);
        QString error;
        const auto data = p.load(&error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->train.size() + data->test.size(), int64_t{1500});
        QCOMPARE(data->test.size(), int64_t{300});
        QCOMPARE(data->train.num_classes, 3);

        // XOR has no class count; linear regression no classes at all.
        choose(kind, kind->findData(QStringLiteral("xor")));
        QVERIFY(!child<QSlider>(p, "classes")->isVisible());
        QVERIFY(!p.options().num_classes.has_value());
        choose(kind, kind->findData(QStringLiteral("linear")));
        const auto linear = p.load(&error);
        QVERIFY2(linear, qPrintable(error));
        QVERIFY(!linear->train.is_classification());
    }

    void csvFillsTargetComboAndLoads() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("houses.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
        f.write("area,rooms,roof,price\n");
        for (int i = 0; i < 20; ++i)
            f.write(QStringLiteral("%1,%2,%3,%4\n")
                        .arg(50 + i)
                        .arg(1 + i % 4)
                        .arg(QString::fromLatin1(i % 2 ? "Slate" : "Tile"))
                        .arg(100 + 3 * i)
                        .toUtf8());
        f.close();

        DatasetPanel p;
        p.show();
        auto* kind = child<QComboBox>(p, "kind");
        choose(kind, kind->findData(QStringLiteral("csv")));
        QString error;
        QVERIFY(!p.load(&error));
        QVERIFY(error.contains(QStringLiteral("Choose a CSV file")));
        auto* file = child<QLineEdit>(p, "csvFile");
        file->setFocus();
        QTest::keyClicks(file, path);
        QTest::keyClick(file, Qt::Key_Return);
        auto* target = child<QComboBox>(p, "target");
        QCOMPARE(target->count(), 4);
        QCOMPARE(target->currentText(), QStringLiteral("price"));
        QCOMPARE(p.csvColumns(), QStringList({"area", "rooms", "roof", "price"}));
        QCOMPARE(p.datasetName(), path);

        auto data = p.load(&error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->train.size() + data->test.size(), int64_t{20});
        QVERIFY(!data->train.is_classification());

        choose(target, 2);  // predict the roof type: classification
        QCOMPARE(p.options().target, std::string("roof"));
        data = p.load(&error);
        QVERIFY2(data, qPrintable(error));
        QVERIFY(data->train.is_classification());
        QCOMPARE(data->train.num_classes, 2);

        DatasetPreview preview;
        preview.setData(data);
        QCOMPARE(preview.mode(), DatasetPreview::Mode::Table);
        QCOMPARE(preview.tableRows(), static_cast<int>(data->train.size()));
    }

    void badInputsGiveClearMessages() {
        QTemporaryDir dir;
        DatasetPanel p;
        auto* kind = child<QComboBox>(p, "kind");
        choose(kind, kind->findData(QStringLiteral("fashion-mnist")));
        auto* folder = child<QLineEdit>(p, "idxFolder");
        folder->setText(dir.filePath(QStringLiteral("nope")));
        QString error;
        QVERIFY(!p.load(&error));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
        folder->setText(dir.path());  // exists, but holds no IDX files
        QVERIFY(!p.load(&error));
        QVERIFY2(error.contains(QStringLiteral("not a folder of IDX files")), qPrintable(error));
        QVERIFY(child<QLabel>(p, "status")->text().contains(QStringLiteral("train-images-idx3-ubyte")));

        // A folder with the right names but broken contents: the engine's message, not a crash.
        for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                 "t10k-labels-idx1-ubyte"}) {
            QFile f(dir.filePath(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("junk");
        }
        QVERIFY(p.problem().isEmpty());
        QVERIFY(!p.load(&error));
        QVERIFY2(error.startsWith(QStringLiteral("Could not load")), qPrintable(error));

        // A ragged CSV.
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b\n1,2\n3\n");
        f.close();
        QVERIFY(p.setDatasetName(bad));
        QVERIFY(!p.load(&error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!p.setDatasetName(QStringLiteral("no-such-set")));
    }

    void missingFashionMnistSaysHowToInstall() {
        QTemporaryDir dir;
        qputenv("DIVELAB_FASHION_MNIST", dir.filePath(QStringLiteral("missing")).toUtf8());
        DatasetPanel p;
        QCOMPARE(p.datasetName(), QStringLiteral("fashion-mnist"));
        const QString status = child<QLabel>(p, "status")->text();
        qunsetenv("DIVELAB_FASHION_MNIST");
        QVERIFY2(status.contains(QStringLiteral("dataset-fashion-mnist")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("not installed")));
    }

    // --- DatasetPreview ----------------------------------------------------------------------

    void previewScatterForSpiral() {
        DatasetPanel panel;
        panel.setDatasetName(QStringLiteral("spiral"));
        QString error;
        const auto data = panel.load(&error);
        QVERIFY2(data, qPrintable(error));
        DatasetPreview preview;
        QCOMPARE(preview.mode(), DatasetPreview::Mode::Empty);
        preview.setData(data);
        QCOMPARE(preview.mode(), DatasetPreview::Mode::Points);
        QCOMPARE(preview.pointCount(), 1000);
        QVERIFY(preview.caption().contains(QStringLiteral("800 training")));
        auto* plot = preview.findChild<QCustomPlot*>();
        QVERIFY(plot && plot->isVisibleTo(&preview));
        QCOMPARE(plot->legend->itemCount(), 2);
        preview.resize(460, 460);
        saveShot(preview, "dataset-preview-points.png");
        preview.setData(nullptr);
        QCOMPARE(preview.mode(), DatasetPreview::Mode::Empty);
    }

    void previewTableForLinear() {
        DatasetPanel panel;
        panel.setDatasetName(QStringLiteral("linear"));
        DatasetPreview preview;
        preview.setData(panel.load());
        QCOMPARE(preview.mode(), DatasetPreview::Mode::Table);
        QCOMPARE(preview.tableRows(), DatasetPreview::kTableRows);
    }

    void previewGridForFashionMnist() {
        if (!fashionInstalled()) QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
        DatasetPanel panel;
        QCOMPARE(panel.datasetName(), QStringLiteral("fashion-mnist"));
        QVERIFY(panel.problem().isEmpty());
        typeInto(child<QSpinBox>(panel, "trainLimit"), QStringLiteral("100"));
        QCOMPARE(panel.options().train_limit, int64_t{100});
        QString error;
        const auto data = panel.load(&error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->train.size(), int64_t{100});
        DatasetPreview preview;
        preview.setData(data);
        QCOMPARE(preview.mode(), DatasetPreview::Mode::Images);
        QCOMPARE(preview.imageCount(), 36);
        QVERIFY(preview.caption().contains(QStringLiteral("10 classes")));
        preview.resize(460, 520);
        saveShot(preview, "dataset-preview-images.png");
    }

    // The panels draw themselves at their size, with their fields visible (not a blank frame).
    void screenshotsOfPanels() {
        HyperparameterPanel h;
        h.resize(h.sizeHint().expandedTo(QSize(360, 0)));
        saveShot(h, "hyperparameters.png");
        DatasetPanel d;
        d.setDatasetName(QStringLiteral("spiral"));
        d.resize(d.sizeHint().expandedTo(QSize(360, 0)));
        saveShot(d, "dataset-panel.png");
        QVERIFY(QFile::exists(screenshotDir() + QStringLiteral("/hyperparameters.png")));
        QVERIFY(QFile::exists(screenshotDir() + QStringLiteral("/dataset-panel.png")));
    }
};

QTEST_MAIN(TestPanels)
#include "test_panels.moc"
