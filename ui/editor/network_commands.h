#pragma once
// The undoable edits of a NetworkDocument. Structural edits keep the spec before and after (a
// network is a few kilobytes); moves and attribute edits keep only what changed and can merge.
#include <QHash>
#include <QPointF>
#include <QString>
#include <QUndoCommand>

#include <optional>

#include "engine/nn/network_spec.h"

class NetworkDocument;

// Base of the structural edits: undo restores `before`, redo applies `after`.
class SpecChangeCommand : public QUndoCommand {
public:
    SpecChangeCommand(NetworkDocument* doc, dl::NetworkSpec before, dl::NetworkSpec after, const QString& text);
    void undo() override;
    void redo() override;
    const dl::NetworkSpec& after() const { return after_; }

protected:
    NetworkDocument* doc_;
    dl::NetworkSpec before_, after_;
};

class AddNodeCommand : public SpecChangeCommand {
public:
    using SpecChangeCommand::SpecChangeCommand;
};
class RemoveNodesCommand : public SpecChangeCommand {  // also rewires or drops their edges
public:
    using SpecChangeCommand::SpecChangeCommand;
};
class ConnectCommand : public SpecChangeCommand {
public:
    using SpecChangeCommand::SpecChangeCommand;
};
class DisconnectCommand : public SpecChangeCommand {
public:
    using SpecChangeCommand::SpecChangeCommand;
};
class LoadSpecCommand : public SpecChangeCommand {
public:
    using SpecChangeCommand::SpecChangeCommand;
};
class PasteNodesCommand : public SpecChangeCommand {
public:
    using SpecChangeCommand::SpecChangeCommand;
};

class MoveNodesCommand : public QUndoCommand {
public:
    static constexpr int kId = 0x4d4f5645;  // "MOVE"
    MoveNodesCommand(NetworkDocument* doc, QHash<QString, QPointF> before, QHash<QString, QPointF> after,
                     bool mergeable);
    void undo() override;
    void redo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    NetworkDocument* doc_;
    QHash<QString, QPointF> before_, after_;
    bool mergeable_;
};

class SetAttributeCommand : public QUndoCommand {
public:
    static constexpr int kId = 0x41545452;  // "ATTR"
    SetAttributeCommand(NetworkDocument* doc, QString node, QString name, std::optional<dl::AttrValue> before,
                        dl::AttrValue after, int mergeKey);
    void undo() override;
    void redo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    NetworkDocument* doc_;
    QString node_, name_;
    std::optional<dl::AttrValue> before_;
    dl::AttrValue after_;
    int mergeKey_;
};
