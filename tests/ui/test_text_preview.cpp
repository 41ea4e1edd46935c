// The data set panel with text (D2L §8.2–8.3) and the sine wave (§8.1), driven through its real
// widgets: The Time Machine loads on the loader's worker, the preview shows the token stream, the
// vocabulary (28 rows for characters) and the Zipf plot (three graphs); switching to words reloads;
// the text options reach dl::DatasetOptions; bad text files give a clear message, never a crash.
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "data_page.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/dataset_preview.h"
#include "ui/dataset/text_preview.h"
#include "ui/plots/qcp.h"
#include "widget_lookup.h"

namespace {

void choose(QComboBox* combo, const QString& data) {
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setFocus();
    while (combo->currentIndex() < index) QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > index) QTest::keyClick(combo, Qt::Key_Up);
}

// The page at the size these tests were written for, with the text preview's parts.
struct TextPage : DataPage {
    TextPage() : DataPage(QSize(1200, 760)) {}
    QTableView* vocabulary() { return child<QTableView>(*preview, "vocabulary"); }
    QCustomPlot* zipf() { return child<QCustomPlot>(*preview, "zipf"); }
};

}  // namespace

class TestTextPreview : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timeMachineShowsStreamVocabularyAndZipf() {
        TextPage page;
        choose(child<QComboBox>(*page.panel, "kind"), QStringLiteral("timemachine"));
        QCOMPARE(page.panel->datasetName(), QStringLiteral("timemachine"));
        QVERIFY(child<QSpinBox>(*page.panel, "numSteps")->isVisible());
        QVERIFY(!child<QLineEdit>(*page.panel, "textFile")->isVisible());  // the bundled text needs no file
        QTRY_COMPARE_WITH_TIMEOUT(page.preview->mode(), DatasetPreview::Mode::Text, 20000);
        QVERIFY2(page.status().contains(QStringLiteral("Loaded")), qPrintable(page.status()));

        QCOMPARE(page.vocabulary()->model()->rowCount(), 28);
        QCOMPARE(page.vocabulary()->model()->index(0, 0).data().toString(), QStringLiteral("<unk>"));
        QCOMPARE(page.vocabulary()->model()->index(1, 0).data().toString(), QStringLiteral("\u2423"));  // space
        QCOMPARE(page.vocabulary()->model()->index(2, 0).data().toString(), QStringLiteral("e"));
        QCOMPARE(page.vocabulary()->model()->index(2, 1).data().toInt(), 2);
        QCOMPARE(page.zipf()->graphCount(), 3);
        QVERIFY(page.zipf()->xAxis->scaleType() == QCPAxis::stLogarithmic);
        QVERIFY(page.zipf()->yAxis->scaleType() == QCPAxis::stLogarithmic);
        QCOMPARE(page.zipf()->graph(0)->data()->size(), 27);  // every character but <unk>
        QVERIFY(page.zipf()->graph(1)->data()->size() > 27);  // more distinct bigrams than characters
        TextPreview* text = page.preview->textPreview();
        QCOMPARE(text->streamTokens(), TextPreview::kStreamTokens);
        QVERIFY2(text->streamText().startsWith(QStringLiteral("the\u2423time\u2423machine")),
                 qPrintable(text->streamText().left(40)));
        QVERIFY(page.preview->caption().contains(QStringLiteral("no test set")));

