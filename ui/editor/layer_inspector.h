#pragma once
// LayerInspector: edits the attributes of one node, with editors generated from its layer's
// AttrSpec list (QSpinBox for Int with the spec's bounds, QDoubleSpinBox for Float, QCheckBox for
// Bool, QComboBox for Choice, a line edit for integer lists; AttrSpec::help as tooltip). Each edit
// is an undoable document command; the node's shapes and error are shown live. The network's
// input and output (the canvas's terminals) show what they are, their shape and any problem.
#include <QHash>
#include <QPointer>
#include <QWidget>

#include "ui/editor/network_document.h"

class QFormLayout;
class QLabel;

class LayerInspector : public QWidget {
    Q_OBJECT

public:
    explicit LayerInspector(NetworkDocument* doc, QWidget* parent = nullptr);
    QString nodeId() const { return nodeId_; }
    // The editor widget of attribute `name` (QSpinBox, QDoubleSpinBox, QCheckBox, QComboBox, QLineEdit).
    QWidget* editor(const QString& name) const { return editors_.value(name); }
    QString titleText() const;
    QString shapesText() const;
    QString statusText() const;  // the shapes / error line

public Q_SLOTS:
    void setNode(const QString& id);  // "" = nothing selected; "input" / "__output__" = the terminals

private:
    bool showsTerminal() const;
    void rebuild();
    void showTerminal();
    void setStatus(const QString& problem, const QString& fine);
    QWidget* makeEditor(const dl::AttrSpec& spec);
    void refresh();
    void commit(const QString& name, const dl::AttrValue& value);

    NetworkDocument* doc_;
    QString nodeId_, nodeType_;
    QLabel* title_;
    QLabel* summary_;
    QLabel* shapes_;
    QLabel* status_;
    QWidget* form_;
    QFormLayout* formLayout_;
    QHash<QString, QWidget*> editors_;
    int mergeKey_ = 1;
    bool refreshing_ = false;
};
