#include "ui/translation_views/bleu_table_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

#include "ui/translation_views/bleu_table_model.h"

BleuTableView::BleuTableView(QWidget* parent)
    : QWidget(parent),
      table_(new QTableView),
      summary_(new QLabel),
      source_(new QLineEdit),
      reference_(new QLineEdit),
      add_(new QPushButton(tr("&Add pair"))),
      remove_(new QPushButton(tr("&Remove"))) {
    table_->setObjectName(QStringLiteral("bleuTable"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->horizontalHeader()->setStretchLastSection(false);
    summary_->setObjectName(QStringLiteral("bleuSummary"));
    summary_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    layout->addWidget(buildAddRow());
}

QWidget* BleuTableView::buildAddRow() {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    source_->setObjectName(QStringLiteral("pairSourceEdit"));
    source_->setPlaceholderText(tr("English, e.g. i'm calm ."));
    reference_->setObjectName(QStringLiteral("pairReferenceEdit"));
    reference_->setPlaceholderText(tr("its French reference, e.g. je suis calme ."));
    add_->setObjectName(QStringLiteral("addPairButton"));
    add_->setToolTip(tr("Adds the pair to the table; it is translated and scored now and after every epoch."));
    remove_->setObjectName(QStringLiteral("removePairButton"));
    remove_->setToolTip(tr("Removes the selected pair of yours (the data set's test pairs stay)."));
    h->addWidget(source_, 1);
    h->addWidget(reference_, 1);
    h->addWidget(add_);
    h->addWidget(remove_);
    connect(add_, &QPushButton::clicked, this, &BleuTableView::addPair);
    connect(reference_, &QLineEdit::returnPressed, this, &BleuTableView::addPair);
    connect(remove_, &QPushButton::clicked, this, &BleuTableView::removeSelected);
    return row;
}

void BleuTableView::setModel(TranslationSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    delete tableModel_;
    tableModel_ = model_ ? new BleuTableModel(model_, this) : nullptr;
    table_->setModel(tableModel_);
    if (tableModel_) {
        QHeaderView* header = table_->horizontalHeader();
        for (int c = 0; c < BleuTableModel::ColumnCount; ++c)
            header->setSectionResizeMode(
                c, c == BleuTableModel::Bleu ? QHeaderView::ResizeToContents : QHeaderView::Stretch);
        connect(model_, &TranslationSnapshot::scoresChanged, this, &BleuTableView::showSummary);
        connect(model_, &TranslationSnapshot::problemChanged, this, &BleuTableView::showSummary);
    }
    showSummary();
}

void BleuTableView::addPair() {
    if (!model_ || source_->text().trimmed().isEmpty() || reference_->text().trimmed().isEmpty()) return;
    model_->addPair(source_->text().trimmed(), reference_->text().trimmed());
    source_->clear();
    reference_->clear();
    source_->setFocus();
}

void BleuTableView::removeSelected() {
    const QModelIndexList rows =
        table_->selectionModel() ? table_->selectionModel()->selectedRows() : QModelIndexList{};
    if (model_ && !rows.isEmpty()) model_->removeAddedPair(rows.first().row());
}

void BleuTableView::showSummary() {
    if (!model_ || !model_->isTranslation()) {
        summary_->setText(tr("The BLEU table is shown for translation data sets (fra-eng)."));
        return;
    }
    const double mean = translation_inspection::mean_bleu(model_->bleuRows(), true);
    QString text = model_->scoredEpoch() < 0
                       ? tr("BLEU (D2L §9.7.4, k = 2) of the greedy translation of every pair, after every epoch.")
                       : tr("%1: mean BLEU of the test pairs %2 (D2L §9.7.4, k = 2; 1 = the reference exactly).")
                             .arg(model_->scoredEpoch() > 0 ? tr("After epoch %1").arg(model_->scoredEpoch())
                                                            : tr("The current model"))
                             .arg(std::isfinite(mean) ? QString::number(mean, 'f', 3) : QStringLiteral("–"));
    if (!model_->problem().isEmpty()) text += QLatin1Char(' ') + model_->problem();
    summary_->setText(text);
}
