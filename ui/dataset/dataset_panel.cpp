#include "ui/dataset/dataset_panel.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <string_view>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "engine/data/csv_table.h"
#include "engine/data/idx.h"
#include "engine/data/nadaraya_watson.h"
#include "engine/data/sine_wave.h"
#include "engine/data/synthetic.h"
#include "engine/data/toy.h"
#include "ui/dataset/bert_form.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/image_size_box.h"
#include "ui/dataset/translation_form.h"
#include "ui/widgets/wheel_guard.h"

namespace {

enum Page { ImagesPage = 0, GeneratedPage = 1, CsvPage = 2, TextPage = 3, TranslationPage = 4 };

// Noise slider: 0..100 ticks of 0.005 (0 to 0.5).
constexpr double kNoiseTick = 0.005;

const char* const kIdxFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                 "t10k-labels-idx1-ubyte"};

bool hasClassCount(const QString& k) {
    return k == QLatin1String("spiral") || k == QLatin1String("gaussians");
}

// Text for a language model: the bundled The Time Machine, or a .txt file ("text").
bool isTextKind(const QString& k) {
    return k == QLatin1String("timemachine") || k == QLatin1String("text");
}

// Sentence pairs for translation: the bundled English-French pairs, or a file of pairs ("pairs").
bool isTranslationKind(const QString& k) {
    return k == QLatin1String("fra-eng") || k == QLatin1String("pairs");
}

// Generated sets measure noise differently (point jitter, label noise, the sine wave's noise): each
// family has its own default.
double defaultNoise(const QString& k) {
    if (k == QLatin1String("linear")) return dl::LinearOptions{}.noise;
    if (k == QLatin1String("sine")) return dl::SineWaveOptions{}.noise;
    if (k == QLatin1String("nadaraya-watson")) return dl::NadarayaWatsonOptions{}.noise;
    return dl::ToyOptions{}.noise;
}

// The IDX files missing from `dir` (each may also be gzip-compressed, with ".gz").
QStringList missingIdxFiles(const QString& dir) {
    QStringList missing;
    const QDir d(dir);
    for (const char* f : kIdxFiles) {
        const QString name = QString::fromLatin1(f);
        if (!d.exists(name) && !d.exists(name + QStringLiteral(".gz"))) missing << name;
    }
    return missing;
}

QString defaultIdxFolder() {
    return QString::fromStdString(dl::fashion_mnist_dir());
}

QSlider* makeSlider(int lo, int hi, int step, int page) {
    auto* s = new QSlider(Qt::Horizontal);
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setPageStep(page);
    return s;
}

// A slider with its value printed to the right, as one form field.
QWidget* withValue(QSlider* slider, QLabel*& value, const QString& widest) {
    auto* box = new QWidget;
    auto* h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(slider, 1);
    value = new QLabel;
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance(widest) + 4);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    h->addWidget(value);
    return box;
}

QLabel* tipLabel(const QString& text, const QString& tip) {
    auto* l = new QLabel(text);
    l->setToolTip(tip);
    return l;
}

QFormLayout* makeForm(QWidget* page) {
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

// A limit on the number of examples: 0 shows as "all".
QSpinBox* makeLimitBox(const QString& name, const QString& tip) {
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(0, 1000000);
    box->setSingleStep(1000);
    box->setSpecialValueText(DatasetPanel::tr("all"));
    box->setToolTip(tip);
    return box;
}

}  // namespace

DatasetPanel::DatasetPanel(QWidget* parent) : QWidget(parent) {
    buildUi();
    onKindChanged();
}

DatasetPanel::~DatasetPanel() = default;

void DatasetPanel::buildUi() {
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buildKindChooser());
    description_ = new QLabel;
    description_->setObjectName(QStringLiteral("description"));
    description_->setWordWrap(true);
    description_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(description_);

    stack_ = new QStackedWidget;
    stack_->addWidget(buildImagesPage());     // ImagesPage
    stack_->addWidget(buildGeneratedPage());  // GeneratedPage
    stack_->addWidget(buildCsvPage());        // CsvPage
    stack_->addWidget(buildTextPage());       // TextPage
    translation_ = new TranslationForm;
    stack_->addWidget(translation_);  // TranslationPage
    layout->addWidget(stack_);
    bert_ = new BertForm;
    layout->addWidget(bert_);
    splitBox_ = buildSplitBox();
    layout->addWidget(splitBox_);

    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);
    layout->addStretch(1);
    connectEdits();
    WheelGuard::install(this);
    // Typed numbers apply on Enter or focus-out: a half-typed one must not reload the data.
    for (QSpinBox* box : findChildren<QSpinBox*>()) box->setKeyboardTracking(false);
}

