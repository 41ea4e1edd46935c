#include "ui/editor/layer_palette.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>
#include <QStyle>

#include <algorithm>

#include "engine/nn/layer_catalog.h"
#include "ui/editor/network_scene.h"

namespace {
QIcon swatch(const QColor& c) {
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRoundedRect(QRectF(1, 1, 10, 10), 3, 3);
    return QIcon(pm);
}

// The engine's palette groups (dl::LayerInfo::category) for lupdate; the header shows the translation and
// keeps the engine's name as its key. Layer type names stay as they are in every language.
[[maybe_unused]] constexpr const char* kCategories[] = {
    QT_TRANSLATE_NOOP("LayerCategory", "Core"),          QT_TRANSLATE_NOOP("LayerCategory", "Convolution"),
    QT_TRANSLATE_NOOP("LayerCategory", "Activations"),   QT_TRANSLATE_NOOP("LayerCategory", "Regularization"),
    QT_TRANSLATE_NOOP("LayerCategory", "Normalization"), QT_TRANSLATE_NOOP("LayerCategory", "Merge"),
    QT_TRANSLATE_NOOP("LayerCategory", "Recurrent"),     QT_TRANSLATE_NOOP("LayerCategory", "Attention"),
    QT_TRANSLATE_NOOP("LayerCategory", "Blocks"),        QT_TRANSLATE_NOOP("LayerCategory", "Other"),
};
}  // namespace

LayerPalette::LayerPalette(QWidget* parent) : QTreeWidget(parent) {
    setHeaderHidden(true);
    setColumnCount(1);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setRootIsDecorated(true);
    setIndentation(14);
    setUniformRowHeights(true);
    setMinimumWidth(170);
    setToolTip(tr("Drag a layer onto the canvas"));
    for (const dl::LayerInfo& info : dl::layer_catalog()) {
        const QString category = QString::fromStdString(info.category.empty() ? std::string("Other") : info.category);
        QTreeWidgetItem* group = categoryItem(category);
        if (!group) {
            group = new QTreeWidgetItem(this,
                                        {QCoreApplication::translate("LayerCategory", category.toUtf8().constData())});
            group->setFlags(Qt::ItemIsEnabled);  // a header: not draggable, not selectable
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
            group->setData(0, Qt::UserRole, category);
        }
        const QString type = QString::fromStdString(info.type);
        auto* item = new QTreeWidgetItem(group, {type});
        item->setData(0, kTypeRole, type);
        item->setToolTip(0, QString::fromStdString(info.summary));
        item->setIcon(0, swatch(categoryColor(category)));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    expandAll();
    // Wide enough for the longest name ("TransformerDecoderBlock"): the dock cannot be made narrower than that.
    int widest = 0;
    for (int i = 0; i < topLevelItemCount(); ++i)
        for (int j = 0; j < topLevelItem(i)->childCount(); ++j)
            widest = std::max(widest, fontMetrics().horizontalAdvance(topLevelItem(i)->child(j)->text(0)));
    const int decoration = 2 * indentation() + iconSize().width() + 12;  // branch, icon, padding
    setMinimumWidth(
        std::max(170, widest + decoration + 2 * frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent)));
    // The D2L CNN blocks start folded (their header says how many): with the attention layers every entry no
    // longer fits the default window's height, and a learner reaches a folded group with one click.
    if (QTreeWidgetItem* blocks = categoryItem(QStringLiteral("Blocks"))) {
        blocks->setText(0, tr("Blocks (%1)").arg(blocks->childCount()));
        blocks->setExpanded(false);
    }
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QString type = item->data(0, kTypeRole).toString();
        if (!type.isEmpty()) Q_EMIT layerActivated(type);
    });
}

QTreeWidgetItem* LayerPalette::categoryItem(const QString& category) const {
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(0, Qt::UserRole).toString() == category) return topLevelItem(i);
    return nullptr;
}

QTreeWidgetItem* LayerPalette::itemForType(const QString& type) const {
    for (int i = 0; i < topLevelItemCount(); ++i)
        for (int j = 0; j < topLevelItem(i)->childCount(); ++j)
            if (topLevelItem(i)->child(j)->data(0, kTypeRole).toString() == type) return topLevelItem(i)->child(j);
    return nullptr;
}

QMimeData* LayerPalette::mimeDataForType(const QString& type) {
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), type.toUtf8());
    mime->setText(type);
    return mime;
}

QMimeData* LayerPalette::mimeDataFor(QTreeWidgetItem* item) const {
    return item ? mimeData({item}) : nullptr;
}

QStringList LayerPalette::mimeTypes() const {
    return {QString::fromLatin1(kMimeType)};
}

QMimeData* LayerPalette::mimeData(const QList<QTreeWidgetItem*>& items) const {
    for (QTreeWidgetItem* item : items) {
        const QString type = item->data(0, kTypeRole).toString();
        if (!type.isEmpty()) return mimeDataForType(type);
    }
    return nullptr;
}
