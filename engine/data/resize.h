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

// dst [count, C, height, width] = the images rows[0..count) of src [N, C, h, w] (image = {C, h, w}), resized as
// resize_images does (the same floats): a batch resized as it is drawn.
void gather_resized(const float* src, const Shape& image, const int64_t* rows, int64_t count, float* dst,
                    int64_t height, int64_t width);

// Makes both parts of an image data set give their examples at size×size (Dataset::image_size): the images
// stay as read and are resized per batch. Throws InputError for data that are not images [C, H, W].
void resize_dataset(DataSplit& split, int64_t size);

}  // namespace dl