QFormLayout* DatasetPanel::buildKindChooser() {
    auto* top = new QFormLayout;
    top->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    kind_ = new QComboBox;
    kind_->setObjectName(QStringLiteral("kind"));
    const QString kindTip =
        tr("Which data to learn from: real images, a small 2-D toy you can see, a "
           "regression problem with a known answer, or your own table.");
    kind_->setToolTip(kindTip);
    const std::pair<const char*, QString> kinds[] = {
        {"fashion-mnist", tr("Fashion-MNIST / IDX images")},
        {"spiral", tr("Spiral (2-D toy)")},
        {"xor", tr("XOR (2-D toy)")},
        {"circles", tr("Circles (2-D toy)")},
        {"gaussians", tr("Gaussian blobs (2-D toy)")},
        {"linear", tr("Linear regression (synthetic)")},
        {"sine", tr("Sine wave (sequence, D2L §8.1)")},
        {"nadaraya-watson", tr("Nadaraya–Watson points (attention, D2L §10.2)")},
        {"csv", tr("CSV table")},
        {"timemachine", tr("The Time Machine (text)")},
        {"text", tr("Text file (.txt)")},
        {"fra-eng", tr("English–French pairs (translation)")},
        {"pairs", tr("Sentence pairs file (.tsv, .txt)")},
        {"tatoeba-paraphrase", tr("Tatoeba paraphrases (BERT fine-tuning)")},
    };
    for (const auto& [key, label] : kinds) {
        QString tip = key == std::string_view("text")
                          ? tr("Your own text, any UTF-8 .txt file, for a language model: cleaned and cut into "
                               "tokens as D2L does (§8.2).")
                          : tr("Your own table: one row per example, one column to predict.");
        if (key == std::string_view("pairs"))
            tip =
                tr("Your own sentence pairs for translation, one “source<TAB>target” per line, "
                   "preprocessed as D2L does (§9.5).");
        for (const dl::DatasetInfo& info : dl::dataset_catalog())
            if (info.name == key) tip = QString::fromStdString(info.description);
        kind_->addItem(label, QString::fromLatin1(key));
        kind_->setItemData(kind_->count() - 1, tip, Qt::ToolTipRole);
    }
    top->addRow(tipLabel(tr("Data set"), kindTip), kind_);
    return top;
}

// Images: Fashion-MNIST or any folder of IDX files.
QWidget* DatasetPanel::buildImagesPage() {
    auto* page = new QWidget;
    auto* form = makeForm(page);
    const QString folderTip =
        tr("Folder holding the four MNIST-style IDX files (train/t10k images and "
           "labels, optionally .gz); the default is where Debian installs Fashion-MNIST.");
    form->addRow(tipLabel(tr("Folder"), folderTip), buildIdxFolderRow(folderTip));

    const QString limitTip =
        tr("Use only the first this many examples, for quick experiments on a slow "
           "machine (all = every example).");
    trainLimit_ = makeLimitBox(QStringLiteral("trainLimit"), limitTip);
    form->addRow(tipLabel(tr("Training examples"), limitTip), trainLimit_);
    testLimit_ = makeLimitBox(QStringLiteral("testLimit"), limitTip);
    form->addRow(tipLabel(tr("Test examples"), limitTip), testLimit_);

    const QString resizeTip =
        tr("Resize every image to this many pixels square (bilinear), as D2L does for AlexNet "
           "and VGG (224) or GoogLeNet, ResNet and DenseNet (96). Images are resized as each batch is drawn, "
           "so the data set keeps its own size in memory; bigger images cost time and activation memory "
           "while training. The arrows step through D2L's sizes; a typed size applies on Enter.");
    resize_ = new ImageSizeBox;
    resize_->setObjectName(QStringLiteral("resize"));
    resize_->setToolTip(resizeTip);
    form->addRow(tipLabel(tr("Image size"), resizeTip), resize_);
    return page;
}

// The folder field with its Browse… and Default buttons.
QWidget* DatasetPanel::buildIdxFolderRow(const QString& tip) {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    idxFolder_ = new QLineEdit;
    idxFolder_->setObjectName(QStringLiteral("idxFolder"));
    idxFolder_->setToolTip(tip);
    idxFolder_->setPlaceholderText(defaultIdxFolder());
    idxFolder_->setText(defaultIdxFolder());
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("idxBrowse"));
    browse->setToolTip(tr("Choose another folder of IDX files, e.g. the original MNIST digits."));
    auto* reset = new QPushButton(tr("Default"));
    reset->setObjectName(QStringLiteral("idxDefault"));
    reset->setToolTip(tr("Go back to the Fashion-MNIST folder."));
    h->addWidget(idxFolder_, 1);
    h->addWidget(browse);
    h->addWidget(reset);
    connect(browse, &QPushButton::clicked, this, [this] { browseIdxFolder(); });
    connect(reset, &QPushButton::clicked, this, [this] { idxFolder_->setText(defaultIdxFolder()); });
    return row;
}

