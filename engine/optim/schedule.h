#pragma once
// Learning-rate schedules (D2L 12.11). A "step" here is an EPOCH, as in D2L: the trainer asks for
// lr_at(base_lr, epoch, num_epochs) before each epoch (epoch counts from 0).
//
// Warm-up runs first: over warmup_steps epochs the lr rises linearly, base/W, 2·base/W, … , base.
// The main schedule then runs on the remaining epochs as if they started at 0:
//   Constant  base
//   Step      base · gamma^⌊t / step_size⌋         (torch StepLR)
//   Cosine    min + (base − min)·(1 + cos(π·t/T))/2, T = total − warm-up (torch CosineAnnealingLR);
//             min_lr from epoch T on
#include <cstdint>
#include <string>
#include <string_view>

namespace dl {

struct LrSchedule {
    enum Kind { Constant, Step, Cosine };
    Kind kind = Constant;
    int64_t step_size = 30;    // Step: epochs between decays, >= 1
    float gamma = 0.1f;        // Step: factor per decay, in (0, 1]
    float min_lr = 0.0f;       // Cosine: the final lr, >= 0 and at most the base lr
    int64_t warmup_steps = 0;  // epochs of linear warm-up, >= 0

    // Throws InputError for an out-of-range setting, or for a cosine schedule whose warm-up leaves
    // no epochs (total_steps <= warmup_steps) or whose min_lr exceeds base_lr.
    float lr_at(float base_lr, int64_t step, int64_t total_steps) const;
    void validate() const;  // checks the fields that do not depend on the run
};

// Parses the CLI/config form: "constant", "step:<every>[:<gamma>]" (e.g. "step:30:0.1", gamma
// defaults to 0.1), "cosine[:<min lr>]" (e.g. "cosine:1e-4"). Case-insensitive; warm-up is a
// separate setting. Throws InputError explaining the accepted forms.
LrSchedule parse_lr_schedule(std::string_view text, int64_t warmup_steps = 0);
// The inverse of parse_lr_schedule (warm-up not included): "constant", "step:30:0.1", "cosine:0.0001".
std::string to_string(const LrSchedule& schedule);

}  // namespace dl
