#include "ui/dataset/sample_image.h"

#include <algorithm>

bool isImageSet(const dl::Dataset& d) {
    if (!d.features.defined()) return false;
    const dl::Shape& s = d.features.shape();
    return s.size() == 4 && (s[1] == 1 || s[1] == 3) && s[2] > 0 && s[3] > 0;
}

QImage sampleImage(const dl::Dataset& d, int64_t index) {
    const dl::Shape s = d.sample_shape();
    const int c = static_cast<int>(s[0]), h = static_cast<int>(s[1]), w = static_cast<int>(s[2]);
    const int64_t per = static_cast<int64_t>(c) * h * w;
    const dl::Tensor example = dl::gather_examples(d, {index});
    const float* x = example.data();
    const auto [lo_it, hi_it] = std::minmax_element(x, x + per);
    float lo = 0, hi = 1;
    if (*lo_it < 0 || *hi_it > 1) {
        lo = *lo_it;
        hi = *hi_it > *lo_it ? *hi_it : *lo_it + 1;
    }
    auto byte = [&](float v) {
        return static_cast<uchar>(std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f) * 255.0f + 0.5f);
    };
    QImage img(w, h, c == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        uchar* line = img.scanLine(y);
        for (int xx = 0; xx < w; ++xx) {
            if (c == 3) {
                for (int k = 0; k < 3; ++k) line[xx * 3 + k] = byte(x[(static_cast<int64_t>(k) * h + y) * w + xx]);
            } else {
                line[xx] = byte(x[static_cast<int64_t>(y) * w + xx]);
            }
        }
    }
    return img;
}
