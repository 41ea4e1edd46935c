#include "ui/dataset/image_size_box.h"

#include <cstdlib>

namespace {

// The sizes D2L's chapters use (and the -cpu presets' smaller ones), ascending.
constexpr int kSizes[] = {32, 48, 64, 96, 128, 160, 192, 224, 256, 384, ImageSizeBox::kMaxSize};

}  // namespace

ImageSizeBox::ImageSizeBox(QWidget* parent) : QSpinBox(parent) {
    setRange(0, kMaxSize);
    setSpecialValueText(tr("original (%1 × %1)").arg(kOriginalSize));
    setSuffix(tr(" px"));
    setKeyboardTracking(false);
}

// Up: the next listed size above the current one (from "original", above 28). Down: the next one
// below, and "original" below the smallest.
int ImageSizeBox::stepped(int size, bool up) {
    const int from = size == 0 ? kOriginalSize : size;
    if (up) {
        for (int s : kSizes)
            if (s > from) return s;
        return size;
    }
    if (size == 0) return 0;
    int below = 0;
    for (int s : kSizes)
        if (s < from) below = s;
    return below;
}

void ImageSizeBox::stepBy(int steps) {
    int v = value();
    for (int i = 0; i < std::abs(steps); ++i) v = stepped(v, steps > 0);
    setValue(v);
    selectAll();
}

QAbstractSpinBox::StepEnabled ImageSizeBox::stepEnabled() const {
    StepEnabled flags;
    if (stepped(value(), false) != value()) flags |= StepDownEnabled;
    if (stepped(value(), true) != value()) flags |= StepUpEnabled;
    return flags;
}
