// ONNX export: every covered preset passes ONNX's checker and shape inference (python3-onnx) and runs in ONNX
// Runtime (onnxruntime-node) with DiveLab's outputs on 100 fixed-seed inputs, within 1e-4 relative error:
// |a − b| ≤ 1e-4·max(1, |b|) for every output value (a: ONNX Runtime, b: DiveLab).
// A layer without an ONNX form gives a clear InputError and no file.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "bert_export_case.h"
#include "engine/core/error.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/onnx_export.h"
#include "engine/io/presets.h"
#include "gradcheck.h"

using namespace dl;

namespace {
constexpr int kExamples = 100;
constexpr double kTolerance = 1e-4;

// tests/onnx, beside the resources this build reads.
QString script_dir() {
    return QDir::cleanPath(QString(DIVELAB_RESOURCES_DIR) + "/../tests/onnx");
}

QString node_binary() {
    return QFile::exists("/usr/bin/node") ? "/usr/bin/node" : "node";  // Debian's nodejs
}

// Runs a program; returns its standard output, or fails the test with its messages.
QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(' ') << "failed:" << p.readAllStandardOutput()
                             << p.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void write_floats(const QString& path, const Tensor& t) {
    write_file_atomically(path.toStdString(),
                          std::string(reinterpret_cast<const char*>(t.data()), t.numel() * sizeof(float)));
}

QJsonArray json_shape(const Shape& s) {
    QJsonArray a;
    for (int64_t d : s) a.append(static_cast<qint64>(d));
    return a;
}

// Random inputs for one network input: token ids in [0, vocab) or values in [-1, 1].
Tensor test_input(const Shape& example, int64_t vocab, uint64_t seed) {
    Shape shape{kExamples};
    shape.insert(shape.end(), example.begin(), example.end());
    if (vocab == 0) return dltest::random_tensor(shape, seed);
    Tensor t = dltest::random_tensor(shape, seed, 0, static_cast<double>(vocab));
    for (int64_t i = 0; i < t.numel(); ++i) t[i] = std::min(std::floor(t[i]), static_cast<float>(vocab - 1));
    return t;
}

constexpr int64_t kVocab = 28;

// A preset whose token layers get a vocabulary of kVocab (what fit_to_vocabulary does with a data set).
Network token_network(const std::string& preset, const QList<qint64>& steps) {
    NetworkSpec spec = load_preset(preset);
    for (NodeSpec& n : spec.nodes) {
        if (n.type == "OneHot" || n.type == "Embedding") n.attrs.set("vocab_size", kVocab);
        if (n.attrs.has("vocabulary_out") && std::get<bool>(n.attrs.get("vocabulary_out")))
            n.attrs.set("out_features", kVocab);
    }
    std::vector<Shape> shapes;
    for (qint64 t : steps) shapes.push_back({t});
    return Network(spec, shapes);
}

// A few training-mode passes, so BatchNorm's running statistics are not the trivial 0 and 1.
void train_statistics(Network& net, const std::vector<Var>& xs) {
    NoGradGuard no_grad;
    Rng rng(1);
    ForwardContext ctx;
    ctx.training = true;
    ctx.rng = &rng;
    for (int i = 0; i < 3; ++i) net.forward(xs, ctx);
}
}  // namespace

