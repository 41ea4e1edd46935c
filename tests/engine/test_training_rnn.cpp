// Language models trained by the engine on The Time Machine (D2L §8.5–9.2, character level): short
// runs of the rnn, gru and lstm presets beat a perplexity bound far below the uniform guess (28);
// the hidden state carries across batches under sequential partitioning and restarts from zeros
// under random sampling and at every epoch; gradient norms (global and per time step) reach the
// observers; runs repeat exactly; a trained model generates text and keeps doing so after saving.
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/data/registry.h"
#include "engine/io/model_file.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/probe_sink.h"
#include "engine/nn/recurrent_state.h"
#include "engine/train/text_generation.h"
#include "engine/train/trainer.h"

using namespace dl;

namespace {
DataSplit time_machine(Sampling sampling = Sampling::Random, const std::string& tokens = "char") {
    DatasetOptions options;
    options.token_kind = tokens;
    options.num_steps = 35;
    options.sampling = sampling;
    return load_dataset("timemachine", options);
}

// A preset as the app builds it: the vocabulary-sized layers fitted to the data, optionally smaller.
Network preset_network(const std::string& preset, const Dataset& data, int64_t hidden = 0) {
    NetworkSpec spec = load_preset(preset);
    fit_to_vocabulary(spec, data.text->vocab_size());
    if (hidden > 0)
        for (NodeSpec& node : spec.nodes)
            if (node.type == "RNN" || node.type == "GRU" || node.type == "LSTM") node.attrs.set("hidden_size", hidden);
    return Network(spec, data.sample_shape());
}

// D2L's settings from the preset (batch 32, SGD lr 1, clip 1), for `epochs` epochs.
TrainConfig preset_config(const std::string& preset, int epochs) {
    const TrainDefaults d = load_preset(preset).train;
    TrainConfig config;
    config.epochs = epochs;
    config.batch_size = *d.batch_size;
    config.optimizer.lr = static_cast<float>(*d.lr);
    config.clip_norm = static_cast<float>(*d.clip);
    return config;
}

struct Recorder : TrainingObserver {
    std::vector<std::string> wanted;
    std::vector<ProbeEvent> probes;
    std::vector<GradientEvent> grads;
    std::vector<EpochMetrics> epochs;
    ProbeRequest probe_request() const override { return {wanted, 1, 0}; }
    void on_probe(const ProbeEvent& e) override {  // a copy of what arrived, as a view would keep it
        probes.push_back(e);
        probes.back().value = e.value.clone();
    }
    void on_gradients(const GradientEvent& e) override { grads.push_back(e); }
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};

// The batch a probe was taken on, rebuilt from the stream: row b starts at examples[b].
Tensor batch_from_starts(const TextCorpus& text, const std::vector<int64_t>& starts, int64_t steps) {
    Tensor x({static_cast<int64_t>(starts.size()), steps});
    for (size_t b = 0; b < starts.size(); ++b)
        for (int64_t t = 0; t < steps; ++t) x.data()[b * steps + t] = static_cast<float>(text.tokens[starts[b] + t]);
    return x;
}

float max_difference(const Tensor& a, const Tensor& b) {
    float d = 0;
    for (int64_t i = 0; i < a.numel(); ++i) d = std::max(d, std::fabs(a.data()[i] - b.data()[i]));
    return d;
}

// The hidden states the network gives for `x` (eval mode, no dropout) starting from `state`.
Tensor hidden_for(Network& net, const Tensor& x, RecurrentState* state) {
    NoGradGuard no_grad;
    ProbeSink sink({"rnn.hidden"});
    ForwardContext ctx;
    ctx.probes = &sink;
    ctx.state = state;
    net.forward(Var(x), ctx);
    return sink.probes().at(0).value;
}

// Trains a small RNN with a learning rate too small to change the weights, probing the hidden states
// of every batch; then recomputes them with the state carried (or not) and compares.
void check_state_handling(Sampling sampling) {
    const DataSplit data = time_machine(sampling);
    Network net = preset_network("rnn", data.train, 32);
    TrainConfig config;
    config.epochs = 2;
    config.batch_size = 8;
    config.optimizer.lr = 1e-30f;  // the weights stay as they are
    Recorder recorder;
    recorder.wanted = {"rnn.hidden"};
    Trainer trainer(net, data, config);
    trainer.add_observer(&recorder);
    trainer.run();
    const int64_t per_epoch = static_cast<int64_t>(recorder.probes.size()) / 2;
    QVERIFY(per_epoch >= 3);
    RecurrentState carried;
    for (size_t i = 0; i < recorder.probes.size(); ++i) {
        const ProbeEvent& probe = recorder.probes[i];
        const bool epoch_start = static_cast<int64_t>(i) % per_epoch == 0;
        if (epoch_start) carried.clear();
        const Tensor x = batch_from_starts(*data.train.text, probe.examples, 35);
        const Tensor from_zeros = hidden_for(net, x, nullptr);
        const Tensor continued = hidden_for(net, x, &carried);  // also moves `carried` on
        const Tensor& expected = sampling == Sampling::Sequential ? continued : from_zeros;
        QVERIFY2(max_difference(probe.value, expected) < 1e-5f, ("batch " + std::to_string(i)).c_str());
        // Only where a state was carried in do the two differ.
        if (!epoch_start) QVERIFY(max_difference(from_zeros, continued) > 1e-3f);
    }
}

double final_perplexity(const TrainSummary& s) {
    return s.history.empty() ? NAN : s.history.back().perplexity;
}

// A short run of a preset at D2L's settings; the perplexity must fall from about the vocabulary size.
void check_preset_learns(const std::string& preset, int epochs, double bound) {
    const DataSplit data = time_machine();
    Network net = preset_network(preset, data.train);
    const TrainSummary s = Trainer(net, data, preset_config(preset, epochs)).run();
    QCOMPARE(s.outcome, TrainSummary::Outcome::Completed);
    const EpochMetrics& first = s.history.front();
    const EpochMetrics& last = s.history.back();
    const GeneratedText text = generate_text(net, *data.train.text, "time traveller ", {50, 0, 0});
    qInfo("%s: perplexity %.2f after epoch 1, %.2f after %d epochs (%.0f tokens/s); generates \"%s\"", preset.c_str(),
          first.perplexity, last.perplexity, epochs, last.tokens_per_sec, text.text().c_str());
    QVERIFY(first.perplexity > 10 && first.perplexity < 40);  // about the 28 of a uniform guess at first
    QVERIFY2(last.perplexity < bound, (preset + ": " + std::to_string(last.perplexity)).c_str());
    QVERIFY(last.tokens_per_sec > 0);
}
}  // namespace

