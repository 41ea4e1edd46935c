// Project files (.divelab): every field survives save → open exactly, weights reproduce predictions
// bit for bit, damaged or foreign files give clear errors and never crash, saving is atomic.
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <random>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/base64.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/io/project_file.h"
#include "gradcheck.h"

using namespace dl;
using nlohmann::json;

namespace {
Tensor predict(Network& net, const Tensor& x) {
    NoGradGuard g;
    ForwardContext ctx;
    return net.forward(Var(x), ctx).value();
}

QString error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

bool same_bits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}
bool same_bits(float a, float b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

NodeSpec node(const std::string& id, const std::string& type, std::vector<std::string> inputs, double x, double y) {
    NodeSpec n;
    n.id = id;
    n.type = type;
    n.inputs = std::move(inputs);
    n.x = x;
    n.y = y;
    return n;
}

// fc1 → relu1 → fc2 ─┐
//            └───────+ sum → out     (a residual branch; "out" has no editor position yet)
NetworkSpec branching_network() {
    NetworkSpec spec;
    spec.name = "residual toy";
    spec.description = "a skip connection around fc2";
    spec.input_shape = {2};
    spec.nodes.push_back(node("fc1", "Linear", {}, 10.5, -20.25));
    spec.nodes.back().attrs.set("out_features", int64_t{8});
    spec.nodes.back().attrs.set("init", std::string("normal"));
    spec.nodes.back().attrs.set("init_std", 0.0123456789);
    spec.nodes.push_back(node("relu1", "ReLU", {}, 10.5, 80.125));
    spec.nodes.push_back(node("fc2", "Linear", {"relu1"}, 200.0 / 3.0, 180));
    spec.nodes.back().attrs.set("out_features", int64_t{8});
    spec.nodes.push_back(node("sum", "Add", {"fc2", "relu1"}, 0.1, 280));
    spec.nodes.push_back(node("out", "Linear", {}, NAN, NAN));
    spec.nodes.back().attrs.set("out_features", int64_t{3});
    spec.output = "out";
    spec.train.dataset = "spiral";
    spec.train.lr = 0.01;
    return spec;
}

EpochMetrics metrics(int epoch, double loss, double acc, double test_loss, double test_acc, float lr) {
    EpochMetrics m;
    m.epoch = epoch;
    m.train_loss = loss;
    m.train_acc = acc;
    m.test_loss = test_loss;
    m.test_acc = test_acc;
    m.seconds = 1.0 / 3.0 * epoch;
    m.examples_per_sec = 12345.678901234567;
    m.lr = lr;
    return m;
}

// Every setting away from its default, with values that have no short decimal form.
Project full_project(Network& net) {
    Project p;
    p.network = net.spec();
    p.dataset = "spiral";
    p.dataset_options.size = 1234;
    p.dataset_options.noise = 0.1 + 0.2;  // 0.30000000000000004
    p.dataset_options.num_classes = 5;
    p.dataset_options.test_fraction = 0.3;
    p.dataset_options.target = "label ü";
    p.dataset_options.classify_target = true;
    p.dataset_options.standardize = true;
    p.dataset_options.seed = 18446744073709551615ull;  // the largest uint64
    p.dataset_options.train_limit = 900;
    p.dataset_options.test_limit = 77;
    TrainConfig& t = p.train;
    t.epochs = 17;
    t.batch_size = 48;
    t.seed = 9007199254740993ull;  // 2^53 + 1: not representable as a double
    t.threads = 3;
    t.optimizer.name = "rmsprop";
    t.optimizer.lr = 0.123456789f;
    t.optimizer.momentum = 0.87654321f;
    t.optimizer.nesterov = true;
    t.optimizer.weight_decay = 3e-5f;
    t.optimizer.beta1 = 0.8f;
    t.optimizer.beta2 = 0.9999f;
    t.optimizer.eps = 1.5e-7f;
    t.optimizer.alpha = 0.95f;
    t.optimizer.rho = 0.85f;
    t.schedule.kind = LrSchedule::Step;
    t.schedule.step_size = 7;
    t.schedule.gamma = 0.333333343f;
    t.schedule.warmup_steps = 2;
    t.clip_norm = 2.7182817f;
    t.loss = "cross_entropy";
    p.history = {metrics(1, 1.0986122886681098, 0.3412, 1.05, 0.4, 0.1f), metrics(2, 0.7, NAN, NAN, NAN, 0.123456789f),
                 metrics(3, 0.5, 0.8, 0.55, 0.79, NAN)};
    p.weights = weights_to_bytes(net);
    p.saved_by = "DiveLab 0.1.0 (test)";
    return p;
}

void compare_networks(const NetworkSpec& a, const NetworkSpec& b) {
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.description, b.description);
    QCOMPARE(a.input_shape, b.input_shape);
    QCOMPARE(a.output, b.output);
    QCOMPARE(a.train.dataset, b.train.dataset);
    QCOMPARE(a.train.lr, b.train.lr);
    QCOMPARE(a.nodes.size(), b.nodes.size());
    for (size_t i = 0; i < a.nodes.size(); ++i) {
        QCOMPARE(a.nodes[i].id, b.nodes[i].id);
        QCOMPARE(a.nodes[i].type, b.nodes[i].type);
        QCOMPARE(a.nodes[i].inputs, b.nodes[i].inputs);
        QVERIFY(a.nodes[i].attrs == b.nodes[i].attrs);
        QVERIFY2(same_bits(a.nodes[i].x, b.nodes[i].x) && same_bits(a.nodes[i].y, b.nodes[i].y), a.nodes[i].id.c_str());
    }
}

