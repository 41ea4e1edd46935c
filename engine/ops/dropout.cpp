#include "engine/ops/dropout.h"

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

void dropout_mask(float* mask, int64_t n, float p, Rng& rng) {
    const float keep_scale = 1.0f / (1.0f - p);
    // One 64-bit draw yields two 32-bit uniforms: halves the generator cost on the hot path.
    const uint32_t threshold = static_cast<uint32_t>(static_cast<double>(p) * 4294967296.0);
    for (int64_t i = 0; i < n; i += 2) {
        const uint64_t r = rng.next_u64();
        mask[i] = static_cast<uint32_t>(r) >= threshold ? keep_scale : 0.0f;
        if (i + 1 < n) mask[i + 1] = static_cast<uint32_t>(r >> 32) >= threshold ? keep_scale : 0.0f;
    }
}

Var dropout(const Var& x, float p, Rng& rng) {
    if (!(p >= 0.0f && p < 1.0f)) throw InputError("dropout probability must be in [0, 1), got " + std::to_string(p));
    if (p == 0.0f) return x;
    Tensor mask = Tensor::empty(x.shape());
    dropout_mask(mask.data(), mask.numel(), p, rng);
    Tensor out = Tensor::empty(x.shape());
    out.vec() = x.value().vec().cwiseProduct(mask.vec());
    return Var::make(out, {x}, "dropout", [mask](GradNode& self) {
        GradNode& in = detail::input(self, 0);
        if (in.requires_grad) in.grad_buffer().vec() += self.grad.vec().cwiseProduct(mask.vec());
    });
}

}  // namespace dl
