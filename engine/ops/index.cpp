#include "engine/ops/index.h"

#include <cstring>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

namespace {
void check_label(int64_t label, int64_t classes, int64_t row, const char* op) {
    if (label < 0 || label >= classes)
        throw ShapeError(std::string(op) + ": index " + std::to_string(label) + " in row " + std::to_string(row) +
                         " is outside [0, " + std::to_string(classes) + ")");
}
}  // namespace

Var gather(const Var& x, const std::vector<int32_t>& index) {
    const Shape& s = x.shape();
    if (s.size() != 2 || s[0] != static_cast<int64_t>(index.size()))
        throw ShapeError("gather: expects a [B, C] tensor and B indices, got " + to_string(s) + " and " +
                         std::to_string(index.size()) + " indices");
    const int64_t b = s[0], c = s[1];
    Tensor out = Tensor::empty({b});
    for (int64_t i = 0; i < b; ++i) {
        check_label(index[i], c, i, "gather");
        out[i] = x.value()[i * c + index[i]];
    }
    return Var::make(out, {x}, "gather", [index, c](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        float* gi = in.grad_buffer().data();
        for (size_t i = 0; i < index.size(); ++i) gi[i * c + index[i]] += self.grad[static_cast<int64_t>(i)];
    });
}

Var index_select(const Var& x, const std::vector<int64_t>& index) {
    const Shape& s = x.shape();
    if (s.empty()) throw ShapeError("index_select: cannot select rows of a scalar");
    const int64_t n = s[0], row = x.value().numel() / std::max<int64_t>(n, 1);
    Shape out_shape = s;
    out_shape[0] = static_cast<int64_t>(index.size());
    Tensor out = Tensor::empty(out_shape);
    for (size_t k = 0; k < index.size(); ++k) {
        check_label(index[k], n, static_cast<int64_t>(k), "index_select");
        std::memcpy(out.data() + k * row, x.value().data() + index[k] * row, row * sizeof(float));
    }
    return Var::make(out, {x}, "index_select", [index, row](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        float* gi = in.grad_buffer().data();
        for (size_t k = 0; k < index.size(); ++k)
            for (int64_t j = 0; j < row; ++j) gi[index[k] * row + j] += self.grad[k * row + j];
    });
}

}  // namespace dl