void compare_projects(const Project& a, const Project& b) {
    compare_networks(a.network, b.network);
    QCOMPARE(a.dataset, b.dataset);
    const DatasetOptions &d = a.dataset_options, &e = b.dataset_options;
    QCOMPARE(d.size, e.size);
    QVERIFY(d.noise.has_value() == e.noise.has_value() && (!d.noise || same_bits(*d.noise, *e.noise)));
    QCOMPARE(d.num_classes, e.num_classes);
    QVERIFY(d.test_fraction.has_value() == e.test_fraction.has_value() &&
            (!d.test_fraction || same_bits(*d.test_fraction, *e.test_fraction)));
    QCOMPARE(d.target, e.target);
    QCOMPARE(d.classify_target, e.classify_target);
    QCOMPARE(d.standardize, e.standardize);
    QCOMPARE(d.seed, e.seed);
    QCOMPARE(d.train_limit, e.train_limit);
    QCOMPARE(d.test_limit, e.test_limit);
    const TrainConfig &t = a.train, &u = b.train;
    QCOMPARE(t.epochs, u.epochs);
    QCOMPARE(t.batch_size, u.batch_size);
    QCOMPARE(t.seed, u.seed);
    QCOMPARE(t.threads, u.threads);
    QCOMPARE(t.optimizer.name, u.optimizer.name);
    QCOMPARE(t.optimizer.nesterov, u.optimizer.nesterov);
    for (auto field :
         {&OptimizerConfig::lr, &OptimizerConfig::momentum, &OptimizerConfig::weight_decay, &OptimizerConfig::beta1,
          &OptimizerConfig::beta2, &OptimizerConfig::eps, &OptimizerConfig::alpha, &OptimizerConfig::rho})
        QVERIFY(same_bits(t.optimizer.*field, u.optimizer.*field));
    QCOMPARE(t.schedule.kind, u.schedule.kind);
    QCOMPARE(t.schedule.step_size, u.schedule.step_size);
    QVERIFY(same_bits(t.schedule.gamma, u.schedule.gamma));
    QVERIFY(same_bits(t.schedule.min_lr, u.schedule.min_lr));
    QCOMPARE(t.schedule.warmup_steps, u.schedule.warmup_steps);
    QVERIFY(same_bits(t.clip_norm, u.clip_norm));
    QCOMPARE(t.loss, u.loss);
    QCOMPARE(a.history.size(), b.history.size());
    for (size_t i = 0; i < a.history.size(); ++i) {
        const EpochMetrics &m = a.history[i], &n = b.history[i];
        QCOMPARE(m.epoch, n.epoch);
        for (auto field : {&EpochMetrics::train_loss, &EpochMetrics::train_acc, &EpochMetrics::test_loss,
                           &EpochMetrics::test_acc, &EpochMetrics::seconds, &EpochMetrics::examples_per_sec})
            QVERIFY(same_bits(m.*field, n.*field) || (std::isnan(m.*field) && std::isnan(n.*field)));
        QVERIFY(same_bits(m.lr, n.lr) || (std::isnan(m.lr) && std::isnan(n.lr)));
    }
    QVERIFY(a.weights == b.weights);
    QCOMPARE(a.saved_by, b.saved_by);
}

Histogram histogram(const std::string& name, float lo, float hi, std::vector<int64_t> counts) {
    Histogram h;
    h.name = name;
    h.min = lo;
    h.max = hi;
    h.counts = std::move(counts);
    h.mean = (lo + hi) / 3.0;
    h.stddev = 0.1 + 0.2;
    for (int64_t c : h.counts) h.values += c;
    return h;
}

void compare_histograms(const std::vector<Histogram>& a, const std::vector<Histogram>& b) {
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].name, b[i].name);
        QVERIFY(same_bits(a[i].min, b[i].min) && same_bits(a[i].max, b[i].max));
        QVERIFY(same_bits(a[i].mean, b[i].mean) && same_bits(a[i].stddev, b[i].stddev));
        QCOMPARE(a[i].values, b[i].values);
        QCOMPARE(a[i].counts, b[i].counts);
    }
}

// Parses or throws InputError; anything else (another exception, a crash) fails the test.
bool parses_or_explains(const std::string& text) {
    try {
        const Project p = parse_project(text, "fuzz.divelab");
        (void)project_to_string(p);
        return true;
    } catch (const InputError&) {
        return false;
    }
}
}  // namespace

class TestProjectFile : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string path(const std::string& name) { return (dir_.path() + "/").toStdString() + name; }

    // A small trained-looking project: the spiral preset with real weights.
    Project spiral_project(Network& net) {
        Project p;
        p.network = net.spec();
        p.dataset = "spiral";
        p.weights = weights_to_bytes(net);
        p.history = {metrics(1, 0.9, 0.6, 0.8, 0.65, 0.01f)};
        return p;
    }

