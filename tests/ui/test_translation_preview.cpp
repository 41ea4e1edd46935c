// The data set panel with sentence pairs for translation (D2L §9.5), driven through its real widgets:
// "fra-eng" loads on the loader's worker, the preview shows the 601 pairs and the histogram of tokens
// per sentence (its bars count every sentence once), the translation options reach dl::DatasetOptions,
// a pair file of one's own loads with a test share, and a file that is not pairs gives a clear message.
// Writes translation-data.png to DIVELAB_SCREENSHOTS (default: the temp folder).
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "data_page.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/dataset_preview.h"
#include "ui/dataset/translation_preview.h"
#include "ui/plots/qcp.h"
#include "window_waits.h"

namespace {

void choose(QComboBox* combo, const QString& data) {
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setFocus();
    while (combo->currentIndex() < index) QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > index) QTest::keyClick(combo, Qt::Key_Up);
}

void typeInto(QWidget* field, const QString& text) {
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Enter);
}

// The page at the size these tests were written for, with the translation preview.
struct PairsPage : DataPage {
    PairsPage() : DataPage(QSize(1400, 800)) {}
    TranslationPreview* pairs() { return preview->translationPreview(); }
};

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path;
}

}  // namespace

class TestTranslationPreview : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fraEngShowsPairsAndLengths() {
        PairsPage page;
        choose(child<QComboBox>(*page.panel, "kind"), QStringLiteral("fra-eng"));
        QCOMPARE(page.panel->datasetName(), QStringLiteral("fra-eng"));
        QVERIFY(!child<QLineEdit>(*page.panel, "pairsFile")->isVisible());   // bundled: no file to choose
        QVERIFY(!child<QSlider>(*page.panel, "testFraction")->isVisible());  // tested on D2L's four sentences
        const dl::DatasetOptions o = page.panel->options();
        QCOMPARE(o.num_steps, std::optional<int64_t>(10));
        QCOMPARE(o.min_freq, std::optional<int64_t>(2));
        QCOMPARE(o.max_pairs, std::optional<int64_t>(600));
        QTRY_COMPARE_WITH_TIMEOUT(page.preview->mode(), DatasetPreview::Mode::Translation, 20000);
        QVERIFY2(page.status().contains(QStringLiteral("601 training and 4 test")), qPrintable(page.status()));
        QVERIFY(page.preview->caption().contains(QStringLiteral("184 source and 201 target")));

