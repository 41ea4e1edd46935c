// VocabularyModel: a text corpus's vocabulary as a table (token, id, count), one row per id. Ids are
// given by frequency (D2L's Vocab), so the rows read from the most frequent token down, after <unk>.
#pragma once

#include <memory>

#include <QAbstractTableModel>

#include "engine/data/dataset.h"

class VocabularyModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TokenColumn = 0, IdColumn = 1, CountColumn = 2 };

    explicit VocabularyModel(QObject* parent = nullptr);

    // nullptr empties the table.
    void setCorpus(std::shared_ptr<const dl::TextCorpus> corpus);

    // How a token is shown: a space as "␣", other invisible characters by name.
    static QString displayToken(const std::string& token);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const dl::TextCorpus> corpus_;
};
