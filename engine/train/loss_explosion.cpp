#include "engine/train/loss_explosion.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace dl {

namespace {
std::string short_number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", x);
    return text;
}
}  // namespace

bool LossExplosionWatch::exploded(double loss) {
    if (batches_ < kStartBatches) {
        ++batches_;
        start_ = std::min(start_, loss);
    }
    if (raised_ || loss <= std::max(kFactor * start_, kFloor)) return false;
    raised_ = true;
    return true;
}

TrainWarning loss_exploded_warning(double start_loss, double loss, int epoch, int64_t batch, int64_t step, float lr,
                                   float clip_norm) {
    TrainWarning w;
    w.kind = TrainWarning::Kind::LossExploded;
    w.epoch = epoch;
    w.batch = batch;
    w.step = step;
    w.start_loss = start_loss;
    w.loss = loss;
    w.message = "the loss exploded from " + short_number(start_loss) + " to " + short_number(loss) + " at epoch " +
                std::to_string(epoch) + ", batch " + std::to_string(batch) + ": the learning rate " + short_number(lr) +
                " is far too high for this model. Try " + short_number(lr / 10) + " (10 times smaller)";
    if (clip_norm <= 0)
        w.message +=
            " or gradient clipping (--clip on the command line, \"Gradient clipping\" among the hyperparameters)";
    w.message += ", and check that the inputs are normalised. Training goes on, so you can watch what happens.";
    return w;
}

}  // namespace dl
