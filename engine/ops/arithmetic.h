#pragma once
// Elementwise arithmetic with NumPy broadcasting, and elementwise math functions.
#include "engine/autograd/variable.h"

namespace dl {

Var add(const Var& a, const Var& b);
Var sub(const Var& a, const Var& b);
Var mul(const Var& a, const Var& b);
Var div(const Var& a, const Var& b);
Var add_scalar(const Var& a, float s);
Var mul_scalar(const Var& a, float s);
Var neg(const Var& a);

Var exp(const Var& a);
Var log(const Var& a);           // natural log; log of a non-positive value gives -inf/NaN as in NumPy
Var pow(const Var& a, float p);  // elementwise a^p
Var sqrt(const Var& a);

inline Var operator+(const Var& a, const Var& b) {
    return add(a, b);
}
inline Var operator-(const Var& a, const Var& b) {
    return sub(a, b);
}
inline Var operator*(const Var& a, const Var& b) {
    return mul(a, b);
}
inline Var operator/(const Var& a, const Var& b) {
    return div(a, b);
}
inline Var operator*(const Var& a, float s) {
    return mul_scalar(a, s);
}
inline Var operator+(const Var& a, float s) {
    return add_scalar(a, s);
}
inline Var operator-(const Var& a) {
    return neg(a);
}

// Plain tensor kernel used by several ops: elementwise f(a, b) with broadcasting.
template <class F>
Tensor broadcast_apply(const Tensor& a, const Tensor& b, F f, const char* op);

}  // namespace dl

#include "engine/ops/broadcast.h"

namespace dl {
template <class F>
Tensor broadcast_apply(const Tensor& a, const Tensor& b, F f, const char* op) {
    Tensor out = Tensor::empty(broadcast_shape(a.shape(), b.shape(), op));
    float* o = out.data();
    const float* pa = a.data();
    const float* pb = b.data();
    if (a.shape() == b.shape()) {
        for (int64_t i = 0, n = out.numel(); i < n; ++i) o[i] = f(pa[i], pb[i]);
        return out;
    }
    for_each_broadcast(out.shape(), a.shape(), b.shape(),
                       [&](int64_t oo, int64_t ao, int64_t bo, int64_t len, int64_t, int64_t as, int64_t bs) {
                           for (int64_t i = 0; i < len; ++i) o[oo + i] = f(pa[ao + i * as], pb[bo + i * bs]);
                       });
    return out;
}
}  // namespace dl
