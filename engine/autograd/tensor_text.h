#pragma once
// Tensors as text the way PyTorch prints them (D2L's outputs look like this): nested brackets, columns
// aligned, integral values as "4.", others with four decimals. Long tensors are elided: axes longer
// than `edge_items` * 2 + 1 show their first and last `edge_items` entries around "...".
#include <string>

#include "engine/core/tensor.h"

namespace dl {

struct TensorTextOptions {
    int64_t elide_above = 200;  // elide only tensors with more values than this
    int64_t edge_items = 3;
};

// "tensor([[0., 1.],\n        [2., 3.]])"
std::string tensor_text(const Tensor& t, const TensorTextOptions& options = {});
// True when tensor_text() leaves values out.
bool tensor_text_elides(const Tensor& t, const TensorTextOptions& options = {});
// One value as tensor_text() writes it in a tensor whose values are all integral or not.
std::string value_text(double v, bool integral);

}  // namespace dl
