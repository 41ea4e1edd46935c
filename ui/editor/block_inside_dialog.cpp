#include "ui/editor/block_inside_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/editor/network_document.h"
#include "ui/editor/network_view.h"

BlockInsideDialog::BlockInsideDialog(const QString& blockId, const QString& type, const dl::NetworkSpec& inside,
                                     const dl::Shape& inputShape, QWidget* parent)
    : BlockInsideDialog(blockId, type, inside,
                        inputShape.empty() ? std::vector<dl::Shape>{} : std::vector<dl::Shape>{inputShape}, parent) {}

BlockInsideDialog::BlockInsideDialog(const QString& blockId, const QString& type, const dl::NetworkSpec& inside,
                                     const std::vector<dl::Shape>& inputShapes, QWidget* parent)
    : QDialog(parent), document_(new NetworkDocument(this)) {
    setWindowTitle(tr("Inside %1 “%2”").arg(type, blockId));
    resize(720, 640);
    document_->loadSpec(inside, tr("Open block"));
    if (inputShapes.size() == 1)
        document_->setInputShape(inputShapes.front());
    else if (!inputShapes.empty())
        document_->setInputShapes(inputShapes);
    view_ = new NetworkView(document_, this);
    view_->setInteractive(false);  // a view of generated layers: nothing here can be edited
    auto* note = new QLabel(tr("%1 parameters inside. The block is generated from its settings: change them in the "
                               "inspector.")
                                .arg(QLocale().toString(document_->totalParameters())),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(view_, 1);
    layout->addWidget(buttons);
}

void BlockInsideDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    QTimer::singleShot(0, view_, &NetworkView::fitToNetwork);
}
