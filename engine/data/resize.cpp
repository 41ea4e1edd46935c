#include "engine/data/resize.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace dl {

namespace {
// Where output pixel i of `out` samples an axis of `in` pixels: between i0 and i1 with weight w1 on i1.
struct Tap {
    int64_t i0, i1;
    float w0, w1;
};

// PyTorch's area_pixel_compute_source_index for align_corners=False, then the two neighbours.
std::vector<Tap> taps(int64_t in, int64_t out) {
    std::vector<Tap> t(out);
    const float scale = static_cast<float>(in) / static_cast<float>(out);  // float, as PyTorch computes it
    for (int64_t i = 0; i < out; ++i) {
        const float src = std::max(scale * (static_cast<float>(i) + 0.5f) - 0.5f, 0.0f);
        const int64_t i0 = std::min(static_cast<int64_t>(src), in - 1);
        const float w1 = src - i0;
        t[i] = {i0, i0 < in - 1 ? i0 + 1 : i0, 1.0f - w1, w1};
    }
    return t;
}

// Bilinear interpolation of one h × w plane `in` into the height × width plane `o`.
void resize_plane(const float* in, float* o, int64_t w, int64_t height, int64_t width, const std::vector<Tap>& rows,
                  const std::vector<Tap>& cols) {
    for (int64_t y = 0; y < height; ++y) {
        const Tap& r = rows[y];
        const float* top = in + r.i0 * w;
        const float* bottom = in + r.i1 * w;
        for (int64_t x = 0; x < width; ++x) {
            const Tap& c = cols[x];
            o[y * width + x] =
                r.w0 * (c.w0 * top[c.i0] + c.w1 * top[c.i1]) + r.w1 * (c.w0 * bottom[c.i0] + c.w1 * bottom[c.i1]);
        }
    }
}

// The image planes [first, last) of `src` into `dst`.
void resize_planes(const float* src, float* dst, int64_t first, int64_t last, int64_t h, int64_t w, int64_t height,
                   int64_t width, const std::vector<Tap>& rows, const std::vector<Tap>& cols) {
    for (int64_t p = first; p < last; ++p)
        resize_plane(src + p * h * w, dst + p * height * width, w, height, width, rows, cols);
}

void check_target_size(int64_t height, int64_t width) {
    if (height < 1 || width < 1)
        throw InputError("images can only be resized to at least 1×1, got " + std::to_string(height) + "×" +
                         std::to_string(width));
}
}  // namespace

Tensor resize_images(const Tensor& images, int64_t height, int64_t width, const Progress& progress) {
    if (images.dim() != 4)
        throw ShapeError("resize_images needs images [N, C, H, W], got " + to_string(images.shape()));
    check_target_size(height, width);
    const int64_t h = images.size(2), w = images.size(3), planes = images.size(0) * images.size(1);
    if (h == 0 || w == 0) throw ShapeError("cannot resize empty images of shape " + to_string(images.shape()));
    Tensor out = Tensor::empty({images.size(0), images.size(1), height, width});
    const std::vector<Tap> rows = taps(h, height), cols = taps(w, width);
    const int64_t grain = std::max<int64_t>(1, (1 << 15) / (height * width));
    // With a progress callback the planes go in about 100 slices, reported (and cancellable) in between.
    const int64_t slice = progress ? std::max<int64_t>(16 * grain, (planes + 99) / 100) : planes;
    for (int64_t begin = 0; begin < planes; begin += slice) {
        const int64_t end = std::min(planes, begin + slice);
        parallel_for(end - begin, grain, [&](int64_t first, int64_t last) {
            resize_planes(images.data(), out.data(), begin + first, begin + last, h, w, height, width, rows, cols);
        });
        if (progress) progress(static_cast<double>(end) / static_cast<double>(planes));
    }
    return out;
}

void gather_resized(const float* src, const Shape& image, const int64_t* rows, int64_t count, float* dst,
                    int64_t height, int64_t width) {
    check_target_size(height, width);
    const int64_t c = image.at(0), h = image.at(1), w = image.at(2);
    const std::vector<Tap> row_taps = taps(h, height), col_taps = taps(w, width);
    const int64_t grain = std::max<int64_t>(1, (1 << 15) / (c * height * width));
    parallel_for(count, grain, [&](int64_t first, int64_t last) {
        for (int64_t i = first; i < last; ++i)
            for (int64_t k = 0; k < c; ++k)
                resize_plane(src + (rows[i] * c + k) * h * w, dst + (i * c + k) * height * width, w, height, width,
                             row_taps, col_taps);
    });
}

void resize_dataset(DataSplit& split, int64_t size) {
    const std::string& name = split.train.name;
    const Shape sample = split.train.stored_sample_shape();
    if (sample.size() != 3) {
        const std::string what = sample.size() == 1 ? std::to_string(sample[0]) + " features per example"
                                                    : "examples of shape " + to_string(sample);
        throw InputError("resize applies to image data sets; '" + name + "' has " + what);
    }
    if (size < 1) throw InputError("the resize size must be at least 1 pixel, got " + std::to_string(size));
    split.train.image_size = split.test.image_size = size;
}

}  // namespace dl
