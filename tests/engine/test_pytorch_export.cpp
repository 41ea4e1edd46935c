// PyTorch export: the exported model.py with the exported weights reproduces DiveLab's outputs on 100 fixed-seed
// inputs (Debian's python3-torch runs it), and a layer without a PyTorch form is refused before anything is written.
#include <QtTest>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "bert_export_case.h"
#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/io/pytorch_export.h"

using namespace dl;

namespace {

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, with python3-torch and numpy

// Runs the exported Net on the tensors "x0", "x1", ... of inputs.safetensors (and "valid_lens" when there) and
// writes its outputs as "y0", "y1", ... (one, or each of the tuple a network with several outputs returns) to
// outputs.safetensors.
constexpr const char* kRunScript = R"py(import sys
import torch
project, inputs, outputs = sys.argv[1:4]
sys.path.insert(0, project)
import model, safetensors_io
net = model.Net()
model.load_weights(net, project + "/weights.safetensors")
net.eval()
tensors = {name: torch.from_numpy(t) for name, t in safetensors_io.load(inputs)[0].items()}
xs = [tensors[f"x{i}"] for i in range(len([n for n in tensors if n.startswith("x")]))]
extra = {"valid_lens": tensors["valid_lens"].long()} if "valid_lens" in tensors else {}
with torch.no_grad():
    y = net(*xs, **extra)
ys = y if isinstance(y, tuple) else (y,)
safetensors_io.save(outputs, {f"y{k}": t.numpy() for k, t in enumerate(ys)})
)py";

// A safetensors file of named tensors (the layout of engine/io/model_file.h).
void write_tensors(const QString& path, const std::vector<std::pair<std::string, Tensor>>& tensors) {
    nlohmann::json header;
    int64_t offset = 0;
    for (const auto& [name, t] : tensors) {
        header[name] = {{"dtype", "F32"}, {"shape", t.shape()}, {"data_offsets", {offset, offset + t.numel() * 4}}};
        offset += t.numel() * 4;
    }
    std::string head = header.dump();
    head.append((8 - head.size() % 8) % 8, ' ');
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((head.size() >> (8 * i)) & 0xff);
    bytes += head;
    for (const auto& [name, t] : tensors)
        bytes.append(reinterpret_cast<const char*>(t.data()), t.numel() * sizeof(float));
    write_file_atomically(path.toStdString(), bytes);
}

Tensor read_tensor(const QString& path, const std::string& name) {
    const std::string bytes = read_file(path.toStdString());
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
    const nlohmann::json header = nlohmann::json::parse(bytes.substr(8, n));
    Tensor t = Tensor::zeros(header.at(name).at("shape").get<Shape>());
    const uint64_t begin = header.at(name).at("data_offsets")[0].get<uint64_t>();
    std::memcpy(t.data(), bytes.data() + 8 + n + begin, t.numel() * sizeof(float));
    return t;
}

// 100 examples drawn from a fixed seed: pixels in [0, 1), or token ids below `vocab` when vocab > 0.
Tensor fixed_inputs(const Shape& example, int64_t vocab, uint64_t seed = 20240613) {
    Shape shape{100};
    shape.insert(shape.end(), example.begin(), example.end());
    Tensor x = Tensor::zeros(shape);
    Rng rng(seed);
    for (int64_t i = 0; i < x.numel(); ++i)
        x[i] = vocab > 0 ? static_cast<float>(std::floor(rng.uniform() * static_cast<double>(vocab)))
                         : static_cast<float>(rng.uniform());
    return x;
}

// BatchNorm's statistics away from 0 and 1, so inference-form normalisation is really compared.
void vary_batch_norm_statistics(Network& net) {
    Rng rng(7);
    for (Buffer& b : net.buffers()) {
        const bool var = b.name.find("running_var") != std::string::npos;
        for (int64_t i = 0; i < b.value.numel(); ++i)
            b.value[i] = static_cast<float>(var ? rng.uniform(0.5, 1.5) : rng.uniform(-0.5, 0.5));
    }
}

