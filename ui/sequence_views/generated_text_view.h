#pragma once
// GeneratedTextView: what the language model writes after each epoch when it continues a prefix
// the learner types ("time traveller "), greedy or sampled with a temperature, with the whole
// history kept so epoch 1's noise can be compared with epoch 30's English. Presents a
// SequenceSnapshot; the text is generated off the GUI thread (SequenceInspector).
#include <QPointer>
#include <QWidget>

#include "ui/sequence_views/sequence_snapshot.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QTextBrowser;

class GeneratedTextView : public QWidget {
    Q_OBJECT
public:
    explicit GeneratedTextView(QWidget* parent = nullptr);

    void setModel(SequenceSnapshot* model);
    SequenceSnapshot* model() const { return model_; }

    QLineEdit* prefixEdit() const { return prefix_; }
    QSpinBox* lengthBox() const { return length_; }
    QComboBox* modeBox() const { return mode_; }  // "greedy" | "sample"
    QDoubleSpinBox* temperatureBox() const { return temperature_; }
    QTextBrowser* historyView() const { return history_; }
    int shownSamples() const { return shown_; }
    QString historyText() const;  // as plain text
    bool placeholderVisible() const;
    QString placeholder() const;

private:
    QWidget* buildSettings();
    void applySettings();
    void showSettings();
    void syncSamples();
    void syncPlaceholder();
    static QString sampleHtml(const SequenceSnapshot::Sample& sample);

    QPointer<SequenceSnapshot> model_;
    QLineEdit* prefix_;
    QSpinBox* length_;
    QComboBox* mode_;
    QDoubleSpinBox* temperature_;
    QStackedWidget* stack_;
    QTextBrowser* history_;
    QLabel* placeholder_;
    QLabel* problem_;
    int shown_ = 0;
};
