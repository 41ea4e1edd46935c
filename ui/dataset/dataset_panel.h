// DatasetPanel: which data to train on. Fashion-MNIST (its default folder or any folder of IDX
// files), a toy 2-D set (spiral, xor, circles, gaussians), synthetic linear regression, D2L's sine
// wave, a CSV file with a chosen target column, or text for a language model (The Time Machine or
// any .txt file, with its tokens, num_steps, sampling and minimum frequency), or sentence pairs for translation (the
// bundled English-French pairs or a file of pairs, TranslationForm). The panel describes the choice (a name or
// path for dl::load_dataset plus dl::DatasetOptions); load() turns it into data on the calling thread, never throwing.
// Given a DatasetLoader, the panel keeps its choice loaded on the loader's worker instead: each edit asks for it (after
// a short pause), and the status line shows "Loading… n %", then what was loaded or why it could not be.
#pragma once

#include <memory>

#include <QStringList>
#include <QWidget>

#include "engine/data/registry.h"

class DatasetLoader;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QStackedWidget;
class TranslationForm;
class BertForm;

class DatasetPanel : public QWidget {
    Q_OBJECT

public:
    explicit DatasetPanel(QWidget* parent = nullptr);
    ~DatasetPanel() override;

    // The name_or_path for dl::load_dataset: "fashion-mnist", "spiral", …, "linear", an IDX folder
    // or a .csv path.
    QString datasetName() const;
    dl::DatasetOptions options() const;
    // Selects a catalogue name ("spiral"), a .csv path or an IDX folder (e.g. a preset's suggested
    // data set). False (and nothing changes) for anything else.
    bool setDatasetName(const QString& nameOrPath);
    // Shows saved options (a project's) for the current data set; call after setDatasetName().
    // Options the current kind does not use are ignored; out-of-range values are clamped to the
    // sliders. Emits changed() once.
    void setOptions(const dl::DatasetOptions& options);

    // What is wrong with the choice before loading (Fashion-MNIST not installed, no CSV chosen, …);
    // empty when it looks loadable. Also shown in the panel.
    QString problem() const;
    // Loads the chosen data; nullptr and a message for the learner in `error` on failure.
    std::shared_ptr<const dl::DataSplit> load(QString* error = nullptr) const;

    // Keeps the choice loaded through `loader` (see above); nullptr stops that.
    void setLoader(DatasetLoader* loader);
    DatasetLoader* loader() const { return loader_; }
    // Asks the loader for the current choice without waiting for more edits (a preset or project set it).
    void loadNow();

    // BERT (D2L §14.8–15.7): the task the network's inputs ask for (None for other networks) and the pretrained
    // vocabulary fine-tuning data must use (null: built from the data). The Time Machine and text files then become
    // pretraining examples, sentence pairs paraphrase pairs; "tatoeba-paraphrase" is BERT pairs whatever the task.
    void setBertTask(dl::BertTask task);
    void setBertVocabulary(std::shared_ptr<const dl::BertVocabulary> vocabulary);
    bool isBertData() const;

    // The CSV columns read from the chosen file's header (empty without a readable file).
    QStringList csvColumns() const { return csvColumns_; }

Q_SIGNALS:
    void changed();

private:
    void buildUi();
    QFormLayout* buildKindChooser();
    QWidget* buildImagesPage();
    QWidget* buildIdxFolderRow(const QString& tip);
    QWidget* buildGeneratedPage();
    QWidget* buildCsvPage();
    QWidget* buildCsvFileRow(const QString& tip);
    QWidget* buildTextPage();
    QWidget* buildTextFileRow(const QString& tip);
    void browseText();
    QWidget* buildSplitBox();
    void connectEdits();
    void onKindChanged();
    void onEdited();
    void readCsvHeader();
    void browseIdxFolder();
    void browseCsv();
    void updateStatus();
    void showStatus(const QString& text, const char* color);
    void requestLoad(bool now);
    void showLoadProgress();
    void showLoaded(const dl::DataSplit& data);
    QString currentKind() const;

    QStringList csvColumns_;
    QString csvError_;
    QString lastKind_;
    bool updating_ = false;

    QComboBox* kind_ = nullptr;
    QLabel* description_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    // Images (IDX).
    QLineEdit* idxFolder_ = nullptr;
    QSpinBox* trainLimit_ = nullptr;
    QSpinBox* testLimit_ = nullptr;
    QSpinBox* resize_ = nullptr;
    // Generated sets.
    QFormLayout* generatedForm_ = nullptr;
    QSlider* size_ = nullptr;
    QSlider* noise_ = nullptr;
    QSlider* classes_ = nullptr;
    QLabel* sizeValue_ = nullptr;
    QLabel* noiseValue_ = nullptr;
    QLabel* classesValue_ = nullptr;
    // CSV.
    QLineEdit* csvFile_ = nullptr;
    QComboBox* target_ = nullptr;
    QCheckBox* classify_ = nullptr;
    QCheckBox* standardize_ = nullptr;
    // Text corpora.
    QFormLayout* textForm_ = nullptr;
    QLineEdit* textFile_ = nullptr;
    QComboBox* tokens_ = nullptr;
    QSpinBox* numSteps_ = nullptr;
    QComboBox* sampling_ = nullptr;
    QSpinBox* minFreq_ = nullptr;
    QSpinBox* maxTokens_ = nullptr;
    // Sentence pairs.
    TranslationForm* translation_ = nullptr;
    // BERT data (shown below the kind's page, which it replaces for the bundled sets).
    BertForm* bert_ = nullptr;
    dl::BertTask bertTask_ = dl::BertTask::None;
    std::shared_ptr<const dl::BertVocabulary> bertVocabulary_;
    void showBertForm();
    // Shared by generated sets and CSV.
    QWidget* splitBox_ = nullptr;
    QFormLayout* splitForm_ = nullptr;
    QSlider* testFraction_ = nullptr;
    QLabel* testFractionValue_ = nullptr;
    QSpinBox* seed_ = nullptr;

    QLabel* status_ = nullptr;
    DatasetLoader* loader_ = nullptr;
    QString loadError_;  // why the loader could not load the current choice
};
