#include "engine/ops/recurrent.h"

#include <cmath>
#include <memory>

#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/gemm_kernel.h"
#include "engine/nn/probe_sink.h"
#include "engine/ops/op_util.h"
#include "engine/ops/recurrent_cells.h"

namespace dl {

int64_t gate_count(CellKind kind) {
    return kind == CellKind::RNN ? 1 : kind == CellKind::GRU ? 3 : 4;
}

const char* cell_name(CellKind kind) {
    return kind == CellKind::RNN ? "rnn" : kind == CellKind::GRU ? "gru" : "lstm";
}

namespace {

struct Dims {
    int64_t batch, steps, in, hidden, gates;  // gates = G·H
};

// What one forward keeps for its backward, all in step order (time-major, reversed for the reverse
// direction) so that one step's rows are contiguous. Allocated once per forward.
struct Workspace {
    Dims d;
    CellKind kind;
    bool reverse;
    Tensor xs;      // [T, B, in]
    Tensor gates;   // [T, B, G·H]: pre-activations, then activations; in backward their gradients
    Tensor hp;      // GRU: [T, B, 3H] W_hh h_prev + b_hh; in backward its gradient
    Tensor h;       // [T + 1, B, H], h[0] the starting state
    Tensor c;       // LSTM: [T + 1, B, H]
    Tensor tanh_c;  // LSTM: [T, B, H]
};

// op(B) packed once (engine/core/gemm_kernel.h) for the many small GEMMs of one sequence: C = A · op(B) + βC.
// Threads split the columns, so each keeps its half of the weights in its own cache from step to step.
class PackedMatrix {
public:
    explicit PackedMatrix(const MatrixRef& b)
        : k_(b.transposed ? b.cols : b.rows),
          n_(b.transposed ? b.rows : b.cols),
          packed_(Tensor::empty({detail::packed_b_size(k_, n_)})) {
        detail::pack_b_panels(b, packed_.data());
    }
    void multiply(const float* a, int64_t m, float* c, float beta) const {
        const int64_t slivers = (n_ + detail::kPanelWidth - 1) / detail::kPanelWidth;
        const bool small = m * n_ * k_ < (int64_t{1} << 20);
        parallel_for(slivers, small ? slivers : 4, [&](int64_t s0, int64_t s1) {
            const int64_t col0 = s0 * detail::kPanelWidth, col1 = std::min(n_, s1 * detail::kPanelWidth);
            detail::gemm_packed_b({a, m, k_}, packed_.data() + col0 * k_, col1 - col0, c + col0, n_, 0, m, 1.0f, beta);
        });
    }

private:
    int64_t k_, n_;
    Tensor packed_;
};

int64_t time_of_step(int64_t s, int64_t steps, bool reverse) {
    return reverse ? steps - 1 - s : s;
}

// [B, T, F] batch-first → [T, B, F] in step order.
Tensor to_step_order(const Tensor& x, bool reverse) {
    const int64_t B = x.size(0), T = x.size(1), F = x.size(2);
    Tensor out = Tensor::empty({T, B, F});
    for (int64_t s = 0; s < T; ++s)
        for (int64_t b = 0; b < B; ++b) {
            const float* src = x.data() + (b * T + time_of_step(s, T, reverse)) * F;
            std::copy(src, src + F, out.data() + (s * B + b) * F);
        }
    return out;
}

// Columns [offset, offset + H) of each row of src [T, B, stride] (step order) as [B, T, H] batch-first.
Tensor to_batch_first(const float* src, const Dims& d, int64_t stride, int64_t offset, bool reverse) {
    const int64_t B = d.batch, T = d.steps, H = d.hidden;
    Tensor out = Tensor::empty({B, T, H});
    for (int64_t s = 0; s < T; ++s)
        for (int64_t b = 0; b < B; ++b) {
            const float* row = src + (s * B + b) * stride + offset;
            std::copy(row, row + H, out.data() + (b * T + time_of_step(s, T, reverse)) * H);
        }
    return out;
}

void check_shapes(const Var& x, const RecurrentWeights& w, CellKind kind) {
    const std::string name = cell_name(kind);
    if (x.shape().size() != 3)
        throw ShapeError(name + " expects a batch of sequences [B, T, features], got " + to_string(x.shape()));
    const int64_t GH = w.w_hh.shape()[0], H = w.w_hh.shape()[1];
    if (GH != gate_count(kind) * H || w.w_ih.shape() != Shape{GH, x.shape()[2]} || w.b_ih.shape() != Shape{GH} ||
        w.b_hh.shape() != Shape{GH})
        throw ShapeError(name + ": weights do not fit the input " + to_string(x.shape()));
    if (x.shape()[1] < 1) throw ShapeError(name + " needs at least one time step");
}

void set_start(Tensor& buffer, const Tensor& start, int64_t count, const char* what) {
    if (!start.defined()) {
        std::fill(buffer.data(), buffer.data() + count, 0.0f);
        return;
    }
    if (start.numel() != count)
        throw ShapeError(std::string("recurrent layer: the carried-in ") + what + " state " + to_string(start.shape()) +
                         " does not fit the batch");
    std::copy(start.data(), start.data() + count, buffer.data());
}

std::shared_ptr<Workspace> allocate(const Dims& d, CellKind kind, bool reverse) {
    auto ws = std::make_shared<Workspace>();
    ws->d = d;
    ws->kind = kind;
    ws->reverse = reverse;
    const int64_t T = d.steps, B = d.batch, H = d.hidden;
    ws->gates = Tensor::empty({T, B, d.gates});
    ws->h = Tensor::empty({T + 1, B, H});
    if (kind == CellKind::GRU) ws->hp = Tensor::empty({T, B, d.gates});
    if (kind == CellKind::LSTM) {
        ws->c = Tensor::empty({T + 1, B, H});
        ws->tanh_c = Tensor::empty({T, B, H});
    }
    return ws;
}

// gates = xs · W_ihᵀ + biases, all steps in one GEMM (GRU's b_hh goes with the hidden side instead).
void project_inputs(Workspace& ws, const RecurrentWeights& w) {
    const Dims& d = ws.d;
    const int64_t rows = d.steps * d.batch;
    gemm({ws.xs.data(), rows, d.in}, {w.w_ih.value().data(), d.gates, d.in, true}, ws.gates.data());
    std::vector<float> bias(w.b_ih.value().data(), w.b_ih.value().data() + d.gates);
    if (ws.kind != CellKind::GRU)
        for (int64_t j = 0; j < d.gates; ++j) bias[j] += w.b_hh.value()[j];
    for (int64_t r = 0; r < rows; ++r) {
        float* row = ws.gates.data() + r * d.gates;
        for (int64_t j = 0; j < d.gates; ++j) row[j] += bias[j];
    }
}

void run_forward_steps(Workspace& ws, const RecurrentWeights& w) {
    const Dims& d = ws.d;
    const int64_t B = d.batch, H = d.hidden, BH = B * H, BG = B * d.gates;
    const PackedMatrix whh_t({w.w_hh.value().data(), d.gates, H, true});  // W_hhᵀ [H, G·H]
    const float* b_hh = w.b_hh.value().data();
    for (int64_t s = 0; s < d.steps; ++s) {
        const float* h_prev = ws.h.data() + s * BH;
        float* h = ws.h.data() + (s + 1) * BH;
        float* gates = ws.gates.data() + s * BG;
        switch (ws.kind) {
            case CellKind::RNN:
                whh_t.multiply(h_prev, B, gates, 1.0f);
                detail::rnn_step_forward(gates, h, BH);
                break;
            case CellKind::LSTM:
                whh_t.multiply(h_prev, B, gates, 1.0f);
                detail::lstm_step_forward(gates, ws.c.data() + s * BH, ws.c.data() + (s + 1) * BH,
                                          ws.tanh_c.data() + s * BH, h, B, H);
                break;
            case CellKind::GRU: {
                float* hp = ws.hp.data() + s * BG;
                for (int64_t b = 0; b < B; ++b) std::copy(b_hh, b_hh + d.gates, hp + b * d.gates);
                whh_t.multiply(h_prev, B, hp, 1.0f);
                detail::gru_step_forward(gates, hp, h_prev, h, B, H);
                break;
            }
        }
    }
}

void publish_probes(const Workspace& ws, const Tensor& output, ProbeSink& sink) {
    const Dims& d = ws.d;
    const int64_t H = d.hidden;
    auto gate = [&](const char* name, int64_t block) {
        if (sink.wants(name)) sink.publish(name, to_batch_first(ws.gates.data(), d, d.gates, block * H, ws.reverse));
    };
    if (ws.kind == CellKind::LSTM) {
        gate("gates.input", 0);
        gate("gates.forget", 1);
        gate("gates.output", 3);
        if (sink.wants("cell")) sink.publish("cell", to_batch_first(ws.c.data() + d.batch * H, d, H, 0, ws.reverse));
    } else if (ws.kind == CellKind::GRU) {
        gate("gates.reset", 0);
        gate("gates.update", 1);
    }
    if (sink.wants("hidden")) sink.publish("hidden", output);
}

// ‖dh‖ over H for each batch row, at [b, t] of norms [B, T].
void record_step_norm(const float* dh, const Dims& d, int64_t t, Tensor& norms) {
    for (int64_t b = 0; b < d.batch; ++b) {
        double sum = 0;
        for (int64_t j = 0; j < d.hidden; ++j) sum += double(dh[b * d.hidden + j]) * dh[b * d.hidden + j];
        norms[b * d.steps + t] = static_cast<float>(std::sqrt(sum));
    }
}

// Back through time: leaves each step's gate pre-activation gradients in ws.gates (and ws.hp for the GRU).
// With dh0 given, it also receives the gradient of the starting hidden state.
void run_backward_steps(Workspace& ws, const Tensor& dy, const Tensor& w_hh, Tensor& step_norm, Tensor* dh0) {
    const Dims& d = ws.d;
    const int64_t B = d.batch, H = d.hidden, BH = B * H, BG = B * d.gates;
    const Tensor dys = to_step_order(dy, ws.reverse);
    const PackedMatrix whh({w_hh.data(), d.gates, H});  // W_hh [G·H, H]
    Tensor dh = Tensor::empty({B, H}), dh_next = Tensor::zeros({B, H});
    Tensor dc = ws.kind == CellKind::LSTM ? Tensor::zeros({B, H}) : Tensor();
    for (int64_t s = d.steps - 1; s >= 0; --s) {
        const float* g = dys.data() + s * BH;
        for (int64_t i = 0; i < BH; ++i) dh[i] = g[i] + dh_next[i];
        if (step_norm.defined()) record_step_norm(dh.data(), d, time_of_step(s, d.steps, ws.reverse), step_norm);
        float* gates = ws.gates.data() + s * BG;
        const float* h_prev = ws.h.data() + s * BH;
        switch (ws.kind) {
            case CellKind::RNN:
                detail::rnn_step_backward(dh.data(), h_prev + BH, gates, BH);
                break;
            case CellKind::LSTM:
                detail::lstm_step_backward(dh.data(), dc.data(), gates, ws.c.data() + s * BH, ws.tanh_c.data() + s * BH,
                                           B, H);
                break;
            case CellKind::GRU:
                detail::gru_step_backward(dh.data(), gates, ws.hp.data() + s * BG, h_prev, dh_next.data(), B, H);
                break;
        }
        if (s == 0 && !dh0) break;  // nobody needs the starting state's gradient
        if (ws.kind == CellKind::GRU)
            whh.multiply(ws.hp.data() + s * BG, B, dh_next.data(), 1.0f);
        else
            whh.multiply(gates, B, dh_next.data(), 0.0f);
    }
    if (dh0) *dh0 = dh_next;
}

// grad += column sums of rows [rows, cols].
void accumulate_column_sums(GradNode& bias, const float* rows_data, int64_t rows, int64_t cols) {
    if (!bias.requires_grad) return;
    std::vector<double> sums(static_cast<size_t>(cols), 0.0);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < cols; ++j) sums[j] += rows_data[r * cols + j];
    const bool fresh = bias.begin_grad_write();
    for (int64_t j = 0; j < cols; ++j) bias.grad[j] = static_cast<float>(fresh ? sums[j] : bias.grad[j] + sums[j]);
}

// dW += dGᵀ · rows over all steps in one GEMM.
void accumulate_weight(GradNode& weight, const float* dgates, const float* rows, int64_t count, int64_t gates,
                       int64_t width) {
    if (!weight.requires_grad) return;
    const float beta = weight.begin_grad_write() ? 0.0f : 1.0f;
    gemm({dgates, count, gates, true}, {rows, count, width}, weight.grad.data(), 1.0f, beta);
}

// dx += dG · W_ih, back in batch-first order.
void accumulate_input(GradNode& x, const Workspace& ws, const Tensor& w_ih) {
    if (!x.requires_grad) return;
    const Dims& d = ws.d;
    const int64_t B = d.batch, T = d.steps, I = d.in;
    Tensor dxs = Tensor::empty({T, B, I});
    gemm({ws.gates.data(), T * B, d.gates}, {w_ih.data(), d.gates, I}, dxs.data());
    const bool fresh = x.begin_grad_write();
    for (int64_t s = 0; s < T; ++s)
        for (int64_t b = 0; b < B; ++b) {
            const float* src = dxs.data() + (s * B + b) * I;
            float* dst = x.grad.data() + (b * T + time_of_step(s, T, ws.reverse)) * I;
            for (int64_t i = 0; i < I; ++i) dst[i] = fresh ? src[i] : dst[i] + src[i];
        }
}

void backward(GradNode& self, Workspace& ws, Tensor& step_norm) {
    using detail::input;
    GradNode &x = input(self, 0), &w_ih = input(self, 1), &w_hh = input(self, 2);
    GradNode* h0 = self.inputs.size() > 5 && input(self, 5).requires_grad ? &input(self, 5) : nullptr;
    Tensor dh0;
    run_backward_steps(ws, self.grad, w_hh.value, step_norm, h0 ? &dh0 : nullptr);
    if (h0) detail::accumulate(*h0, dh0);
    const Dims& d = ws.d;
    const int64_t rows = d.steps * d.batch;
    const float* dgates_h = ws.kind == CellKind::GRU ? ws.hp.data() : ws.gates.data();
    accumulate_weight(w_hh, dgates_h, ws.h.data(), rows, d.gates, d.hidden);
    accumulate_weight(w_ih, ws.gates.data(), ws.xs.data(), rows, d.gates, d.in);
    accumulate_column_sums(input(self, 3), ws.gates.data(), rows, d.gates);
    accumulate_column_sums(input(self, 4), dgates_h, rows, d.gates);
    accumulate_input(x, ws, w_ih.value);
}

}  // namespace