        // Words: a new vocabulary, most frequent first.
        choose(child<QComboBox>(*page.panel, "tokens"), QStringLiteral("word"));
        QCOMPARE(page.panel->options().token_kind, std::string("word"));
        QTRY_COMPARE_WITH_TIMEOUT(page.vocabulary()->model()->rowCount(), 4580, 20000);
        QCOMPARE(page.vocabulary()->model()->index(1, 0).data().toString(), QStringLiteral("the"));
        QCOMPARE(page.zipf()->graphCount(), 3);
        QVERIFY(text->streamText().startsWith(QStringLiteral("the time machine by h g wells")));
    }

    void textOptionsReachTheLoadedData() {
        TextPage page;
        choose(child<QComboBox>(*page.panel, "kind"), QStringLiteral("timemachine"));
        typeInto(child<QSpinBox>(*page.panel, "numSteps"), QStringLiteral("10"));
        choose(child<QComboBox>(*page.panel, "sampling"), QStringLiteral("sequential"));
        typeInto(child<QSpinBox>(*page.panel, "maxTokens"), QStringLiteral("5000"));
        const dl::DatasetOptions o = page.panel->options();
        QCOMPARE(o.num_steps, std::optional<int64_t>(10));
        QCOMPARE(o.sampling, dl::Sampling::Sequential);
        QCOMPARE(o.max_tokens, std::optional<int64_t>(5000));
        QTRY_VERIFY_WITH_TIMEOUT(page.preview->data() && page.preview->data()->train.num_steps == 10, 20000);
        const dl::Dataset& train = page.preview->data()->train;
        QCOMPARE(train.sampling, dl::Sampling::Sequential);
        QCOMPARE(train.text->tokens.size(), size_t{5000});
        QCOMPARE(train.size(), int64_t{(5000 - 1) / 10});

        // A saved choice comes back (a project reopened).
        DatasetPanel other;
        QVERIFY(other.setDatasetName(QStringLiteral("timemachine")));
        other.setOptions(o);
        QCOMPARE(other.options().num_steps, std::optional<int64_t>(10));
        QCOMPARE(other.options().sampling, dl::Sampling::Sequential);
        QCOMPARE(other.options().max_tokens, std::optional<int64_t>(5000));
    }

    void badTextFilesShowAClearError() {
        QTemporaryDir dir;
        const QString binary = dir.filePath(QStringLiteral("picture.txt"));
        QFile f(binary);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        f.close();
        TextPage page;
        choose(child<QComboBox>(*page.panel, "kind"), QStringLiteral("text"));
        QVERIFY(page.status().contains(QStringLiteral("Choose a text file")));
        auto* file = child<QLineEdit>(*page.panel, "textFile");
        QVERIFY(file->isVisible());
        file->setFocus();
        QTest::keyClicks(file, binary);
        QTest::keyClick(file, Qt::Key_Enter);
        QTRY_VERIFY_WITH_TIMEOUT(page.status().contains(QStringLiteral("binary")), 20000);
        QCOMPARE(page.preview->mode(), DatasetPreview::Mode::Empty);

        const QString missing = dir.filePath(QStringLiteral("missing.txt"));
        QVERIFY(page.panel->setDatasetName(missing));
        QVERIFY(page.status().contains(QStringLiteral("does not exist")));

        const QString good = dir.filePath(QStringLiteral("good.txt"));
        QFile g(good);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray("The quick brown fox jumps over the lazy dog.\n").repeated(5));
        g.close();
        QVERIFY(page.panel->setDatasetName(good));
        QCOMPARE(page.panel->datasetName(), good);
        QTRY_COMPARE_WITH_TIMEOUT(page.preview->mode(), DatasetPreview::Mode::Text, 20000);
        QCOMPARE(page.vocabulary()->model()->rowCount(), 28);  // a pangram: <unk>, space and 26 letters
    }

    void sineWaveSplitsInOrder() {
        TextPage page;
        choose(child<QComboBox>(*page.panel, "kind"), QStringLiteral("sine"));
        QVERIFY(!child<QSlider>(*page.panel, "testFraction")->isVisible());  // D2L's split: the first 600
        QVERIFY(child<QSlider>(*page.panel, "noise")->isVisible());
        QCOMPARE(page.panel->options().noise.value_or(0), 0.2);
        QTRY_COMPARE_WITH_TIMEOUT(page.preview->mode(), DatasetPreview::Mode::Table, 20000);
        QCOMPARE(page.preview->data()->train.size(), int64_t{600});
        QCOMPARE(page.preview->data()->test.size(), int64_t{396});
        choose(child<QComboBox>(*page.panel, "kind"), QStringLiteral("spiral"));
        QCOMPARE(page.panel->options().noise.value_or(0), 0.05);  // the toys' own noise again
    }
};

QTEST_MAIN(TestTextPreview)
#include "test_text_preview.moc"