// max |a − b| / max(1, |b|) and max |a − b| over all elements; infinite when the shapes differ.
struct Errors {
    double relative = 0, absolute = 0;
};
Errors max_errors(const Tensor& divelab, const Tensor& torch) {
    if (divelab.shape() != torch.shape()) return {INFINITY, INFINITY};
    Errors e;
    for (int64_t i = 0; i < divelab.numel(); ++i) {
        const double diff = std::abs(static_cast<double>(divelab[i]) - torch[i]);
        e.absolute = std::max(e.absolute, diff);
        e.relative = std::max(e.relative, diff / std::max(1.0, std::abs(static_cast<double>(torch[i]))));
    }
    return e;
}

QString run_python(const QStringList& args) {
    if (!QFileInfo(kPython).isExecutable()) return QString("%1 is missing: install python3-torch").arg(kPython);
    QProcess p;
    p.start(kPython, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QString("%1 %2 failed (needs Debian's python3-torch and python3-numpy):\n%3")
            .arg(kPython, args.join(' '), QString::fromUtf8(p.readAllStandardError()));
    return {};
}

}  // namespace

class TestPytorchExport : public QObject {
    Q_OBJECT

private:
    // Exports the seed-0 preset, runs both sides on the same inputs, returns the max relative error.
    double compare(const QString& preset, const Shape& example, int64_t vocab = 0) {
        NetworkSpec spec = load_preset(preset.toStdString());
        for (NodeSpec& node : spec.nodes)  // a language model's vocabulary comes from its data set
            if (node.type == "OneHot" && vocab > 0) node.attrs.set("vocab_size", vocab);
        Network net(spec, example);
        return compare(preset, net, {fixed_inputs(example, vocab)});
    }

    // The same for a built network and its inputs (one per network input), with valid lengths when given; every
    // output of the network is compared. `reset`: seed-0 weights and varied BatchNorm statistics first.
    double compare(const QString& preset, Network& net, const std::vector<Tensor>& xs,
                   const std::vector<int32_t>& valid_lens = {}, bool reset = true) {
        if (reset) {
            net.reset_parameters(0);
            vary_batch_norm_statistics(net);
        }
        QTemporaryDir dir;
        const QString project = dir.filePath("project");
        export_pytorch(net, PytorchTraining(), project.toStdString());
        return compare_project(preset, net, project, xs, valid_lens);
    }

