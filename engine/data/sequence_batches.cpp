#include "engine/data/sequence_batches.h"

#include <numeric>
#include <string>

#include "engine/core/error.h"
#include "engine/core/random.h"

namespace dl {

namespace {
int64_t stream_length(const TextCorpus& text) {
    return static_cast<int64_t>(text.tokens.size());
}
}  // namespace

SequenceBatches::SequenceBatches(const Dataset& data, int64_t batch_size, uint64_t seed, bool random_offset)
    : text_(data.text),
      batch_size_(batch_size),
      num_steps_(data.num_steps),
      sampling_(data.sampling),
      seed_(seed),
      random_offset_(random_offset) {
    if (!text_) throw InputError("data set '" + data.name + "' is not a text corpus, so it has no token stream");
    if (batch_size < 1) throw InputError("batch size " + std::to_string(batch_size) + " must be at least 1");
    if (num_steps_ < 1) throw InputError("num_steps " + std::to_string(num_steps_) + " must be at least 1");
    // The worst offset (num_steps - 1) must still leave one whole batch and its labels.
    const int64_t needed = (batch_size_ + (random_offset_ ? 1 : 0)) * num_steps_ + (random_offset_ ? 0 : 1);
    if (stream_length(*text_) < needed)
        throw InputError("the text '" + data.name + "' has " + std::to_string(stream_length(*text_)) +
                         " tokens, too few for one batch of " + std::to_string(batch_size_) + " rows × " +
                         std::to_string(num_steps_) + " steps (it needs at least " + std::to_string(needed) +
                         "); use a smaller batch size or num_steps");
    plan_sequential();  // num_batches() before the first epoch: offset 0
    if (sampling_ == Sampling::Random) plan_random();
}

void SequenceBatches::start_epoch() {
    ++epoch_;
    batch_ = 0;
    // Each epoch's cut depends only on (seed, epoch), not on how earlier epochs were used.
    Rng rng(seed_ + 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(epoch_ + 1));
    offset_ = random_offset_ ? static_cast<int64_t>(rng.below(static_cast<uint64_t>(num_steps_))) : 0;
    if (sampling_ == Sampling::Sequential) {
        plan_sequential();
        return;
    }
    plan_random();
    rng.shuffle(starts_.begin(), starts_.end());
}

// seq_data_iter_random: every num_steps-th position from the offset starts a subsequence (the last
// one needs its label token too).
void SequenceBatches::plan_random() {
    const int64_t subsequences = (stream_length(*text_) - offset_ - 1) / num_steps_;
    starts_.resize(static_cast<size_t>(subsequences));
    for (int64_t k = 0; k < subsequences; ++k) starts_[k] = offset_ + k * num_steps_;
    num_batches_ = subsequences / batch_size_;
}

// seq_data_iter_sequential: the stream from the offset, cut to a multiple of batch_size, as
// batch_size rows of row_length_ tokens each.
void SequenceBatches::plan_sequential() {
    row_length_ = (stream_length(*text_) - offset_ - 1) / batch_size_;
    num_batches_ = row_length_ / num_steps_;
}

int64_t SequenceBatches::num_batches() const {
    return num_batches_;
}

bool SequenceBatches::next(Batch& batch) {
    if (epoch_ < 0) start_epoch();
    if (batch_ >= num_batches_) return false;
    const int64_t B = batch_size_, T = num_steps_;
    batch.size = B;
    batch.indices.resize(static_cast<size_t>(B));
    for (int64_t b = 0; b < B; ++b)
        batch.indices[b] =
            sampling_ == Sampling::Random ? starts_[batch_ * B + b] : offset_ + b * row_length_ + batch_ * T;
    if (!batch.x.defined() || batch.x.shape() != Shape{B, T}) batch.x = Tensor::empty({B, T});
    batch.labels.resize(static_cast<size_t>(B * T));
    const std::vector<int32_t>& tokens = text_->tokens;
    float* x = batch.x.data();
    for (int64_t b = 0; b < B; ++b)
        for (int64_t t = 0; t < T; ++t) {
            const int64_t position = batch.indices[b] + t;
            x[b * T + t] = static_cast<float>(tokens[position]);
            batch.labels[b * T + t] = tokens[position + 1];
        }
    batch.y = Tensor();
    ++batch_;
    return true;
}

}  // namespace dl
