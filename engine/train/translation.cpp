#include "engine/train/translation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"
#include "engine/train/bleu.h"

namespace dl {

std::vector<int32_t> encode_source(const std::string& sentence, const TranslationCorpus& corpus, int64_t num_steps,
                                   int32_t& valid_length) {
    std::unordered_map<std::string, int32_t> ids;
    for (size_t i = 0; i < corpus.source_vocab.size(); ++i)
        ids.emplace(corpus.source_vocab[i], static_cast<int32_t>(i));
    std::string lower = sentence;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::vector<int32_t> out;
    for (const std::string& word : split_tokens(lower)) {
        if (word.empty()) continue;  // D2L's split(' ') would keep them; a doubled space is a typo here
        const auto it = ids.find(word);
        out.push_back(it == ids.end() ? TranslationCorpus::kUnk : it->second);
    }
    out.push_back(TranslationCorpus::kEos);
    if (static_cast<int64_t>(out.size()) > num_steps) out.resize(static_cast<size_t>(num_steps));
    valid_length = static_cast<int32_t>(out.size());
    out.resize(static_cast<size_t>(num_steps), TranslationCorpus::kPad);
    return out;
}

std::string decode_target(const std::vector<int32_t>& ids, const TranslationCorpus& corpus) {
    std::string text;
    for (int32_t id : ids) {
        const bool known = id >= 0 && id < corpus.target_vocab_size();
        text +=
            (text.empty() ? "" : " ") + (known ? corpus.target_vocab[static_cast<size_t>(id)] : std::string("<unk>"));
    }
    return text;
}

namespace {
// Runs the network on prefixes of one length for one source sentence and gives each prefix's log-probabilities
// of the next token.
class PrefixScorer {
public:
    PrefixScorer(Network& net, const TranslationCorpus& corpus, const std::string& sentence) : net_(net) {
        const std::vector<std::string> names = net.input_names();
        if (names != std::vector<std::string>{"source", "target"})
            throw InputError(
                "translation needs a network with the inputs \"source\" and \"target\" (D2L §9.7's "
                "encoder–decoder as one graph); network '" +
                net.spec().name + "' has other inputs");
        const Shape& source_shape = net.input_shapes()[0];
        vocab_ = corpus.target_vocab_size();
        if (source_shape.size() != 1 || net.output_shape().empty() || net.output_shape().back() != vocab_)
            throw InputError("network '" + net.spec().name + "' ends in " + to_string(net.output_shape()) +
                             " per example, but translation needs a score for each of the " + std::to_string(vocab_) +
                             " target tokens at every step");
        num_steps_ = source_shape[0];
        source_ = encode_source(sentence, corpus, num_steps_, valid_);
    }
    int64_t num_steps() const { return num_steps_; }

