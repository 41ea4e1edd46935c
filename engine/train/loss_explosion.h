#pragma once
// LossExplosionWatch: notices a training loss that is still finite but has grown far beyond where
// the run started, the mark of a learning rate so high that the weights run away (an MLP at lr 1e6
// ends near 3e32). A loss that overflows to Inf or NaN is a divergence, which the trainer handles
// by itself; this catches the runs that would otherwise finish "successfully" with useless weights.
#include <cstdint>
#include <limits>

#include "engine/train/observer.h"

namespace dl {

class LossExplosionWatch {
public:
    // The start is the smallest loss of the first kStartBatches batches. With a learning rate far
    // too high the loss is already huge after the first update, so a mean over the first batches
    // would contain the explosion it is meant to reveal; the minimum is the loss of (nearly) the
    // initial weights, and a mini-batch that happens to be easy lowers it by a small factor only.
    static constexpr int kStartBatches = 5;
    // Exploded: a batch loss above max(kFactor x start, kFloor). Healthy runs' batch losses fall,
    // and their spikes (noisy small batches, BatchNorm LeNet at lr 1.0) stay within ~10x of the
    // start; three orders of magnitude leave ample room. The floor guards runs that start near
    // zero (training an already trained model further, a regression its initial weights happen to
    // fit): there 1000x the start is still an ordinary loss. A cross-entropy of 100 needs a logit
    // gap of 100 on a wrong class, and a squared error of 100 on normalised targets is 10 standard
    // deviations off: no healthy run gets there.
    static constexpr double kFactor = 1e3;
    static constexpr double kFloor = 100;

    // Records one batch's finite loss; true for the first batch beyond the limit, never again.
    bool exploded(double loss);
    double start_loss() const { return start_; }

private:
    int batches_ = 0;
    double start_ = std::numeric_limits<double>::infinity();
    bool raised_ = false;
};

// The warning for a person, with advice: a smaller learning rate (one tenth of `lr`), gradient
// clipping (unless `clip_norm` already clips), normalised inputs.
TrainWarning loss_exploded_warning(double start_loss, double loss, int epoch, int64_t batch, int64_t step, float lr,
                                   float clip_norm);

}  // namespace dl
