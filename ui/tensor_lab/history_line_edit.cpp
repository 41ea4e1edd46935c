#include "history_line_edit.h"

#include <QKeyEvent>

HistoryLineEdit::HistoryLineEdit(QWidget* parent) : QLineEdit(parent) {}

void HistoryLineEdit::addToHistory(const QString& line) {
    if (!line.trimmed().isEmpty() && (history_.isEmpty() || history_.back() != line)) history_.append(line);
    position_ = static_cast<int>(history_.size());
    typing_.clear();
}

void HistoryLineEdit::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Up && position_ > 0) {
        if (position_ == history_.size()) typing_ = text();
        showEntry(position_ - 1);
        return;
    }
    if (event->key() == Qt::Key_Down && position_ < history_.size()) {
        showEntry(position_ + 1);
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void HistoryLineEdit::showEntry(int index) {
    position_ = index;
    setText(index == history_.size() ? typing_ : history_[index]);
}
