#include "engine/ops/vector_matmul.h"

#include "engine/core/error.h"
#include "engine/ops/matmul.h"
#include "engine/ops/op_util.h"
#include "engine/ops/shape_ops.h"

namespace dl {

namespace {
// a [rows, k] and g [rows, n] folded from any leading axes: returns {g bᵀ, aᵀ g}.
std::pair<Tensor, Tensor> product_gradients(const Tensor& a, const Tensor& b, const Tensor& g) {
    const int64_t k = b.size(0), n = b.size(1);
    Var a2(a.reshape({-1, k})), b2(b), g2(g.reshape({-1, n}));
    NoGradGuard no_grad;
    return {matmul(g2, transpose(b2)).value(), matmul(transpose(a2), g2).value()};
}
}  // namespace

Var vector_matmul(const Var& a, const Var& b) {
    const Shape& as = a.shape();
    const Shape& bs = b.shape();
    if (as.empty() || bs.empty())
        throw ShapeError("matmul: both operands need at least 1 axis, got " + to_string(as) + " and " + to_string(bs));
    if (as.size() >= 2 && bs.size() >= 2) return matmul(a, b);
    const int64_t k = as.back(), kb = bs.size() == 1 ? bs[0] : bs[bs.size() - 2];
    if (k != kb)
        throw ShapeError("matmul: " + to_string(as) + " @ " + to_string(bs) + ": inner dimensions " +
                         std::to_string(k) + " and " + std::to_string(kb) + " differ");
    if (bs.size() > 2)
        throw ShapeError("matmul: a vector times a batch of matrices (" + to_string(as) + " @ " + to_string(bs) +
                         ") is not supported; reshape the vector to [1, " + std::to_string(k) + "]");
    const Tensor a2 = as.size() == 1 ? a.value().reshape({1, k}) : a.value();
    const Tensor b2 = bs.size() == 1 ? b.value().reshape({k, 1}) : b.value();
    Tensor y2;
    {
        NoGradGuard no_grad;
        y2 = matmul(Var(a2), Var(b2)).value();
    }
    Shape out = y2.shape();
    if (bs.size() == 1) out.pop_back();                                   // the column axis of a promoted right vector
    if (as.size() == 1) out.erase(out.end() - (bs.size() == 1 ? 1 : 2));  // the row axis of a promoted left one
    const Shape y2_shape = y2.shape();
    return Var::make(y2.reshape(out), {a, b}, "matmul", [a2, b2, y2_shape](GradNode& self) {
        auto [da, db] = product_gradients(a2, b2, self.grad.reshape(y2_shape));
        GradNode& an = detail::input(self, 0);
        GradNode& bn = detail::input(self, 1);
        detail::accumulate(an, da.reshape(an.value.shape()));
        detail::accumulate(bn, db.reshape(bn.value.shape()));
    });
}

}  // namespace dl
