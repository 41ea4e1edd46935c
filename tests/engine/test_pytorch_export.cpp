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

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/io/pytorch_export.h"

using namespace dl;

namespace {

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, with python3-torch and numpy

// Runs the exported Net on the tensors "x0", "x1", ... of inputs.safetensors (and "source_lengths" when there)
// and writes "y" to outputs.safetensors.
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
extra = {"source_lengths": tensors["source_lengths"].long()} if "source_lengths" in tensors else {}
with torch.no_grad():
    y = net(*xs, **extra)
safetensors_io.save(outputs, {"y": y.numpy()})
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

// max |a − b| / max(1, |b|) over all elements; infinite when the shapes differ.
double max_relative_error(const Tensor& divelab, const Tensor& torch) {
    if (divelab.shape() != torch.shape()) return INFINITY;
    double worst = 0;
    for (int64_t i = 0; i < divelab.numel(); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(divelab[i]) - torch[i]) /
                                    std::max(1.0, std::abs(static_cast<double>(torch[i]))));
    return worst;
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

    // The same for a built network and its inputs (one per network input), with source lengths when given.
    double compare(const QString& preset, Network& net, const std::vector<Tensor>& xs,
                   const std::vector<int32_t>& source_lengths = {}) {
        net.reset_parameters(0);
        vary_batch_norm_statistics(net);
        QTemporaryDir dir;
        const QString project = dir.filePath("project");
        export_pytorch(net, PytorchTraining(), project.toStdString());
        std::vector<std::pair<std::string, Tensor>> files;
        std::vector<Var> inputs;
        for (size_t i = 0; i < xs.size(); ++i) {
            files.emplace_back("x" + std::to_string(i), xs[i]);
            inputs.emplace_back(xs[i]);
        }
        SequenceLengths lengths{source_lengths, {}};
        if (!source_lengths.empty()) {
            Tensor t = Tensor::zeros({static_cast<int64_t>(source_lengths.size())});
            for (size_t i = 0; i < source_lengths.size(); ++i) t[static_cast<int64_t>(i)] = source_lengths[i];
            files.emplace_back("source_lengths", t);
        }
        write_tensors(dir.filePath("inputs.safetensors"), files);
        Tensor ours;
        {
            NoGradGuard g;
            ForwardContext ctx;
            if (!source_lengths.empty()) ctx.lengths = &lengths;
            ours = net.forward(inputs, ctx).value();
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
        const double error = max_relative_error(ours, read_tensor(dir.filePath("outputs.safetensors"), "y"));
        qInfo().noquote() << preset << ": max relative error" << error << "over" << ours.numel() << "outputs";
        return error;
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

    void residualBlocksBecomeSubmodules() {
        Network net(load_preset("resnet18-cpu"), Shape{1, 48, 48});
        const QString code = QString::fromStdString(pytorch_model_code(net));
        QVERIFY2(code.contains("class Residual(nn.Module)"), qPrintable(code));
        QVERIFY(code.contains("self.layer2_0 = Residual2()"));
        QVERIFY(code.contains("self.conv3 = nn.Conv2d(32, 64, kernel_size=1, stride=2)"));
        QVERIFY(code.contains("add = bn2 + x"));  // the shortcut of a block without 1×1 convolution
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
