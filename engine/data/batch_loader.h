#pragma once
// BatchLoader: walks a data set in mini-batches, like a PyTorch DataLoader. Each epoch visits every
// example once, in an order that is a fixed function of (seed, epoch number), so runs repeat exactly.
#include <cstdint>
#include <vector>

#include "engine/data/dataset.h"

namespace dl {

// One mini-batch. The loader reuses these buffers from batch to batch: clone() what you keep.
struct Batch {
    Tensor x;                     // [size, ...sample shape]
    std::vector<int32_t> labels;  // classification: size labels
    Tensor y;                     // regression: [size, k]
    int64_t size = 0;
    std::vector<int64_t> indices;  // which examples of the data set these are
};

class BatchLoader {
public:
    // The loader keeps a (shallow) copy of the data set, so the caller's may go away.
    BatchLoader(const Dataset& data, int64_t batch_size, bool shuffle = true, uint64_t seed = 0,
                bool drop_last = false);

    // Begins the next epoch (the first call begins epoch 0) with a fresh order. next() begins
    // epoch 0 by itself if start_epoch() was never called.
    void start_epoch();
    // Fills `batch` with the next mini-batch of the current epoch; false when the epoch is over.
    bool next(Batch& batch);

    int64_t num_batches() const;              // per epoch
    int64_t epoch() const { return epoch_; }  // -1 before the first epoch
    int64_t batch_size() const { return batch_size_; }
    const Dataset& dataset() const { return data_; }

private:
    Dataset data_;
    int64_t batch_size_;
    bool shuffle_, drop_last_;
    uint64_t seed_;
    int64_t epoch_ = -1;
    int64_t cursor_ = 0;
    std::vector<int64_t> order_;
};

}  // namespace dl
