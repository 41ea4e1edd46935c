#include "ui/translation_views/bleu_table_model.h"

#include <QColor>

BleuTableModel::BleuTableModel(TranslationSnapshot* snapshot, QObject* parent)
    : QAbstractTableModel(parent), snapshot_(snapshot) {
    // Rows come and go with pairs; the scores change every epoch: a reset is cheap for a handful of rows.
    connect(snapshot, &TranslationSnapshot::scoresChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int BleuTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !snapshot_ ? 0 : static_cast<int>(snapshot_->bleuRows().size());
}

int BleuTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BleuTableModel::data(const QModelIndex& index, int role) const {
    if (!snapshot_ || !index.isValid() || index.row() >= rowCount()) return {};
    const translation_inspection::BleuRow& row = snapshot_->bleuRows()[static_cast<size_t>(index.row())];
    const bool scored = row.bleu >= 0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Source:
                return QString::fromStdString(row.source);
            case Reference:
                return QString::fromStdString(row.reference);
            case Translation:
                return scored ? QString::fromStdString(row.translation) : tr("(after the next epoch)");
            case Bleu:
                return scored ? QString::number(row.bleu, 'f', 3) : QStringLiteral("–");
        }
    }
    if (role == Qt::UserRole && index.column() == Bleu) return scored ? QVariant(row.bleu) : QVariant();
    if (role == Qt::TextAlignmentRole && index.column() == Bleu) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Translation && !scored) return QColor(140, 140, 140);
    if (role == Qt::BackgroundRole && index.column() == Bleu && scored) {
        // Green for a perfect match, fading to white at 0.
        const int shade = static_cast<int>(255 - 70 * row.bleu);
        return QColor(shade, 255, shade);
    }
    if (role == Qt::ToolTipRole)
        return row.added ? tr("Your pair (remove it with Remove)") : tr("A test pair of the data set");
    return {};
}

QVariant BleuTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) {
        if (!snapshot_ || section >= rowCount()) return {};
        return snapshot_->bleuRows()[static_cast<size_t>(section)].added ? tr("yours") : QString::number(section + 1);
    }
    switch (section) {
        case Source:
            return tr("English");
        case Reference:
            return tr("Reference");
        case Translation:
            return tr("Translation (greedy)");
        case Bleu:
            return tr("BLEU");
    }
    return {};
}
