#include "ui/dataset/sentence_pair_model.h"

#include "engine/data/nmt_preprocessing.h"

SentencePairModel::SentencePairModel(QObject* parent) : QAbstractTableModel(parent) {}

void SentencePairModel::setCorpus(std::shared_ptr<const dl::TranslationCorpus> corpus) {
    beginResetModel();
    corpus_ = std::move(corpus);
    endResetModel();
}

int SentencePairModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !corpus_ ? 0 : static_cast<int>(corpus_->source_text.size());
}

int SentencePairModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 4;
}

QVariant SentencePairModel::data(const QModelIndex& index, int role) const {
    if (!corpus_ || !index.isValid()) return {};
    const auto row = static_cast<size_t>(index.row());
    const std::string& source = corpus_->source_text[row];
    const std::string& target = corpus_->target_text[row];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case SourceColumn:
                return QString::fromStdString(source);
            case TargetColumn:
                return QString::fromStdString(target);
            case SourceTokensColumn:
                return static_cast<int>(dl::split_words_nmt(source).size());
            case TargetTokensColumn:
                return static_cast<int>(dl::split_words_nmt(target).size());
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= SourceTokensColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant SentencePairModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical && role == Qt::DisplayRole) return section + 1;
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section >= SourceTokensColumn)
        return tr("Word tokens before <eos> and padding (D2L splits on single spaces; punctuation is a token).");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case SourceColumn:
            return tr("Source");
        case TargetColumn:
            return tr("Target");
        case SourceTokensColumn:
            return tr("Source tokens");
        case TargetTokensColumn:
            return tr("Target tokens");
    }
    return {};
}
