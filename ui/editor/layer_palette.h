#pragma once
// LayerPalette: every layer of dl::layer_catalog(), grouped by category, each with its summary as
// tooltip. Dragging an item starts a QDrag carrying "application/x-divelab-layer" (the layer
// type); double-clicking one emits layerActivated. Generated from the catalogue: new layers
// appear without touching this file.
#include <QTreeWidget>

class LayerPalette : public QTreeWidget {
    Q_OBJECT

public:
    static constexpr const char* kMimeType = "application/x-divelab-layer";
    static constexpr int kTypeRole = Qt::UserRole + 1;

    explicit LayerPalette(QWidget* parent = nullptr);
    QTreeWidgetItem* itemForType(const QString& type) const;
    QTreeWidgetItem* categoryItem(const QString& category) const;
    // What a drag of `item` carries (nullptr for a category header). The caller owns it.
    QMimeData* mimeDataFor(QTreeWidgetItem* item) const;
    static QMimeData* mimeDataForType(const QString& type);

Q_SIGNALS:
    void layerActivated(const QString& type);

protected:
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
    Qt::DropActions supportedDropActions() const override { return Qt::IgnoreAction; }
};
