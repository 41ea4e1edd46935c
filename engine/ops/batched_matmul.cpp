#include "engine/ops/batched_matmul.h"

#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/gemm_kernel.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

namespace {
// One stored operand of the stack: count matrices of rows × cols each, read as op() = transposed or not.
struct Stack {
    const float* data;
    int64_t rows, cols;
    bool transposed;
    MatrixRef at(int64_t i) const { return {data + i * rows * cols, rows, cols, transposed}; }
    int64_t out_rows() const { return transposed ? cols : rows; }
    int64_t out_cols() const { return transposed ? rows : cols; }
};

// c[i] = α · a[i] · b[i] + β · c[i] for i in [0, count). Many matrices: threads take whole matrices
// (each one gemm_tile, single-threaded); few: each product splits its own tiles between threads.
// Both give the same sums (gemm_kernel.h), so the thread count never changes a result.
void multiply_stack(int64_t count, const Stack& a, const Stack& b, float* c, float alpha, float beta) {
    const int64_t m = a.out_rows(), n = b.out_cols();
    if (count == 0 || m == 0 || n == 0) return;
    if (count < 2 * num_threads()) {
        for (int64_t i = 0; i < count; ++i) gemm(a.at(i), b.at(i), c + i * m * n, alpha, beta);
        return;
    }
    const int64_t work = m * n * a.out_cols();
    const int64_t grain = std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(work, 1));
    parallel_for(count, grain, [&](int64_t first, int64_t last) {
        for (int64_t i = first; i < last; ++i)
            detail::gemm_tile(a.at(i), b.at(i), c + i * m * n, n, 0, m, 0, n, alpha, beta);
    });
}

Shape check(const Shape& as, const Shape& bs, bool ta, bool tb) {
    if (as.size() != 3 || bs.size() != 3 || as[0] != bs[0])
        throw ShapeError("batched matmul needs two stacks of matrices [N, rows, cols] of the same N, got " +
                         to_string(as) + " and " + to_string(bs));
    const int64_t m = ta ? as[2] : as[1], k = ta ? as[1] : as[2];
    const int64_t kb = tb ? bs[2] : bs[1], n = tb ? bs[1] : bs[2];
    if (k != kb)
        throw ShapeError("batched matmul: " + to_string(as) + (ta ? "ᵀ" : "") + " @ " + to_string(bs) +
                         (tb ? "ᵀ" : "") + ": inner dimensions " + std::to_string(k) + " and " + std::to_string(kb) +
                         " differ");
    return {as[0], m, n};
}

struct Operands {
    Shape as, bs;
    bool transpose_a, transpose_b;
    float alpha;
    int64_t count, m, n;
};

void backward(GradNode& self, const Operands& o) {
    GradNode& an = input(self, 0);
    GradNode& bn = input(self, 1);
    const Stack g{self.grad.data(), o.m, o.n, false}, gt{self.grad.data(), o.m, o.n, true};
    const Stack a{an.value.data(), o.as[1], o.as[2], o.transpose_a},
        b{bn.value.data(), o.bs[1], o.bs[2], o.transpose_b};
    const Stack at{a.data, a.rows, a.cols, !a.transposed}, bt{b.data, b.rows, b.cols, !b.transposed};
    if (an.requires_grad) {
        const float beta = an.begin_grad_write() ? 0.0f : 1.0f;
        if (!o.transpose_a)  // dA = G · op(B)ᵀ
            multiply_stack(o.count, g, bt, an.grad.data(), o.alpha, beta);
        else  // dA = (G · op(B)ᵀ)ᵀ = op(B) · Gᵀ
            multiply_stack(o.count, b, gt, an.grad.data(), o.alpha, beta);
    }
    if (bn.requires_grad) {
        const float beta = bn.begin_grad_write() ? 0.0f : 1.0f;
        if (!o.transpose_b)  // dB = op(A)ᵀ · G
            multiply_stack(o.count, at, g, bn.grad.data(), o.alpha, beta);
        else  // dB = (op(A)ᵀ · G)ᵀ = Gᵀ · op(A)
            multiply_stack(o.count, gt, a, bn.grad.data(), o.alpha, beta);
    }
}
}  // namespace

Var batched_matmul(const Var& a, const Var& b, bool transpose_a, bool transpose_b, float alpha) {
    const Shape as = a.shape(), bs = b.shape();
    const Shape out_shape = check(as, bs, transpose_a, transpose_b);
    const int64_t count = out_shape[0], m = out_shape[1], n = out_shape[2];
    Tensor y = Tensor::empty(out_shape);
    multiply_stack(count, {a.value().data(), as[1], as[2], transpose_a}, {b.value().data(), bs[1], bs[2], transpose_b},
                   y.data(), alpha, 0.0f);
    const Operands ops{as, bs, transpose_a, transpose_b, alpha, count, m, n};
    return Var::make(y, {a, b}, "batched_matmul", [ops](GradNode& self) { backward(self, ops); });
}

}  // namespace dl
