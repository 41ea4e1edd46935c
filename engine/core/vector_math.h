#pragma once
// Elementwise math on float arrays that vectorises: AVX2/FMA where the CPU has it, portable code that the
// compiler vectorises elsewhere (the active kernel set, engine/core/cpu_features.h). A library call per
// element (std::exp) costs more than a whole convolution output, and LeNet computes as many sigmoids as
// convolution outputs.
#include <cstdint>

namespace dl {

// y[i] = 1 / (1 + e^−x[i]) for i < n. e^x is Cephes' expf (within 2 ulp of std::exp) on inputs clamped
// to [−87.3, 88.3], so results are finite: sigmoid(−100) ≈ 4.5e−39, sigmoid(100) = 1. Every element takes
// the same instructions wherever a caller splits the array, so results do not depend on the thread count.
// x and y may be the same array.
void sigmoid_array(const float* x, float* y, int64_t n);
// y[i] = tanh(x[i]) = 2·sigmoid(2x) − 1 with sigmoid_array's exponential (absolute error a few 1e−8; the
// recurrent layers' gates). Same guarantees as sigmoid_array; x and y may be the same array.
void tanh_array(const float* x, float* y, int64_t n);
// dst[i] = g[i]·a[i]·(1 − a[i]) (fresh) or dst[i] += it: sigmoid's backward from its output a. Two products
// and a sum, never fused into one multiply-add, so every set gives the bits plain float arithmetic gives.
void sigmoid_grad_array(const float* g, const float* a, float* dst, int64_t n, bool fresh);
// sigmoid_grad_array over `rows` rows of n values (n even) with g = gy·scale spread: row r, column i takes
// gy[(r / repeat)·n/2 + i/2]·scale. That is the gradient of pooling windows two columns wide and `repeat` rows tall
// that cover a plane, straight through the sigmoid's derivative without writing the spread plane. The same bits
// as spreading first.
void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n, int64_t rows,
                        int64_t repeat, bool fresh);
// dst[i] = g[i]·[y[i] > 0] (fresh) or dst[i] += it: relu's backward from its input or output y, the bits of
// g·(y > 0 ? 1 : 0), without a branch (ReLU's signs are a coin toss to the branch predictor). dst may be g.
void relu_grad_array(const float* g, const float* y, float* dst, int64_t n, bool fresh);

}  // namespace dl
