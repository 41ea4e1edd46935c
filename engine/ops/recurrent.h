#pragma once
// One direction of one recurrent layer (RNN, GRU or LSTM) over a whole sequence, as ONE autograd op with a
// hand-written forward and backward through time (D2L §9.7), in PyTorch's parameter layout:
//   w_ih [G·H, in], w_hh [G·H, H], b_ih and b_hh [G·H], G gate blocks in PyTorch's order
//   (RNN: one, h' = tanh(W_ih x + b_ih + W_hh h + b_hh); GRU: r, z, n; LSTM: i, f, g, o).
// The input projections of all steps are one GEMM; each step is one GEMM (h W_hhᵀ) into a workspace
// allocated once for the whole sequence; the backward runs one GEMM per step for dh and one GEMM per
// weight gradient over all steps. Results do not depend on the thread count.
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

class ProbeSink;

enum class CellKind { RNN, GRU, LSTM };

int64_t gate_count(CellKind kind);  // G: 1, 3 or 4
const char* cell_name(CellKind kind);

struct RecurrentWeights {
    Var w_ih, w_hh, b_ih, b_hh;
};

struct RecurrentOptions {
    bool reverse = false;  // run from the last step to the first (the backward half of a bidirectional layer)
    Tensor h0, c0;         // the starting state [B, H] (c0: LSTM only); undefined = zeros; never differentiated
    // A differentiable starting hidden state [B, H] (a decoder starting from its encoder's state, D2L §9.7):
    // when defined it replaces h0 and receives ∂L/∂h0 in backward.
    Var initial;
    // Non-null: publish this direction's gates, cell and hidden state ([B, T, H]) to the sink, where wanted.
    ProbeSink* probes = nullptr;
    // Defined ([B, T]): the backward writes ‖∂L/∂h_t‖ over H (the whole gradient, recurrent path included).
    Tensor step_grad_norm;
};

struct RecurrentResult {
    Var output;                       // [B, T, H]
    std::vector<Tensor> final_state;  // {h_T} or {h_T, c_T} (LSTM), [B, H] each, not part of any graph
};

// x [B, T, in] (batch first).
RecurrentResult recurrent_sequence(const Var& x, const RecurrentWeights& w, CellKind kind,
                                   const RecurrentOptions& options);

}  // namespace dl
