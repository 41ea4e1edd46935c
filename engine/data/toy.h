#pragma once
// Toy 2-D classification sets in the spirit of TensorFlow Playground. Points lie in about [-1, 1]²,
// features are [N, 2], classes are balanced (example i has class i % k before the split).
#include <cstdint>
#include <string>

#include "engine/data/dataset.h"

namespace dl {

enum class ToyKind { Spiral, Xor, Circles, Gaussians };

struct ToyOptions {
    int64_t size = 1000;         // examples in train + test together
    double noise = 0.05;         // stddev of Gaussian jitter added to both coordinates
    double test_fraction = 0.2;  // share of examples held out as the test set
    uint64_t seed = 0;           // same seed ⇒ same points and same split
    int num_classes = 2;         // spiral arms or Gaussian blobs; XOR and circles are always 2
};

DataSplit make_spiral(const ToyOptions& options = {});     // k interleaved arms, 1.75 turns each
DataSplit make_xor(const ToyOptions& options = {});        // class 1 where x·y > 0 (before noise)
DataSplit make_circles(const ToyOptions& options = {});    // inner disc (class 0) inside a ring (class 1)
DataSplit make_gaussians(const ToyOptions& options = {});  // k blobs (stddev 0.2) on a circle of radius 0.5
DataSplit make_toy(ToyKind kind, const ToyOptions& options = {});

}  // namespace dl
