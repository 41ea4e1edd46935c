#include "ui/translation_views/translation_inspection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "engine/data/nmt_preprocessing.h"
#include "engine/nn/probe_sink.h"
#include "engine/train/bleu.h"

namespace translation_inspection {

namespace {

std::string nodeOf(const std::string& input) {
    return input.substr(0, input.find(dl::kPortSeparator));
}

// The layers that attend from target positions to something else; the decoder block's second attention.
bool isAttentionLayer(const std::string& type) {
    return type == "AdditiveAttention" || type == "DotProductAttention" || type == "MultiHeadAttention" ||
           type == "TransformerDecoderBlock";
}

// Keeps queries [0, queries) and keys [0, keys) of a [1, heads, Q, K] probe.
dl::Tensor cropped(const dl::Tensor& t, int64_t queries, int64_t keys) {
    const int64_t H = t.size(1), Q = t.size(2), K = t.size(3);
    queries = std::min(queries, Q);
    keys = std::min(keys, K);
    dl::Tensor out = dl::Tensor::empty({1, H, queries, keys});
    for (int64_t h = 0; h < H; ++h)
        for (int64_t q = 0; q < queries; ++q)
            std::copy_n(t.data() + (h * Q + q) * K, keys, out.data() + (h * queries + q) * keys);
    return out;
}

std::string targetToken(int32_t id, const dl::TranslationCorpus& corpus) {
    return id >= 0 && id < corpus.target_vocab_size() ? corpus.target_vocab[static_cast<size_t>(id)] : "<unk>";
}

}  // namespace

std::vector<std::string> cross_attention_layers(const dl::NetworkSpec& spec) {
    const std::vector<std::string> inputs = spec.input_names();
    std::set<std::string> readsTarget{"target"};
    std::vector<std::string> layers;
    std::string previous = inputs.front();
    for (const dl::NodeSpec& node : spec.nodes) {
        std::vector<std::string> from;
        for (const std::string& input : node.inputs) from.push_back(nodeOf(input));
        if (from.empty()) from.push_back(previous);
        const auto target = [&](size_t i) { return readsTarget.count(from[i]) > 0; };
        if (std::any_of(from.begin(), from.end(), [&](const std::string& f) { return readsTarget.count(f) > 0; }))
            readsTarget.insert(node.id);
        // Queries from the target side, keys from elsewhere (the encoder): attention over the source.
        if (isAttentionLayer(node.type) && from.size() >= 2 && target(0) && !target(1))
            layers.push_back(node.type == "TransformerDecoderBlock" ? node.id + ".attention2" : node.id);
        previous = node.id;
    }
    return layers;
}

Result translate(dl::Network& net, const dl::TranslationCorpus& corpus, const Request& request) {
    Result r;
    r.request = request;
    r.source = dl::preprocess_nmt(request.sentence);
    r.attention_layers = cross_attention_layers(net.spec());
    std::vector<std::string> patterns;
    for (const std::string& layer : r.attention_layers) patterns.push_back(layer + ".attention");
    dl::ProbeSink sink(patterns);
    dl::TranslateOptions options;
    options.beam_width = request.beam_width;
    options.probes = patterns.empty() ? nullptr : &sink;
    r.translation = dl::translate(net, corpus, r.source, options);

    const int64_t numSteps = net.input_shapes().at(0).at(0);
    const dl::Translation& t = r.translation;
    r.ended =
        t.tree.empty() ? static_cast<int64_t>(t.tokens.size()) < numSteps : t.tree[static_cast<size_t>(t.best)].ended;
    int32_t valid = 0;
    const std::vector<int32_t> ids = dl::encode_source(r.source, corpus, numSteps, valid);
    std::vector<std::string> words;
    for (const std::string& w : dl::split_tokens(r.source))
        if (!w.empty()) words.push_back(w);
    for (int32_t i = 0; i < valid; ++i) {
        const int32_t id = ids[static_cast<size_t>(i)];
        r.source_tokens.push_back(id == dl::TranslationCorpus::kEos   ? "<eos>"
                                  : id == dl::TranslationCorpus::kUnk ? "<unk>"
                                                                      : words.at(static_cast<size_t>(i)));
    }
    for (const dl::BeamNode& node : t.tree)
        r.tree_tokens.push_back(node.parent < 0 ? "<bos>" : node.ended ? "<eos>" : targetToken(node.token, corpus));
    for (int32_t id : t.tokens) r.written_tokens.push_back(targetToken(id, corpus));
    if (r.ended) r.written_tokens.push_back("<eos>");
    // The final pass reads <bos> y1 … yn: step i wrote y(i+1), the last one <eos> (a translation cut at
    // num_steps has no such step: its row is left out), and padded source keys carry no weight.
    for (const dl::ProbeSink::Probe& p : sink.probes())
        if (p.value.dim() == 4)
            r.attention[p.name] = cropped(p.value, static_cast<int64_t>(r.written_tokens.size()), valid);
    return r;
}

BleuRow pair_row(std::string source, std::string reference, bool added) {
    BleuRow row;
    row.source = std::move(source);
    row.reference = std::move(reference);
    row.added = added;
    return row;
}

std::vector<BleuRow> test_rows(const dl::DataSplit& data) {
    std::vector<BleuRow> rows;
    const dl::TranslationCorpus* test = data.test.translation.get();
    if (!test) return rows;
    for (size_t i = 0; i < test->source_text.size() && i < test->target_text.size(); ++i)
        rows.push_back(pair_row(test->source_text[i], test->target_text[i], false));
    return rows;
}

BleuRow added_row(const std::string& source, const std::string& reference) {
    return pair_row(dl::preprocess_nmt(source), dl::preprocess_nmt(reference), true);
}

std::vector<BleuRow> score(dl::Network& net, const dl::TranslationCorpus& corpus, std::vector<BleuRow> rows) {
    for (BleuRow& row : rows) {
        row.translation = dl::translate(net, corpus, row.source).text;
        row.bleu = dl::bleu(row.translation, row.reference, 2);
    }
    return rows;
}

double mean_bleu(const std::vector<BleuRow>& rows, bool testRowsOnly) {
    double sum = 0;
    int count = 0;
    for (const BleuRow& row : rows)
        if (row.bleu >= 0 && !(testRowsOnly && row.added)) {
            sum += row.bleu;
            ++count;
        }
    return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace translation_inspection