    std::vector<std::vector<double>> next_log_probs(const std::vector<std::vector<int32_t>>& prefixes,
                                                    ProbeSink* probes = nullptr) {
        const auto n = static_cast<int64_t>(prefixes.size()), t = static_cast<int64_t>(prefixes[0].size());
        Tensor source = Tensor::empty({n, num_steps_}), target = Tensor::empty({n, t});
        for (int64_t r = 0; r < n; ++r) {
            for (int64_t j = 0; j < num_steps_; ++j) source[r * num_steps_ + j] = static_cast<float>(source_[j]);
            for (int64_t j = 0; j < t; ++j) target[r * t + j] = static_cast<float>(prefixes[r][j]);
        }
        SequenceLengths lengths{std::vector<int32_t>(n, valid_), std::vector<int32_t>(n, static_cast<int32_t>(t))};
        NoGradGuard no_grad;
        ForwardContext ctx;
        ctx.lengths = &lengths;
        ctx.probes = probes;
        const Tensor out = net_.forward(std::vector<Var>{Var(source), Var(target)}, ctx).value();  // [n, t, V]
        std::vector<std::vector<double>> result;
        for (int64_t r = 0; r < n; ++r) {
            const float* last = out.data() + ((r + 1) * t - 1) * vocab_;
            const double top = *std::max_element(last, last + vocab_);
            double sum = 0;
            for (int64_t v = 0; v < vocab_; ++v) sum += std::exp(last[v] - top);
            std::vector<double> lp(static_cast<size_t>(vocab_));
            for (int64_t v = 0; v < vocab_; ++v) lp[v] = last[v] - top - std::log(sum);
            result.push_back(std::move(lp));
        }
        return result;
    }

private:
    Network& net_;
    int64_t vocab_ = 0, num_steps_ = 0;
    std::vector<int32_t> source_;
    int32_t valid_ = 0;
};

std::vector<int32_t> with_bos(const std::vector<int32_t>& tokens) {
    std::vector<int32_t> prefix{TranslationCorpus::kBos};
    prefix.insert(prefix.end(), tokens.begin(), tokens.end());
    return prefix;
}

// The pass whose inner tensors a translation box shows: the whole chosen translation as the target.
void publish_final_pass(PrefixScorer& scorer, const std::vector<int32_t>& tokens, ProbeSink* probes) {
    if (probes) scorer.next_log_probs({with_bos(tokens)}, probes);
}

std::vector<int32_t> path_tokens(const std::vector<BeamNode>& tree, int node) {
    std::vector<int32_t> tokens;
    for (; node > 0; node = tree[static_cast<size_t>(node)].parent)
        if (!tree[static_cast<size_t>(node)].ended) tokens.push_back(tree[static_cast<size_t>(node)].token);
    std::reverse(tokens.begin(), tokens.end());
    return tokens;
}
}  // namespace

Translation translate(Network& net, const TranslationCorpus& corpus, const std::string& sentence,
                      const TranslateOptions& options) {
    if (options.beam_width >= 1) return beam_search(net, corpus, sentence, options);
    PrefixScorer scorer(net, corpus, sentence);
    Translation result;
    std::vector<int32_t> prefix{TranslationCorpus::kBos};
    for (int64_t step = 0; step < scorer.num_steps(); ++step) {
        const std::vector<double> lp = scorer.next_log_probs({prefix})[0];
        const auto token = static_cast<int32_t>(std::max_element(lp.begin(), lp.end()) - lp.begin());
        result.score += lp[static_cast<size_t>(token)];
        if (token == TranslationCorpus::kEos) break;
        result.tokens.push_back(token);
        prefix.push_back(token);
    }
    result.text = decode_target(result.tokens, corpus);
    publish_final_pass(scorer, result.tokens, options.probes);
    return result;
}

namespace {
struct Candidate {
    double log_prob;
    size_t hypothesis;
    int32_t token;
};

// The k best extensions of the live hypotheses by Σ log p; ties go to the earlier hypothesis, then the lower id.
std::vector<Candidate> best_extensions(const std::vector<BeamNode>& tree, const std::vector<int>& live,
                                       const std::vector<std::vector<double>>& lp, size_t k) {
    std::vector<Candidate> all;
    for (size_t h = 0; h < live.size(); ++h)
        for (size_t v = 0; v < lp[h].size(); ++v)
            all.push_back({tree[static_cast<size_t>(live[h])].log_prob + lp[h][v], h, static_cast<int32_t>(v)});
    const size_t keep = std::min(k, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(),
                      [](const Candidate& a, const Candidate& b) {
                          if (a.log_prob != b.log_prob) return a.log_prob > b.log_prob;
                          return a.hypothesis != b.hypothesis ? a.hypothesis < b.hypothesis : a.token < b.token;
                      });
    all.resize(keep);
    return all;
}
}  // namespace

Translation beam_search(Network& net, const TranslationCorpus& corpus, const std::string& sentence,
                        const TranslateOptions& options) {
    if (options.beam_width < 1)
        throw InputError("beam search needs a beam width of at least 1, got " + std::to_string(options.beam_width));
    PrefixScorer scorer(net, corpus, sentence);
    Translation result;
    result.tree.push_back({-1, TranslationCorpus::kBos, 0, 0.0, 0.0, false});
    std::vector<int> live{0}, finished;
    for (int step = 1; step <= scorer.num_steps() && !live.empty(); ++step) {
        std::vector<std::vector<int32_t>> prefixes;
        for (int node : live) prefixes.push_back(with_bos(path_tokens(result.tree, node)));
        const auto lp = scorer.next_log_probs(prefixes);
        std::vector<int> next;
        for (const Candidate& c : best_extensions(result.tree, live, lp, static_cast<size_t>(options.beam_width))) {
            const bool ended = c.token == TranslationCorpus::kEos;
            const double score = c.log_prob / std::pow(static_cast<double>(step), options.alpha);
            result.tree.push_back({live[c.hypothesis], c.token, step, c.log_prob, score, ended});
            (ended ? finished : next).push_back(static_cast<int>(result.tree.size()) - 1);
        }
        live = std::move(next);
    }
    finished.insert(finished.end(), live.begin(), live.end());  // still live after num_steps tokens
    result.best = finished.empty() ? 0 : finished[0];
    for (int node : finished)
        if (result.tree[static_cast<size_t>(node)].score > result.tree[static_cast<size_t>(result.best)].score)
            result.best = node;
    result.tokens = path_tokens(result.tree, result.best);
    result.text = decode_target(result.tokens, corpus);
    result.score = result.tree[static_cast<size_t>(result.best)].score;
    publish_final_pass(scorer, result.tokens, options.probes);
    return result;
}

}  // namespace dl
