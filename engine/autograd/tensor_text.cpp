#include "engine/autograd/tensor_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace dl {

namespace {
struct Layout {
    const Tensor& t;
    bool elide;
    int64_t edge;
    bool integral;
    size_t width;
};

// The indices shown along an axis of `size`: all, or the first and last `edge` (-1 marks "...").
std::vector<int64_t> shown_indices(int64_t size, const Layout& l) {
    std::vector<int64_t> idx;
    if (!l.elide || size <= 2 * l.edge + 1) {
        for (int64_t i = 0; i < size; ++i) idx.push_back(i);
        return idx;
    }
    for (int64_t i = 0; i < l.edge; ++i) idx.push_back(i);
    idx.push_back(-1);
    for (int64_t i = size - l.edge; i < size; ++i) idx.push_back(i);
    return idx;
}

std::string padded(const std::string& s, size_t width) {
    return std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
}

// The block for axis `axis` starting at flat `offset`; `indent` is the column of its '['.
std::string block(const Layout& l, int64_t axis, int64_t offset, size_t indent) {
    const Shape& s = l.t.shape();
    const int64_t rank = l.t.dim();
    int64_t stride = 1;
    for (int64_t d = axis + 1; d < rank; ++d) stride *= s[d];
    std::string out = "[";
    const auto idx = shown_indices(s[axis], l);
    std::string separator = ",";
    if (axis == rank - 1) {
        separator += ' ';
    } else {  // a line break per inner axis, then the indentation under the '['
        separator.append(static_cast<size_t>(rank - axis - 1), '\n');
        separator.append(indent + 1, ' ');
    }
    for (size_t k = 0; k < idx.size(); ++k) {
        if (k > 0) out += separator;
        if (idx[k] < 0)
            out += axis == rank - 1 ? padded("...", l.width) : "...";
        else if (axis == rank - 1)
            out += padded(value_text(l.t[offset + idx[k]], l.integral), l.width);
        else
            out += block(l, axis + 1, offset + idx[k] * stride, indent + 1);
    }
    return out + "]";
}
}  // namespace

std::string value_text(double v, bool integral) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    const double a = std::fabs(v);
    if (integral && a < 1e8)
        std::snprintf(buf, sizeof buf, "%.0f.", v);
    else if (a != 0 && (a >= 1e8 || a < 1e-4))
        std::snprintf(buf, sizeof buf, "%.4e", v);
    else
        std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

bool tensor_text_elides(const Tensor& t, const TensorTextOptions& options) {
    if (t.numel() <= options.elide_above) return false;
    for (int64_t d : t.shape())
        if (d > 2 * options.edge_items + 1) return true;
    return false;
}

std::string tensor_text(const Tensor& t, const TensorTextOptions& options) {
    bool integral = true;
    for (int64_t i = 0; i < t.numel(); ++i)
        integral = integral && std::isfinite(t[i]) && t[i] == std::round(t[i]) && std::fabs(t[i]) < 1e8;
    Layout l{t, tensor_text_elides(t, options), options.edge_items, integral, 0};
    if (t.dim() == 0) return "tensor(" + value_text(t[0], integral) + ")";
    for (int64_t i = 0; i < t.numel(); ++i) l.width = std::max(l.width, value_text(t[i], integral).size());
    if (t.numel() == 0) return "tensor([], size=" + to_string(t.shape()) + ")";
    return "tensor(" + block(l, 0, 0, 7) + ")";
}

}  // namespace dl
