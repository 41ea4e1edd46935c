#pragma once
// Bilinear image resizing, as D2L does for its bigger CNNs: torchvision's Resize on Fashion-MNIST
// (224×224 for AlexNet/VGG/NiN, 96×96 for GoogLeNet/ResNet/DenseNet).
#include <cstdint>
#include <string>

#include "engine/core/tensor.h"
#include "engine/data/dataset.h"
#include "engine/data/progress.h"

namespace dl {

// Resizes images [N, C, H, W] to [N, C, height, width] by bilinear interpolation with
// align_corners=False semantics (pixel centres, as torch.nn.functional.interpolate, torchvision and
// PIL when enlarging): output pixel i samples the input at (i + 0.5)·H/height − 0.5, clamped to the
// image. Shrinking does not low-pass filter first (like interpolate with antialias=False).
Tensor resize_images(const Tensor& images, int64_t height, int64_t width, const Progress& progress = {});

// Resizes both parts of an image data set to size×size. Throws InputError for data that are not images
// [C, H, W] or when the result would need more than kMaxResizedBytes.
void resize_dataset(DataSplit& split, int64_t size, const Progress& progress = {});

inline constexpr int64_t kMaxResizedBytes = int64_t{4} << 30;  // 4 GiB: Fashion-MNIST fits at 96×96, not at 224

}  // namespace dl
