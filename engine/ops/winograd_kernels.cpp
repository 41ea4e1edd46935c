#include "engine/ops/winograd_kernels.h"

#include "engine/core/kernel_dispatch.h"

// Each call goes to the active kernel set's kernel (winograd_kernels_<set>.cpp).
namespace dl::detail {

void winograd_inputs(const WinogradGeometry& g, const WinogradTiles& t, const float* padded, float* v) {
    DIVELAB_DISPATCH(winograd_inputs(g, t, padded, v));
}
void winograd_inputs_transposed(const WinogradGeometry& g, const WinogradTiles& t, const float* padded, float* vt) {
    DIVELAB_DISPATCH(winograd_inputs_transposed(g, t, padded, vt));
}
void winograd_outputs(const WinogradGeometry& g, const WinogradTiles& t, const float* m, const float* bias, float* y) {
    DIVELAB_DISPATCH(winograd_outputs(g, t, m, bias, y));
}
void winograd_output_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* padded_dy, float* dm) {
    DIVELAB_DISPATCH(winograd_output_grads(g, t, padded_dy, dm));
}
void winograd_add_input_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* dv, float* padded_dx) {
    DIVELAB_DISPATCH(winograd_add_input_grads(g, t, dv, padded_dx));
}
void winograd_kernels(const WinogradGeometry& g, int64_t o0, int64_t o1, const float* w, float* u) {
    DIVELAB_DISPATCH(winograd_kernels(g, o0, o1, w, u));
}
void winograd_kernel_grads(const WinogradGeometry& g, const float* du, float* dw) {
    DIVELAB_DISPATCH(winograd_kernel_grads(g, du, dw));
}

}  // namespace dl::detail
