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

std::string gigabytes(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB", bytes / 1e9);
    return text;
}

// Bilinear interpolation of the image planes [first, last) of `src` into `dst`.
void resize_planes(const float* src, float* dst, int64_t first, int64_t last, int64_t h, int64_t w, int64_t height,
                   int64_t width, const std::vector<Tap>& rows, const std::vector<Tap>& cols) {
    for (int64_t p = first; p < last; ++p) {
        const float* in = src + p * h * w;
        float* o = dst + p * height * width;
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
}
}  // namespace

Tensor resize_images(const Tensor& images, int64_t height, int64_t width, const Progress& progress) {
    if (images.dim() != 4)
        throw ShapeError("resize_images needs images [N, C, H, W], got " + to_string(images.shape()));
    if (height < 1 || width < 1)
        throw InputError("images can only be resized to at least 1×1, got " + std::to_string(height) + "×" +
                         std::to_string(width));
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

void resize_dataset(DataSplit& split, int64_t size, const Progress& progress) {
    const std::string& name = split.train.name;
    const Shape sample = split.train.sample_shape();
    if (size < 1) throw InputError("the resize size must be at least 1 pixel, got " + std::to_string(size));
    if (sample.size() != 3) {
        const std::string what = sample.size() == 1 ? std::to_string(sample[0]) + " features per example"
                                                    : "examples of shape " + to_string(sample);
        throw InputError("resize applies to image data sets; '" + name + "' has " + what);
    }
    const int64_t images = split.train.size() + split.test.size();
    const double bytes = static_cast<double>(images) * sample[0] * size * size * sizeof(float);
    if (bytes > static_cast<double>(kMaxResizedBytes))
        throw InputError("resizing '" + name + "' to " + std::to_string(size) + "×" + std::to_string(size) + " needs " +
                         gigabytes(bytes) + " of memory for its " + std::to_string(images) + " images, more than the " +
                         gigabytes(static_cast<double>(kMaxResizedBytes)) +
                         " DiveLab allows; use a smaller size or fewer examples (train_limit/test_limit, or "
                         "--limit and --test-limit on the command line)");
    // Each part reports its share of the images; the results replace the originals only at the end,
    // so a cancelled resize leaves the split as it was.
    const double train_share = images > 0 ? static_cast<double>(split.train.size()) / images : 1.0;
    Tensor train, test;
    if (split.train.features.defined())
        train = resize_images(split.train.features, size, size, progress_part(progress, 0.0, train_share));
    if (split.test.features.defined())
        test = resize_images(split.test.features, size, size, progress_part(progress, train_share, 1.0));
    if (train.defined()) split.train.features = train;
    if (test.defined()) split.test.features = test;
}

}  // namespace dl
