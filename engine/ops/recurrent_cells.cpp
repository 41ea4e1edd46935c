#include "engine/ops/recurrent_cells.h"

#include "engine/core/vector_math.h"

namespace dl::detail {

void rnn_step_forward(const float* pre, float* h, int64_t n) {
    tanh_array(pre, h, n);
}

void rnn_step_backward(const float* dh, const float* h, float* dpre, int64_t n) {
    for (int64_t i = 0; i < n; ++i) dpre[i] = dh[i] * (1.0f - h[i] * h[i]);
}

void lstm_step_forward(float* gates, const float* c_prev, float* c, float* tanh_c, float* h, int64_t batch,
                       int64_t hidden) {
    const int64_t H = hidden;
    for (int64_t b = 0; b < batch; ++b) {
        float* g = gates + b * 4 * H;
        sigmoid_array(g, g, 2 * H);  // i and f
        tanh_array(g + 2 * H, g + 2 * H, H);
        sigmoid_array(g + 3 * H, g + 3 * H, H);
        const float *i = g, *f = g + H, *gg = g + 2 * H;
        const float* cp = c_prev + b * H;
        float* cb = c + b * H;
        for (int64_t j = 0; j < H; ++j) cb[j] = f[j] * cp[j] + i[j] * gg[j];
    }
    tanh_array(c, tanh_c, batch * H);
    for (int64_t b = 0; b < batch; ++b) {
        const float* o = gates + b * 4 * H + 3 * H;
        const float* tc = tanh_c + b * H;
        float* hb = h + b * H;
        for (int64_t j = 0; j < H; ++j) hb[j] = o[j] * tc[j];
    }
}

void lstm_step_backward(const float* dh, float* dc, float* gates, const float* c_prev, const float* tanh_c,
                        int64_t batch, int64_t hidden) {
    const int64_t H = hidden;
    for (int64_t b = 0; b < batch; ++b) {
        float* g = gates + b * 4 * H;
        float *i = g, *f = g + H, *gg = g + 2 * H, *o = g + 3 * H;
        const float *dhb = dh + b * H, *tc = tanh_c + b * H, *cp = c_prev + b * H;
        float* dcb = dc + b * H;
        for (int64_t j = 0; j < H; ++j) {
            const float dcj = dcb[j] + dhb[j] * o[j] * (1.0f - tc[j] * tc[j]);
            const float di = dcj * gg[j], df = dcj * cp[j], dg = dcj * i[j], dout = dhb[j] * tc[j];
            dcb[j] = dcj * f[j];
            i[j] = di * i[j] * (1.0f - i[j]);
            f[j] = df * f[j] * (1.0f - f[j]);
            gg[j] = dg * (1.0f - gg[j] * gg[j]);
            o[j] = dout * o[j] * (1.0f - o[j]);
        }
    }
}

void gru_step_forward(float* gates, const float* hp, const float* h_prev, float* h, int64_t batch, int64_t hidden) {
    const int64_t H = hidden;
    for (int64_t b = 0; b < batch; ++b) {
        float* g = gates + b * 3 * H;
        const float* p = hp + b * 3 * H;
        for (int64_t j = 0; j < 2 * H; ++j) g[j] += p[j];
        sigmoid_array(g, g, 2 * H);  // r and z
        const float* r = g;
        float* n = g + 2 * H;
        for (int64_t j = 0; j < H; ++j) n[j] += r[j] * p[2 * H + j];
        tanh_array(n, n, H);
        const float* z = g + H;
        const float* hpv = h_prev + b * H;
        float* hb = h + b * H;
        for (int64_t j = 0; j < H; ++j) hb[j] = (1.0f - z[j]) * n[j] + z[j] * hpv[j];
    }
}

void gru_step_backward(const float* dh, float* gates, float* hp, const float* h_prev, float* dh_prev, int64_t batch,
                       int64_t hidden) {
    const int64_t H = hidden;
    for (int64_t b = 0; b < batch; ++b) {
        float* g = gates + b * 3 * H;
        float* p = hp + b * 3 * H;
        float *r = g, *z = g + H, *n = g + 2 * H;
        const float *dhb = dh + b * H, *hpv = h_prev + b * H;
        float* dhp = dh_prev + b * H;
        for (int64_t j = 0; j < H; ++j) {
            const float dn = dhb[j] * (1.0f - z[j]) * (1.0f - n[j] * n[j]);
            const float dz = dhb[j] * (hpv[j] - n[j]) * z[j] * (1.0f - z[j]);
            const float dr = dn * p[2 * H + j] * r[j] * (1.0f - r[j]);
            dhp[j] = dhb[j] * z[j];
            p[2 * H + j] = dn * r[j];
            p[j] = dr;
            p[H + j] = dz;
            r[j] = dr;
            z[j] = dz;
            n[j] = dn;
        }
    }
}

}  // namespace dl::detail
