#include "engine/train/attention_history.h"

#include <algorithm>

#include "engine/core/error.h"

namespace dl {

AttentionHistory::AttentionHistory(size_t capacity) : capacity_(capacity) {
    if (capacity < 2) throw InputError("an attention history keeps at least 2 snapshots");
}

void AttentionHistory::clear() {
    snapshots_.clear();
    stride_ = 1;
    newest_off_stride_ = false;
}

void AttentionHistory::add(int epoch, Probes probes) {
    if (!snapshots_.empty() && epoch < snapshots_.back().epoch) clear();
    if (!snapshots_.empty() && (newest_off_stride_ || snapshots_.back().epoch == epoch)) {
        snapshots_.pop_back();  // replaced by this one
        newest_off_stride_ = false;
    }
    if (snapshots_.size() >= capacity_) thin();
    const bool on_stride = snapshots_.empty() || epoch - snapshots_.back().epoch >= stride_;
    snapshots_.push_back({epoch, std::move(probes)});
    newest_off_stride_ = !on_stride;
}

void AttentionHistory::thin() {
    size_t kept = 0;
    for (size_t i = 0; i < snapshots_.size(); i += 2, ++kept)
        if (kept != i) snapshots_[kept] = std::move(snapshots_[i]);  // not onto itself: that would empty it
    snapshots_.resize(kept);
    stride_ *= 2;
}

const AttentionHistory::Snapshot* AttentionHistory::at_or_before(int epoch) const {
    const auto after = std::upper_bound(snapshots_.begin(), snapshots_.end(), epoch,
                                        [](int e, const Snapshot& s) { return e < s.epoch; });
    return after == snapshots_.begin() ? nullptr : &*(after - 1);
}

std::vector<int> AttentionHistory::epochs() const {
    std::vector<int> out;
    out.reserve(snapshots_.size());
    for (const Snapshot& s : snapshots_) out.push_back(s.epoch);
    return out;
}

}  // namespace dl
