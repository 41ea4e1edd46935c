#include "tensor_playground.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/autograd/tensor_text.h"
#include "engine/core/expression_error.h"
#include "history_line_edit.h"
#include "playground_examples.h"

// What one line gave: the result's text, or an error with its place in the line.
struct TensorPlayground::Outcome {
    QString line;
    QString assigned;
    QString shape;   // "[3, 4]" for a tensor result, else empty
    QString values;  // the value as text ("None" is left out)
    bool elided = false;
    QString error;
    int errorPosition = -1;
    int errorLength = 1;
};

namespace {}  // namespace

TensorPlayground::TensorPlayground(QWidget* parent)
    : QWidget(parent, Qt::Window), session_(std::make_shared<dl::TensorSession>()) {
    setWindowTitle(tr("Tensor Playground"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    log_ = new QTextEdit(this);
    log_->setReadOnly(true);
    log_->setFont(mono);
    log_->setPlaceholderText(tr("Type a line such as  x = arange(12)  below and press Enter, or click an example."));
    input_ = new HistoryLineEdit(this);
    input_->setFont(mono);
    input_->setPlaceholderText(tr("x = arange(12).reshape(3, 4)"));
    examples_ = new QListWidget(this);
    fillExamples();

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(log_, 1);
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(new QLabel(QStringLiteral(">>>"), left));
    inputRow->addWidget(input_, 1);
    leftLayout->addLayout(inputRow);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("Examples from D2L ch. 2 (click to run):"), right));
    rightLayout->addWidget(examples_, 1);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({700, 400});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    resize(1100, 700);
    input_->setFocus();

    connect(input_, &QLineEdit::returnPressed, this, &TensorPlayground::submitInput);
    connect(examples_, &QListWidget::itemClicked, this, &TensorPlayground::runExample);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &TensorPlayground::showOutcome);
}

TensorPlayground::~TensorPlayground() {
    watcher_.waitForFinished();
}

bool TensorPlayground::busy() const {
    return pending_;
}

void TensorPlayground::fillExamples() {
    QString section;
    for (const PlaygroundExample& e : playgroundExamples()) {
        if (e.section != section) {
            section = e.section;
            auto* header = new QListWidgetItem(section, examples_);
            QFont bold = header->font();
            bold.setBold(true);
            header->setFont(bold);
            header->setFlags(Qt::ItemIsEnabled);
        }
        auto* item = new QListWidgetItem(QStringLiteral("  ") + e.line, examples_);
        item->setData(Qt::UserRole, e.line);
        item->setToolTip(e.line);
        item->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
}

void TensorPlayground::runExample(QListWidgetItem* item) {
    const QString line = item->data(Qt::UserRole).toString();
    if (line.isEmpty()) return;
    input_->setText(line);
    submitInput();
}

void TensorPlayground::submitInput() {
    const QString line = input_->text();
    if (line.trimmed().isEmpty()) return;
    input_->addToHistory(line);
    input_->clear();
    run(line);
}

void TensorPlayground::run(const QString& line) {
    if (busy()) {
        queued_.append(line);
        return;
    }
    pending_ = true;
    input_->setEnabled(false);
    // Engine work off the GUI thread: a large matmul must not freeze the window. One line at a time, so
    // the session is never used by two threads at once.
    auto session = session_;
    watcher_.setFuture(QtConcurrent::run([session, line] { return evaluate(*session, line); }));
}

void TensorPlayground::showOutcome() {
    const std::shared_ptr<Outcome> o = watcher_.result();
    pending_ = false;
    input_->setEnabled(true);
    input_->setFocus();
    const QString line = QStringLiteral(">>> ") + o->line;
    QString text;
    if (!o->error.isEmpty()) {
        const QString caret =
            QString(4 + o->errorPosition, QLatin1Char(' ')) + QString(o->errorLength, QLatin1Char('^'));
        text = caret + QLatin1Char('\n') + tr("Error: %1").arg(o->error);
    } else {
        if (!o->shape.isEmpty()) text = tr("shape %1, float32").arg(o->shape);
        if (!o->values.isEmpty()) text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + o->values;
        if (o->elided)
            text += QLatin1Char('\n') + tr("(long axes elided: only their first and last 3 entries are shown)");
    }
    appendEntry(line, text, o->error.isEmpty() ? palette().color(QPalette::Text) : QColor(0xc6, 0x28, 0x28));
    lastEntry_ = line + QLatin1Char('\n') + text;
    Q_EMIT lineEvaluated();
    if (!queued_.isEmpty()) run(queued_.takeFirst());
}

// Plain text with character formats (no HTML): line breaks and the caret's column stay exact.
void TensorPlayground::appendEntry(const QString& line, const QString& text, const QColor& textColor) {
    QTextCursor cursor(log_->document());
    cursor.movePosition(QTextCursor::End);
    if (!log_->document()->isEmpty()) cursor.insertText(QStringLiteral("\n\n"));
    QTextCharFormat format;
    format.setForeground(QColor(0x1f, 0x4e, 0x9e));
    cursor.insertText(line, format);
    format.setForeground(textColor);
    if (!text.isEmpty()) cursor.insertText(QLatin1Char('\n') + text, format);
    log_->setTextCursor(cursor);
    log_->ensureCursorVisible();
}

std::shared_ptr<TensorPlayground::Outcome> TensorPlayground::evaluate(dl::TensorSession& session, const QString& line) {
    auto o = std::make_shared<TensorPlayground::Outcome>();
    o->line = line;
    try {
        const dl::ExpressionResult r = session.run(line.toStdString());
        o->assigned = QString::fromStdString(r.assigned);
        if (r.value.is_tensor()) {
            o->shape = QString::fromStdString(dl::to_string(r.value.tensor.shape()));
            o->elided = dl::tensor_text_elides(r.value.tensor.value());
        }
        if (r.value.kind != dl::ExpressionValue::Kind::None)
            o->values = QString::fromStdString(dl::value_text(r.value));
    } catch (const dl::ExpressionError& e) {
        o->error = QString::fromStdString(e.what());
        // Positions count bytes of the UTF-8 line; the caret counts characters.
        o->errorPosition = static_cast<int>(QString::fromUtf8(line.toUtf8().left(static_cast<int>(e.position))).size());
        o->errorLength = static_cast<int>(e.length);
    } catch (const std::exception& e) {
        o->error = QString::fromStdString(e.what());
        o->errorPosition = 0;
    }
    return o;
}