// Generated sets: toys and linear regression.
QWidget* DatasetPanel::buildGeneratedPage() {
    auto* page = new QWidget;
    generatedForm_ = makeForm(page);
    const QString sizeTip = tr("How many examples to generate, training and test together.");
    size_ = makeSlider(100, 10000, 100, 500);
    size_->setObjectName(QStringLiteral("size"));
    size_->setToolTip(sizeTip);
    generatedForm_->addRow(tipLabel(tr("Examples"), sizeTip), withValue(size_, sizeValue_, QStringLiteral("10000")));
    const QString noiseTip =
        tr("How much random jitter is added (to the points of a toy, to the labels of "
           "linear regression): more noise makes classes overlap.");
    noise_ = makeSlider(0, 100, 1, 10);
    noise_->setObjectName(QStringLiteral("noise"));
    noise_->setToolTip(noiseTip);
    generatedForm_->addRow(tipLabel(tr("Noise"), noiseTip), withValue(noise_, noiseValue_, QStringLiteral("0.000")));
    const QString classesTip = tr("Number of classes: spiral arms or Gaussian blobs.");
    classes_ = makeSlider(2, 8, 1, 1);
    classes_->setObjectName(QStringLiteral("classes"));
    classes_->setToolTip(classesTip);
    classes_->setTickPosition(QSlider::TicksBelow);
    generatedForm_->addRow(tipLabel(tr("Classes"), classesTip),
                           withValue(classes_, classesValue_, QStringLiteral("8")));
    size_->setValue(static_cast<int>(dl::ToyOptions{}.size));
    noise_->setValue(static_cast<int>(std::lround(dl::ToyOptions{}.noise / kNoiseTick)));
    classes_->setValue(dl::ToyOptions{}.num_classes);
    return page;
}

QWidget* DatasetPanel::buildCsvPage() {
    auto* page = new QWidget;
    auto* form = makeForm(page);
    const QString fileTip =
        tr("A comma-separated table with a header row: one row per example, one column "
           "per feature; text columns are one-hot encoded, missing numbers filled with the mean.");
    form->addRow(tipLabel(tr("File"), fileTip), buildCsvFileRow(fileTip));
    const QString targetTip = tr("The column the network should predict; every other column is an input.");
    target_ = new QComboBox;
    target_->setObjectName(QStringLiteral("target"));
    target_->setToolTip(targetTip);
    form->addRow(tipLabel(tr("Target column"), targetTip), target_);
    classify_ = new QCheckBox(tr("Numbers in the target are class ids"));
    classify_->setObjectName(QStringLiteral("classifyTarget"));
    classify_->setToolTip(
        tr("Treat a numeric target such as 0/1 as classes (classification) instead of a "
           "quantity to predict (regression); text targets are always classes."));
    form->addRow(QString(), classify_);
    standardize_ = new QCheckBox(tr("Standardize numeric features"));
    standardize_->setObjectName(QStringLiteral("standardize"));
    standardize_->setToolTip(
        tr("Rescale each numeric column to mean 0 and standard deviation 1, so that "
           "columns with big numbers do not dominate (D2L §5.7)."));
    form->addRow(QString(), standardize_);
    return page;
}

// The CSV file field with its Browse… button.
QWidget* DatasetPanel::buildCsvFileRow(const QString& tip) {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    csvFile_ = new QLineEdit;
    csvFile_->setObjectName(QStringLiteral("csvFile"));
    csvFile_->setPlaceholderText(tr("path/to/table.csv"));
    csvFile_->setToolTip(tip);
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("csvBrowse"));
    browse->setToolTip(tr("Choose a .csv file."));
    h->addWidget(csvFile_, 1);
    h->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] { browseCsv(); });
    return row;
}

