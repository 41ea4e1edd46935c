#include "engine/layers/window_attributes.h"

#include "engine/core/error.h"

namespace dl {

namespace {
struct AxisPair {
    int64_t h, w;
};

AxisPair axis_pair(const Attributes& attrs, const std::string& name) {
    const std::vector<int64_t>& v = attrs.get_ints(name);
    if (v.size() == 1) return {v[0], v[0]};
    if (v.size() == 2) return {v[0], v[1]};
    throw InputError(name + " takes one number (used for height and width) or two (height, width), got " +
                     to_string(AttrValue(v)));
}
}  // namespace

std::vector<AttrSpec> window_attribute_specs(int64_t kernel, std::vector<int64_t> stride, const std::string& noun) {
    using K = AttrSpec::Kind;
    const bool stride_follows_kernel = stride.empty();
    return {
        {"kernel_size",
         K::IntList,
         std::vector<int64_t>{kernel},
         1,
         1 << 12,
         {},
         "Size of the " + noun + ": one number for a square (5 → 5×5) or two for height, width (5, 3)."},
        {"stride",
         K::IntList,
         std::move(stride),
         1,
         1 << 12,
         {},
         std::string("Step between neighbouring windows, one number or height, width") +
             (stride_follows_kernel ? "; empty = kernel_size (windows do not overlap)." : ".")},
        {"padding",
         K::IntList,
         std::vector<int64_t>{0},
         0,
         1 << 12,
         {},
         "Zeros added on each side of the input, one number or height, width."},
    };
}

Window2d window_from_attributes(const Attributes& attrs, bool stride_defaults_to_kernel) {
    const AxisPair kernel = axis_pair(attrs, "kernel_size");
    const bool no_stride = stride_defaults_to_kernel && attrs.get_ints("stride").empty();
    const AxisPair stride = no_stride ? kernel : axis_pair(attrs, "stride");
    const AxisPair pad = axis_pair(attrs, "padding");
    return {kernel.h, kernel.w, stride.h, stride.w, pad.h, pad.w};
}

}  // namespace dl
