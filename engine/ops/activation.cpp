#include "engine/ops/activation.h"

#include <cmath>

#include "engine/ops/op_util.h"

namespace dl {

using detail::unary;

Var relu(const Var& x) {
    return unary(x, "relu", [](float v) { return v > 0.0f ? v : 0.0f; },
                 [](float v, float) { return v > 0.0f ? 1.0f : 0.0f; });
}

Var leaky_relu(const Var& x, float slope) {
    return unary(x, "leaky_relu", [slope](float v) { return v > 0.0f ? v : slope * v; },
                 [slope](float v, float) { return v > 0.0f ? 1.0f : slope; });
}

Var sigmoid(const Var& x) {
    // Written so that exp never overflows: for v < 0 use e^v / (1 + e^v).
    return unary(x, "sigmoid",
                 [](float v) {
                     if (v >= 0.0f) return 1.0f / (1.0f + std::exp(-v));
                     float e = std::exp(v);
                     return e / (1.0f + e);
                 },
                 [](float, float y) { return y * (1.0f - y); });
}

Var tanh(const Var& x) {
    return unary(x, "tanh", [](float v) { return std::tanh(v); }, [](float, float y) { return 1.0f - y * y; });
}

Var gelu(const Var& x) {
    constexpr float kInvSqrt2 = 0.70710678118654752f;
    constexpr float kInvSqrt2Pi = 0.39894228040143268f;
    return unary(x, "gelu", [](float v) { return 0.5f * v * (1.0f + std::erf(v * kInvSqrt2)); },
                 [](float v, float) {
                     float cdf = 0.5f * (1.0f + std::erf(v * kInvSqrt2));
                     return cdf + v * kInvSqrt2Pi * std::exp(-0.5f * v * v);
                 });
}

}  // namespace dl