RecurrentResult recurrent_sequence(const Var& x, const RecurrentWeights& w, CellKind kind,
                                   const RecurrentOptions& options) {
    check_shapes(x, w, kind);
    const Dims d{x.shape()[0], x.shape()[1], x.shape()[2], w.w_hh.shape()[1], w.w_hh.shape()[0]};
    std::shared_ptr<Workspace> ws = allocate(d, kind, options.reverse);
    ws->xs = to_step_order(x.value(), options.reverse);
    project_inputs(*ws, w);
    const int64_t BH = d.batch * d.hidden;
    set_start(ws->h, options.initial.defined() ? options.initial.value() : options.h0, BH, "hidden");
    if (kind == CellKind::LSTM) set_start(ws->c, options.c0, BH, "cell");
    run_forward_steps(*ws, w);

    RecurrentResult result;
    Tensor y = to_batch_first(ws->h.data() + BH, d, d.hidden, 0, options.reverse);
    if (options.probes) publish_probes(*ws, y, *options.probes);
    auto final_state = [&](const Tensor& buffer) {
        Tensor t = Tensor::empty({d.batch, d.hidden});
        std::copy(buffer.data() + d.steps * BH, buffer.data() + (d.steps + 1) * BH, t.data());
        return t;
    };
    result.final_state.push_back(final_state(ws->h));
    if (kind == CellKind::LSTM) result.final_state.push_back(final_state(ws->c));
    Tensor step_norm = options.step_grad_norm;
    std::vector<Var> inputs{x, w.w_ih, w.w_hh, w.b_ih, w.b_hh};
    if (options.initial.defined()) inputs.push_back(options.initial);
    result.output = Var::make(y, std::move(inputs), cell_name(kind),
                              [ws, step_norm](GradNode& self) mutable { backward(self, *ws, step_norm); });
    return result;
}

}  // namespace dl
