#include "engine/core/gemm.h"

#include <Eigen/Core>

#include "engine/core/error.h"
#include "engine/core/parallel.h"

namespace dl {

namespace {
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Stride = Eigen::OuterStride<>;
using CMap = Eigen::Map<const RowMat, 0, Stride>;
using Map = Eigen::Map<RowMat, 0, Stride>;

// op(X) restricted to rows [r0, r1) of op(X).
template <class F>
void with_op(const MatrixRef& x, int64_t r0, int64_t r1, F&& f) {
    if (!x.transposed) {
        f(CMap(x.data + r0 * x.cols, r1 - r0, x.cols, Stride(x.cols)));
    } else {  // rows of op(X) are columns of X
        f(CMap(x.data + r0, x.rows, r1 - r0, Stride(x.cols)).transpose());
    }
}

template <class L, class R>
void multiply_into(Map out, const L& lhs, const R& rhs, float alpha, float beta) {
    if (beta == 0.0f) {
        out.noalias() = lhs * rhs;
        if (alpha != 1.0f) out *= alpha;
    } else {
        if (beta != 1.0f) out *= beta;
        out.noalias() += alpha * (lhs * rhs);
    }
}
}  // namespace

void gemm(const MatrixRef& a, const MatrixRef& b, float* c, float alpha, float beta) {
    const int64_t m = a.transposed ? a.cols : a.rows;
    const int64_t k = a.transposed ? a.rows : a.cols;
    const int64_t kb = b.transposed ? b.cols : b.rows;
    const int64_t n = b.transposed ? b.rows : b.cols;
    if (k != kb)
        throw ShapeError("matrix multiply: inner dimensions differ (" + std::to_string(m) + "x" + std::to_string(k) +
                         " times " + std::to_string(kb) + "x" + std::to_string(n) + ")");
    if (m == 0 || n == 0) return;
    // Small products are not worth a task; otherwise split the larger side of C.
    const int64_t work = m * n * k;
    const int64_t min_rows = work < (1 << 18) ? m : 16;
    if (m >= n) {
        parallel_for(m, min_rows, [&](int64_t r0, int64_t r1) {
            Map out(c + r0 * n, r1 - r0, n, Stride(n));
            with_op(a, r0, r1, [&](const auto& lhs) {
                if (!b.transposed) multiply_into(out, lhs, CMap(b.data, b.rows, b.cols, Stride(b.cols)), alpha, beta);
                else multiply_into(out, lhs, CMap(b.data, b.rows, b.cols, Stride(b.cols)).transpose(), alpha, beta);
            });
        });
    } else {
        const int64_t min_cols = work < (1 << 18) ? n : 16;
        parallel_for(n, min_cols, [&](int64_t c0, int64_t c1) {
            Map out(c + c0, m, c1 - c0, Stride(n));
            // Columns [c0, c1) of op(B) are rows [c0, c1) of op(B)^T.
            MatrixRef bt{b.data, b.rows, b.cols, !b.transposed};
            with_op(bt, c0, c1, [&](const auto& rhs_t) {
                with_op(a, 0, m, [&](const auto& lhs) { multiply_into(out, lhs, rhs_t.transpose(), alpha, beta); });
            });
        });
    }
}

}  // namespace dl
