#pragma once
// TensorPlayground: a console for D2L ch. 2 by hand. Each line typed into the input (Up/Down walk the
// history) is evaluated by the engine's TensorSession on a worker thread; the log shows the line, the
// result's shape and its values as PyTorch prints them (long tensors elided), or the error in red with a
// caret under the wrong character. Clicking an example of D2L §2.1-2.5 runs it.
#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "engine/autograd/tensor_session.h"

class HistoryLineEdit;
class QColor;
class QListWidget;
class QListWidgetItem;
class QTextEdit;

class TensorPlayground : public QWidget {
    Q_OBJECT

public:
    explicit TensorPlayground(QWidget* parent = nullptr);
    ~TensorPlayground() override;

    // Evaluates a line as if typed and entered (after the lines before it, if they are still running).
    void run(const QString& line);
    bool busy() const;

    HistoryLineEdit* input() const { return input_; }
    QTextEdit* log() const { return log_; }
    QListWidget* examples() const { return examples_; }
    // The plain text of the last entry in the log (for tests): the line, then its result or error.
    QString lastEntryText() const { return lastEntry_; }

Q_SIGNALS:
    void lineEvaluated();

private:
    struct Outcome;
    void submitInput();
    void showOutcome();
    void appendEntry(const QString& line, const QString& text, const QColor& textColor);
    void runExample(QListWidgetItem* item);
    void fillExamples();
    static std::shared_ptr<Outcome> evaluate(dl::TensorSession& session, const QString& line);

    std::shared_ptr<dl::TensorSession> session_;
    HistoryLineEdit* input_;
    QTextEdit* log_;
    QListWidget* examples_;
    QFutureWatcher<std::shared_ptr<Outcome>> watcher_;
    bool pending_ = false;  // a line runs or its result has not been shown yet
    QStringList queued_;    // lines run() got while busy, in order
    QString lastEntry_;
};
