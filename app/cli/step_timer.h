#pragma once
// The sequence benches' timing, as ../shared/bench/torch_ref.py times PyTorch: 5 warm-up steps, then the
// tokens per second of 30 timed ones.
#include <chrono>
#include <cstdint>

namespace cli {

inline constexpr int kWarmUpSteps = 5, kTimedSteps = 30;

template <class Step>
double tokens_per_second(Step&& step, int64_t tokens_per_step) {
    for (int i = 0; i < kWarmUpSteps; ++i) step();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kTimedSteps; ++i) step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<double>(tokens_per_step) * kTimedSteps / seconds;
}

}  // namespace cli
