#include "sequence_bench.h"

#include "engine/core/cpu_features.h"
#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/losses/loss.h"
#include "engine/nn/network.h"
#include "engine/ops/shape_ops.h"
#include "engine/optim/clip.h"
#include "engine/optim/sgd.h"
#include "step_timer.h"

namespace cli {

namespace {
constexpr int64_t kVocab = 28, kHidden = 256, kBatch = 32, kSteps = 35;

dl::NetworkSpec language_model(const std::string& cell) {
    dl::NetworkSpec spec;
    spec.name = cell + " bench";
    dl::NodeSpec one_hot, rnn, all, out;
    one_hot.id = "onehot", one_hot.type = "OneHot";
    rnn.id = "rnn", rnn.type = cell;
    all.id = "steps", all.type = "SequenceOutput";
    out.id = "out", out.type = "Linear";
    one_hot.attrs.set("vocab_size", kVocab);
    rnn.attrs.set("hidden_size", kHidden);
    all.attrs.set("steps", std::string("all"));
    out.attrs.set("out_features", kVocab);
    out.attrs.set("init", std::string("torch_default"));
    spec.nodes = {one_hot, rnn, all, out};
    return spec;
}

dl::Tensor random_ids(dl::Rng& rng) {
    dl::Tensor ids = dl::Tensor::empty({kBatch, kSteps});
    for (int64_t i = 0; i < ids.numel(); ++i) ids[i] = static_cast<float>(rng.below(kVocab));
    return ids;
}
}  // namespace

bool is_sequence_bench_model(const std::string& model) {
    return model == "rnn" || model == "gru" || model == "lstm";
}

nlohmann::json sequence_bench(const std::string& model) {
    const std::string cell = model == "rnn" ? "RNN" : model == "gru" ? "GRU" : "LSTM";
    dl::Network net(language_model(cell), {kSteps});
    net.reset_parameters(0);
    dl::Rng rng(0);
    const dl::Var x(random_ids(rng));
    const dl::Tensor y = random_ids(rng);
    std::vector<int32_t> labels(y.numel());  // row b·T + t, as the logits are reshaped
    for (int64_t i = 0; i < y.numel(); ++i) labels[i] = static_cast<int32_t>(y[i]);
    dl::ParamList params = net.parameters();
    dl::Sgd sgd(params, {.lr = 1.0f});
    dl::HotTeam team;  // as the trainer holds one for a run
    auto step = [&] {
        dl::ForwardContext ctx{.training = true, .rng = &rng};
        dl::Var logits = dl::reshape(net.forward(x, ctx), {kBatch * kSteps, kVocab});
        dl::Var loss = dl::softmax_cross_entropy(logits, labels);
        sgd.zero_grad();
        loss.backward();
        dl::clip_grad_norm(params, 1.0f);
        sgd.step();
    };
    const double tokens_per_sec = tokens_per_second(step, kBatch * kSteps);
    return {{"model", model},
            {"tokens_per_sec", tokens_per_sec},
            {"vocab", kVocab},
            {"hidden", kHidden},
            {"batch", kBatch},
            {"steps", kSteps},
            {"timed_steps", kTimedSteps},
            {"threads", dl::num_threads()},
            {"kernels", dl::kernel_set_name(dl::active_kernel_set())}};
}

}  // namespace cli