    // DiveLab's outputs of `net` against the exported project in `project` on the same inputs.
    double compare_project(const QString& preset, Network& net, const QString& project, const std::vector<Tensor>& xs,
                           const std::vector<int32_t>& valid_lens) {
        QTemporaryDir dir;
        std::vector<std::pair<std::string, Tensor>> files;
        std::vector<Var> inputs;
        for (size_t i = 0; i < xs.size(); ++i) {
            files.emplace_back("x" + std::to_string(i), xs[i]);
            inputs.emplace_back(xs[i]);
        }
        SequenceLengths lengths{valid_lens, {}};
        if (!valid_lens.empty()) {
            Tensor t = Tensor::zeros({static_cast<int64_t>(valid_lens.size())});
            for (size_t i = 0; i < valid_lens.size(); ++i) t[static_cast<int64_t>(i)] = valid_lens[i];
            files.emplace_back("valid_lens", t);
        }
        write_tensors(dir.filePath("inputs.safetensors"), files);
        std::vector<Var> ours;
        {
            NoGradGuard g;
            ForwardContext ctx;
            if (!valid_lens.empty()) ctx.lengths = &lengths;
            ours = net.forward_outputs(inputs, ctx);
        }
        QFile script(dir.filePath("run.py"));
        if (!script.open(QIODevice::WriteOnly) || script.write(kRunScript) < 0) return INFINITY;
        script.close();
        const QString failure = run_python(
            {script.fileName(), project, dir.filePath("inputs.safetensors"), dir.filePath("outputs.safetensors")});
        if (!failure.isEmpty()) {
            qWarning().noquote() << failure;
            return INFINITY;
        }
        double worst = 0;
        const std::vector<std::string> names = net.spec().output_ids();
        for (size_t k = 0; k < ours.size(); ++k) {
            const Tensor theirs = read_tensor(dir.filePath("outputs.safetensors"), "y" + std::to_string(k));
            const Errors e = max_errors(ours[k].value(), theirs);
            qInfo().noquote() << preset << names[k].c_str() << ": max relative error" << e.relative
                              << "max absolute error" << e.absolute << "over" << ours[k].value().numel() << "outputs";
            worst = std::max(worst, e.relative);
        }
        return worst;
    }

private slots:
    void mlpMatches() { QVERIFY(compare("mlp", {1, 28, 28}) <= 1e-4); }
    void softmaxMatches() { QVERIFY(compare("softmax", {1, 28, 28}) <= 1e-4); }
    void lenetMatches() { QVERIFY(compare("lenet", {1, 28, 28}) <= 1e-4); }
    void batchNormLenetMatches() { QVERIFY(compare("lenet-bn", {1, 28, 28}) <= 1e-4); }
    void resnet18CpuMatches() { QVERIFY(compare("resnet18-cpu", {1, 48, 48}) <= 1e-4); }
    void lstmLanguageModelMatches() { QVERIFY(compare("lstm", {35}, 28) <= 1e-4); }

    // Encoder and decoder blocks, causal masks, and the source-length mask on padded source sentences.
    void transformerMatches() {
        NetworkSpec spec = load_preset("transformer");
        for (NodeSpec& node : spec.nodes) {
            if (node.id == "source_embedding") node.attrs.set("vocab_size", int64_t{20});
            if (node.id == "target_embedding") node.attrs.set("vocab_size", int64_t{24});
            if (node.id == "output") node.attrs.set("out_features", int64_t{24});
        }
        const Shape steps{10};
        Network net(spec, std::vector<Shape>{steps, steps});
        std::vector<int32_t> lengths(100);
        Rng rng(5);
        for (int32_t& l : lengths) l = 1 + static_cast<int32_t>(rng.uniform() * 10);
        QVERIFY(compare("transformer", net, {fixed_inputs(steps, 20, 1), fixed_inputs(steps, 24, 2)}, lengths) <= 1e-4);
    }

    // BERT (D2L §14.8): a tiny pretraining network (both heads: forward returns (mlm_output, nsp_output)) and a
    // fine-tuning classifier, random weights, three rows of valid lengths 10, 7 and 5 (padding present) passed as
    // valid_lens, and a repeated masked-LM position.
    void tinyBertMatches() {
        for (const bool pretraining : {true, false}) {
            const dltest::BertBatchCase batch =
                dltest::padded_bert_batch(10, {10, 7, 5}, 3, dltest::kBertVocab, pretraining, 11);
            std::vector<Shape> shapes{{10}, {10}};
            if (pretraining) shapes.push_back({3});
            Network net(dltest::tiny_bert_spec(pretraining), shapes);
            net.reset_parameters(3);
            const QString name = pretraining ? "tiny-bert-pretraining" : "tiny-bert-classifier";
            QVERIFY2(compare(name, net, batch.inputs, batch.valid_lens, false) <= 1e-4, qPrintable(name));
        }
    }

    // bert-tiny at its real sizes (hidden 128, FFN 256, 2 heads, vocabulary 1000), sequences of D2L's 64 tokens.
    void bertTinyPresetMatches() {
        const dltest::BertBatchCase batch = dltest::padded_bert_batch(64, {64, 40, 17}, 10, 1000, true, 12);
        Network net(dltest::bert_tiny_preset(1000), std::vector<Shape>{{64}, {64}, {10}});
        net.reset_parameters(4);
        QVERIFY(compare("bert-tiny", net, batch.inputs, batch.valid_lens, false) <= 1e-4);
    }

