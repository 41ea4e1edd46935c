#include "translation_bench.h"

#include "engine/core/cpu_features.h"
#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/io/presets.h"
#include "engine/losses/masked_sequence_loss.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/network.h"
#include "engine/optim/adam.h"
#include "engine/optim/clip.h"
#include "step_timer.h"

namespace cli {

namespace {
constexpr int64_t kVocab = 200, kBatch = 64, kSteps = 10;

dl::Tensor random_ids(dl::Rng& rng) {
    dl::Tensor ids = dl::Tensor::empty({kBatch, kSteps});
    for (int64_t i = 0; i < ids.numel(); ++i) ids[i] = static_cast<float>(rng.below(kVocab));
    return ids;
}
}  // namespace

bool is_translation_bench_model(const std::string& model) {
    return model == "transformer" || model == "seq2seq" || model == "bahdanau";
}

nlohmann::json translation_bench(const std::string& model) {
    dl::NetworkSpec spec = dl::load_preset(model);
    dl::fit_to_vocabularies(spec, kVocab, kVocab);
    const std::vector<dl::Shape> shapes{{kSteps}, {kSteps}};
    dl::Network net(spec, std::span<const dl::Shape>(shapes));
    net.reset_parameters(0);
    dl::Rng rng(0);
    const std::vector<dl::Var> inputs{dl::Var(random_ids(rng)), dl::Var(random_ids(rng))};
    const dl::Tensor y = random_ids(rng);
    std::vector<int32_t> labels(y.numel());
    for (int64_t i = 0; i < y.numel(); ++i) labels[i] = static_cast<int32_t>(y[i]);
    const dl::SequenceLengths lengths{std::vector<int32_t>(kBatch, kSteps), std::vector<int32_t>(kBatch, kSteps)};
    dl::ParamList params = net.parameters();
    dl::Adam adam(params, {.lr = 0.005f});
    dl::HotTeam team;  // as the trainer holds one for a run
    auto step = [&] {
        dl::ForwardContext ctx{.training = true, .rng = &rng, .lengths = &lengths};
        dl::Var loss = dl::masked_sequence_cross_entropy(net.forward(inputs, ctx), labels, lengths.target);
        adam.zero_grad();
        loss.backward();
        dl::clip_grad_norm(params, 1.0f);
        adam.step();
    };
    const double tokens_per_sec = tokens_per_second(step, kBatch * kSteps);
    return {{"model", model},
            {"tokens_per_sec", tokens_per_sec},
            {"vocab", kVocab},
            {"batch", kBatch},
            {"steps", kSteps},
            {"timed_steps", kTimedSteps},
            {"threads", dl::num_threads()},
            {"kernels", dl::kernel_set_name(dl::active_kernel_set())}};
}

}  // namespace cli
