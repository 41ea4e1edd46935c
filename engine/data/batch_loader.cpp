#include "engine/data/batch_loader.h"

#include <algorithm>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/data/gather.h"

namespace dl {

BatchLoader::BatchLoader(const Dataset& data, int64_t batch_size, bool shuffle, uint64_t seed, bool drop_last)
    : data_(data), batch_size_(batch_size), shuffle_(shuffle), drop_last_(drop_last), seed_(seed) {
    if (batch_size < 1) throw InputError("batch size " + std::to_string(batch_size) + " must be at least 1");
    data.check();
    order_.resize(static_cast<size_t>(data.size()));
    std::iota(order_.begin(), order_.end(), int64_t{0});
    cursor_ = static_cast<int64_t>(order_.size());  // nothing to hand out before an epoch starts
}

int64_t BatchLoader::num_batches() const {
    const int64_t n = data_.size();
    return drop_last_ ? n / batch_size_ : (n + batch_size_ - 1) / batch_size_;
}

void BatchLoader::start_epoch() {
    ++epoch_;
    cursor_ = 0;
    if (!shuffle_) return;
    // Each epoch's order depends only on (seed, epoch), not on how earlier epochs were used.
    std::iota(order_.begin(), order_.end(), int64_t{0});
    Rng rng(seed_ + 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(epoch_ + 1));
    rng.shuffle(order_.begin(), order_.end());
}

namespace {
// Keeps the buffer when the shape is unchanged, so a steady run of batches never reallocates.
void ensure_shape(Tensor& t, const Shape& shape) {
    if (!t.defined() || t.shape() != shape) t = Tensor::empty(shape);
}
}  // namespace

bool BatchLoader::next(Batch& batch) {
    if (epoch_ < 0) start_epoch();
    const int64_t n = static_cast<int64_t>(order_.size());
    const int64_t count = std::min(batch_size_, n - cursor_);
    if (count <= 0 || (drop_last_ && count < batch_size_)) return false;

    batch.size = count;
    batch.indices.assign(order_.begin() + cursor_, order_.begin() + cursor_ + count);
    cursor_ += count;

    Shape shape = data_.sample_shape();
    shape.insert(shape.begin(), count);
    ensure_shape(batch.x, shape);
    gather_examples(data_, batch.indices.data(), count, batch.x.data());

    batch.labels.clear();
    if (!data_.labels.empty())
        for (int64_t i : batch.indices) batch.labels.push_back(data_.labels[i]);
    if (data_.targets.defined()) {
        const int64_t k = data_.targets.size(1);
        ensure_shape(batch.y, {count, k});
        gather_rows(data_.targets.data(), k, batch.indices.data(), count, batch.y.data());
    } else {
        batch.y = Tensor();
    }
    return true;
}

}  // namespace dl
