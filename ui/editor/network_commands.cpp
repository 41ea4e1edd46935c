#include "ui/editor/network_commands.h"

#include "ui/editor/network_document.h"

SpecChangeCommand::SpecChangeCommand(NetworkDocument* doc, dl::NetworkSpec before, dl::NetworkSpec after,
                                     const QString& text)
    : QUndoCommand(text), doc_(doc), before_(std::move(before)), after_(std::move(after)) {}

void SpecChangeCommand::undo() {
    doc_->applySpec(before_);
}
void SpecChangeCommand::redo() {
    doc_->applySpec(after_);
}

MoveNodesCommand::MoveNodesCommand(NetworkDocument* doc, QHash<QString, QPointF> before, QHash<QString, QPointF> after,
                                   bool mergeable)
    : QUndoCommand(after.size() == 1 ? QObject::tr("Move %1").arg(after.begin().key())
                                     : QObject::tr("Move %n node(s)", nullptr, int(after.size()))),
      doc_(doc),
      before_(std::move(before)),
      after_(std::move(after)),
      mergeable_(mergeable) {}

void MoveNodesCommand::undo() {
    doc_->applyPositions(before_);
}
void MoveNodesCommand::redo() {
    doc_->applyPositions(after_);
}

bool MoveNodesCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const MoveNodesCommand*>(other);
    if (!o || !mergeable_ || !o->mergeable_) return false;
    if (QSet<QString>(o->after_.keyBegin(), o->after_.keyEnd()) != QSet<QString>(after_.keyBegin(), after_.keyEnd()))
        return false;
    after_ = o->after_;
    return true;
}

SetAttributeCommand::SetAttributeCommand(NetworkDocument* doc, QString node, QString name,
                                         std::optional<dl::AttrValue> before, dl::AttrValue after, int mergeKey)
    : QUndoCommand(QObject::tr("Set %1.%2").arg(node, name)),
      doc_(doc),
      node_(std::move(node)),
      name_(std::move(name)),
      before_(std::move(before)),
      after_(std::move(after)),
      mergeKey_(mergeKey) {}

void SetAttributeCommand::undo() {
    doc_->applyAttribute(node_, name_, before_ ? &*before_ : nullptr);
}
void SetAttributeCommand::redo() {
    doc_->applyAttribute(node_, name_, &after_);
}

bool SetAttributeCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const SetAttributeCommand*>(other);
    if (!o || mergeKey_ == 0 || o->mergeKey_ != mergeKey_ || o->node_ != node_ || o->name_ != name_) return false;
    after_ = o->after_;
    return true;
}