// Text for a language model: the file (for "text"), the tokens and how examples are cut.
QWidget* DatasetPanel::buildTextPage() {
    auto* page = new QWidget;
    textForm_ = makeForm(page);
    const QString fileTip =
        tr("A UTF-8 text file. D2L's cleaning keeps only the letters A-Z (lower-cased); everything else "
           "becomes a space.");
    textForm_->addRow(tipLabel(tr("File"), fileTip), buildTextFileRow(fileTip));
    const QString tokensTip =
        tr("What one token is: a character (a small vocabulary, long sequences) or a word (a big "
           "vocabulary, short sequences), D2L §8.2.");
    tokens_ = new QComboBox;
    tokens_->setObjectName(QStringLiteral("tokens"));
    tokens_->setToolTip(tokensTip);
    tokens_->addItem(tr("characters"), QStringLiteral("char"));
    tokens_->addItem(tr("words"), QStringLiteral("word"));
    textForm_->addRow(tipLabel(tr("Tokens"), tokensTip), tokens_);
    const QString stepsTip =
        tr("Tokens per example (num_steps): the model reads this many and predicts each next one; "
           "backpropagation through time is cut after them (D2L uses 35).");
    numSteps_ = new QSpinBox;
    numSteps_->setObjectName(QStringLiteral("numSteps"));
    numSteps_->setRange(1, 1000);
    numSteps_->setValue(static_cast<int>(dl::kLanguageModelNumSteps));
    numSteps_->setToolTip(stepsTip);
    textForm_->addRow(tipLabel(tr("Steps (num_steps)"), stepsTip), numSteps_);
    const QString samplingTip =
        tr("How minibatches are cut from the stream (D2L §8.3.4): random sampling takes subsequences from "
           "anywhere, and each starts from a fresh hidden state; sequential partitioning lets each batch "
           "row continue where it ended, so the hidden state is carried over.");
    sampling_ = new QComboBox;
    sampling_->setObjectName(QStringLiteral("sampling"));
    sampling_->setToolTip(samplingTip);
    sampling_->addItem(tr("random sampling"), QStringLiteral("random"));
    sampling_->addItem(tr("sequential partitioning"), QStringLiteral("sequential"));
    textForm_->addRow(tipLabel(tr("Sampling"), samplingTip), sampling_);
    const QString minFreqTip =
        tr("Tokens seen fewer times than this become <unk> (unknown), which keeps a word vocabulary small.");
    minFreq_ = new QSpinBox;
    minFreq_->setObjectName(QStringLiteral("minFreq"));
    minFreq_->setRange(0, 100000);
    minFreq_->setToolTip(minFreqTip);
    textForm_->addRow(tipLabel(tr("Minimum frequency"), minFreqTip), minFreq_);
    const QString limitTip =
        tr("Train on the first this many tokens only (all = the whole text). D2L uses the first 10,000 "
           "characters of The Time Machine.");
    maxTokens_ = makeLimitBox(QStringLiteral("maxTokens"), limitTip);
    maxTokens_->setRange(0, 100000000);
    textForm_->addRow(tipLabel(tr("Token limit"), limitTip), maxTokens_);
    return page;
}

// The text file field with its Browse… button.
QWidget* DatasetPanel::buildTextFileRow(const QString& tip) {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    textFile_ = new QLineEdit;
    textFile_->setObjectName(QStringLiteral("textFile"));
    textFile_->setPlaceholderText(tr("path/to/text.txt"));
    textFile_->setToolTip(tip);
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("textBrowse"));
    browse->setToolTip(tr("Choose a text file."));
    h->addWidget(textFile_, 1);
    h->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] { browseText(); });
    return row;
}

// Split and seed, shared by generated sets and CSV.
QWidget* DatasetPanel::buildSplitBox() {
    auto* box = new QWidget;
    auto* form = makeForm(box);
    splitForm_ = form;
    const QString fracTip =
        tr("Share of the examples held back to test the trained network on data it "
           "never saw.");
    testFraction_ = makeSlider(0, 50, 1, 5);
    testFraction_->setObjectName(QStringLiteral("testFraction"));
    testFraction_->setToolTip(fracTip);
    testFraction_->setValue(20);
    form->addRow(tipLabel(tr("Test share"), fracTip),
                 withValue(testFraction_, testFractionValue_, QStringLiteral("50 %")));
    const QString seedTip = tr("The same seed gives the same examples and the same train/test split.");
    seed_ = new QSpinBox;
    seed_->setObjectName(QStringLiteral("dataSeed"));
    seed_->setRange(0, 1000000000);
    seed_->setValue(0);  // makes the (initially hidden) spin box show its text
    seed_->setToolTip(seedTip);
    form->addRow(tipLabel(tr("Seed"), seedTip), seed_);
    return box;
}

void DatasetPanel::connectEdits() {
    auto edited = [this] { onEdited(); };
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] { onKindChanged(); });
    connect(idxFolder_, &QLineEdit::textChanged, this, edited);
    for (QSpinBox* box : {trainLimit_, testLimit_, resize_, seed_}) connect(box, &QSpinBox::valueChanged, this, edited);
    for (QSlider* s : {size_, noise_, classes_, testFraction_}) connect(s, &QSlider::valueChanged, this, edited);
    connect(csvFile_, &QLineEdit::editingFinished, this, [this] {
        readCsvHeader();
        onEdited();
    });
    connect(target_, &QComboBox::currentIndexChanged, this, edited);
    connect(classify_, &QCheckBox::toggled, this, edited);
    connect(standardize_, &QCheckBox::toggled, this, edited);
    connect(textFile_, &QLineEdit::editingFinished, this, edited);
    connect(translation_, &TranslationForm::edited, this, edited);
    connect(bert_, &BertForm::edited, this, edited);
    for (QComboBox* box : {tokens_, sampling_}) connect(box, &QComboBox::currentIndexChanged, this, edited);
    for (QSpinBox* box : {numSteps_, minFreq_, maxTokens_}) connect(box, &QSpinBox::valueChanged, this, edited);
}

QString DatasetPanel::currentKind() const {
    return kind_->currentData().toString();
}

