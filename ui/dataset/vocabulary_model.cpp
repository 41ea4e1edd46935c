#include "ui/dataset/vocabulary_model.h"

#include <QFont>
#include <QLocale>

VocabularyModel::VocabularyModel(QObject* parent) : QAbstractTableModel(parent) {}

void VocabularyModel::setCorpus(std::shared_ptr<const dl::TextCorpus> corpus) {
    beginResetModel();
    corpus_ = std::move(corpus);
    endResetModel();
}

QString VocabularyModel::displayToken(const std::string& token) {
    if (token == " ") return QStringLiteral("␣");  // ␣
    return QString::fromStdString(token);
}

int VocabularyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !corpus_ ? 0 : static_cast<int>(corpus_->vocab_size());
}

int VocabularyModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 3;
}

QVariant VocabularyModel::data(const QModelIndex& index, int role) const {
    if (!corpus_ || !index.isValid()) return {};
    const auto row = static_cast<size_t>(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case TokenColumn:
                return displayToken(corpus_->idx_to_token[row]);
            case IdColumn:
                return index.row();
            case CountColumn:
                return QLocale().toString(static_cast<qlonglong>(corpus_->token_counts[row]));
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != TokenColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && row == 0)
        return tr("<unk> stands for every token the vocabulary leaves out (rarer than the minimum frequency).");
    if (role == Qt::ToolTipRole && corpus_->idx_to_token[row] == " ") return tr("the space between words");
    if (role == Qt::FontRole && index.column() == TokenColumn) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::TypeWriter);
        return mono;
    }
    return {};
}

QVariant VocabularyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case TokenColumn:
            return tr("Token");
        case IdColumn:
            return tr("Id");
        case CountColumn:
            return tr("Count");
    }
    return {};
}
