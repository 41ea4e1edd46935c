#pragma once
// The node or tensor pickers of the model views list what the latest snapshot has; the learner's choice
// stays chosen (by name) while it exists, and nothing is emitted when the list has not changed.
#include <QComboBox>
#include <QSignalBlocker>
#include <QStringList>

#include <algorithm>

inline void setComboChoices(QComboBox* box, const QStringList& names, const QString& wanted) {
    QStringList listed;
    for (int i = 0; i < box->count(); ++i) listed << box->itemText(i);
    if (names == listed) return;
    const QSignalBlocker block(box);
    box->clear();
    box->addItems(names);
    box->setCurrentIndex(std::max<qsizetype>(0, names.indexOf(wanted)));
}