void DatasetPanel::onKindChanged() {
    const QString kind = currentKind();
    updating_ = true;
    description_->setText(kind_->itemData(kind_->currentIndex(), Qt::ToolTipRole).toString());
    if (kind == QLatin1String("fashion-mnist")) {
        stack_->setCurrentIndex(ImagesPage);
    } else if (kind == QLatin1String("csv")) {
        stack_->setCurrentIndex(CsvPage);
    } else if (isTranslationKind(kind)) {
        stack_->setCurrentIndex(TranslationPage);
        translation_->setKind(kind);
    } else if (isTextKind(kind)) {
        stack_->setCurrentIndex(TextPage);
        textForm_->setRowVisible(textFile_->parentWidget(), kind == QLatin1String("text"));
        // The Time Machine starts at D2L's 10,000 tokens, a file of one's own at all of it.
        if (kind != lastKind_)
            maxTokens_->setValue(kind == QLatin1String("timemachine") ? static_cast<int>(dl::kTimeMachineMaxTokens)
                                                                      : 0);
    } else {
        stack_->setCurrentIndex(GeneratedPage);
        // Switching to another family of generated sets restores that family's default noise.
        if (!lastKind_.isEmpty() && defaultNoise(lastKind_) != defaultNoise(kind))
            noise_->setValue(static_cast<int>(std::lround(defaultNoise(kind) / kNoiseTick)));
        generatedForm_->setRowVisible(classes_->parentWidget(), hasClassCount(kind));
    }
    // A stacked widget is as tall as its tallest page: keep only the current page's height.
    for (int i = 0; i < stack_->count(); ++i)
        stack_->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                         i == stack_->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    stack_->adjustSize();
    // The bundled pairs are tested on D2L's four sentences; a pair file holds back a share of its pairs.
    splitBox_->setVisible(kind != QLatin1String("fashion-mnist") && !isTextKind(kind) &&
                          kind != QLatin1String("fra-eng"));
    // The sine wave's split is D2L's: the first 600 examples, in order.
    splitForm_->setRowVisible(testFraction_->parentWidget(), kind != QLatin1String("sine"));
    // Nadaraya–Watson is D2L's: 50 training points, the 50 test points of the curve.
    const bool nadarayaWatson = kind == QLatin1String("nadaraya-watson");
    generatedForm_->setRowVisible(size_->parentWidget(), !nadarayaWatson);
    if (nadarayaWatson) splitForm_->setRowVisible(testFraction_->parentWidget(), false);
    lastKind_ = kind;
    showBertForm();
    updating_ = false;
    onEdited();
}

void DatasetPanel::onEdited() {
    if (updating_) return;
    sizeValue_->setText(QString::number(size_->value()));
    noiseValue_->setText(QString::number(noise_->value() * kNoiseTick, 'f', 3));
    classesValue_->setText(QString::number(classes_->value()));
    testFractionValue_->setText(QStringLiteral("%1 %").arg(testFraction_->value()));
    requestLoad(false);
    updateStatus();
    Q_EMIT changed();
}

void DatasetPanel::readCsvHeader() {
    const QString path = csvFile_->text().trimmed();
    const QString previous = target_->currentText();
    csvColumns_.clear();
    csvError_.clear();
    if (!path.isEmpty() && QFileInfo(path).isFile()) {
        try {
            const dl::CsvTable table = dl::read_csv_table(path.toStdString());
            for (const std::string& column : table.header) csvColumns_ << QString::fromStdString(column);
            if (table.rows.empty()) csvError_ = tr("%1 has a header but no rows of data.").arg(path);
        } catch (const std::exception& e) {
            csvError_ = QString::fromStdString(e.what());
        }
    }
    const bool was = updating_;
    updating_ = true;
    target_->clear();
    target_->addItems(csvColumns_);
    // Keep the learner's choice when the file is re-read; otherwise predict the last column.
    const int keep = csvColumns_.indexOf(previous);
    target_->setCurrentIndex(keep >= 0 ? keep : static_cast<int>(csvColumns_.size()) - 1);
    updating_ = was;
}

void DatasetPanel::browseIdxFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of IDX files"), idxFolder_->text());
    if (!dir.isEmpty()) idxFolder_->setText(QDir::toNativeSeparators(dir));
}

void DatasetPanel::browseText() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Text file"), textFile_->text(), tr("Text files (*.txt);;All files (*)"));
    if (file.isEmpty()) return;
    textFile_->setText(QDir::toNativeSeparators(file));
    onEdited();
}

void DatasetPanel::browseCsv() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("CSV table"), csvFile_->text(), tr("CSV tables (*.csv);;All files (*)"));
    if (file.isEmpty()) return;
    csvFile_->setText(QDir::toNativeSeparators(file));
    readCsvHeader();
    onEdited();
}

