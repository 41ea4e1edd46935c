#include "ui/sequence_views/generated_text_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

GeneratedTextView::GeneratedTextView(QWidget* parent)
    : QWidget(parent),
      prefix_(new QLineEdit),
      length_(new QSpinBox),
      mode_(new QComboBox),
      temperature_(new QDoubleSpinBox),
      stack_(new QStackedWidget),
      history_(new QTextBrowser),
      placeholder_(new QLabel),
      problem_(new QLabel) {
    history_->setObjectName(QStringLiteral("generatedHistory"));
    history_->setToolTip(
        tr("What the model wrote after each epoch: the prefix in bold, then its continuation. "
           "Scroll up to see what the first epochs wrote."));
    history_->setOpenLinks(false);
    placeholder_->setObjectName(QStringLiteral("generatedPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    stack_->addWidget(history_);
    stack_->addWidget(placeholder_);
    problem_->setObjectName(QStringLiteral("generatedProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildSettings());
    layout->addWidget(stack_, 1);
    layout->addWidget(problem_);
    syncPlaceholder();
}

QWidget* GeneratedTextView::buildSettings() {
    auto* row = new QWidget;
    auto* top = new QHBoxLayout(row);
    top->setContentsMargins(0, 0, 0, 0);
    auto* prefixLabel = new QLabel(tr("&Prefix:"));
    prefixLabel->setBuddy(prefix_);
    prefix_->setObjectName(QStringLiteral("prefixEdit"));
    prefix_->setToolTip(tr("The text the model continues after every epoch (Enter applies it)."));
    prefix_->setMinimumWidth(140);
    auto* lengthLabel = new QLabel(tr("&Length:"));
    lengthLabel->setBuddy(length_);
    length_->setObjectName(QStringLiteral("lengthBox"));
    length_->setRange(1, 2000);
    length_->setToolTip(tr("How many tokens the model writes after the prefix."));
    mode_->setObjectName(QStringLiteral("modeBox"));
    mode_->addItem(tr("greedy"), QStringLiteral("greedy"));
    mode_->addItem(tr("sample"), QStringLiteral("sample"));
    mode_->setToolTip(
        tr("greedy: always the most likely next token (D2L's predict_ch8); sample: draw it from the "
           "model's probabilities, sharpened or flattened by the temperature."));
    auto* temperatureLabel = new QLabel(tr("&Temperature:"));
    temperatureLabel->setBuddy(temperature_);
    temperature_->setObjectName(QStringLiteral("temperatureBox"));
    temperature_->setRange(0.05, 5.0);
    temperature_->setSingleStep(0.1);
    temperature_->setToolTip(tr("Below 1 the model plays safe, above 1 it takes more chances."));
    top->addWidget(prefixLabel);
    top->addWidget(prefix_, 1);
    top->addWidget(lengthLabel);
    top->addWidget(length_);
    top->addWidget(mode_);
    top->addWidget(temperatureLabel);
    top->addWidget(temperature_);
    connect(prefix_, &QLineEdit::editingFinished, this, &GeneratedTextView::applySettings);
    connect(length_, &QSpinBox::editingFinished, this, &GeneratedTextView::applySettings);
    connect(mode_, &QComboBox::activated, this, &GeneratedTextView::applySettings);
    connect(temperature_, &QDoubleSpinBox::editingFinished, this, &GeneratedTextView::applySettings);
    return row;
}

void GeneratedTextView::setModel(SequenceSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    shown_ = 0;
    history_->clear();
    if (model_) {
        connect(model_, &SequenceSnapshot::samplesChanged, this, &GeneratedTextView::syncSamples);
        connect(model_, &SequenceSnapshot::networkChanged, this, &GeneratedTextView::syncPlaceholder);
        connect(model_, &SequenceSnapshot::generationSettingsChanged, this, &GeneratedTextView::showSettings);
        connect(model_, &SequenceSnapshot::problemChanged, this, [this] {
            problem_->setText(model_->problem());
            problem_->setVisible(!model_->problem().isEmpty());
        });
    }
    showSettings();
    syncSamples();
    syncPlaceholder();
}

void GeneratedTextView::applySettings() {
    if (!model_) return;
    sequence_inspection::GenerationSettings s = model_->generation();
    const sequence_inspection::GenerationSettings before = s;
    s.prefix = prefix_->text().toStdString();
    s.length = length_->value();
    s.greedy = mode_->currentData().toString() == QLatin1String("greedy");
    s.temperature = static_cast<float>(temperature_->value());
    temperature_->setEnabled(!s.greedy);
    if (s.prefix != before.prefix || s.length != before.length || s.greedy != before.greedy ||
        s.temperature != before.temperature)
        model_->setGeneration(s);
}

void GeneratedTextView::showSettings() {
    if (!model_) return;
    const sequence_inspection::GenerationSettings& s = model_->generation();
    const QSignalBlocker b1(prefix_), b2(length_), b3(mode_), b4(temperature_);
    prefix_->setText(QString::fromStdString(s.prefix));
    length_->setValue(s.length);
    mode_->setCurrentIndex(s.greedy ? 0 : 1);
    temperature_->setValue(s.temperature);
    temperature_->setEnabled(!s.greedy);
}

QString GeneratedTextView::sampleHtml(const SequenceSnapshot::Sample& sample) {
    const QString when = sample.epoch > 0 ? tr("epoch %1").arg(sample.epoch) : tr("now");
    // The model's text may hold anything: escape it, and keep its spaces visible.
    return QStringLiteral(
               "<p style='margin:2px 0'><span style='color:#777'>%1:</span> "
               "<span style='font-family:monospace; white-space:pre-wrap'><b>%2</b>%3</span></p>")
        .arg(when, sample.prefix.toHtmlEscaped(), sample.text.toHtmlEscaped());
}

// New samples are appended (the view stays where the learner scrolled unless it was at the end).
void GeneratedTextView::syncSamples() {
    const int count = model_ ? static_cast<int>(model_->samples().size()) : 0;
    QScrollBar* bar = history_->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 4;
    const int keep = bar->value();
    if (count < shown_ || count - shown_ > SequenceSnapshot::kMaxSamples / 2 ||
        count == SequenceSnapshot::kMaxSamples) {
        history_->clear();
        shown_ = 0;
    }
    for (int i = shown_; i < count; ++i) history_->append(sampleHtml(model_->samples()[i]));
    shown_ = count;
    bar->setValue(atEnd ? bar->maximum() : keep);
    syncPlaceholder();
}

void GeneratedTextView::syncPlaceholder() {
    QString text;
    if (!model_ || !model_->isLanguageModel())
        text =
            tr("Generated text is shown for language models: choose The Time Machine and a recurrent preset "
               "(e.g. lstm).");
    else if (shown_ == 0)
        text = tr("After each epoch the model continues “%1” here.")
                   .arg(QString::fromStdString(model_->generation().prefix).toHtmlEscaped());
    placeholder_->setText(text);
    stack_->setCurrentWidget(text.isEmpty() ? static_cast<QWidget*>(history_) : placeholder_);
}

QString GeneratedTextView::historyText() const {
    return history_->toPlainText();
}

bool GeneratedTextView::placeholderVisible() const {
    return stack_->currentWidget() == placeholder_;
}

QString GeneratedTextView::placeholder() const {
    return placeholder_->text();
}