class TestTrainingRnn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A uniform guess scores 28 and letter frequencies alone about 17 (where every model first
    // plateaus), so each bound needs the model to use the characters before. Measured (seed 0): rnn
    // 8.7 after 20 epochs, gru 11.0 after 20, lstm 12.5 after 30 (the LSTM leaves the plateau last,
    // as in D2L's curves); the bounds leave room for other seeds and kernels.
    void rnnLearnsTheTimeMachine() { check_preset_learns("rnn", 20, 10.5); }
    void gruLearnsTheTimeMachine() { check_preset_learns("gru", 20, 13.5); }
    void lstmLearnsTheTimeMachine() { check_preset_learns("lstm", 30, 14.5); }

    void stateCarriesUnderSequentialPartitioning() { check_state_handling(Sampling::Sequential); }
    void stateResetsUnderRandomSampling() { check_state_handling(Sampling::Random); }

    // The global norm is reported before clipping, and the per-step gradient norms arrive filled in
    // (they are written during backward, so delivering them earlier would show zeros).
    void gradientNormsReachObservers() {
        const DataSplit data = time_machine(Sampling::Sequential);
        Network net = preset_network("lstm", data.train, 32);
        TrainConfig config = preset_config("lstm", 1);
        config.clip_norm = 0.01f;  // far below the gradients' norm, so every step clips
        Recorder recorder;
        recorder.wanted = {"lstm.step_grad_norm"};
        Trainer trainer(net, data, config);
        trainer.add_observer(&recorder);
        trainer.run();
        QVERIFY(!recorder.grads.empty());
        for (const GradientEvent& g : recorder.grads) QVERIFY(g.total_norm > 0.01f);
        QCOMPARE(recorder.probes.size(), recorder.grads.size());
        for (const ProbeEvent& p : recorder.probes) {
            QCOMPARE(p.value.shape(), (Shape{32, 35}));
            double sum = 0;
            for (int64_t i = 0; i < p.value.numel(); ++i) sum += p.value.data()[i];
            QVERIFY(sum > 0);
        }
        // Without clipping the norm is still reported.
        config.clip_norm = 0;
        Recorder unclipped;
        Trainer again(net, data, config);
        again.add_observer(&unclipped);
        again.run();
        for (const GradientEvent& g : unclipped.grads) QVERIFY(g.total_norm > 0);
    }

    void sameSeedSameRun() {
        const DataSplit data = time_machine();
        auto run = [&](uint64_t seed) {
            Network net = preset_network("gru", data.train, 32);
            TrainConfig config = preset_config("gru", 3);
            config.seed = seed;
            return Trainer(net, data, config).run().history;
        };
        const auto a = run(1), b = run(1), c = run(2);
        for (size_t e = 0; e < a.size(); ++e) QCOMPARE(a[e].train_loss, b[e].train_loss);
        QVERIFY(a.back().train_loss != c.back().train_loss);
    }

    // Greedy generation repeats; sampling repeats per seed; unknown characters become <unk>; a saved
    // model keeps its vocabulary and generates the same text after loading.
    void generationAndModelFiles() {
        const DataSplit data = time_machine(Sampling::Sequential);
        Network net = preset_network("gru", data.train, 64);
        Trainer(net, data, preset_config("gru", 20)).run();
        const TextCorpus& vocab = *data.train.text;
        const GeneratedText greedy = generate_text(net, vocab, "time traveller ", {30, 0, 0});
        QCOMPARE(greedy.prefix, std::string("time traveller "));
        QCOMPARE(greedy.continuation.size(), size_t{30});
        QCOMPARE(generate_text(net, vocab, "time traveller ", {30, 0, 0}).continuation, greedy.continuation);
        const auto sampled = [&](uint64_t seed) {
            return generate_text(net, vocab, "time traveller ", {30, 1.0, seed}).continuation;
        };
        QCOMPARE(sampled(5), sampled(5));
        QVERIFY(sampled(5) != sampled(6) || sampled(5) != sampled(7));
        QCOMPARE(encode_prefix("Time!", vocab).front(), 0);  // capitals and punctuation are not in D2L's vocabulary
        QCOMPARE(generate_text(net, vocab, "Time!", {5, 0, 0}).prefix, std::string("<unk>ime<unk>"));

        const std::string path = (std::filesystem::temp_directory_path() / "divelab_test_lm").string();
        save_model(net, path, &vocab);
        LoadedModel loaded = load_model(path + ".json");
        QVERIFY(loaded.vocabulary);
        QCOMPARE(loaded.vocabulary->token_kind, std::string("char"));
        QCOMPARE(loaded.vocabulary->idx_to_token, vocab.idx_to_token);
        QCOMPARE(generate_text(loaded.network, *loaded.vocabulary, "time traveller ", {30, 0, 0}).continuation,
                 greedy.continuation);
        LoadedModel from_weights = load_model(path + ".safetensors");
        QVERIFY(from_weights.vocabulary);
        QCOMPARE(from_weights.vocabulary->idx_to_token, vocab.idx_to_token);
        std::filesystem::remove(path + ".json");
        std::filesystem::remove(path + ".safetensors");
    }

    void outputMustScoreEveryStep() {
        const DataSplit words = time_machine(Sampling::Random, "word");
        NetworkSpec spec = load_preset("lstm");  // ends in Linear(28): the character vocabulary
        fit_to_vocabulary(spec, words.train.text->vocab_size());
        Network net(spec, words.train.sample_shape());
        try {
            check_output_fits(net, words.train, LossKind::CrossEntropy);
            QFAIL("Linear(28) cannot score a word vocabulary");
        } catch (const ShapeError& e) {
            const std::string want =
                "end with Linear out_features = vocabulary size " + std::to_string(words.train.num_classes);
            QVERIFY2(std::string(e.what()).find(want) != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainingRnn)
#include "test_training_rnn.moc"
