#pragma once
// HistoryLineEdit: a one-line input like a console's: Up and Down walk through the lines entered
// before (the text being typed is kept and comes back below the newest one).
#include <QLineEdit>
#include <QStringList>

class HistoryLineEdit : public QLineEdit {
    Q_OBJECT

public:
    explicit HistoryLineEdit(QWidget* parent = nullptr);

    // Remembers a line that was entered (repeats of the newest are kept once).
    void addToHistory(const QString& line);
    const QStringList& history() const { return history_; }

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void showEntry(int index);

    QStringList history_;
    int position_ = 0;  // history_.size() means "the line being typed"
    QString typing_;
};