    // `divelab-cli export` of a saved BERT model (with its vocabulary): the PyTorch project computes what DiveLab
    // does, and its train.py refuses to train it with a message saying why; the ONNX file is written too
    // (test_onnx_export runs such a file).
    void cliExportsSavedBert() {
        const QString cli = qEnvironmentVariable("DIVELAB_CLI");
        if (cli.isEmpty()) QSKIP("DIVELAB_CLI is not set (ctest sets it)");
        Network net(dltest::tiny_bert_spec(true), std::vector<Shape>{{10}, {10}, {3}});
        net.reset_parameters(5);
        BertVocabulary vocabulary;
        vocabulary.idx_to_token = {"<unk>", "<pad>", "<mask>", "<cls>", "<sep>"};
        for (int64_t i = 5; i < dltest::kBertVocab; ++i) {
            std::string word = "w";  // built in steps: GCC 12 warns falsely (-Wrestrict) on "w" + std::string
            word += std::to_string(i);
            vocabulary.idx_to_token.push_back(word);
        }
        vocabulary.token_counts.assign(vocabulary.idx_to_token.size(), 1);
        QTemporaryDir dir;
        save_model(net, dir.filePath("bert.json").toStdString(), nullptr, nullptr, &vocabulary);
        QProcess p;
        p.start(cli, {"export", "--model-file", dir.filePath("bert.json"), "--format", "pytorch", "--out",
                      dir.filePath("project")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const dltest::BertBatchCase batch = dltest::padded_bert_batch(10, {10, 7, 5}, 3, dltest::kBertVocab, true, 13);
        QVERIFY(compare_project("cli-bert", net, dir.filePath("project"), batch.inputs, batch.valid_lens) <= 1e-4);
        QVERIFY(read_file(dir.filePath("project/weights.json").toStdString()).find("bert_vocabulary") !=
                std::string::npos);
        QProcess train;
        train.start(kPython, {dir.filePath("project/train.py")});
        QVERIFY(train.waitForFinished(60000));
        const QString message = QString::fromUtf8(train.readAllStandardError());
        QVERIFY2(train.exitCode() != 0 && message.contains("tokens, segments, positions") &&
                     message.contains("model.py and the weights work as they are"),
                 qPrintable(message));
        p.start(cli, {"export", "--model-file", dir.filePath("bert.json"), "--format", "onnx", "--out",
                      dir.filePath("bert.onnx")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0 && QFileInfo(dir.filePath("bert.onnx")).size() > 0,
                 p.readAllStandardError().constData());
    }

    // model.py names BERT's inputs and outputs and the learned positions' table as DiveLab does.
    void bertModelCodeReadsLikeTheGraph() {
        Network net(dltest::tiny_bert_spec(true), std::vector<Shape>{{10}, {10}, {3}});
        const QString code = QString::fromStdString(pytorch_model_code(net));
        QVERIFY2(code.contains("def forward(self, tokens, segments, positions, valid_lens=None):"), qPrintable(code));
        QVERIFY(code.contains("self.position_embedding = PositionEmbedding(16, 8)"));
        QVERIFY(code.contains("cls = encoder2[:, 0]"));
        QVERIFY(code.contains("return mlm_output, nsp_output"));
    }

    void residualBlocksBecomeSubmodules() {
        Network net(load_preset("resnet18-cpu"), Shape{1, 48, 48});
        const QString code = QString::fromStdString(pytorch_model_code(net));
        QVERIFY2(code.contains("class Residual(nn.Module)"), qPrintable(code));
        QVERIFY(code.contains("self.layer2_0 = Residual2()"));
        QVERIFY(code.contains("self.conv3 = nn.Conv2d(32, 64, kernel_size=1, stride=2)"));
        QVERIFY(code.contains("add = bn2 + x"));  // the shortcut of a block without 1×1 convolution
    }

    // train.py's lr_at gives the engine's learning rate at every epoch, for D2L §11.11's schedules too.
    void exportedScheduleMatchesTheEngine() {
        if (!QFileInfo(kPython).isExecutable()) QSKIP("needs /usr/bin/python3 with python3-torch");
        Network net(load_preset("mlp"), Shape{1, 28, 28});
        struct Case {
            const char* schedule;
            int64_t warmup;
            std::optional<float> start;
        };
        const std::vector<Case> cases = {{"multifactor:2,5:0.5", 2, {}},
                                         {"cosine:0.01:20", 5, 0.0f},
                                         {"cosine:0.001", 3, {}},
                                         {"step:3:0.5", 1, 0.1f}};
        QTemporaryDir dir;
        std::vector<TrainConfig> configs;
        QStringList projects;
        for (const Case& c : cases) {
            PytorchTraining training;
            training.config.epochs = 30;
            training.config.optimizer.lr = 0.3f;
            training.config.schedule = parse_lr_schedule(c.schedule, c.warmup);
            training.config.schedule.warmup_start_lr = c.start;
            projects << dir.filePath(QString("project%1").arg(projects.size()));
            export_pytorch(net, training, projects.back().toStdString());
            configs.push_back(training.config);
        }
        // One Python for all projects (torch loads once): each project's train.py imported afresh.
        QProcess p;
        p.start(kPython, QStringList{"-c",
                                     "import sys\n"
                                     "for d in sys.argv[1:]:\n"
                                     "    sys.path.insert(0, d)\n"
                                     "    for m in ('train', 'model'): sys.modules.pop(m, None)\n"
                                     "    import train\n"
                                     "    print(' '.join(repr(train.lr_at(e)) for e in range(30)))\n"
                                     "    sys.path.pop(0)\n"} +
                             projects);
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split('\n');
        QCOMPARE(lines.size(), qsizetype(cases.size()));
        for (size_t i = 0; i < cases.size(); ++i) {
            const QStringList values = lines[qsizetype(i)].split(' ');
            QCOMPARE(values.size(), 30);
            for (int e = 0; e < 30; ++e) {
                const double engine = configs[i].schedule.lr_at(0.3f, e, 30);
                QVERIFY2(std::abs(values[e].toDouble() - engine) <= 1e-6 * std::max(1.0, engine),
                         qPrintable(QString("%1, epoch %2: train.py %3, DiveLab %4")
                                        .arg(cases[i].schedule)
                                        .arg(e)
                                        .arg(values[e])
                                        .arg(engine)));
            }
        }
    }

    void layerWithoutPytorchFormIsRefused() {
        NetworkSpec spec;
        spec.name = "scores";
        spec.nodes = {{"attend", "DotProductAttention", {}, {"input", "input"}}};
        Network net(spec, Shape{10, 8});
        QTemporaryDir dir;
        const std::string project = dir.filePath("project").toStdString();
        try {
            export_pytorch(net, PytorchTraining(), project);
            QFAIL("the export should refuse DotProductAttention");
        } catch (const InputError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("'attend'") && message.contains("DotProductAttention"), qPrintable(message));
        }
        QVERIFY(!QFileInfo::exists(QString::fromStdString(project)));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(project) + ".partial"));
    }

    void refusesAFolderThatIsNotEmpty() {
        Network net(load_preset("mlp"), Shape{1, 28, 28});
        QTemporaryDir dir;
        QFile other(dir.filePath("notes.txt"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        QVERIFY_THROWS_EXCEPTION(InputError, export_pytorch(net, PytorchTraining(), dir.path().toStdString()));
        QVERIFY(QFileInfo::exists(other.fileName()));
    }
};

QTEST_GUILESS_MAIN(TestPytorchExport)
#include "test_pytorch_export.moc"