class TestOnnxExport : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    // Exports `exported` (or `net`), writes the inputs `xs` (int64 where `ids[k]`, plus "valid_lens" when the graph
    // takes it) and `net`'s outputs on them, and returns the path of the case file run_ort.js reads. `lengths`: the
    // valid lengths DiveLab masks with (the graph gets the full length of input 0 when empty). `write_model`: false
    // when <name>.onnx was written already (by divelab-cli).
    QString write_case(Network& net, const QString& name, const std::vector<Tensor>& xs, const std::vector<bool>& ids,
                       const std::vector<int32_t>& lengths, Network* exported, bool write_model = true) {
        std::vector<Var> vars;
        QJsonArray inputs;
        auto add_input = [&](const QString& input, const Tensor& x, bool int64) {
            const QString file = name + "." + QString::number(inputs.size()) + ".input.bin";
            write_floats(dir_.filePath(file), x);
            inputs.append(QJsonObject{{"name", input},
                                      {"file", file},
                                      {"dtype", int64 ? "int64" : "float32"},
                                      {"shape", json_shape(x.shape())}});
        };
        for (size_t k = 0; k < xs.size(); ++k) {
            vars.emplace_back(xs[k]);
            add_input(QString::fromStdString(net.input_names()[k]), xs[k], ids[k]);
        }
        Network& onnx_net = exported ? *exported : net;
        const int64_t batch = xs[0].shape()[0];
        if (onnx_takes_valid_lens(onnx_net)) {
            Tensor lens = Tensor::zeros({batch});
            for (int64_t b = 0; b < batch; ++b)
                lens[b] =
                    static_cast<float>(lengths.empty() ? xs[0].shape().at(1) : lengths.at(static_cast<size_t>(b)));
            add_input("valid_lens", lens, true);
        }
        NoGradGuard no_grad;
        const SequenceLengths valid{lengths, {}};
        ForwardContext ctx;
        if (!lengths.empty()) ctx.lengths = &valid;
        const std::vector<Var> ys = net.forward_outputs(vars, ctx);
        QJsonArray outputs;
        const std::vector<std::string> out_names = net.spec().output_ids();
        for (size_t k = 0; k < ys.size(); ++k) {
            const QString file = name + ".expected." + QString::number(k) + ".bin";
            write_floats(dir_.filePath(file), ys[k].value());
            outputs.append(QJsonObject{
                {"name", QString::fromStdString(out_names[k])}, {"file", file}, {"shape", json_shape(ys[k].shape())}});
        }
        if (write_model) export_onnx(onnx_net, dir_.filePath(name + ".onnx").toStdString());
        const QJsonObject spec{{"model", name + ".onnx"}, {"inputs", inputs}, {"outputs", outputs}};
        const QString path = dir_.filePath(name + ".json");
        write_file_atomically(path.toStdString(), QJsonDocument(spec).toJson().toStdString());
        return path;
    }

    // The checker, then ONNX Runtime on a written case; returns the largest relative error over every output (NaN
    // when a step failed) and logs the figures.
    double run_case(const QString& name, const QString& case_path) {
        const QString checked =
            run("/usr/bin/python3", {script_dir() + "/check_onnx.py", dir_.filePath(name + ".onnx")});
        if (!checked.startsWith("ok")) return NAN;
        const QString ort = run(node_binary(), {script_dir() + "/run_ort.js", case_path});
        const QJsonObject r = QJsonDocument::fromJson(ort.toUtf8()).object();
        if (!r.contains("max_rel_error")) return NAN;
        qInfo().noquote() << name << checked << "| ONNX Runtime: max relative error" << r["max_rel_error"].toDouble()
                          << "max absolute error" << r["max_abs_error"].toDouble() << "over" << r["values"].toInt()
                          << "values, largest |DiveLab output|" << r["max_abs_output"].toDouble();
        const QJsonObject per_output = r["outputs"].toObject();
        if (per_output.size() > 1)
            for (auto it = per_output.begin(); it != per_output.end(); ++it) {
                const QJsonObject o = it.value().toObject();
                qInfo().noquote() << "   " << it.key() << ": max relative error" << o["max_rel_error"].toDouble()
                                  << "max absolute error" << o["max_abs_error"].toDouble() << "over"
                                  << o["values"].toInt() << "values";
            }
        return r["max_rel_error"].toDouble();
    }

    // 100 fixed-seed inputs for `net` (token ids below `vocab` when vocab > 0, else values in [-1, 1]), through
    // the checker and ONNX Runtime. `examples`: per-example input shapes, when not the ones the network was built
    // for (token sequences). `exported`: the network whose ONNX form is checked against `net`'s outputs, when not
    // `net` itself. `lengths`: valid source lengths, one per example.
    double check(Network& net, const QString& name, int64_t vocab = 0, bool batch_norm = false,
                 const std::vector<Shape>& examples = {}, Network* exported = nullptr,
                 const std::vector<int32_t>& lengths = {}) {
        std::vector<Tensor> xs;
        std::vector<Var> vars;
        for (size_t k = 0; k < net.input_count(); ++k) {
            xs.push_back(test_input(examples.empty() ? net.input_shapes()[k] : examples[k], vocab, 100 + k));
            vars.emplace_back(xs.back());
        }
        if (batch_norm) train_statistics(net, vars);
        const QString c = write_case(net, name, xs, std::vector<bool>(xs.size(), vocab > 0), lengths, exported);
        return run_case(name, c);
    }

    // A BERT batch: tokens, segments and positions as int64, valid_lens from the batch.
    double check_bert(Network& net, const QString& name, const dltest::BertBatchCase& batch) {
        const QString c = write_case(net, name, batch.inputs, std::vector<bool>(batch.inputs.size(), true),
                                     batch.valid_lens, nullptr);
        return run_case(name, c);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY2(QFile::exists(script_dir() + "/node_modules/onnxruntime-node/package.json"),
                 "ONNX Runtime is not installed in tests/onnx/node_modules: run scripts/setup.sh (it runs "
                 "`npm ci --ignore-scripts` there)");
    }

    void presetMatchesOnnxRuntime_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QList<qint64>>("shape");
        QTest::addColumn<bool>("batchNorm");
        const QList<qint64> image{1, 28, 28};
        for (const char* p : {"linreg", "spiral-mlp"}) QTest::newRow(p) << p << QList<qint64>{2} << false;
        for (const char* p : {"softmax", "mlp", "mlp-dropout", "lenet"}) QTest::newRow(p) << p << image << false;
        QTest::newRow("lenet-bn") << "lenet-bn" << image << true;
        QTest::newRow("alexnet-cpu") << "alexnet-cpu" << QList<qint64>{1, 96, 96} << false;
        QTest::newRow("vgg11-cpu") << "vgg11-cpu" << QList<qint64>{1, 32, 32} << false;
        QTest::newRow("nin-cpu") << "nin-cpu" << QList<qint64>{1, 96, 96} << false;
        QTest::newRow("googlenet-cpu") << "googlenet-cpu" << QList<qint64>{1, 48, 48} << false;
        QTest::newRow("resnet18-cpu") << "resnet18-cpu" << QList<qint64>{1, 48, 48} << true;
        QTest::newRow("densenet-cpu") << "densenet-cpu" << QList<qint64>{1, 48, 48} << true;
    }
    void presetMatchesOnnxRuntime() {
        QFETCH(QString, preset);
        QFETCH(QList<qint64>, shape);
        QFETCH(bool, batchNorm);
        Network net(load_preset(preset.toStdString()), Shape(shape.begin(), shape.end()));
        net.reset_parameters(0);
        const double error = check(net, preset, 0, batchNorm);
        QVERIFY2(error <= kTolerance, qPrintable(preset + ": max relative error " + QString::number(error)));
    }

    // Token networks: D2L's language models (one-hot input, 35 steps), the GRU encoder–decoder and the Transformer
    // (teacher-forced: embeddings, the encoder's state or outputs feeding the decoder; source and target of
    // different lengths).
    void sequencePresetMatchesOnnxRuntime_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QList<qint64>>("steps");  // per network input
        for (const char* p : {"rnn", "gru", "lstm", "deep-lstm", "birnn"}) QTest::newRow(p) << p << QList<qint64>{35};
        QTest::newRow("seq2seq") << "seq2seq" << QList<qint64>{10, 8};
        QTest::newRow("transformer") << "transformer" << QList<qint64>{10, 8};
    }
    void sequencePresetMatchesOnnxRuntime() {
        QFETCH(QString, preset);
        QFETCH(QList<qint64>, steps);
        Network net = token_network(preset.toStdString(), steps);
        net.reset_parameters(0);
        const double error = check(net, preset, kVocab);
        QVERIFY2(error <= kTolerance, qPrintable(preset + ": max relative error " + QString::number(error)));
    }

    // The exported token networks take sequences of other lengths than they were built for. DiveLab's LSTM does
    // too; its Transformer is rebuilt for the other lengths with the same weights to give the reference.
    void tokenNetworksTakeOtherLengths() {
        Network lstm = token_network("lstm", {35});
        lstm.reset_parameters(0);
        QVERIFY(check(lstm, "lstm-12-steps", kVocab, false, {{12}}) <= kTolerance);
        Network transformer = token_network("transformer", {10, 8});
        transformer.reset_parameters(0);
        Network shorter = token_network("transformer", {7, 5});
        weights_from_bytes(shorter, weights_to_bytes(transformer), "transformer");
        QVERIFY(check(shorter, "transformer-7-5-steps", kVocab, false, {}, &transformer) <= kTolerance);
    }

    // The Transformer on padded source sentences: random valid lengths 1–10 in "valid_lens", which the encoder's
    // self-attention and the decoder's attention to the encoder mask by, as DiveLab does with the same lengths.
    void transformerMasksPaddedSources() {
        Network net = token_network("transformer", {10, 8});
        net.reset_parameters(0);
        std::vector<int32_t> lengths(kExamples);
        Rng rng(5);
        for (int32_t& l : lengths) l = 1 + static_cast<int32_t>(rng.uniform() * 10) % 10;
        const double error = check(net, "transformer-padded", kVocab, false, {}, nullptr, lengths);
        QVERIFY2(error <= kTolerance, qPrintable("max relative error " + QString::number(error)));
    }

    // BERT (D2L §14.8): a tiny pretraining network (masked-LM and next-sentence heads, two outputs) and a
    // fine-tuning classifier, random weights, three rows of valid lengths 10, 7 and 5 (padding present) and a
    // repeated masked-LM position. Every output matches ONNX Runtime.
    void tinyBertMatchesOnnxRuntime() {
        for (const bool pretraining : {true, false}) {
            const dltest::BertBatchCase batch =
                dltest::padded_bert_batch(10, {10, 7, 5}, 3, dltest::kBertVocab, pretraining, 11);
            std::vector<Shape> shapes{{10}, {10}};
            if (pretraining) shapes.push_back({3});
            Network net(dltest::tiny_bert_spec(pretraining), shapes);
            net.reset_parameters(3);
            const QString name = pretraining ? "tiny-bert-pretraining" : "tiny-bert-classifier";
            const double error = check_bert(net, name, batch);
            QVERIFY2(error <= kTolerance, qPrintable(name + ": max relative error " + QString::number(error)));
        }
    }

    // The padding is masked in DiveLab too: a different token (and segment) in a padded slot changes no output,
    // while without the lengths it does (so the comparison above really covers the mask).
    void bertPaddingChangesNothing() {
        const dltest::BertBatchCase batch = dltest::padded_bert_batch(10, {10, 7, 5}, 3, dltest::kBertVocab, true, 11);
        Network net(dltest::tiny_bert_spec(true), std::vector<Shape>{{10}, {10}, {3}});
        net.reset_parameters(3);
        auto outputs = [&](const std::vector<Tensor>& xs, bool masked) {
            NoGradGuard no_grad;
            const SequenceLengths lengths{batch.valid_lens, {}};
            ForwardContext ctx;
            if (masked) ctx.lengths = &lengths;
            std::vector<Var> vars(xs.begin(), xs.end());
            std::vector<Tensor> ys;
            for (const Var& y : net.forward_outputs(vars, ctx)) ys.push_back(y.value());
            return ys;
        };
        std::vector<Tensor> changed;
        for (const Tensor& x : batch.inputs) changed.push_back(x.clone());  // Tensor copies share storage
        changed[0][1 * 10 + 8] = 9;                                         // row 1 (valid length 7), position 8
        changed[1][1 * 10 + 8] = 1;
        changed[0][2 * 10 + 6] = 12;  // row 2 (valid length 5), position 6
        const std::vector<Tensor> before = outputs(batch.inputs, true), after = outputs(changed, true);
        for (size_t k = 0; k < before.size(); ++k)
            for (int64_t i = 0; i < before[k].numel(); ++i) QCOMPARE(after[k][i], before[k][i]);
        const std::vector<Tensor> unmasked = outputs(batch.inputs, false), unmasked_changed = outputs(changed, false);
        double moved = 0;
        for (int64_t i = 0; i < unmasked[1].numel(); ++i) moved += std::fabs(unmasked[1][i] - unmasked_changed[1][i]);
        QVERIFY2(moved > 1e-4, qPrintable("without lengths the padded tokens should count: " + QString::number(moved)));
    }

    // `divelab-cli export --format onnx` of a saved BERT model runs in ONNX Runtime like the model in DiveLab.
    void cliExportedBertMatchesOnnxRuntime() {
        const QString cli = qEnvironmentVariable("DIVELAB_CLI");
        if (cli.isEmpty()) QSKIP("DIVELAB_CLI is not set (ctest sets it)");
        Network net(dltest::tiny_bert_spec(true), std::vector<Shape>{{10}, {10}, {3}});
        net.reset_parameters(6);
        save_model(net, dir_.filePath("cli-bert.json").toStdString());
        const QString out = run(cli, {"export", "--model-file", dir_.filePath("cli-bert.json"), "--format", "onnx",
                                      "--out", dir_.filePath("cli-bert.onnx")});
        QVERIFY2(out.contains("(ONNX, opset 17)"), qPrintable(out));
        const dltest::BertBatchCase batch = dltest::padded_bert_batch(10, {10, 7, 5}, 3, dltest::kBertVocab, true, 14);
        const QString c =
            write_case(net, "cli-bert", batch.inputs, std::vector<bool>(3, true), batch.valid_lens, nullptr, false);
        const double error = run_case("cli-bert", c);
        QVERIFY2(error <= kTolerance, qPrintable("max relative error " + QString::number(error)));
    }

    // bert-tiny at its real sizes (hidden 128, FFN 256, 2 heads, vocabulary 1000), sequences of D2L's 64 tokens.
    void bertTinyPresetMatchesOnnxRuntime() {
        const dltest::BertBatchCase batch = dltest::padded_bert_batch(64, {64, 40, 17}, 10, 1000, true, 12);
        Network net(dltest::bert_tiny_preset(1000), std::vector<Shape>{{64}, {64}, {10}});
        net.reset_parameters(4);
        const double error = check_bert(net, "bert-tiny", batch);
        QVERIFY2(error <= kTolerance, qPrintable("bert-tiny: max relative error " + QString::number(error)));
    }

    // D2L §10.3's single-head scorers on a float sequence: causal dot-product self-attention, then additive
    // attention with those outputs as queries.
    void attentionScorersMatchOnnxRuntime() {
        const NetworkSpec spec = parse_network(R"({"format": "divelab-network", "version": 1, "name": "scorers",
            "layers": [
              {"id": "fc", "type": "Linear", "out_features": 8},
              {"id": "dot", "type": "DotProductAttention", "mask": "causal", "inputs": ["fc", "fc", "fc"]},
              {"id": "additive", "type": "AdditiveAttention", "hidden": 6, "inputs": ["dot", "fc"]},
              {"id": "flatten", "type": "Flatten"},
              {"id": "out", "type": "Linear", "out_features": 3}]})",
                                               "scorers");
        Network net(spec, {6, 5});
        net.reset_parameters(0);
        const double error = check(net, "scorers");
        QVERIFY2(error <= kTolerance, qPrintable("max relative error " + QString::number(error)));
    }

    // The layers no preset uses, on a float sequence [6, 4]: GELU, LeakyReLU, a learned position embedding,
    // LayerNorm over the last axis and over the whole example, Softmax, and a stacked bidirectional LSTM whose
    // final state starts a second one (the "state" port and the starting-state input), read at its last step.
    void otherLayersMatchOnnxRuntime() {
        const NetworkSpec spec = parse_network(R"({"format": "divelab-network", "version": 1, "name": "others",
            "layers": [
              {"id": "fc", "type": "Linear", "out_features": 8},
              {"id": "gelu", "type": "GELU"},
              {"id": "leaky", "type": "LeakyReLU", "negative_slope": 0.1},
              {"id": "softmax", "type": "Softmax"},
              {"id": "positions", "type": "PositionEmbedding", "max_len": 10},
              {"id": "ln", "type": "LayerNorm", "normalized_axes": 1},
              {"id": "lstm1", "type": "LSTM", "hidden_size": 5, "num_layers": 2, "bidirectional": true},
              {"id": "lstm2", "type": "LSTM", "hidden_size": 5, "num_layers": 2, "bidirectional": true,
               "inputs": ["lstm1", "lstm1:state"]},
              {"id": "last", "type": "SequenceOutput", "steps": "last"},
              {"id": "tanh", "type": "Tanh"},
              {"id": "ln2", "type": "LayerNorm"},
              {"id": "out", "type": "Linear", "out_features": 3}]})",
                                               "others");
        Network net(spec, {6, 4});
        net.reset_parameters(0);
        const double error = check(net, "others");
        QVERIFY2(error <= kTolerance, qPrintable("max relative error " + QString::number(error)));
    }

    // Initializers carry the model file's names, a block's inner nodes included ("layer2_0.conv3.weight").
    void initializersAreNamedAsInTheModelFile() {
        Network net(load_preset("resnet18-cpu"), {1, 48, 48});
        const std::string bytes = onnx_model_bytes(net);
        QVERIFY(bytes.find("layer2_0.conv3.weight") != std::string::npos);
        for (const Param& p : net.parameters()) QVERIFY2(bytes.find(p.name) != std::string::npos, p.name.c_str());
        for (const Buffer& b : net.buffers()) QVERIFY2(bytes.find(b.name) != std::string::npos, b.name.c_str());
    }

    void layerWithoutFormIsAnErrorAndWritesNothing() {
        NetworkSpec spec = load_preset("nadaraya-watson");
        spec.nodes.front().attrs.set("num_keys", int64_t{10});
        Network net(spec, {1});
        const QString path = dir_.filePath("nw.onnx");
        QString message;
        try {
            export_onnx(net, path.toStdString());
        } catch (const InputError& e) {
            message = e.what();
        }
        QCOMPARE(message, QString("node 'nw' (NadarayaWatson) has no ONNX form yet"));
        QVERIFY(!QFile::exists(path));
        // Bahdanau's decoder runs its attention step by step inside one layer: not exported yet either.
        Network bahdanau = token_network("bahdanau", {10, 8});
        try {
            onnx_model_bytes(bahdanau);
            message.clear();
        } catch (const InputError& e) {
            message = e.what();
        }
        QCOMPARE(message, QString("node 'decoder' (AttentionGRUDecoder) has no ONNX form yet"));
    }
};

QTEST_GUILESS_MAIN(TestOnnxExport)
#include "test_onnx_export.moc"