        QTableView* table = page.pairs()->table();
        QCOMPARE(table->model()->rowCount(), 601);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("go ."));
        QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("va !"));
        QCOMPARE(table->model()->index(5, 1).data().toString(), QStringLiteral("\u00e7a alors !"));
        QCOMPARE(table->model()->index(5, 3).data().toInt(), 3);
        // Each bar counts the sentences of one length: together, every pair once on each side.
        QCOMPARE(page.pairs()->histogramTotal(0), 601.0);
        QCOMPARE(page.pairs()->histogramTotal(1), 601.0);
        // D2L replica (tests/engine/translation_d2l_reference.py): source lengths 2-4, target lengths 2-7.
        QCOMPARE(page.pairs()->histogramBars(0), 3);
        QCOMPARE(page.pairs()->histogramBars(1), 6);

        QTest::qWait(50);
        const QString dir = qEnvironmentVariable("DIVELAB_SCREENSHOTS", QDir::tempPath());
        QDir().mkpath(dir);
        QVERIFY(page.window.grab().save(dir + QStringLiteral("/translation-data.png")));

        // Fewer lines: D2L's num_examples = 99 reads lines 0..99.
        typeInto(child<QSpinBox>(*page.panel, "maxPairs"), QStringLiteral("99"));
        QCOMPARE(page.panel->options().max_pairs, std::optional<int64_t>(99));
        QTRY_COMPARE_WITH_TIMEOUT(page.pairs()->pairRows(), 100, 20000);
        QCOMPARE(page.pairs()->histogramTotal(1), 100.0);

        // A saved choice comes back (a project reopened).
        DatasetPanel other;
        QVERIFY(other.setDatasetName(QStringLiteral("fra-eng")));
        dl::DatasetOptions saved;
        saved.num_steps = 12;
        saved.max_pairs = 99;
        other.setOptions(saved);
        QCOMPARE(other.options().num_steps, std::optional<int64_t>(12));
        QCOMPARE(other.options().max_pairs, std::optional<int64_t>(99));
        QCOMPARE(other.options().min_freq, std::optional<int64_t>(2));
    }

    // The default network (an MLP on Fashion-MNIST) with fra-eng chosen: the window previews the pairs and
    // disables Train with the reason, and nothing crashes.
    void anOrdinaryNetworkWithPairsIsRefusedNotCrashed() {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(uitest::waitForModel(w));
        QVERIFY(w.datasetPanel()->setDatasetName(QStringLiteral("fra-eng")));
        w.datasetPanel()->loadNow();
        QTRY_VERIFY_WITH_TIMEOUT(w.dataLoader()->data() && w.dataLoader()->data()->train.is_translation(), 20000);
        QVERIFY(uitest::waitForModel(w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.trainAction()->isEnabled(), 5000);
        auto* line = w.findChild<QLabel*>(QStringLiteral("trainBlockedLine"));
        QVERIFY(line);
        QVERIFY2(line->text().contains(QStringLiteral("\"source\" and \"target\"")), qPrintable(line->text()));
        auto* preview = w.findChild<DatasetPreview*>();
        QVERIFY(preview);
        QTRY_COMPARE_WITH_TIMEOUT(preview->mode(), DatasetPreview::Mode::Translation, 5000);
    }

    void pairFilesOfOnesOwn() {
        QTemporaryDir dir;
        QByteArray pairs;
        for (int i = 0; i < 20; ++i)
            pairs += "I see " + QByteArray::number(i % 4) + ".\tJe vois " + QByteArray::number(i % 4) + ".\n";
        const QString good = writeFile(dir, QStringLiteral("mine.txt"), pairs + "no tab here\n");
        PairsPage page;
        QVERIFY(page.panel->setDatasetName(good));  // a .txt of pairs is translation, not a language model
        QCOMPARE(page.panel->datasetName(), good);
        QVERIFY(child<QLineEdit>(*page.panel, "pairsFile")->isVisible());
        QVERIFY(child<QSlider>(*page.panel, "testFraction")->isVisible());
        QCOMPARE(page.panel->options().max_pairs, std::optional<int64_t>(0));  // every line of one's own file
        QTRY_COMPARE_WITH_TIMEOUT(page.preview->mode(), DatasetPreview::Mode::Translation, 20000);
        QCOMPARE(page.preview->data()->train.size() + page.preview->data()->test.size(), int64_t{20});
        QCOMPARE(page.preview->data()->test.size(), int64_t{4});  // the default 20 % test share
        QCOMPARE(page.pairs()->histogramTotal(0), double(page.preview->data()->train.size()));
        QVERIFY(page.pairs()->table()->parentWidget()->findChild<QLabel*>() != nullptr);

        const QString prose = writeFile(dir, QStringLiteral("prose.tsv"), "one line\nanother line\n");
        typeInto(child<QLineEdit>(*page.panel, "pairsFile"), prose);
        QTRY_VERIFY_WITH_TIMEOUT(page.status().contains(QStringLiteral("is not a tab-separated pair file")), 20000);
        QCOMPARE(page.preview->mode(), DatasetPreview::Mode::Empty);
        child<QLineEdit>(*page.panel, "pairsFile")->clear();
        QTest::keyClick(child<QLineEdit>(*page.panel, "pairsFile"), Qt::Key_Enter);
        QVERIFY(page.status().contains(QStringLiteral("Choose a file of sentence pairs")));
    }
};

QTEST_MAIN(TestTranslationPreview)
#include "test_translation_preview.moc"
