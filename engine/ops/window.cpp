#include "engine/ops/window.h"

#include "engine/core/error.h"

namespace dl {

std::string size_text(int64_t h, int64_t w) {
    return std::to_string(h) + "×" + std::to_string(w);
}

namespace {
std::string padding_text(const Window2d& w) {
    return w.pad_h == w.pad_w ? std::to_string(w.pad_h) : size_text(w.pad_h, w.pad_w);
}
}  // namespace

std::array<int64_t, 2> window_output_size(int64_t height, int64_t width, const Window2d& w, const std::string& what) {
    if (w.kernel_h < 1 || w.kernel_w < 1 || w.stride_h < 1 || w.stride_w < 1 || w.pad_h < 0 || w.pad_w < 0)
        throw ShapeError("the " + what + " needs sizes and strides ≥ 1 and padding ≥ 0, got a " +
                         size_text(w.kernel_h, w.kernel_w) + " " + what + ", stride " +
                         size_text(w.stride_h, w.stride_w) + ", padding " + padding_text(w));
    if (height + 2 * w.pad_h < w.kernel_h || width + 2 * w.pad_w < w.kernel_w)
        throw ShapeError("a " + size_text(w.kernel_h, w.kernel_w) + " " + what + " does not fit a " +
                         size_text(height, width) + " input with padding " + padding_text(w));
    return {(height + 2 * w.pad_h - w.kernel_h) / w.stride_h + 1, (width + 2 * w.pad_w - w.kernel_w) / w.stride_w + 1};
}

void check_image_shape(const Shape& shape, bool batched, const std::string& who) {
    const size_t axes = batched ? 4 : 3;
    if (shape.size() == axes) return;
    throw ShapeError(who + " expects " + (batched ? "[batch, channels, height, width]" : "[channels, height, width]") +
                     ", got " + to_string(shape) +
                     (shape.size() + 1 == axes ? " (a single-channel image needs a channel axis of size 1)" : ""));
}

}  // namespace dl
