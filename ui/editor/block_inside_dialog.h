// BlockInsideDialog: what a block node (Residual, Inception, …) is made of — its generated inside
// drawn as a network with shapes, parameters and FLOPs on every node, for the block's actual input.
// Read-only: the block's settings are edited in the inspector, and the inside follows them.
#pragma once

#include <QDialog>

#include <vector>

#include "engine/core/tensor.h"
#include "engine/nn/network_spec.h"

class NetworkDocument;
class NetworkView;

class BlockInsideDialog : public QDialog {
    Q_OBJECT

public:
    BlockInsideDialog(const QString& blockId, const QString& type, const dl::NetworkSpec& inside,
                      const dl::Shape& inputShape, QWidget* parent = nullptr);
    // A block with several inputs (TransformerDecoderBlock: the target sequence, the encoder's outputs): the
    // shapes its node receives, one per inner input, each drawn as its own input node.
    BlockInsideDialog(const QString& blockId, const QString& type, const dl::NetworkSpec& inside,
                      const std::vector<dl::Shape>& inputShapes, QWidget* parent = nullptr);
    NetworkDocument* document() const { return document_; }
    NetworkView* view() const { return view_; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    NetworkDocument* document_;
    NetworkView* view_;
};
