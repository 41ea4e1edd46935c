#include "engine/train/lag_prediction.h"

#include <algorithm>

#include "engine/autograd/variable.h"
#include "engine/core/error.h"

namespace dl {

namespace {

// The network's outputs for `rows` examples of width tau stored row-major in `inputs`.
std::vector<float> run_rows(Network& net, const std::vector<float>& inputs, int64_t rows, int64_t tau) {
    Tensor x = Tensor::empty({rows, tau});
    std::copy(inputs.begin(), inputs.end(), x.data());
    ForwardContext ctx{false, nullptr};
    const Tensor y = net.forward(Var(x), ctx).value();
    if (y.numel() != rows) throw InputError("lag prediction: the network must output one value per example");
    return y.to_vector();
}

int64_t input_width(const Network& net) {
    const Shape& shape = net.input_shape();
    if (shape.size() != 1 || shape[0] < 1)
        throw InputError("lag prediction: the network must take [N, tau] lag features, not " + to_string(shape));
    return shape[0];
}

SeriesPrediction one_step(Network& net, const std::vector<float>& series, int64_t tau) {
    const int64_t rows = static_cast<int64_t>(series.size()) - tau;
    std::vector<float> inputs(static_cast<size_t>(rows * tau));
    for (int64_t r = 0; r < rows; ++r) std::copy_n(series.begin() + r, tau, inputs.begin() + r * tau);
    return {1, tau, run_rows(net, inputs, rows, tau)};
}

// D2L's `features` matrix [rows, tau + max_steps]: the tau true values, then the predictions.
std::vector<float> k_step_table(Network& net, const std::vector<float>& series, int64_t tau, int64_t max_steps,
                                int64_t rows) {
    const int64_t width = tau + max_steps;
    std::vector<float> table(static_cast<size_t>(rows * width));
    for (int64_t r = 0; r < rows; ++r) std::copy_n(series.begin() + r, tau, table.begin() + r * width);
    std::vector<float> inputs(static_cast<size_t>(rows * tau));
    for (int64_t c = tau; c < width; ++c) {
        for (int64_t r = 0; r < rows; ++r)
            std::copy_n(table.begin() + r * width + c - tau, tau, inputs.begin() + r * tau);
        const std::vector<float> next = run_rows(net, inputs, rows, tau);
        for (int64_t r = 0; r < rows; ++r) table[static_cast<size_t>(r * width + c)] = next[static_cast<size_t>(r)];
    }
    return table;
}

}  // namespace

LagPredictions predict_lagged(Network& net, const std::vector<float>& series, const std::vector<int64_t>& ks) {
    const int64_t tau = input_width(net);
    const int64_t max_steps = ks.empty() ? 1 : *std::max_element(ks.begin(), ks.end());
    if (!ks.empty() && *std::min_element(ks.begin(), ks.end()) < 1)
        throw InputError("lag prediction: every k must be at least 1");
    const int64_t rows = static_cast<int64_t>(series.size()) - tau - max_steps + 1;
    if (rows < 1)
        throw InputError("lag prediction: a series of " + std::to_string(series.size()) +
                         " values is too short for tau " + std::to_string(tau) + " and " + std::to_string(max_steps) +
                         " steps ahead");
    NoGradGuard no_grad;
    LagPredictions out;
    out.one_step = one_step(net, series, tau);
    const std::vector<float> table = k_step_table(net, series, tau, max_steps, rows);
    const int64_t width = tau + max_steps;
    for (const int64_t k : ks) {
        SeriesPrediction p{k, tau + k - 1, std::vector<float>(static_cast<size_t>(rows))};
        for (int64_t r = 0; r < rows; ++r)
            p.values[static_cast<size_t>(r)] = table[static_cast<size_t>(r * width + tau + k - 1)];
        out.k_step.push_back(std::move(p));
    }
    return out;
}

}  // namespace dl