QString DatasetPanel::datasetName() const {
    const QString kind = currentKind();
    if (kind == QLatin1String("fashion-mnist")) {
        const QString folder = idxFolder_->text().trimmed();
        if (folder.isEmpty() || QDir::cleanPath(folder) == QDir::cleanPath(defaultIdxFolder()))
            return QStringLiteral("fashion-mnist");
        return folder;
    }
    if (kind == QLatin1String("csv")) return csvFile_->text().trimmed();
    if (kind == QLatin1String("text")) return textFile_->text().trimmed();
    if (kind == QLatin1String("pairs")) return translation_->fileName();
    return kind;
}

dl::DatasetOptions DatasetPanel::options() const {
    dl::DatasetOptions o;
    const QString kind = currentKind();
    if (isBertData()) {
        o.bert = bertTask_ == dl::BertTask::None ? dl::BertTask::Pairs : bertTask_;
        o.bert_vocabulary = bertVocabulary_;
        bert_->fillOptions(o);
        return o;
    }
    if (kind == QLatin1String("fashion-mnist")) {
        o.train_limit = trainLimit_->value();
        o.test_limit = testLimit_->value();
        o.resize = resize_->value();
        return o;
    }
    if (isTranslationKind(kind)) {
        translation_->fillOptions(o);
        if (kind == QLatin1String("pairs")) {
            o.test_fraction = testFraction_->value() / 100.0;
            o.seed = static_cast<uint64_t>(seed_->value());
        }
        return o;
    }
    if (isTextKind(kind)) {
        o.token_kind = tokens_->currentData().toString().toStdString();
        o.num_steps = numSteps_->value();
        o.sampling = dl::parse_sampling(sampling_->currentData().toString().toStdString());
        o.min_freq = minFreq_->value();
        o.max_tokens = maxTokens_->value();
        return o;
    }
    o.test_fraction = testFraction_->value() / 100.0;
    o.seed = static_cast<uint64_t>(seed_->value());
    if (kind == QLatin1String("csv")) {
        o.target = target_->currentText().toStdString();
        o.classify_target = classify_->isChecked();
        o.standardize = standardize_->isChecked();
        return o;
    }
    o.size = size_->value();
    o.noise = noise_->value() * kNoiseTick;
    if (hasClassCount(kind)) o.num_classes = classes_->value();
    return o;
}

void DatasetPanel::setOptions(const dl::DatasetOptions& o) {
    updating_ = true;
    trainLimit_->setValue(static_cast<int>(o.train_limit));
    testLimit_->setValue(static_cast<int>(o.test_limit));
    resize_->setValue(static_cast<int>(o.resize));
    if (o.test_fraction) testFraction_->setValue(static_cast<int>(std::lround(*o.test_fraction * 100)));
    seed_->setValue(static_cast<int>(o.seed));
    if (o.size) size_->setValue(static_cast<int>(*o.size));
    if (o.noise) noise_->setValue(static_cast<int>(std::lround(*o.noise / kNoiseTick)));
    if (o.num_classes) classes_->setValue(*o.num_classes);
    if (!o.target.empty()) target_->setCurrentIndex(std::max(0, target_->findText(QString::fromStdString(o.target))));
    classify_->setChecked(o.classify_target);
    standardize_->setChecked(o.standardize);
    tokens_->setCurrentIndex(std::max(0, tokens_->findData(QString::fromStdString(o.token_kind))));
    numSteps_->setValue(static_cast<int>(o.num_steps.value_or(dl::kLanguageModelNumSteps)));
    sampling_->setCurrentIndex(std::max(0, sampling_->findData(QString::fromStdString(dl::sampling_name(o.sampling)))));
    minFreq_->setValue(static_cast<int>(o.min_freq.value_or(dl::kLanguageModelMinFreq)));
    if (isTextKind(currentKind()))
        maxTokens_->setValue(static_cast<int>(
            o.max_tokens.value_or(currentKind() == QLatin1String("timemachine") ? dl::kTimeMachineMaxTokens : 0)));
    if (isTranslationKind(currentKind())) translation_->showOptions(o);
    bert_->showOptions(o);
    updating_ = false;
    onEdited();
}

bool DatasetPanel::isBertData() const {
    const QString kind = currentKind();
    if (kind == QLatin1String("tatoeba-paraphrase")) return true;
    return bertTask_ != dl::BertTask::None && (isTextKind(kind) || isTranslationKind(kind));
}

void DatasetPanel::setBertTask(dl::BertTask task) {
    if (task == bertTask_) return;
    bertTask_ = task;
    showBertForm();
    onEdited();
}

void DatasetPanel::setBertVocabulary(std::shared_ptr<const dl::BertVocabulary> vocabulary) {
    if (vocabulary == bertVocabulary_) return;
    bertVocabulary_ = std::move(vocabulary);
    if (!isBertData()) return;
    requestLoad(true);  // a new vocabulary: other token ids
    updateStatus();
}

