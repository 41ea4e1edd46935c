#pragma once
// The kernel_size / stride / padding settings shared by Conv2d and the pooling layers. Each is one number
// (the same for height and width, like PyTorch's kernel_size=5) or two (height, width: kernel_size=(5, 3)).
// They are IntList attributes, so the inspector shows one text field per setting ("5" or "5, 3").
#include <string>
#include <vector>

#include "engine/nn/attributes.h"
#include "engine/ops/window.h"

namespace dl {

// kernel_size (default `kernel`), stride (default `stride`; an empty list means "the same as kernel_size",
// PyTorch's default for pooling) and padding (default 0).
std::vector<AttrSpec> window_attribute_specs(int64_t kernel, std::vector<int64_t> stride, const std::string& noun);

// Reads the three settings; throws InputError when one has neither one nor two values (an empty stride is
// allowed, meaning kernel_size, when stride_defaults_to_kernel).
Window2d window_from_attributes(const Attributes& attrs, bool stride_defaults_to_kernel);

}  // namespace dl
