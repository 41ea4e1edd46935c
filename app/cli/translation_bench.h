#pragma once
// divelab-cli bench --model transformer|seq2seq|bahdanau: training tokens per second of a translation preset on
// ../shared/bench/torch_ref.py's transformer shapes (vocabularies of 200, batch 64, 10 steps; forward with
// teacher forcing, D2L's masked cross-entropy over all 10 steps, backward, clipping at 1, Adam with lr 0.005;
// 5 warm-up and 30 timed steps), so the Transformer compares directly with PyTorch's nn.Transformer.
#include <nlohmann/json.hpp>
#include <string>

namespace cli {

bool is_translation_bench_model(const std::string& model);
nlohmann::json translation_bench(const std::string& model);

}  // namespace cli
