#pragma once
// divelab-cli bench --model rnn|gru|lstm: training tokens per second of a recurrent language model on
// ../shared/bench/torch_ref.py's exact shapes (one-hot vocabulary 28, hidden 256, batch 32, 35 steps;
// forward, backward, clipping at 1, SGD with lr 1; 5 warm-up and 30 timed steps), so the two compare directly.
#include <nlohmann/json.hpp>
#include <string>

namespace cli {

bool is_sequence_bench_model(const std::string& model);
nlohmann::json sequence_bench(const std::string& model);

}  // namespace cli
