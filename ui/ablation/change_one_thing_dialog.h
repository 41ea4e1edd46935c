#pragma once
// "Change one thing…": asks which ingredient of the current experiment to change (dropout p, weight decay λ,
// initializer, activation, BatchNorm, optimizer, learning rate) and to what; shows what it is now. Accepting
// applies the change (dl::apply_change); a change that does not apply keeps the dialog open with the reason.
#include <QDialog>

#include "engine/train/ablation.h"

class QComboBox;
class QLabel;

class ChangeOneThingDialog : public QDialog {
    Q_OBJECT
public:
    explicit ChangeOneThingDialog(const dl::Project& experiment, QWidget* parent = nullptr);
    static QString whatLabel(dl::AblationWhat what);  // "Dropout p", "Weight decay λ", … (translated)

    QComboBox* whatBox() const { return what_; }
    QComboBox* valueBox() const { return value_; }  // editable: numbers are typed
    QLabel* currentLabel() const { return current_; }
    QLabel* errorLabel() const { return error_; }

    dl::AblationChange change() const;
    const dl::Project& changedExperiment() const { return changed_; }  // after accept()

public Q_SLOTS:
    void accept() override;

private:
    void onWhatChanged();

    dl::Project experiment_, changed_;
    QComboBox *what_, *value_;
    QLabel *current_, *error_;
};