// BERT data: the form below the kind's page; the bundled sets need nothing of that page.
void DatasetPanel::showBertForm() {
    const bool bert = isBertData();
    const QString kind = currentKind();
    bert_->setTask(bertTask_ == dl::BertTask::None ? dl::BertTask::Pairs : bertTask_);
    bert_->setVisible(bert);
    stack_->setVisible(!bert || kind == QLatin1String("text") || kind == QLatin1String("pairs"));
    if (bert) splitBox_->setVisible(false);
}

bool DatasetPanel::setDatasetName(const QString& nameOrPath) {
    const int index = kind_->findData(nameOrPath);
    if (index >= 0 && nameOrPath != QLatin1String("csv") && nameOrPath != QLatin1String("text") &&
        nameOrPath != QLatin1String("pairs")) {
        kind_->setCurrentIndex(index);
        if (nameOrPath == QLatin1String("fashion-mnist")) idxFolder_->setText(defaultIdxFolder());
        return true;
    }
    if (nameOrPath.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)) {
        csvFile_->setText(nameOrPath);
        readCsvHeader();
        kind_->setCurrentIndex(kind_->findData(QStringLiteral("csv")));
        onEdited();
        return true;
    }
    if (dl::is_translation_dataset(nameOrPath.toStdString())) {
        translation_->setFileName(nameOrPath);
        kind_->setCurrentIndex(kind_->findData(QStringLiteral("pairs")));
        onEdited();
        return true;
    }
    if (dl::is_text_dataset(nameOrPath.toStdString())) {
        textFile_->setText(nameOrPath);
        kind_->setCurrentIndex(kind_->findData(QStringLiteral("text")));
        onEdited();
        return true;
    }
    if (QFileInfo(nameOrPath).isDir()) {
        idxFolder_->setText(nameOrPath);
        kind_->setCurrentIndex(kind_->findData(QStringLiteral("fashion-mnist")));
        return true;
    }
    return false;
}

QString DatasetPanel::problem() const {
    const QString kind = currentKind();
    if (kind == QLatin1String("fashion-mnist")) {
        const QString folder =
            idxFolder_->text().trimmed().isEmpty() ? defaultIdxFolder() : idxFolder_->text().trimmed();
        const bool isDefault = QDir::cleanPath(folder) == QDir::cleanPath(defaultIdxFolder());
        const QStringList missing = missingIdxFiles(folder);
        if (missing.isEmpty()) return {};
        if (isDefault)
            return tr("Fashion-MNIST is not installed (nothing in %1). Fix: install the Debian package "
                      "dataset-fashion-mnist (sudo apt install dataset-fashion-mnist), or set "
                      "DIVELAB_FASHION_MNIST to a folder holding its four IDX files.")
                .arg(folder);
        if (!QFileInfo(folder).isDir()) return tr("The folder %1 does not exist.").arg(folder);
        return tr("%1 is not a folder of IDX files: %2 missing (each may also end in .gz).")
            .arg(folder, missing.join(QStringLiteral(", ")));
    }
    if (kind == QLatin1String("csv")) {
        const QString path = csvFile_->text().trimmed();
        if (path.isEmpty()) return tr("Choose a CSV file (Browse…).");
        if (!QFileInfo(path).isFile()) return tr("The file %1 does not exist.").arg(path);
        if (!csvError_.isEmpty()) return csvError_;
        if (csvColumns_.size() < 2) return tr("%1 needs at least two columns: features and a target.").arg(path);
    }
    if (kind == QLatin1String("text")) {
        const QString path = textFile_->text().trimmed();
        if (path.isEmpty()) return tr("Choose a text file (Browse…).");
        if (!QFileInfo::exists(path)) return tr("The file %1 does not exist.").arg(path);
        if (!QFileInfo(path).isFile()) return tr("%1 is a folder, not a text file.").arg(path);
    }
    if (kind == QLatin1String("pairs")) {
        const QString path = translation_->fileName();
        if (path.isEmpty()) return tr("Choose a file of sentence pairs (Browse…).");
        if (!QFileInfo::exists(path)) return tr("The file %1 does not exist.").arg(path);
        if (!QFileInfo(path).isFile()) return tr("%1 is a folder, not a file of sentence pairs.").arg(path);
    }
    return {};
}

