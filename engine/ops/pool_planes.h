#pragma once
// Average pooling one image plane (one channel of one example) at a time, for the ops that pool inside a fused
// pass (engine/ops/pool.cpp, engine/ops/norm.cpp). Internal to the ops.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/ops/window.h"

namespace dl::detail {

// The geometry every plane of a pooled batch shares.
struct PoolShape {
    int64_t planes = 0, h = 0, w = 0, oh = 0, ow = 0;
    Window2d win;
    int64_t in_plane() const { return h * w; }
    int64_t out_plane() const { return oh * ow; }
};

// Checks x [N, C, H, W] and the window (ShapeError naming `op`) and returns their geometry.
PoolShape make_pool_shape(const Shape& x, const Window2d& window, const std::string& op);

// One task's average pooling, plane after plane, by the fastest path the window allows (its scratch is reused).
class AvgPoolPlanes {
public:
    AvgPoolPlanes(const PoolShape& s, bool count_include_pad);
    void forward(const float* x, float* y);
    // gx (+)= the plane's input gradient for its output gradient gy (= when `fresh`).
    void backward(const float* gy, float* gx, bool fresh);
    // The same through a sigmoid before the pooling, whose output a is the plane pooled: gx (+)= pool's
    // gradient · a·(1 − a), with the numbers of sigmoid()'s and avg_pool2d()'s backward passes one after the other.
    void sigmoid_backward(const float* gy, const float* a, float* gx, bool fresh);

private:
    const PoolShape& s_;
    bool include_pad_, tiled_, covered_;  // windows tile the plane (without padding); and cover all of it
    std::vector<float> row_, plane_;
};

}  // namespace dl::detail
