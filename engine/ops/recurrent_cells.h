#pragma once
// The elementwise half of one time step of each recurrent cell, on one step's rows [B, ·] (the GEMMs are in
// recurrent.cpp). Nonlinearities go through the run-time-chosen kernels (engine/core/vector_math.h). Gate
// blocks are in PyTorch's order: GRU r, z, n; LSTM i, f, g, o. n = B·H below.
#include <cstdint>

namespace dl::detail {

// h = tanh(pre).
void rnn_step_forward(const float* pre, float* h, int64_t n);
// dpre = dh ⊙ (1 − h²).
void rnn_step_backward(const float* dh, const float* h, float* dpre, int64_t n);

// gates [B, 4H]: pre-activations in, activations out; c = f ⊙ c_prev + i ⊙ g, tanh_c = tanh(c), h = o ⊙ tanh_c.
void lstm_step_forward(float* gates, const float* c_prev, float* c, float* tanh_c, float* h, int64_t batch,
                       int64_t hidden);
// gates: activations in, pre-activation gradients out. dc: the cell gradient from the later step in, the one
// for c_prev out.
void lstm_step_backward(const float* dh, float* dc, float* gates, const float* c_prev, const float* tanh_c,
                        int64_t batch, int64_t hidden);

// gates [B, 3H]: W_i x + b_i in, r, z, n out; hp [B, 3H]: W_h h_prev + b_h. n = tanh(x_n + r ⊙ hp_n),
// h = (1 − z) ⊙ n + z ⊙ h_prev.
void gru_step_forward(float* gates, const float* hp, const float* h_prev, float* h, int64_t batch, int64_t hidden);
// gates: r, z, n in, gradients of the input-side pre-activations out; hp: hidden-side pre-activations in, their
// gradients out; dh_prev = dh ⊙ z (the direct path; the caller adds dhp W_hh).
void gru_step_backward(const float* dh, float* gates, float* hp, const float* h_prev, float* dh_prev, int64_t batch,
                       int64_t hidden);

}  // namespace dl::detail
