// Model files: save → load reproduces predictions bit for bit; damaged files give clear errors.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <fstream>

#include "engine/core/error.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "gradcheck.h"

using namespace dl;

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
}  // namespace

class TestModelFile : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string path(const char* name) { return (dir_.path() + "/" + name).toStdString(); }

private Q_SLOTS:
    void roundTripIsBitExact() {
        Network net(load_preset("mlp-dropout"), {1, 28, 28});
        net.reset_parameters(42);
        const Tensor x = dltest::random_tensor({5, 1, 28, 28}, 7, 0, 1);
        const Tensor before = predict(net, x);
        save_model(net, path("model"));
        QVERIFY(QFile::exists(dir_.path() + "/model.json"));
        QVERIFY(QFile::exists(dir_.path() + "/model.safetensors"));
        for (const char* file : {"model.json", "model.safetensors"}) {
            LoadedModel loaded = load_model(path(file));
            const Tensor after = predict(loaded.network, x);
            QCOMPARE(after.to_vector(), before.to_vector());  // exact float equality
            QCOMPARE(loaded.spec.name, std::string("mlp-dropout"));
        }
    }
    void safetensorsLayoutIsStandard() {
        Network net(load_preset("softmax"), {1, 28, 28});
        net.reset_parameters(1);
        save_model(net, path("soft.safetensors"));
        const std::string bytes = read_file(path("soft.safetensors"));
        uint64_t n = 0;
        for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
        QCOMPARE(n % 8, uint64_t{0});
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes.substr(8, n)));
        QVERIFY(doc.isObject());
        const QJsonObject w = doc.object()["fc.weight"].toObject();
        QCOMPARE(w["dtype"].toString(), QString("F32"));
        QCOMPARE(w["shape"].toArray().at(0).toInt(), 10);
        QCOMPARE(w["shape"].toArray().at(1).toInt(), 784);
        const QJsonArray off = w["data_offsets"].toArray();
        QCOMPARE(off.at(1).toInteger() - off.at(0).toInteger(), qint64(7840 * 4));
        QCOMPARE(qint64(bytes.size()), qint64(8 + n + 7850 * 4));
        // the first stored float is the first weight
        float first;
        std::memcpy(&first, bytes.data() + 8 + n + off.at(0).toInteger(), 4);
        QCOMPARE(first, net.parameters()[0].var.value()[0]);
    }
    void damagedFilesAreExplained() {
        Network net(load_preset("mlp"), {1, 28, 28});
        net.reset_parameters(1);
        save_model(net, path("good"));
        const std::string bytes = read_file(path("good.safetensors"));
        write_file_atomically(path("cut.safetensors"), bytes.substr(0, bytes.size() / 2));
        QString e = error_of([&] { load_model(path("cut.safetensors")); });
        QVERIFY2(e.contains("cut.safetensors") && e.contains("truncated"), qPrintable(e));
        write_file_atomically(path("tiny.safetensors"), "abc");
        e = error_of([&] { load_model(path("tiny.safetensors")); });
        QVERIFY2(e.contains("tiny.safetensors"), qPrintable(e));
        e = error_of([&] { load_model(path("missing.json")); });
        QVERIFY2(e.contains("missing.json"), qPrintable(e));
        // weights from a different network
        Network other(load_preset("softmax"), {1, 28, 28});
        QVERIFY(error_of([&] { load_weights(other, path("good.safetensors")); }).contains("'fc.weight' are missing"));
        // a failed save leaves the old file intact
        QVERIFY_THROWS_EXCEPTION(InputError, write_file_atomically(path("no/such/dir/x.json"), "x"));
        QCOMPARE(read_file(path("good.safetensors")), bytes);
    }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "test_model_file.moc"
