#pragma once
// AttentionHistory: the attention probes of one fixed input, one snapshot per epoch (epoch → probe
// name → tensor [batch, heads, queries, keys]), so a view can replay how attention formed during a run.
// Capped: when full it keeps every other snapshot and from then on only every second epoch (the
// stride doubles each time), so the whole run stays covered in at most `capacity` snapshots. The
// newest epoch is always kept, even off the stride (the next one replaces it). Plain data, no locking.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

class AttentionHistory {
public:
    using Probes = std::map<std::string, Tensor>;  // probe name ("enc1.attention") → tensor
    struct Snapshot {
        int epoch = 0;  // 0: before training (or an adopted network)
        Probes probes;
    };
    static constexpr size_t kDefaultCapacity = 200;

    explicit AttentionHistory(size_t capacity = kDefaultCapacity);  // capacity ≥ 2

    // The probes after `epoch`. An epoch already kept is replaced; an epoch before the newest one
    // starts a new history (a new run).
    void add(int epoch, Probes probes);
    void clear();

    const std::vector<Snapshot>& snapshots() const { return snapshots_; }
    bool empty() const { return snapshots_.empty(); }
    size_t size() const { return snapshots_.size(); }
    size_t capacity() const { return capacity_; }
    int stride() const { return stride_; }  // epochs between kept snapshots (1 until the first thinning)
    // The newest snapshot at or before `epoch` (null when none is).
    const Snapshot* at_or_before(int epoch) const;
    const Snapshot* latest() const { return snapshots_.empty() ? nullptr : &snapshots_.back(); }
    std::vector<int> epochs() const;

private:
    void thin();  // keeps snapshots 0, 2, 4, … and doubles the stride

    size_t capacity_;
    int stride_ = 1;
    bool newest_off_stride_ = false;  // the last snapshot is kept only because it is the newest
    std::vector<Snapshot> snapshots_;
};

}  // namespace dl
