#pragma once
// One example of an image data set as a QImage, for the views that show pictures.
#include <cstdint>

#include <QImage>

#include "engine/data/dataset.h"

// True when the features are images: [N, 1, H, W] (grey) or [N, 3, H, W] (colour).
bool isImageSet(const dl::Dataset& d);

// Example `index` of an image set as the network reads it (resized to the set's image_size), one image pixel
// per QImage pixel. Values are expected in [0, 1];
// an example with values outside is stretched from its own minimum to its maximum.
QImage sampleImage(const dl::Dataset& d, int64_t index);
