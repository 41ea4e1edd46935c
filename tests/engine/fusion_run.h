#pragma once
// One training-mode pass of a network, fused or not, for the tests that check a network's fused ops (BatchNorm
// with its activation, Sigmoid with its pooling) against its layers run one by one.
#include <map>
#include <string>
#include <vector>

#include "engine/nn/network.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/reduce.h"
#include "gradcheck.h"

namespace dltest {

struct FusionRun {
    std::vector<std::vector<float>> values;  // the output, then every parameter's gradient of Σ output²
    std::map<std::string, int> ops;          // the ops of the pass's graph (graph_ops)
};

// Asking for every node's own output (as probes and the views do) turns fusion off.
inline FusionRun run_network(dl::Network& net, const dl::Tensor& batch, bool fused) {
    for (dl::Param& p : net.parameters()) p.var.zero_grad();
    dl::ForwardContext ctx{true, nullptr};
    std::vector<dl::Var> nodes;
    const dl::Var out = net.forward(dl::Var(batch), ctx, fused ? nullptr : &nodes);
    FusionRun run{{out.value().to_vector()}, graph_ops(out)};
    dl::sum(dl::mul(out, out)).backward(dl::Var::Values::Release);
    for (const dl::Param& p : net.parameters()) run.values.push_back(p.var.grad().to_vector());
    return run;
}

}  // namespace dltest
