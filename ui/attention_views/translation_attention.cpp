#include "ui/attention_views/translation_attention.h"

#include <algorithm>
#include <set>

#include <QtGlobal>

#include "engine/autograd/variable.h"
#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"
#include "engine/train/translation_batch.h"

namespace translation_attention {

std::string role_name(Role role) {
    switch (role) {
        case Role::EncoderSelf:
            return QT_TRANSLATE_NOOP("AttentionRole", "encoder self-attention");
        case Role::DecoderSelf:
            return QT_TRANSLATE_NOOP("AttentionRole", "decoder masked self-attention");
        case Role::Cross:
            return QT_TRANSLATE_NOOP("AttentionRole", "encoder–decoder attention");
        case Role::Other:
            break;
    }
    return {};
}

namespace {

std::string nodeOf(const std::string& input) {
    return input.substr(0, input.find(':'));
}

// Self-attention reads one side: the target's queries and keys are the decoder's, else the encoder's.
Role selfRole(bool readsTarget) {
    return readsTarget ? Role::DecoderSelf : Role::EncoderSelf;
}

// Queries from input 0, keys from input 1 (when there is one).
Role pairRole(bool queriesReadTarget, bool keysReadTarget) {
    if (queriesReadTarget && !keysReadTarget) return Role::Cross;
    return selfRole(queriesReadTarget);
}

// The probes a node publishes, by its layer type (only these layers publish "attention").
void addProbes(const dl::NodeSpec& node, bool target0, bool target1, bool twoInputs, std::vector<AttentionProbe>& out) {
    const std::string& t = node.type;
    if (t == "NadarayaWatson")
        out.push_back({node.id, Role::Other});
    else if (t == "TransformerEncoderBlock")
        out.push_back({node.id + ".attention", selfRole(target0)});
    else if (t == "TransformerDecoderBlock") {
        out.push_back({node.id + ".attention1", selfRole(target0)});
        out.push_back({node.id + ".attention2", pairRole(target0, target1)});
    } else if (t == "AttentionGRUDecoder")
        out.push_back({node.id, Role::Cross});
    else if (t == "MultiHeadAttention" || t == "DotProductAttention" || t == "AdditiveAttention")
        out.push_back({node.id, twoInputs ? pairRole(target0, target1) : selfRole(target0)});
}

}  // namespace

std::vector<AttentionProbe> attention_probes(const dl::NetworkSpec& spec) {
    std::vector<AttentionProbe> probes;
    const std::vector<std::string> inputs = spec.input_names();
    std::set<std::string> readsTarget{"target"};
    std::string previous = inputs.empty() ? std::string() : inputs.front();
    for (const dl::NodeSpec& node : spec.nodes) {
        std::vector<std::string> from;
        for (const std::string& input : node.inputs) from.push_back(nodeOf(input));
        if (from.empty()) from.push_back(previous);
        const auto target = [&](size_t i) { return i < from.size() && readsTarget.count(from[i]) > 0; };
        addProbes(node, target(0), from.size() > 1 ? target(1) : target(0), from.size() > 1, probes);
        if (std::any_of(from.begin(), from.end(), [&](const std::string& f) { return readsTarget.count(f) > 0; }))
            readsTarget.insert(node.id);
        previous = node.id;
    }
    return probes;
}

namespace {

const dl::Dataset& fixedSet(const dl::DataSplit& data) {
    return data.test.size() > 0 ? data.test : data.train;
}

int64_t fixedCount(const dl::Dataset& set) {
    return std::min<int64_t>(kMaxSentences, set.size());
}

std::string joined(const std::vector<std::string>& words, size_t count) {
    std::string s;
    for (size_t i = 0; i < std::min(count, words.size()); ++i) s += (i ? " " : "") + words[i];
    return s;
}

std::string token(const std::vector<std::string>& vocab, float id) {
    const auto i = static_cast<size_t>(id);
    return id >= 0 && i < vocab.size() ? vocab[i] : "<unk>";
}

}  // namespace

std::vector<Sentence> fixed_sentences(const dl::DataSplit& data) {
    std::vector<Sentence> sentences;
    const dl::Dataset& set = fixedSet(data);
    if (!set.is_translation() || !set.translation) return sentences;
    const dl::TranslationCorpus& corpus = *set.translation;
    const int64_t T = set.num_steps;
    for (int64_t i = 0; i < fixedCount(set); ++i) {
        Sentence s;
        const auto ls = std::clamp<int64_t>(set.source_lengths[static_cast<size_t>(i)], 0, T);
        const auto lt = std::clamp<int64_t>(set.target_lengths[static_cast<size_t>(i)], 0, T);
        for (int64_t t = 0; t < ls; ++t) s.source.push_back(token(corpus.source_vocab, set.features[i * T + t]));
        for (int64_t t = 0; t < lt; ++t) s.written.push_back(token(corpus.target_vocab, set.target_tokens[i * T + t]));
        s.read.push_back("<bos>");
        for (size_t t = 0; t + 1 < s.written.size(); ++t) s.read.push_back(s.written[t]);
        const auto words = [](const std::vector<std::string>& w) {
            return w.size() - (!w.empty() && w.back() == "<eos>" ? 1 : 0);
        };
        s.text = joined(s.source, words(s.source)) + " → " + joined(s.written, words(s.written));
        sentences.push_back(std::move(s));
    }
    return sentences;
}

dl::AttentionHistory::Probes run_fixed_sentences(dl::Network& net, const dl::DataSplit& data,
                                                 const std::vector<std::string>& prefixes) {
    dl::AttentionHistory::Probes probes;
    const dl::Dataset& set = fixedSet(data);
    const int64_t n = fixedCount(set), T = set.num_steps;
    if (prefixes.empty() || n == 0) return probes;
    std::vector<std::string> patterns;
    for (const std::string& p : prefixes) {
        patterns.push_back(p + ".attention");
        patterns.push_back(p + ".scores");
    }
    std::vector<int64_t> rows(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) rows[static_cast<size_t>(i)] = i;
    dl::TranslationBatch batch;
    dl::fill_translation_batch(set, rows, batch);
    const dl::Tensor source =
        dl::Tensor::from({n, T}, std::vector<float>(set.features.data(), set.features.data() + n * T));
    dl::ProbeSink sink(patterns);
    dl::NoGradGuard no_grad;
    dl::ForwardContext ctx;
    ctx.probes = &sink;
    ctx.lengths = &batch.lengths;
    net.forward(std::vector<dl::Var>{dl::Var(source), dl::Var(batch.target_input)}, ctx);
    for (const dl::ProbeSink::Probe& p : sink.probes()) probes[p.name] = p.value;
    return probes;
}

namespace {

// Example `index` of a [B, h, Q, K] probe, cropped to its first q queries and k keys: [h, q, k].
dl::Tensor cropped(const dl::Tensor& t, int64_t index, int64_t q, int64_t k) {
    const int64_t H = t.size(1), Q = t.size(2), K = t.size(3);
    q = std::min(q, Q);
    k = std::min(k, K);
    dl::Tensor out = dl::Tensor::empty({H, q, k});
    for (int64_t h = 0; h < H; ++h)
        for (int64_t i = 0; i < q; ++i)
            std::copy_n(t.data() + ((index * H + h) * Q + i) * K, k, out.data() + (h * q + i) * k);
    return out;
}

void label(attention_inspection::AttentionMap& map, Role role, const Sentence& s) {
    const bool decoderQueries = role != Role::EncoderSelf;
    map.query_labels = decoderQueries ? s.written : s.source;
    map.key_labels = role == Role::DecoderSelf ? s.read : s.source;
    // Marked for lupdate; the views show them through QCoreApplication::translate("AttentionRole", …).
    map.query_title = decoderQueries ? QT_TRANSLATE_NOOP("AttentionRole", "French word written (query)")
                                     : QT_TRANSLATE_NOOP("AttentionRole", "English word (query)");
    map.key_title = role == Role::DecoderSelf ? QT_TRANSLATE_NOOP("AttentionRole", "French word read (key)")
                                              : QT_TRANSLATE_NOOP("AttentionRole", "English word (key)");
    map.role = role_name(role);
}

}  // namespace

std::vector<attention_inspection::AttentionMap> maps_of(const dl::AttentionHistory::Probes& probes,
                                                        const std::vector<AttentionProbe>& layers,
                                                        const Sentence& sentence, int index) {
    std::vector<attention_inspection::AttentionMap> maps;
    for (const AttentionProbe& layer : layers) {
        const auto weights = probes.find(layer.prefix + ".attention");
        if (weights == probes.end() || weights->second.dim() != 4 || weights->second.size(0) <= index) continue;
        if (layer.role == Role::Other) continue;
        const bool decoderQueries = layer.role != Role::EncoderSelf;
        const auto q = static_cast<int64_t>(decoderQueries ? sentence.written.size() : sentence.source.size());
        const auto k =
            static_cast<int64_t>(layer.role == Role::DecoderSelf ? sentence.read.size() : sentence.source.size());
        attention_inspection::AttentionMap map;
        map.layer = layer.prefix;
        map.weights = cropped(weights->second, index, q, k);
        const auto scores = probes.find(layer.prefix + ".scores");
        if (scores != probes.end() && scores->second.shape() == weights->second.shape())
            map.scores = cropped(scores->second, index, q, k);
        label(map, layer.role, sentence);
        maps.push_back(std::move(map));
    }
    return maps;
}

}  // namespace translation_attention
