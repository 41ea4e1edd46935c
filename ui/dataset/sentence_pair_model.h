// SentencePairModel: a translation corpus's sentence pairs as a table (source, target, and the number of
// word tokens of each, D2L §9.5), one row per pair, as the network reads them (preprocessed).
#pragma once

#include <memory>

#include <QAbstractTableModel>

#include "engine/data/dataset.h"

class SentencePairModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SourceColumn = 0, TargetColumn = 1, SourceTokensColumn = 2, TargetTokensColumn = 3 };

    explicit SentencePairModel(QObject* parent = nullptr);

    // nullptr empties the table.
    void setCorpus(std::shared_ptr<const dl::TranslationCorpus> corpus);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const dl::TranslationCorpus> corpus_;
};
