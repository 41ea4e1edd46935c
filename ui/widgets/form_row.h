#pragma once
// addRow: one row of a QFormLayout whose label and field share the tooltip, so hovering either explains
// the setting; the label is the field's buddy (its & shortcut focuses the field).
#include <QFormLayout>
#include <QLabel>
#include <QString>

template <class W>
W* addRow(QFormLayout* form, const QString& label, W* field, const QString& name, const QString& tip) {
    field->setObjectName(name);
    field->setToolTip(tip);
    auto* l = new QLabel(label);
    l->setToolTip(tip);
    l->setBuddy(field);
    form->addRow(l, field);
    return field;
}
