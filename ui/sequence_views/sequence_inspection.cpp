#include "ui/sequence_views/sequence_inspection.h"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <unordered_map>

#include "engine/autograd/variable.h"
#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"
#include "engine/nn/recurrent_state.h"

#include "engine/data/sine_wave.h"
#include "engine/train/lag_prediction.h"
#include "engine/train/text_generation.h"

namespace sequence_inspection {

namespace {

bool isRecurrentType(const std::string& type) {
    return type == "RNN" || type == "GRU" || type == "LSTM";
}

// One UTF-8 encoded character per entry (a lead byte and its continuation bytes).
std::vector<std::string> utf8Characters(const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size();) {
        size_t n = 1;
        while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
        out.push_back(text.substr(i, n));
        i += n;
    }
    return out;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

std::string lowerAscii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const dl::TextCorpus& corpusOf(const dl::Dataset& train) {
    if (!train.is_language_model())
        throw dl::InputError("'" + train.name + "' is not a text corpus: only language models read sentences");
    return *train.text;
}

}  // namespace

RecurrentNode last_recurrent_node(const dl::NetworkSpec& spec) {
    RecurrentNode found;
    for (const dl::NodeSpec& node : spec.nodes)
        if (isRecurrentType(node.type)) found = {node.id, node.type};
    return found;
}

std::vector<std::string> gate_probe_names(const std::string& type) {
    if (type == "LSTM") return {"gates.input", "gates.forget", "gates.output", "cell", "hidden"};
    if (type == "GRU") return {"gates.update", "gates.reset", "hidden"};
    if (type == "RNN") return {"hidden"};
    return {};
}

std::vector<std::string> tokenize(const dl::TextCorpus& corpus, const std::string& sentence) {
    const std::string lower = lowerAscii(sentence);
    return corpus.token_kind == "word" ? words(lower) : utf8Characters(lower);
}

std::string generate(dl::Network& net, const dl::Dataset& train, const GenerationSettings& settings) {
    dl::GenerationOptions options;
    options.length = settings.length;
    options.temperature = settings.greedy ? 0.0 : settings.temperature;
    options.seed = settings.seed;
    return dl::generate_text(net, corpusOf(train), settings.prefix, options).continuation;
}

GateTrace trace_gates(dl::Network& net, const dl::Dataset& train, const RecurrentNode& node,
                      const std::string& sentence) {
    const dl::TextCorpus& corpus = corpusOf(train);
    GateTrace trace;
    trace.tokens = tokenize(corpus, sentence);
    if (trace.tokens.empty() || node.empty()) return trace;
    std::unordered_map<std::string, int32_t> ids;
    for (size_t i = 0; i < corpus.idx_to_token.size(); ++i)
        ids.emplace(corpus.idx_to_token[i], static_cast<int32_t>(i));
    const auto steps = static_cast<int64_t>(trace.tokens.size());
    dl::Tensor x(dl::Shape{1, steps});
    for (int64_t t = 0; t < steps; ++t) {
        const auto it = ids.find(trace.tokens[static_cast<size_t>(t)]);
        x[t] = static_cast<float>(it == ids.end() ? 0 : it->second);  // 0 is "<unk>"
    }
    std::vector<std::string> patterns;
    for (const std::string& name : gate_probe_names(node.type)) patterns.push_back(node.id + "." + name);
    dl::ProbeSink sink(patterns);
    dl::RecurrentState state;  // a sentence of its own: every layer starts from zeros
    dl::NoGradGuard no_grad;
    dl::ForwardContext ctx;
    ctx.probes = &sink;
    ctx.state = &state;
    net.forward(dl::Var(x), ctx);
    const std::string scope = node.id + ".";
    for (const dl::ProbeSink::Probe& p : sink.probes()) {
        if (p.name.rfind(scope, 0) != 0 || p.value.dim() != 3 || p.value.size(1) != steps) continue;
        trace.values[p.name.substr(scope.size())] = p.value.reshape({steps, p.value.size(2)});
    }
    return trace;
}

namespace {
std::pair<std::vector<double>, std::vector<double>> curveOf(const dl::SeriesPrediction& p) {
    std::pair<std::vector<double>, std::vector<double>> curve;
    for (size_t i = 0; i < p.values.size(); ++i) {
        curve.first.push_back(static_cast<double>(p.start + static_cast<int64_t>(i) + 1));  // D2L's time: 1..T
        curve.second.push_back(p.values[i]);
    }
    return curve;
}
}  // namespace

SineForecast forecast_sine(dl::Network& net, const dl::DataSplit& data) {
    const std::vector<float> series = dl::lag_series(data);
    const dl::LagPredictions p = dl::predict_lagged(net, series, {1, 4, 16, 64});
    SineForecast f;
    for (size_t t = 0; t < series.size(); ++t) {
        f.time.push_back(static_cast<double>(t + 1));
        f.series.push_back(series[t]);
    }
    std::tie(f.one_step_time, f.one_step) = curveOf(p.one_step);
    for (const dl::SeriesPrediction& k : p.k_step)
        if (k.steps > 1) f.k_step[static_cast<int>(k.steps)] = curveOf(k);
    return f;
}

}  // namespace sequence_inspection
