#pragma once
// SequenceBatches: a language model's minibatches cut from one token stream, D2L §8.3.4's
// seq_data_iter_random and seq_data_iter_sequential. Each epoch starts at a random offset in
// [0, num_steps - 1] (so epochs see different cuts) that depends only on (seed, epoch):
//  - random sampling: the stream from the offset is cut into disjoint num_steps-long subsequences,
//    visited in a shuffled order, batch_size of them per batch;
//  - sequential partitioning: the stream from the offset is cut into batch_size long rows, and batch
//    i holds steps [i * num_steps, (i + 1) * num_steps) of every row, so each row of a batch continues
//    where the same row of the previous batch ended (what lets the trainer carry the hidden state).
// A batch's labels are the same positions one token later (Y is X shifted by one). Incomplete
// batches are dropped, as D2L does.
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/data/batch_loader.h"
#include "engine/data/dataset.h"

namespace dl {

class SequenceBatches {
public:
    // `data` must be a language-model data set (Dataset::text, num_steps and sampling set). Throws
    // InputError when the stream is too short for one batch. With random_offset false every epoch
    // starts at token 0 (evaluation).
    SequenceBatches(const Dataset& data, int64_t batch_size, uint64_t seed = 0, bool random_offset = true);

    // Begins the next epoch (the first call begins epoch 0): a new offset and, for random sampling,
    // a new order. next() begins epoch 0 by itself if start_epoch() was never called.
    void start_epoch();
    // Fills batch.x [B, T] (token ids as floats), batch.labels (B * T ids, row order b * T + t),
    // batch.size = B and batch.indices (each row's first position in the stream); false when the
    // epoch is over.
    bool next(Batch& batch);

    int64_t num_batches() const;  // in the current epoch (before the first: with offset 0)
    int64_t offset() const { return offset_; }
    int64_t batch_size() const { return batch_size_; }
    int64_t num_steps() const { return num_steps_; }
    Sampling sampling() const { return sampling_; }
    int64_t epoch() const { return epoch_; }

private:
    void plan_random();
    void plan_sequential();

    std::shared_ptr<const TextCorpus> text_;
    int64_t batch_size_, num_steps_;
    Sampling sampling_;
    uint64_t seed_;
    bool random_offset_;
    int64_t epoch_ = -1, offset_ = 0, batch_ = 0, num_batches_ = 0;
    int64_t row_length_ = 0;       // sequential: tokens per row
    std::vector<int64_t> starts_;  // random: the subsequences' first positions, in visiting order
};

}  // namespace dl
