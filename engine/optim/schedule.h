#pragma once
// Learning-rate schedules (D2L 12.11). A "step" here is an EPOCH, as in D2L: the trainer asks for
// lr_at(base_lr, epoch, num_epochs) before each epoch (epoch counts from 0).
//
// Warm-up runs first, over warmup_steps epochs, rising linearly:
//   by default (no warmup_start_lr)  base/W, 2·base/W, … , base
//   from warmup_start_lr s           s, s + (base − s)/W, … , s + (base − s)·(W−1)/W
//                                    (D2L's CosineScheduler with warmup_begin_lr = s)
// The main schedule then runs on the remaining epochs as if they started at 0:
//   Constant     base
//   Step         base · gamma^⌊t / step_size⌋                       (torch StepLR)
//   MultiFactor  base · gamma^(number of milestones <= t)           (torch MultiStepLR, D2L 12.11.3.2)
//   Cosine       min + (base − min)·(1 + cos(π·t/T))/2, min_lr from epoch T on (torch CosineAnnealingLR);
//                T = total − warm-up, or cosine_epochs − warm-up when cosine_epochs is set (D2L's
//                CosineScheduler: max_update = cosine_epochs, the lr then stays at min_lr)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dl {

struct LrSchedule {
    enum Kind { Constant, Step, Cosine, MultiFactor };
    Kind kind = Constant;
    int64_t step_size = 30;                // Step: epochs between decays, >= 1
    float gamma = 0.1f;                    // Step, MultiFactor: factor per decay, in (0, 1]
    std::vector<int64_t> milestones;       // MultiFactor: epochs at which the lr is multiplied by gamma
    float min_lr = 0.0f;                   // Cosine: the final lr, >= 0 and at most the base lr
    int64_t cosine_epochs = 0;             // Cosine: the epoch it reaches min_lr (warm-up included); 0 = the last
    int64_t warmup_steps = 0;              // epochs of linear warm-up, >= 0
    std::optional<float> warmup_start_lr;  // the lr warm-up starts from (>= 0); none = base/W, DiveLab's default

    // Throws InputError for an out-of-range setting, or for a cosine schedule whose warm-up leaves
    // no epochs (total_steps or cosine_epochs <= warmup_steps) or whose min_lr exceeds base_lr.
    float lr_at(float base_lr, int64_t step, int64_t total_steps) const;
    void validate() const;  // checks the fields that do not depend on the run
};

// Parses the CLI/config form: "constant", "step:<every>[:<gamma>]" (e.g. "step:30:0.1", gamma
// defaults to 0.1), "multifactor:<epoch>,<epoch>,…[:<gamma>]" (e.g. "multifactor:15,30:0.5", gamma
// defaults to 0.1), "cosine[:<min lr>[:<until epoch>]]" (e.g. "cosine:1e-4", "cosine:0.01:20").
// Case-insensitive; warm-up is a separate setting. Throws InputError explaining the accepted forms.
LrSchedule parse_lr_schedule(std::string_view text, int64_t warmup_steps = 0);
// The inverse of parse_lr_schedule (warm-up not included): "constant", "step:30:0.1",
// "multifactor:15,30:0.5", "cosine:0.0001" ("cosine:0.01:20" when cosine_epochs is set).
std::string to_string(const LrSchedule& schedule);
// "15,30": the multi-factor schedule's milestones as parse_lr_schedule reads them.
std::string milestones_text(const std::vector<int64_t>& milestones);

}  // namespace dl
