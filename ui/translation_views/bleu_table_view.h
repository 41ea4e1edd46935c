#pragma once
// BleuTableView: D2L §9.7.4's table — every test sentence, its reference, the model's greedy translation and
// its BLEU (k = 2), refreshed after every epoch — with a row to add a sentence and reference of one's own.
#include <QPointer>
#include <QWidget>

#include "ui/translation_views/translation_snapshot.h"

class BleuTableModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

class BleuTableView : public QWidget {
    Q_OBJECT
public:
    explicit BleuTableView(QWidget* parent = nullptr);

    void setModel(TranslationSnapshot* model);
    QTableView* table() const { return table_; }
    BleuTableModel* tableModel() const { return tableModel_; }
    QLineEdit* sourceEdit() const { return source_; }
    QLineEdit* referenceEdit() const { return reference_; }
    QPushButton* addButton() const { return add_; }
    QLabel* summaryLabel() const { return summary_; }

private:
    QWidget* buildAddRow();
    void addPair();
    void removeSelected();
    void showSummary();

    QPointer<TranslationSnapshot> model_;
    BleuTableModel* tableModel_ = nullptr;
    QTableView* table_;
    QLabel* summary_;
    QLineEdit* source_;
    QLineEdit* reference_;
    QPushButton* add_;
    QPushButton* remove_;
};
