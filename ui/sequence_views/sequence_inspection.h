#pragma once
// What the sequence views compute from a network (plain C++, no Qt): a continuation of a prefix
// (D2L §8.5's predict_ch8), the gate activations of the recurrent layer along a typed sentence, and
// the sine-wave forecasts of D2L §8.1. Call these on the thread that owns the network: the training
// thread at an epoch's end, or the controller's job thread while no run is active; never the GUI's.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace sequence_inspection {

struct GenerationSettings {
    std::string prefix = "time traveller ";
    int length = 50;           // tokens to generate after the prefix
    bool greedy = true;        // arg-max; otherwise sample from softmax(logits / temperature)
    float temperature = 1.0f;  // sampling only
    uint64_t seed = 0;         // sampling only
};

// The id and type ("RNN", "GRU", "LSTM") of the last recurrent node of `spec`; empty when none.
struct RecurrentNode {
    std::string id, type;
    bool empty() const { return id.empty(); }
};
RecurrentNode last_recurrent_node(const dl::NetworkSpec& spec);

// The probes that layer type publishes per time step ("gates.input", …, "hidden"), in display order.
std::vector<std::string> gate_probe_names(const std::string& type);

// The prefix continued by `net` (a language model trained on `train`'s corpus). Throws
// dl::InputError when the data set is not a text corpus or the network does not fit it.
std::string generate(dl::Network& net, const dl::Dataset& train, const GenerationSettings& settings);

// The sentence as the corpus's tokens (characters or words; unknown ones as "<unk>").
std::vector<std::string> tokenize(const dl::TextCorpus& corpus, const std::string& sentence);

// What the recurrent node publishes while `net` reads `sentence` from zero state: one [T, H]
// tensor per probe name (batch 1 dropped), keyed "gates.input", "cell", "hidden"…
struct GateTrace {
    std::vector<std::string> tokens;
    std::map<std::string, dl::Tensor> values;
};
GateTrace trace_gates(dl::Network& net, const dl::Dataset& train, const RecurrentNode& node,
                      const std::string& sentence);

// D2L §8.1's figure: the noisy series, the 1-step predictions and the k-step-ahead predictions, all
// against the series' time index.
struct SineForecast {
    std::vector<double> time, series;
    std::vector<double> one_step_time, one_step;
    std::map<int, std::pair<std::vector<double>, std::vector<double>>> k_step;  // k -> (time, value)
};
// Throws dl::InputError when the data set is not a lag series.
SineForecast forecast_sine(dl::Network& net, const dl::DataSplit& data);

}  // namespace sequence_inspection
