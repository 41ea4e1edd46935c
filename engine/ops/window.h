#pragma once
// The sliding window shared by convolution and pooling: its size, step and zero padding per axis,
// and the output size it gives on an H×W input (D2L §7.3: ⌊(H + 2p − k) / s⌋ + 1).
#include <array>
#include <cstdint>
#include <string>

#include "engine/core/tensor.h"

namespace dl {

struct Window2d {
    int64_t kernel_h = 1, kernel_w = 1;
    int64_t stride_h = 1, stride_w = 1;
    int64_t pad_h = 0, pad_w = 0;
};

// {OH, OW} for an H×W input. Throws ShapeError when the window does not fit, e.g. "a 5×5 kernel
// does not fit a 3×3 input with padding 0"; `what` names the window ("kernel", "pooling window").
std::array<int64_t, 2> window_output_size(int64_t height, int64_t width, const Window2d& window,
                                          const std::string& what = "kernel");

// Checks that an image-like shape is [channels, height, width] (per example) or [N, C, H, W] (a batch).
// `who` starts the message: "Conv2d expects [channels, height, width], got [784]".
void check_image_shape(const Shape& shape, bool batched, const std::string& who);

// "5×5", "5×3": how windows and images are named in messages.
std::string size_text(int64_t h, int64_t w);

}  // namespace dl