void DatasetPanel::updateStatus() {
    const QString p = problem();
    if (!p.isEmpty()) {
        showStatus(p, "#c62828");
        return;
    }
    if (loader_ && loader_->isBusy()) {
        showLoadProgress();
        return;
    }
    if (loader_ && !loadError_.isEmpty()) {
        showStatus(loadError_, "#c62828");
        return;
    }
    if (loader_ && loader_->data() && loader_->dataKey() == DatasetLoader::Request{datasetName(), options()}.key()) {
        showLoaded(*loader_->data());
        return;
    }
    const QString kind = currentKind();
    if (kind == QLatin1String("fashion-mnist"))
        showStatus(tr("Ready: IDX files found in %1.")
                       .arg(idxFolder_->text().trimmed().isEmpty() ? defaultIdxFolder() : idxFolder_->text().trimmed()),
                   "#2e7d32");
    else if (isTranslationKind(kind))
        showStatus(tr("Ready: sentence pairs padded to %1 tokens.").arg(options().num_steps.value_or(0)), "#2e7d32");
    else if (isTextKind(kind))
        showStatus(tr("Ready: text in %1 tokens of %2 steps.").arg(tokens_->currentText()).arg(numSteps_->value()),
                   "#2e7d32");
    else if (kind == QLatin1String("csv"))
        showStatus(tr("Ready: %1 columns; predicting “%2”.").arg(csvColumns_.size()).arg(target_->currentText()),
                   "#2e7d32");
    else
        showStatus(tr("Ready: %1 examples, %2 % held out for testing.").arg(size_->value()).arg(testFraction_->value()),
                   "#2e7d32");
}

void DatasetPanel::showStatus(const QString& text, const char* color) {
    status_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(QLatin1String(color)));
    status_->setText(text);
}

void DatasetPanel::setLoader(DatasetLoader* loader) {
    if (loader_) disconnect(loader_, nullptr, this, nullptr);
    loader_ = loader;
    if (!loader_) return;
    connect(loader_, &DatasetLoader::busyChanged, this, [this] { updateStatus(); });
    connect(loader_, &DatasetLoader::progressChanged, this, [this] {
        if (loader_->isBusy()) showLoadProgress();
    });
    connect(loader_, &DatasetLoader::loaded, this, [this] {
        loadError_.clear();
        updateStatus();
    });
    connect(loader_, &DatasetLoader::failed, this, [this](const QString& error) {
        loadError_ = error;
        updateStatus();
    });
    requestLoad(true);
}

void DatasetPanel::loadNow() {
    requestLoad(true);
}

void DatasetPanel::requestLoad(bool now) {
    if (!loader_ || updating_) return;
    loadError_.clear();
    const QString p = problem();
    if (!p.isEmpty()) {
        loader_->reject(p);
        return;
    }
    const DatasetLoader::Request request{datasetName(), options()};
    if (now)
        loader_->requestNow(request);
    else
        loader_->requestSoon(request);
}

void DatasetPanel::showLoadProgress() {
    showStatus(tr("Loading… %1 %").arg(static_cast<int>(loader_->progress() * 100)), "#17406d");
}

void DatasetPanel::showLoaded(const dl::DataSplit& data) {
    if (data.train.is_bert()) {
        showStatus(tr("Loaded: %1 training and %2 test %3 of %4 tokens; a vocabulary of %5 tokens%6.")
                       .arg(QLocale().toString(data.train.size()), QLocale().toString(data.test.size()),
                            data.train.is_bert_pretraining() ? tr("pretraining examples") : tr("sentence pairs"))
                       .arg(data.train.sample_shape().empty() ? 0 : data.train.sample_shape()[0])
                       .arg(QLocale().toString(data.train.bert->size()))
                       .arg(bertVocabulary_ ? tr(" (the pretrained model's)") : QString()),
                   "#2e7d32");
        return;
    }
    if (data.train.is_translation()) {
        const dl::TranslationCorpus& pairs = *data.train.translation;
        showStatus(
            tr("Loaded: %1 training and %2 test sentence pairs of %3 tokens; vocabularies of %4 source and "
               "%5 target words.")
                .arg(QLocale().toString(data.train.size()), QLocale().toString(data.test.size()))
                .arg(data.train.num_steps)
                .arg(QLocale().toString(pairs.source_vocab_size()), QLocale().toString(pairs.target_vocab_size())),
            "#2e7d32");
        return;
    }
    if (data.train.is_language_model()) {
        const dl::TextCorpus& text = *data.train.text;
        showStatus(tr("Loaded: %1 tokens, a vocabulary of %2, %3 examples of %4 tokens (no test set).")
                       .arg(QLocale().toString(static_cast<qlonglong>(text.tokens.size())),
                            QLocale().toString(text.vocab_size()), QLocale().toString(data.train.size()))
                       .arg(data.train.num_steps),
                   "#2e7d32");
        return;
    }
    const QString shape = QString::fromStdString(dl::to_string(data.train.sample_shape()));
    showStatus(tr("Loaded: %1 training and %2 test examples of shape %3.")
                   .arg(QLocale().toString(data.train.size()), QLocale().toString(data.test.size()), shape),
               "#2e7d32");
}

std::shared_ptr<const dl::DataSplit> DatasetPanel::load(QString* error) const {
    const QString p = problem();
    if (!p.isEmpty()) {
        if (error) *error = p;
        return nullptr;
    }
    return DatasetLoader::load({datasetName(), options()}, error);
}
