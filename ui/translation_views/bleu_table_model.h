#pragma once
// BleuTableModel: the BLEU table as a Qt item model — one row per sentence pair (the data set's test pairs,
// then the learner's), columns English, reference, translation, BLEU. Reads a TranslationSnapshot.
#include <QAbstractTableModel>
#include <QPointer>

#include "ui/translation_views/translation_snapshot.h"

class BleuTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Source = 0, Reference, Translation, Bleu, ColumnCount };
    explicit BleuTableModel(TranslationSnapshot* snapshot, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<TranslationSnapshot> snapshot_;
};
