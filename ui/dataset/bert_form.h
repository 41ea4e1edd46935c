// BertForm: the data set panel's fields for BERT data (D2L §14.8–14.10, §15.6–15.7): what the network reads
// (pretraining examples — masked words and next sentence — or sentence pairs), the padded length max_len
// and how many training and test examples to keep.
#pragma once

#include <QWidget>

#include "engine/data/registry.h"

class QLabel;
class QSpinBox;

class BertForm : public QWidget {
    Q_OBJECT

public:
    explicit BertForm(QWidget* parent = nullptr);

    // The task the network's inputs ask for (tokens, segments, positions: pretraining; tokens, segments: pairs).
    void setTask(dl::BertTask task);
    dl::BertTask task() const { return task_; }
    // Writes max_len and the example limits into `options`.
    void fillOptions(dl::DatasetOptions& options) const;
    void showOptions(const dl::DatasetOptions& options);

Q_SIGNALS:
    void edited();

private:
    dl::BertTask task_ = dl::BertTask::None;
    QLabel* what_ = nullptr;
    QSpinBox* maxLen_ = nullptr;
    QSpinBox* trainLimit_ = nullptr;
    QSpinBox* testLimit_ = nullptr;
};