private Q_SLOTS:
    void base64MatchesRfc4648() {
        const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                               {"f", "Zg=="},
                                                               {"fo", "Zm8="},
                                                               {"foo", "Zm9v"},
                                                               {"foob", "Zm9vYg=="},
                                                               {"fooba", "Zm9vYmE="},
                                                               {"foobar", "Zm9vYmFy"}};
        for (const auto& [plain, encoded] : vectors) {
            QCOMPARE(base64_encode(plain), std::string(encoded));
            QCOMPARE(base64_decode(encoded, "test"), std::string(plain));
        }
        QCOMPARE(base64_decode(" Zm9v\r\nYmE=\n", "test"), std::string("fooba"));  // whitespace is ignored
        std::string all;
        for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
        for (size_t n = 0; n <= all.size(); n += 37)
            QCOMPARE(base64_decode(base64_encode(all.substr(0, n)), "t"), all.substr(0, n));
        QCOMPARE(base64_encode(std::string("\xfb\xff", 2)), std::string("+/8="));
    }
    void base64RejectsDamagedText() {
        for (const char* bad : {"Zm9v!", "Zm9vY", "Zg=", "Z===", "=Zg=", "Zg==Zm9v", "Zm9v====", "Zm-v", "Zm\x80v"}) {
            const QString e = error_of([&] { base64_decode(bad, "pic.divelab: the weights"); });
            QVERIFY2(e.startsWith("pic.divelab: the weights") && e.contains("base64"),
                     qPrintable(QString(bad) + " → " + e));
        }
        QVERIFY(error_of([] { base64_decode("Zm9vY", "w"); }).contains("multiple of 4"));
        QVERIFY(error_of([] { base64_decode("Zm9v!", "w"); }).contains("position 5"));
    }
    void weightsBytesMatchTheSafetensorsFile() {
        Network net(load_preset("spiral-mlp"), {2});
        net.reset_parameters(5);
        save_weights(net, path("w.safetensors"), "{\"arch\": 1}");
        QCOMPARE(weights_to_bytes(net, "{\"arch\": 1}"), read_file(path("w.safetensors")));
        const std::vector<std::string> names = weights_tensor_names(weights_to_bytes(net), "mem");
        QCOMPARE(names.size(), size_t{6});
        QVERIFY(std::find(names.begin(), names.end(), "fc2.bias") != names.end());
        const QString e = error_of([] { weights_tensor_names("short", "memory weights"); });
        QVERIFY2(e.startsWith("memory weights") && e.contains("not a safetensors"), qPrintable(e));
    }
    void weightsRestorePredictionsBitExactly() {
        Network net(load_preset("spiral-mlp"), {2});
        net.reset_parameters(42);
        const Tensor x = dltest::random_tensor({16, 2}, 3);
        const Tensor before = predict(net, x);
        save_project(path("spiral.divelab"), spiral_project(net));
        const Project loaded = load_project(path("spiral.divelab"));
        Network fresh(loaded.network, {2});
        fresh.reset_parameters(7);
        QVERIFY(predict(fresh, x).to_vector() != before.to_vector());  // the check below can fail
        weights_from_bytes(fresh, loaded.weights, "spiral.divelab");
        QCOMPARE(predict(fresh, x).to_vector(), before.to_vector());  // exact float equality
    }
    void everyFieldRoundTrips() {
        Network net(branching_network(), {2});
        net.reset_parameters(11);
        const Project p = full_project(net);
        compare_projects(p, parse_project(project_to_string(p), "memory"));
        save_project(path("full.divelab"), p);
        const Project loaded = load_project(path("full.divelab"));
        compare_projects(p, loaded);
        QVERIFY(!QFile::exists(QString::fromStdString(path("full.divelab.part"))));
        // the layout is there, and the weights drive the same branching network
        QCOMPARE(loaded.network.nodes[3].inputs, (std::vector<std::string>{"fc2", "relu1"}));
        QCOMPARE(loaded.network.nodes[2].x, 200.0 / 3.0);
        QVERIFY(std::isnan(loaded.network.nodes[4].x));
        Network fresh(loaded.network, {2});
        weights_from_bytes(fresh, loaded.weights, "full.divelab");
        const Tensor x = dltest::random_tensor({9, 2}, 4);
        QCOMPARE(predict(fresh, x).to_vector(), predict(net, x).to_vector());
        // saving what was opened gives the same file
        save_project(path("again.divelab"), loaded);
        QCOMPARE(read_file(path("again.divelab")), read_file(path("full.divelab")));
    }
    void otherSchedulesRoundTrip() {
        Network net(load_preset("spiral-mlp"), {2});
        Project p = spiral_project(net);
        for (const char* text : {"constant", "cosine:0.000123456791", "cosine", "step:1", "step:1000000000:1",
                                 "multifactor:15,30:0.333333343", "cosine:0.01:20"}) {
            p.train.schedule = parse_lr_schedule(text, 4);
            const Project q = parse_project(project_to_string(p), "memory");
            QCOMPARE(q.train.schedule.kind, p.train.schedule.kind);
            QCOMPARE(q.train.schedule.step_size, p.train.schedule.step_size);
            QVERIFY(same_bits(q.train.schedule.gamma, p.train.schedule.gamma));
            QCOMPARE(q.train.schedule.milestones, p.train.schedule.milestones);
            QVERIFY(same_bits(q.train.schedule.min_lr, p.train.schedule.min_lr));
            QCOMPARE(q.train.schedule.cosine_epochs, p.train.schedule.cosine_epochs);
            QCOMPARE(q.train.schedule.warmup_steps, int64_t{4});
            QVERIFY(!q.train.schedule.warmup_start_lr);
        }
    }
    void warmupStartRoundTrips() {
        Network net(load_preset("spiral-mlp"), {2});
        Project p = spiral_project(net);
        p.train.schedule = parse_lr_schedule("cosine:0.01:20", 5);
        p.train.schedule.warmup_start_lr = 0.0123456791f;
        const std::string text = project_to_string(p);
        QVERIFY(text.find("\"warmup_start_lr\"") != std::string::npos);
        const Project q = parse_project(text, "memory");
        QVERIFY(q.train.schedule.warmup_start_lr);
        QVERIFY(same_bits(*q.train.schedule.warmup_start_lr, 0.0123456791f));
        json j = json::parse(text);
        j["hyperparameters"]["warmup_start_lr"] = -1;
        bool refused = false;
        try {
            parse_project(j.dump(), "memory");
        } catch (const InputError& e) {
            refused = std::string(e.what()).find("warmup_start_lr") != std::string::npos;
        }
        QVERIFY(refused);
    }
    void floatsRoundTripBitExactly() {
        Network net(load_preset("spiral-mlp"), {2});
        Project p = spiral_project(net);
        std::mt19937_64 rng(1);
        p.history.clear();
        for (int i = 0; i < 2000; ++i) {  // random finite bit patterns, denormals and extremes included
            const uint64_t bits = rng();
            double d;
            float f;
            std::memcpy(&d, &bits, sizeof d);
            std::memcpy(&f, &bits, sizeof f);
            if (!std::isfinite(d)) d = DBL_MAX;
            if (!std::isfinite(f)) f = -FLT_MIN;
            p.history.push_back(metrics(i, d, -d, d / 3, DBL_TRUE_MIN * (i % 3), f));
        }
        p.history.push_back(metrics(9, 0.0, -0.0, DBL_MAX, -DBL_MAX, FLT_TRUE_MIN));
        p.train.schedule = parse_lr_schedule("step:3:0.99999994", 0);  // the largest float below 1
        p.train.optimizer.lr = FLT_MAX;
        p.train.optimizer.eps = FLT_TRUE_MIN;
        compare_projects(p, parse_project(project_to_string(p), "memory"));
    }
    void fileIsReadableJson() {
        Network net(load_preset("spiral-mlp"), {2});
        Project p = spiral_project(net);
        p.train.optimizer = optimizer_defaults("adam");
        p.train.schedule = parse_lr_schedule("step:30:0.1", 0);
        p.history.push_back(metrics(2, 0.5, NAN, 0.25, NAN, 0.1f));
        p.saved_by = "DiveLab 0.1.0";
        const std::string text = project_to_string(p);
        QVERIFY2(text.rfind("{\n  \"format\": \"divelab-project\",\n  \"version\": 1,", 0) == 0,
                 text.substr(0, 80).c_str());
        const json j = json::parse(text);
        QCOMPARE(j["saved_by"].get<std::string>(), std::string("DiveLab 0.1.0"));
        QCOMPARE(j["network"]["format"].get<std::string>(), std::string("divelab-network"));
        QCOMPARE(j["dataset"]["name"].get<std::string>(), std::string("spiral"));
        QVERIFY(!j["dataset"].contains("size") && !j["dataset"].contains("noise"));  // unset optionals are left out
        QCOMPARE(j["hyperparameters"]["schedule"].get<std::string>(), std::string("step:30:0.1"));
        QCOMPARE(j["hyperparameters"]["schedule"].get<std::string>(), to_string(p.train.schedule));
        QCOMPARE(j["hyperparameters"]["optimizer"]["name"].get<std::string>(), std::string("adam"));
        QVERIFY(text.find("\"lr\": 0.001,") != std::string::npos);  // floats in their short form
        QVERIFY(text.find("\"beta2\": 0.999,") != std::string::npos);
        QVERIFY(j["history"][1]["train_acc"].is_null());
        QCOMPARE(j["history"][1]["test_loss"].get<double>(), 0.25);
        QCOMPARE(j["weights"]["encoding"].get<std::string>(), std::string("safetensors+base64"));
        QCOMPARE(base64_decode(j["weights"]["data"].get<std::string>(), "t"), p.weights);
        QVERIFY(text.find("\"weights\"") > text.find("\"history\""));  // the bulky part comes last
        p.weights.clear();
        QVERIFY(!json::parse(project_to_string(p)).contains("weights"));
        QVERIFY(parse_project(project_to_string(p), "m").weights.empty());
    }
    void missingSettingsTakeDefaults() {
        const std::string text = R"({"format": "divelab-project", "version": 1,
            "network": {"layers": [{"id": "fc", "type": "Linear", "out_features": 2}]},
            "dataset": {"name": "xor"},
            "hyperparameters": {"optimizer": {"name": "adam", "beta1": 0.5}}})";
        const Project p = parse_project(text, "short.divelab");
        QCOMPARE(p.dataset, std::string("xor"));
        QVERIFY(!p.dataset_options.size && !p.dataset_options.test_fraction);
        const TrainConfig defaults;
        QCOMPARE(p.train.epochs, defaults.epochs);
        QCOMPARE(p.train.optimizer.lr, 0.001f);  // Adam's own default, not SGD's 0.1
        QCOMPARE(p.train.optimizer.beta1, 0.5f);
        QCOMPARE(p.train.schedule.kind, LrSchedule::Constant);
        QVERIFY(p.history.empty() && p.weights.empty() && p.saved_by.empty());
        QCOMPARE(p.network.nodes.at(0).id, std::string("fc"));
    }
    void saveIsAtomic() {
        Network net(load_preset("spiral-mlp"), {2});
        Project p = spiral_project(net);
        save_project(path("keep.divelab"), p);
        const std::string before = read_file(path("keep.divelab"));
        // the temporary file cannot be created (even root cannot open a folder for writing)
        QVERIFY(QDir().mkpath(QString::fromStdString(path("keep.divelab.part"))));
        p.dataset = "xor";
        QString e = error_of([&] { save_project(path("keep.divelab"), p); });
        QVERIFY2(e.contains("keep.divelab") && e.contains("cannot write"), qPrintable(e));
        QCOMPARE(read_file(path("keep.divelab")), before);
        QDir(QString::fromStdString(path("keep.divelab.part"))).removeRecursively();
        // a folder that does not exist
        e = error_of([&] { save_project(path("no/such/folder/x.divelab"), p); });
        QVERIFY2(e.contains("no/such/folder/x.divelab"), qPrintable(e));
        // a project that could not be opened again is refused, and the old file stays
        p.train.optimizer.lr = -1;
        e = error_of([&] { save_project(path("keep.divelab"), p); });
        QVERIFY2(e.contains("keep.divelab") && e.contains("learning rate") && e.contains("not saved"), qPrintable(e));
        QCOMPARE(read_file(path("keep.divelab")), before);
        p.train.optimizer.lr = 0.5f;
        p.dataset_options.target = "\xff\xfe";  // not UTF-8
        e = error_of([&] { save_project(path("keep.divelab"), p); });
        QVERIFY2(e.contains("keep.divelab") && e.contains("UTF-8") && e.contains("not saved"), qPrintable(e));
        QCOMPARE(read_file(path("keep.divelab")), before);
        e = error_of([&] { load_project(path("never-saved.divelab")); });
        QVERIFY2(e.contains("never-saved.divelab") && e.contains("cannot open"), qPrintable(e));
    }
    // The Weights view's two histograms and the gradient norms of the last run are kept, also
    // without the weights; files written before they were kept still open, with none.
    void viewHistoriesRoundTrip() {
        Network net(branching_network(), {2});
        Project p = full_project(net);
        p.weights.clear();
        p.initial_histograms = {histogram("fc1.weight", -0.7f, 0.7f, {1, 4, 9, 4, 1}),
                                histogram("fc1.bias", 0, 0, {8})};
        p.latest_histograms = {histogram("fc1.weight", -1.3f, 0.9f, {2, 3, 5, 7, 2}),
                               histogram("fc1.bias", -0.1f, 0.2f, {1, 7})};
        p.gradient_norms = {{"fc1", {1, 3, 5}, {0.5f, 0.25f, NAN}}, {"fc2", {1, 3, 5}, {1e-9f, 2.5e3f, 0.1f}}};
        const std::string text = project_to_string(p);
        const Project back = parse_project(text, "memory");
        compare_histograms(back.initial_histograms, p.initial_histograms);
        compare_histograms(back.latest_histograms, p.latest_histograms);
        QCOMPARE(back.gradient_norms.size(), size_t{2});
        for (size_t i = 0; i < 2; ++i) {
            QCOMPARE(back.gradient_norms[i].layer, p.gradient_norms[i].layer);
            QCOMPARE(back.gradient_norms[i].steps, p.gradient_norms[i].steps);
            for (size_t k = 0; k < 3; ++k) {
                const float a = back.gradient_norms[i].norms[k], b = p.gradient_norms[i].norms[k];
                QVERIFY(same_bits(a, b) || (std::isnan(a) && std::isnan(b)));
            }
        }
        // An older file: no such fields, and the same version number.
        json old = json::parse(text);
        QCOMPARE(old["version"].get<int>(), 1);
        old.erase("weight_histograms");
        old.erase("gradient_norms");
        const Project opened = parse_project(old.dump(1), "old.divelab");
        QVERIFY(opened.initial_histograms.empty() && opened.latest_histograms.empty());
        QVERIFY(opened.gradient_norms.empty());
        QCOMPARE(opened.history.size(), p.history.size());
        // A project without them writes neither field.
        const json without = json::parse(project_to_string(opened));
        QVERIFY(!without.contains("weight_histograms") && !without.contains("gradient_norms"));
    }

    void damagedViewHistoriesAreExplained() {
        Network net(branching_network(), {2});
        Project p = full_project(net);
        p.initial_histograms = {histogram("fc1.weight", -0.7f, 0.7f, {1, 4, 9})};
        p.gradient_norms = {{"fc1", {1, 3}, {0.5f, 0.25f}}};
        const json good = json::parse(project_to_string(p));
        const struct {
            std::function<void(json&)> edit;
            QStringList words;
        } cases[] = {
            {[](json& j) { j["weight_histograms"]["initial"][0]["counts"][1] = -4; },
             {"lab.divelab: weight_histograms.initial[0]", "\"counts\"[1]", "0 or more", "-4"}},
            {[](json& j) { j["weight_histograms"]["latest"] = "many"; }, {"weight_histograms.latest must be a list"}},
            {[](json& j) { j["weight_histograms"]["initial"][0].erase("name"); }, {"\"name\" is missing"}},
            {[](json& j) { j["gradient_norms"][0]["norms"].push_back(0.1); },
             {"gradient_norms[0]", "2 steps and 3 norms"}},
            {[](json& j) { j["gradient_norms"][0]["steps"][0] = 1.5; }, {"\"steps\"[0]", "whole number"}},
            {[](json& j) { j["gradient_norms"][0]["norms"][1] = "big"; }, {"\"norms\"[1]", "a number or null"}},
        };
        for (const auto& c : cases) {
            json j = good;
            c.edit(j);
            const QString error = error_of([&] { parse_project(j.dump(1), "lab.divelab"); });
            for (const QString& word : c.words) QVERIFY2(error.contains(word), qPrintable(error + " lacks " + word));
        }
    }

    // The presets carry the Presets menu's chapter, D2L section and title, and the CPU-sized
    // variants are marked to start with; the loader exposes them in menu order.
    void presetsCarryTheirChapterAndTitle() {
        const std::vector<PresetInfo> catalog = preset_catalog();
        std::vector<std::string> names;
        for (const PresetInfo& p : catalog) names.push_back(p.name);
        std::vector<std::string> sorted = names;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, preset_names());  // every preset exactly once
        long lastChapter = 0;
        for (const PresetInfo& p : catalog) {
            QVERIFY2(!p.chapter.empty() && std::isdigit(static_cast<unsigned char>(p.chapter[0])), p.name.c_str());
            QVERIFY2(p.title != p.name && !p.description.empty(), p.name.c_str());
            const long chapter = std::stol(p.chapter);
            QVERIFY2(chapter >= lastChapter, p.name.c_str());  // chapters in the book's order
            lastChapter = chapter;
            if (!p.section.empty()) {
                QVERIFY2(p.title.find("§" + p.section) != std::string::npos, p.title.c_str());
                // the description names the same section (the CPU variants refer to the full one)
                QVERIFY2(p.description.find("§" + p.section) != std::string::npos || p.start_here,
                         p.description.c_str());
                if (chapter != 3) QCOMPARE(std::stol(p.section), chapter);  // "3–4" holds chapters 3 and 4
            }
            const bool cpu = p.name.size() > 4 && p.name.compare(p.name.size() - 4, 4, "-cpu") == 0;
            QCOMPARE(p.start_here, cpu);
            if (cpu) {
                QVERIFY(p.title.find("start here") != std::string::npos);
                const auto full = std::find(names.begin(), names.end(), p.name.substr(0, p.name.size() - 4));
                QVERIFY2(full != names.end(), p.name.c_str());
                QVERIFY2(std::find(names.begin(), names.end(), p.name) < full, p.name.c_str());  // first
                QVERIFY2(catalog[full - names.begin()].title.find("slow") != std::string::npos,
                         catalog[full - names.begin()].title.c_str());
            }
        }
        const PresetInfo resnet = preset_info("resnet18-cpu");
        QCOMPARE(resnet.section, std::string("8.6"));
        QCOMPARE(resnet.chapter.substr(0, 2), std::string("8 "));
        // The network reader is not bothered by the extra fields.
        QCOMPARE(load_preset("resnet18-cpu").name, std::string("resnet18-cpu"));
    }

    void presetMetadataIsOptionalAndChecked() {
        QTemporaryDir resources;
        QVERIFY(QDir(resources.path()).mkpath("presets"));
        auto write = [&](const char* name, const std::string& extra) {
            QFile f(resources.path() + "/presets/" + name + ".json");
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(("{\"format\": \"divelab-network\", \"version\": 1, \"name\": \"" + std::string(name) + "\", " +
                     extra + "\"layers\": [{\"id\": \"fc\", \"type\": \"Linear\", \"out_features\": 2}]}")
                        .c_str());
        };
        write("plain", "");
        write("later", "\"chapter\": \"10 Later\", \"section\": \"10.2\", ");
        write("earlier", "\"chapter\": \"9 Earlier\", \"title\": \"An earlier one\", ");
        write("broken", "\"title\": 5, ");
        const QByteArray before = qgetenv("DIVELAB_RESOURCES");
        qputenv("DIVELAB_RESOURCES", resources.path().toUtf8());
        const PresetInfo plain = preset_info("plain");
        QCOMPARE(plain.title, std::string("plain"));
        QVERIFY(plain.chapter.empty() && plain.section.empty() && !plain.start_here);
        const QString error = error_of([] { preset_info("broken"); });
        QVERIFY2(error.contains("broken.json") && error.contains("\"title\" must be text"), qPrintable(error));
        std::vector<std::string> order;
        for (const PresetInfo& p : preset_catalog()) order.push_back(p.name);
        qputenv("DIVELAB_RESOURCES", before);
        // by chapter number (9 before 10), presets without a chapter last, the unreadable one by name only
        QCOMPARE(order, (std::vector<std::string>{"earlier", "later", "broken", "plain"}));
    }

    void damagedFilesAreExplained() {
        Network net(load_preset("spiral-mlp"), {2});
        const std::string good = project_to_string(spiral_project(net));
        const auto error_for = [](const std::string& text) {
            return error_of([&] { parse_project(text, "lab.divelab"); });
        };
        const auto edited = [&](const std::function<void(json&)>& edit) {
            json j = json::parse(good);
            edit(j);
            return j.dump(1);
        };
        struct Case {
            const char* what;
            std::string text;
            QStringList words;
        };
        Network other(load_preset("softmax"), {1, 28, 28});
        const std::vector<Case> cases = {
            {"truncated", good.substr(0, good.size() / 3), {"is damaged", "not valid JSON", "line", "column"}},
            {"garbage", std::string("\x89PNG\r\n\x1a\n\0\0", 10), {"is damaged", "not valid JSON (line 1, column 1)"}},
            {"empty", "  \n", {"is damaged", "empty"}},
            {"network file", network_to_string(load_preset("mlp")), {"is not a DiveLab project", "Open Network"}},
            {"other JSON", "{\"hello\": [1, 2]}", {"is not a DiveLab project"}},
            {"JSON list", "[1, 2]", {"is not a DiveLab project"}},
            {"newer version", edited([](json& j) { j["version"] = 2; }), {"newer DiveLab", "version 2"}},
            {"text version", edited([](json& j) { j["version"] = "1"; }), {"\"version\""}},
            {"no network", edited([](json& j) { j.erase("network"); }), {"\"network\" is missing"}},
            {"bad network", edited([](json& j) { j["network"]["layers"] = 3; }), {"network", "\"layers\""}},
            {"no data set", edited([](json& j) { j.erase("dataset"); }), {"\"dataset\" is missing"}},
            {"data set name", edited([](json& j) { j["dataset"]["name"] = 5; }), {"dataset", "\"name\""}},
            {"test fraction",
             edited([](json& j) { j["dataset"]["test_fraction"] = 1.5; }),
             {"dataset", "test fraction"}},
            {"classes", edited([](json& j) { j["dataset"]["classes"] = 1e10; }), {"dataset", "\"classes\""}},
            {"epochs type",
             edited([](json& j) { j["hyperparameters"]["epochs"] = "ten"; }),
             {"hyperparameters", "\"epochs\"", "whole number", "\"ten\""}},
            {"epochs zero", edited([](json& j) { j["hyperparameters"]["epochs"] = 0; }), {"\"epochs\"", "from 1"}},
            {"batch size", edited([](json& j) { j["hyperparameters"]["batch_size"] = 2.5; }), {"\"batch_size\""}},
            {"negative seed", edited([](json& j) { j["hyperparameters"]["seed"] = -1; }), {"\"seed\""}},
            {"schedule",
             edited([](json& j) { j["hyperparameters"]["schedule"] = "step:0"; }),
             {"hyperparameters", "\"schedule\"", "step:0", "whole number of epochs"}},
            {"warm-up", edited([](json& j) { j["hyperparameters"]["warmup_epochs"] = -3; }), {"\"warmup_epochs\""}},
            {"optimizer",
             edited([](json& j) { j["hyperparameters"]["optimizer"]["name"] = "adamx"; }),
             {"hyperparameters.optimizer", "adamx", "unknown"}},
            {"momentum",
             edited([](json& j) { j["hyperparameters"]["optimizer"]["momentum"] = 1.0; }),
             {"\"momentum\""}},
            {"huge lr", edited([](json& j) { j["hyperparameters"]["optimizer"]["lr"] = 1e300; }), {"\"lr\""}},
            {"loss", edited([](json& j) { j["hyperparameters"]["loss"] = "hinge"; }), {"hinge", "unknown"}},
            {"history", edited([](json& j) { j["history"][0]["test_acc"] = "high"; }), {"history[0]", "\"test_acc\""}},
            {"history list",
             edited([](json& j) {
                 j["history"] = {{"epoch", 1}};
             }),
             {"history", "list"}},
            {"bad base64", edited([](json& j) { j["weights"]["data"] = "AAAA$AAA"; }), {"the weights", "base64"}},
            {"cut base64",
             edited([](json& j) { j["weights"]["data"] = j["weights"]["data"].get<std::string>().substr(0, 999); }),
             {"the weights", "base64"}},
            {"cut weights",
             edited([&](json& j) { j["weights"]["data"] = base64_encode(weights_to_bytes(net).substr(0, 50)); }),
             {"the weights", "truncated"}},
            {"encoding",
             edited([](json& j) { j["weights"]["encoding"] = "npz"; }),
             {"\"encoding\"", "safetensors+base64"}},
            {"other network's weights",
             edited([&](json& j) { j["weights"]["data"] = base64_encode(weights_to_bytes(other)); }),
             {"the weights belong to a different network", "'fc'"}},
        };
        for (const Case& c : cases) {
            const QString e = error_for(c.text);
            QVERIFY2(e.startsWith("lab.divelab"), qPrintable(QString(c.what) + ": " + e));
            for (const QString& word : c.words) QVERIFY2(e.contains(word), qPrintable(QString(c.what) + ": " + e));
        }
        QVERIFY(error_for(good).isEmpty());  // the unedited text is fine, so each case above failed for its reason
        // weights whose layer names fit but whose shapes do not are caught when placed into the network
        Network wider(load_preset("mlp"), {2});
        const QString e = error_of([&] { weights_from_bytes(wider, weights_to_bytes(net), "lab.divelab"); });
        QVERIFY2(e.startsWith("lab.divelab") && e.contains("shape"), qPrintable(e));
        QVERIFY(error_of([&] { weights_from_bytes(other, weights_to_bytes(net), "lab.divelab"); }).contains("missing"));
    }
    void arbitraryDamageNeverCrashes() {
        Network net(load_preset("spiral-mlp"), {2});
        net.reset_parameters(1);
        Project p = spiral_project(net);
        p.network = branching_network();  // a network file with layout, optional fields and branches
        Network branching(p.network, {2});
        p.weights = weights_to_bytes(branching);
        const std::string good = project_to_string(p);
        QVERIFY(parses_or_explains(good));
        const size_t weights_at = good.find("\"weights\"");
        int parsed = 0, refused = 0;
        for (size_t n = 0; n < good.size(); n += n < weights_at + 400 ? 1 : 61)  // every cut outside the bulk
            (parses_or_explains(good.substr(0, n)) ? parsed : refused)++;
        std::mt19937 rng(7);
        for (int i = 0; i < 3000; ++i) {
            std::string text = good;
            const int flips = 1 + static_cast<int>(rng() % 3);
            for (int k = 0; k < flips; ++k) {
                // mostly in the readable part, where damage changes the structure
                const size_t at = rng() % 4 ? rng() % weights_at : rng() % text.size();
                text[at] = static_cast<char>(rng() % 2 ? rng() % 256 : text[at] ^ (1 << (rng() % 8)));
            }
            (parses_or_explains(text) ? parsed : refused)++;
        }
        QVERIFY(refused > 1000);  // damage is noticed...
        QVERIFY(parsed > 10);     // ...and harmless edits (digits in numbers) still open
    }
    void relativeDatasetPathsFollowTheProject() {
        Network net(load_preset("spiral-mlp"), {2});
        Project p = spiral_project(net);
        const QString folder = dir_.path() + "/lab";
        QVERIFY(QDir().mkpath(folder + "/data/idx"));
        const std::string project = (folder + "/exp.divelab").toStdString();
        const auto written = [&] { return json::parse(read_file(project))["dataset"]["name"].get<std::string>(); };
        // a file beside the project is written relative and read back as a full path
        p.dataset = (folder + "/data/points.csv").toStdString();
        save_project(project, p);
        QCOMPARE(written(), std::string("data/points.csv"));
        QCOMPARE(load_project(project).dataset, p.dataset);
        p.dataset = (folder + "/data/idx/").toStdString();  // an IDX folder
        save_project(project, p);
        QCOMPARE(written(), std::string("data/idx"));
        QCOMPARE(load_project(project).dataset, (folder + "/data/idx").toStdString());
        // a hand-written relative path, also one that climbs out of the folder
        Project hand = p;
        hand.dataset = "../shared/table.csv";
        write_file_atomically(project, project_to_string(hand));
        QCOMPARE(load_project(project).dataset, (dir_.path() + "/shared/table.csv").toStdString());
        QCOMPARE(parse_project(read_file(project), project).dataset, std::string("../shared/table.csv"));  // as written
        // data elsewhere stays absolute; catalogue names are names, even if such a folder exists
        p.dataset = "/srv/data/points.csv";
        save_project(project, p);
        QCOMPARE(written(), p.dataset);
        QCOMPARE(load_project(project).dataset, p.dataset);
        QVERIFY(QDir().mkpath(folder + "/spiral"));
        p.dataset = "spiral";
        save_project(project, p);
        QCOMPARE(written(), std::string("spiral"));
        QCOMPARE(load_project(project).dataset, std::string("spiral"));
        // a relative path handed to save_project is relative to the working directory
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(folder + "/data"));
        p.dataset = "points.csv";
        save_project(project, p);
        QDir::setCurrent(cwd);
        QCOMPARE(written(), std::string("data/points.csv"));
    }
};

QTEST_MAIN(TestProjectFile)
#include "test_project_file.moc"
