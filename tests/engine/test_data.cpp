// Tests of the data module: IDX and CSV readers, toy and synthetic sets, splits and mini-batches.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "engine/core/error.h"
#include "engine/data/batch_loader.h"
#include "engine/data/csv.h"
#include "engine/data/dataset.h"
#include "engine/data/idx.h"
#include "engine/data/registry.h"
#include "engine/data/synthetic.h"
#include "engine/data/toy.h"

namespace {

const char* kFashionDir = "/usr/share/datasets/fashion-mnist";

// The message of the InputError that f throws, or "" if it throws none.
template <class F>
std::string input_error_of(F&& f) {
    try {
        f();
    } catch (const dl::InputError& e) {
        return e.what();
    }
    return {};
}

#define VERIFY_MESSAGE_HAS(message, text)                                     \
    QVERIFY2(!(message).empty() && (message).find(text) != std::string::npos, \
             qPrintable(QString("expected \"%1\" in the error \"%2\"")        \
                            .arg(QString::fromStdString(text), QString::fromStdString(message))))

#define VERIFY_NEAR(actual, expected, tolerance)                         \
    QVERIFY2(std::abs(double(actual) - double(expected)) <= (tolerance), \
             qPrintable(QString("%1 = %2, expected %3").arg(#actual).arg(double(actual)).arg(double(expected))))

void write_file(const QString& path, const std::string& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes.data(), static_cast<qint64>(bytes.size()));
}

std::string read_bytes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll().toStdString();
}

// An unsigned-byte IDX file written byte by byte, independent of write_idx.
std::string idx_bytes(const std::vector<uint32_t>& dims, const std::vector<uint8_t>& values) {
    std::string out{'\0', '\0', '\x08', static_cast<char>(dims.size())};
    for (uint32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((d >> shift) & 0xFF);
    out.append(values.begin(), values.end());
    return out;
}

std::vector<uint8_t> ramp(size_t n, int step = 7) {
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>((i * step) % 256);
    return v;
}

// A tiny MNIST-like folder: 28x28 images, `train` and `test` examples, labels i % classes.
void write_idx_folder(const QString& dir, int64_t train, int64_t test, int classes, bool gzip) {
    const std::string ext = gzip ? ".gz" : "";
    for (auto [prefix, n] : {std::pair<std::string, int64_t>{"train", train}, {"t10k", test}}) {
        std::vector<uint8_t> labels(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) labels[i] = static_cast<uint8_t>(i % classes);
        const std::string base = dir.toStdString() + "/" + prefix;
        dl::write_idx(base + "-images-idx3-ubyte" + ext, {n, 28, 28}, ramp(static_cast<size_t>(n * 784)));
        dl::write_idx(base + "-labels-idx1-ubyte" + ext, {n}, labels);
    }
}

std::vector<int64_t> class_counts(const dl::DataSplit& split) {
    std::vector<int64_t> counts(static_cast<size_t>(split.train.num_classes), 0);
    for (const dl::Dataset* part : {&split.train, &split.test})
        for (int32_t label : part->labels) ++counts.at(static_cast<size_t>(label));
    return counts;
}

bool same_values(const dl::Tensor& a, const dl::Tensor& b) {
    return a.shape() == b.shape() && a.to_vector() == b.to_vector();
}

// A data set whose feature row i is [i, -i] and whose label is i % 5, to check gathers.
dl::Dataset numbered_dataset(int64_t n) {
    dl::Dataset data;
    data.name = "numbered";
    data.features = dl::Tensor::empty({n, 2});
    data.targets = dl::Tensor::empty({n, 1});
    for (int64_t i = 0; i < n; ++i) {
        data.features[2 * i] = static_cast<float>(i);
        data.features[2 * i + 1] = static_cast<float>(-i);
        data.targets[i] = static_cast<float>(10 * i);
        data.labels.push_back(static_cast<int32_t>(i % 5));
    }
    data.num_classes = 5;
    return data;
}

// The example order of one epoch.
std::vector<int64_t> epoch_order(dl::BatchLoader& loader) {
    std::vector<int64_t> order;
    dl::Batch batch;
    loader.start_epoch();
    while (loader.next(batch)) order.insert(order.end(), batch.indices.begin(), batch.indices.end());
    return order;
}

}  // namespace

class TestData : public QObject {
    Q_OBJECT

private slots:
    void fashionMnistLoads();
    void idxPlainAndGzipRoundTrip();
    void idxFolderLoadsAndEnvOverride();
    void idxTruncatedFileThrows();
    void idxWrongMagicThrows();
    void idxMismatchedCountsThrow();
    void missingFolderThrows();
    void csvMixedColumnsOneHotAndMeanFill();
    void csvStandardizeUsesTrainingRows();
    void csvQuotedFieldsAndClassTarget();
    void csvRaggedRowThrows();
    void csvBadTargetThrows();
    void toySetsDeterministicAndBalanced();
    void syntheticLinearRecoversWeights();
    void splitAndSubset();
    void batchLoaderCoversEachExampleOnce();
    void batchLoaderReusesBuffersAndDropsLast();
    void registryLoadsByNameAndPath();
};

void TestData::fashionMnistLoads() {
    if (!QDir(kFashionDir).exists()) QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    qunsetenv("DIVELAB_FASHION_MNIST");
    QElapsedTimer timer;
    timer.start();
    const dl::DataSplit split = dl::load_fashion_mnist();
    qInfo("Fashion-MNIST loaded in %lld ms", static_cast<long long>(timer.elapsed()));

    QCOMPARE(split.train.features.shape(), (dl::Shape{60000, 1, 28, 28}));
    QCOMPARE(split.test.features.shape(), (dl::Shape{10000, 1, 28, 28}));
    QCOMPARE(split.train.sample_shape(), (dl::Shape{1, 28, 28}));
    QCOMPARE(split.train.labels.size(), size_t{60000});
    QCOMPARE(split.test.labels.size(), size_t{10000});
    QVERIFY(split.train.is_classification());
    QCOMPARE(split.train.num_classes, 10);
    QCOMPARE(split.train.class_names.front(), std::string("t-shirt"));
    QCOMPARE(split.train.class_names.back(), std::string("ankle boot"));
    // Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
    std::vector<int> train_counts(10), test_counts(10);
    for (int32_t l : split.train.labels) ++train_counts.at(static_cast<size_t>(l));
    for (int32_t l : split.test.labels) ++test_counts.at(static_cast<size_t>(l));
    for (int c = 0; c < 10; ++c) {
        QCOMPARE(train_counts[c], 6000);
        QCOMPARE(test_counts[c], 1000);
    }
    const auto pixels = split.train.features.vec();
    QCOMPARE(pixels.minCoeff(), 0.0f);
    QCOMPARE(pixels.maxCoeff(), 1.0f);
    VERIFY_NEAR(pixels.mean(), 0.2860, 0.001);  // the well-known Fashion-MNIST pixel mean
    QVERIFY(timer.elapsed() < 10000);
}

void TestData::idxPlainAndGzipRoundTrip() {
    QTemporaryDir dir;
    const std::vector<uint8_t> values = ramp(4 * 3 * 2, 11);
    const QString plain = dir.filePath("plain-idx3-ubyte");
    write_file(plain, idx_bytes({4, 3, 2}, values));
    const dl::IdxArray from_plain = dl::read_idx(plain.toStdString(), 3);
    QCOMPARE(from_plain.shape, (dl::Shape{4, 3, 2}));
    QVERIFY(from_plain.values == values);

    const QString gz = dir.filePath("packed-idx3-ubyte.gz");
    dl::write_idx(gz.toStdString(), {4, 3, 2}, values);
    const std::string gz_bytes = read_bytes(gz);
    QVERIFY(gz_bytes.size() > 2 && uint8_t(gz_bytes[0]) == 0x1F && uint8_t(gz_bytes[1]) == 0x8B);  // really gzip
    const dl::IdxArray from_gz = dl::read_idx(gz.toStdString());
    QCOMPARE(from_gz.shape, (dl::Shape{4, 3, 2}));
    QVERIFY(from_gz.values == values);

    // write_idx without .gz writes exactly the IDX bytes.
    const QString plain2 = dir.filePath("again-idx3-ubyte");
    dl::write_idx(plain2.toStdString(), {4, 3, 2}, values);
    QVERIFY(read_bytes(plain2) == idx_bytes({4, 3, 2}, values));
}

void TestData::idxFolderLoadsAndEnvOverride() {
    QTemporaryDir dir;
    write_idx_folder(dir.path(), 30, 12, 10, true);
    dl::DataSplit split = dl::load_idx_folder(dir.path().toStdString());
    QCOMPARE(split.train.features.shape(), (dl::Shape{30, 1, 28, 28}));
    QCOMPARE(split.test.features.shape(), (dl::Shape{12, 1, 28, 28}));
    QCOMPARE(split.train.num_classes, 10);
    QCOMPARE(split.train.class_names.at(3), std::string("3"));
    QCOMPARE(split.test.labels.at(11), 1);
    QCOMPARE(split.train.name, QDir(dir.path()).dirName().toStdString());
    QCOMPARE(dl::load_idx_folder(dir.path().toStdString() + "/").test.name, split.train.name);
    const std::vector<uint8_t> pixels = ramp(30 * 784);
    for (int64_t i : {int64_t{0}, int64_t{1}, int64_t{785}, int64_t{30 * 784 - 1}})
        QCOMPARE(split.train.features[i], static_cast<float>(pixels[i]) / 255.0f);

    // Uncompressed files with the same names work too, and so does DIVELAB_FASHION_MNIST.
    QTemporaryDir plain;
    write_idx_folder(plain.path(), 20, 10, 10, false);
    qputenv("DIVELAB_FASHION_MNIST", plain.path().toUtf8());
    QCOMPARE(dl::fashion_mnist_dir(), plain.path().toStdString());
    split = dl::load_fashion_mnist();
    qunsetenv("DIVELAB_FASHION_MNIST");
    QCOMPARE(split.train.size(), int64_t{20});
    QCOMPARE(split.train.class_names.at(9), std::string("ankle boot"));
    QCOMPARE(dl::fashion_mnist_dir("/some/where"), std::string("/some/where"));
}

void TestData::idxTruncatedFileThrows() {
    QTemporaryDir dir;
    const QString path = dir.filePath("cut-images-idx3-ubyte");
    std::string bytes = idx_bytes({10, 28, 28}, ramp(10 * 784));
    bytes.resize(bytes.size() - 100);
    write_file(path, bytes);
    std::string message = input_error_of([&] { dl::read_idx(path.toStdString(), 3); });
    VERIFY_MESSAGE_HAS(message, std::string("cut-images-idx3-ubyte"));
    VERIFY_MESSAGE_HAS(message, std::string("truncated"));

    // A gzip file cut short is caught too.
    const QString gz = dir.filePath("cut-labels-idx1-ubyte.gz");
    dl::write_idx(gz.toStdString(), {5000}, ramp(5000, 13));
    std::string gz_bytes = read_bytes(gz);
    write_file(gz, gz_bytes.substr(0, gz_bytes.size() / 2));
    message = input_error_of([&] { dl::read_idx(gz.toStdString(), 1); });
    VERIFY_MESSAGE_HAS(message, std::string("cut-labels-idx1-ubyte.gz"));

    // Extra bytes after the data mean a wrong header.
    write_file(path, idx_bytes({2, 2}, ramp(5)));
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::read_idx(path.toStdString()); }), std::string("extra bytes"));
}

void TestData::idxWrongMagicThrows() {
    QTemporaryDir dir;
    const QString path = dir.filePath("train-images-idx3-ubyte");
    write_file(path, std::string("\x12\x34\x56\x78", 4) + std::string(100, '\0'));
    std::string message = input_error_of([&] { dl::read_idx(path.toStdString(), 3); });
    VERIFY_MESSAGE_HAS(message, std::string("train-images-idx3-ubyte"));
    VERIFY_MESSAGE_HAS(message, std::string("not an IDX file (magic 0x12345678, expected 0x00000803"));

    // A labels file where images are expected names the dimension count.
    write_file(path, idx_bytes({3}, {1, 2, 3}));
    message = input_error_of([&] { dl::read_idx(path.toStdString(), 3); });
    VERIFY_MESSAGE_HAS(message, std::string("has 1 dimensions"));

    // An IDX file of floats (type 0x0D) is recognised but not supported.
    write_file(path, std::string("\0\0\x0D\x01\0\0\0\x01\0\0\0\0", 12));
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::read_idx(path.toStdString()); }), std::string("type 0x0D"));

    // Inside a folder, the images file must hold 3-d unsigned-byte images.
    QTemporaryDir folder;
    write_idx_folder(folder.path(), 4, 2, 2, true);
    const std::string images = folder.filePath("train-images-idx3-ubyte.gz").toStdString();
    dl::write_idx(images, {4, 784}, ramp(4 * 784));
    message = input_error_of([&] { dl::load_idx_folder(folder.path().toStdString()); });
    VERIFY_MESSAGE_HAS(message, images +
                                    ": has 2 dimensions (magic 0x00000802), expected 0x00000803 for "
                                    "unsigned-byte images");

    write_file(path, "ab");
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::read_idx(path.toStdString()); }), std::string("2 bytes long"));
}

void TestData::idxMismatchedCountsThrow() {
    QTemporaryDir dir;
    write_idx_folder(dir.path(), 8, 4, 3, false);
    const std::string labels = dir.filePath("t10k-labels-idx1-ubyte").toStdString();
    dl::write_idx(labels, {3}, {0, 1, 2});
    const std::string message = input_error_of([&] { dl::load_idx_folder(dir.path().toStdString()); });
    VERIFY_MESSAGE_HAS(message, labels);
    VERIFY_MESSAGE_HAS(message, std::string("has 3 labels but"));

    // Fashion-MNIST has 10 classes: a label 12 is an error naming the file.
    write_idx_folder(dir.path(), 8, 4, 3, false);
    dl::write_idx(labels, {4}, {0, 1, 12, 2});
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::load_fashion_mnist(dir.path().toStdString()); }),
                       std::string("label 2 is 12"));
}

void TestData::missingFolderThrows() {
    std::string message = input_error_of([] { dl::load_fashion_mnist("/no/such/fashion"); });
    VERIFY_MESSAGE_HAS(message, std::string("/no/such/fashion"));
    VERIFY_MESSAGE_HAS(message, std::string("dataset-fashion-mnist"));
    message = input_error_of([] { dl::load_idx_folder("/no/such/idx"); });
    VERIFY_MESSAGE_HAS(message, std::string("/no/such/idx"));

    QTemporaryDir empty;
    message = input_error_of([&] { dl::load_idx_folder(empty.path().toStdString()); });
    VERIFY_MESSAGE_HAS(message, empty.path().toStdString());
    VERIFY_MESSAGE_HAS(message, std::string("labels-idx1-ubyte"));
    VERIFY_MESSAGE_HAS(input_error_of([] { dl::read_idx("/no/such/file-idx1-ubyte.gz"); }),
                       std::string("/no/such/file-idx1-ubyte.gz"));
}

void TestData::csvMixedColumnsOneHotAndMeanFill() {
    // D2L §2.2's house_tiny.csv plus a second text column, CRLF line ends and a trailing blank line.
    QTemporaryDir dir;
    const QString path = dir.filePath("house_tiny.csv");
    write_file(path,
               "NumRooms,RoofType,Alley,Price\r\n"
               "NA,NA,Pave,127500\r\n"
               "2,,NA,106000\r\n"
               "4,Slate,NaN,178100\r\n"
               "NA,NA,Gravel,140000\r\n"
               "\r\n");
    dl::CsvOptions options;
    options.test_fraction = 0.0;
    const dl::DataSplit split = dl::load_csv(path.toStdString(), options);
    const dl::Dataset& data = split.train;
    QCOMPARE(data.name, std::string("house_tiny"));
    QCOMPARE(split.test.size(), int64_t{0});
    QVERIFY(!data.is_classification());
    const std::vector<std::string> names{"NumRooms",     "RoofType_Slate", "RoofType_nan",
                                         "Alley_Gravel", "Alley_Pave",     "Alley_nan"};
    QCOMPARE(data.feature_names, names);
    // By hand: NumRooms mean of 2 and 4 is 3; categories sorted; missing gets its own column.
    const std::vector<float> expected{
        3, 0, 1, 0, 1, 0, 2, 0, 1, 0, 0, 1, 4, 1, 0, 0, 0, 1, 3, 0, 1, 1, 0, 0,
    };
    QCOMPARE(data.features.shape(), (dl::Shape{4, 6}));
    QCOMPARE(data.features.to_vector(), expected);
    QCOMPARE(data.targets.shape(), (dl::Shape{4, 1}));
    QCOMPARE(data.targets.to_vector(), (std::vector<float>{127500, 106000, 178100, 140000}));
}

void TestData::csvStandardizeUsesTrainingRows() {
    QTemporaryDir dir;
    const QString path = dir.filePath("numbers.csv");
    write_file(path, "a,b,y\n1,10,0\n2,,1\n3,30,0\n4,40,1\n5,50,0\n6,60,1\n7,70,0\n8,80,1\n9,90,0\n10,100,1\n");
    dl::CsvOptions options;
    options.standardize = true;
    options.test_fraction = 0.0;
    options.target_kind = dl::TargetKind::Classification;
    dl::DataSplit split = dl::load_csv(path.toStdString(), options);
    QCOMPARE(split.train.num_classes, 2);
    QCOMPARE(split.train.class_names, (std::vector<std::string>{"0", "1"}));
    // Column a = 1..10: mean 5.5, sample std sqrt(82.5 / 9).
    const double sd = std::sqrt(82.5 / 9.0);
    VERIFY_NEAR(split.train.features.at({0, 0}), (1 - 5.5) / sd, 1e-5);
    VERIFY_NEAR(split.train.features.at({9, 0}), (10 - 5.5) / sd, 1e-5);
    VERIFY_NEAR(split.train.features.at({1, 1}), 0.0, 1e-6);  // missing → mean → 0 after standardizing

    // With a held-out test set the statistics come from the training rows only.
    options.test_fraction = 0.3;
    options.seed = 5;
    split = dl::load_csv(path.toStdString(), options);
    QCOMPARE(split.train.size(), int64_t{7});
    QCOMPARE(split.test.size(), int64_t{3});
    const Eigen::VectorXf a = split.train.features.matrix(7, 2).col(0);
    VERIFY_NEAR(a.mean(), 0.0, 1e-5);
    VERIFY_NEAR(std::sqrt((a.array() - a.mean()).square().sum() / 6.0), 1.0, 1e-5);
}

void TestData::csvQuotedFieldsAndClassTarget() {
    QTemporaryDir dir;
    const QString path = dir.filePath("pets.csv");
    write_file(path,
               "owner,weight,kind\n"
               "\"Smith, John\",4.5,cat\n"
               "\"O\"\"Brien\",30,dog\n"
               "  \"Smith, John\" ,5.5,cat\n"
               "Lee,+12.0,\"dog\"\n"
               "\"multi\nline\",1e1,bird\n");
    dl::CsvOptions options;
    options.target = "kind";
    options.test_fraction = 0.0;
    const dl::Dataset data = dl::load_csv(path.toStdString(), options).train;
    QVERIFY(data.is_classification());
    QCOMPARE(data.class_names, (std::vector<std::string>{"bird", "cat", "dog"}));
    QCOMPARE(data.labels, (std::vector<int32_t>{1, 2, 1, 2, 0}));
    QCOMPARE(data.feature_names, (std::vector<std::string>{"owner_Lee", "owner_O\"Brien", "owner_Smith, John",
                                                           "owner_multi\nline", "weight"}));
    QCOMPARE(data.features.at({0, 2}), 1.0f);
    QCOMPARE(data.features.at({2, 2}), 1.0f);
    QCOMPARE(data.features.at({3, 4}), 12.0f);
    QCOMPARE(data.features.at({4, 4}), 10.0f);
    data.check();
}

void TestData::csvRaggedRowThrows() {
    QTemporaryDir dir;
    const QString path = dir.filePath("ragged.csv");
    write_file(path, "a,b,c,d,e\n1,2,3,4,5\n\"x, y\",2,3,4,5\n1,2,3\n");
    std::string message = input_error_of([&] { dl::load_csv(path.toStdString()); });
    VERIFY_MESSAGE_HAS(message, std::string("ragged.csv line 4: 3 fields, expected 5 (as in the header)"));

    write_file(path, "a,b\n1,2\n\"open,3\n4,5\n");
    message = input_error_of([&] { dl::load_csv(path.toStdString()); });
    VERIFY_MESSAGE_HAS(message, std::string("ragged.csv line 3"));
    VERIFY_MESSAGE_HAS(message, std::string("never closed"));

    write_file(path, "");
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::load_csv(path.toStdString()); }), std::string("empty"));
    VERIFY_MESSAGE_HAS(input_error_of([] { dl::load_csv("/no/such/table.csv"); }), std::string("/no/such/table.csv"));
}

void TestData::csvBadTargetThrows() {
    QTemporaryDir dir;
    const QString path = dir.filePath("t.csv");
    write_file(path, "x,y\n1,2\n3,\n");
    dl::CsvOptions options;
    options.target = "price";
    std::string message = input_error_of([&] { dl::load_csv(path.toStdString(), options); });
    VERIFY_MESSAGE_HAS(message, std::string("no column named 'price'"));
    VERIFY_MESSAGE_HAS(message, std::string("x, y"));
    message = input_error_of([&] { dl::load_csv(path.toStdString()); });
    VERIFY_MESSAGE_HAS(message, std::string("t.csv line 3: the target 'y' is missing"));

    write_file(path, "x,y\n1,2\n3,abc\n");
    options.target = "y";
    options.target_kind = dl::TargetKind::Regression;
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::load_csv(path.toStdString(), options); }),
                       std::string("t.csv line 3: the target 'y' is 'abc', not a number"));
}

void TestData::toySetsDeterministicAndBalanced() {
    for (dl::ToyKind kind : {dl::ToyKind::Spiral, dl::ToyKind::Xor, dl::ToyKind::Circles, dl::ToyKind::Gaussians}) {
        dl::ToyOptions options;
        options.size = 301;
        options.seed = 42;
        const dl::DataSplit a = dl::make_toy(kind, options);
        const dl::DataSplit b = dl::make_toy(kind, options);
        options.seed = 43;
        const dl::DataSplit c = dl::make_toy(kind, options);
        QVERIFY(same_values(a.train.features, b.train.features) && a.train.labels == b.train.labels);
        QVERIFY(same_values(a.test.features, b.test.features) && a.test.labels == b.test.labels);
        QVERIFY(!same_values(a.train.features, c.train.features));

        QCOMPARE(a.train.size() + a.test.size(), int64_t{301});
        QCOMPARE(a.test.size(), int64_t{60});  // round(301 * 0.2)
        QCOMPARE(a.train.sample_shape(), (dl::Shape{2}));
        QCOMPARE(a.train.num_classes, 2);
        const std::vector<int64_t> counts = class_counts(a);
        QVERIFY(counts[0] == 151 && counts[1] == 150);
        a.train.check();
        // Points stay in about [-1, 1]^2.
        QVERIFY(a.train.features.vec().cwiseAbs().maxCoeff() < 2.0f);
    }
    dl::ToyOptions three;
    three.num_classes = 3;
    three.size = 600;
    const dl::DataSplit spiral = dl::make_spiral(three);
    QCOMPARE(spiral.train.num_classes, 3);
    QCOMPARE(class_counts(spiral), (std::vector<int64_t>{200, 200, 200}));
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::make_xor(three); }), std::string("xor always has 2 classes"));

    // Noise-free XOR and circles follow their rules exactly.
    dl::ToyOptions clean;
    clean.noise = 0.0;
    const dl::Dataset xor_set = dl::make_xor(clean).train;
    for (int64_t i = 0; i < xor_set.size(); ++i) {
        const float x = xor_set.features[2 * i], y = xor_set.features[2 * i + 1];
        QCOMPARE(xor_set.labels[i], x * y > 0 ? 1 : 0);
    }
    const dl::Dataset circles = dl::make_circles(clean).train;
    for (int64_t i = 0; i < circles.size(); ++i) {
        const float r = std::hypot(circles.features[2 * i], circles.features[2 * i + 1]);
        QVERIFY(circles.labels[i] == 0 ? r <= 0.5f : r >= 0.7f);
    }
}

void TestData::syntheticLinearRecoversWeights() {
    dl::LinearOptions options;
    options.test_fraction = 0.0;
    const dl::DataSplit split = dl::make_linear(options);
    const dl::Dataset& data = split.train;
    QCOMPARE(data.features.shape(), (dl::Shape{1000, 2}));
    QCOMPARE(data.targets.shape(), (dl::Shape{1000, 1}));
    QVERIFY(!data.is_classification());
    // Least squares on [X, 1] should land within a few noise-widths of w = [2, -3.4], b = 4.2.
    Eigen::MatrixXd design(1000, 3);
    design.leftCols(2) = data.features.matrix(1000, 2).cast<double>();
    design.col(2).setOnes();
    const Eigen::VectorXd y = data.targets.vec().cast<double>();
    const Eigen::VectorXd fit = design.colPivHouseholderQr().solve(y);
    VERIFY_NEAR(fit[0], 2.0, 0.005);
    VERIFY_NEAR(fit[1], -3.4, 0.005);
    VERIFY_NEAR(fit[2], 4.2, 0.005);
    const double residual_sd = std::sqrt((design * fit - y).squaredNorm() / 997.0);
    VERIFY_NEAR(residual_sd, 0.01, 0.002);
    // X ~ N(0, 1).
    VERIFY_NEAR(data.features.vec().mean(), 0.0, 0.1);

    options.test_fraction = 0.2;
    const dl::DataSplit held_out = dl::make_linear(options);
    QCOMPARE(held_out.train.size(), int64_t{800});
    QCOMPARE(held_out.test.size(), int64_t{200});
}

void TestData::splitAndSubset() {
    const dl::Dataset data = numbered_dataset(50);
    const dl::DataSplit split = dl::split_train_test(data, 0.25, 7);
    QCOMPARE(split.train.size(), int64_t{37});
    QCOMPARE(split.test.size(), int64_t{13});
    std::set<float> seen;
    for (const dl::Dataset* part : {&split.train, &split.test})
        for (int64_t i = 0; i < part->size(); ++i) {
            const float id = part->features[2 * i];
            QVERIFY(seen.insert(id).second);
            QCOMPARE(part->features[2 * i + 1], -id);  // rows stay whole
            QCOMPARE(part->targets[i], 10 * id);
            QCOMPARE(part->labels[i], static_cast<int32_t>(id) % 5);
        }
    QCOMPARE(seen.size(), size_t{50});
    QVERIFY(same_values(split.test.features, dl::split_train_test(data, 0.25, 7).test.features));
    QVERIFY(!same_values(split.test.features, dl::split_train_test(data, 0.25, 8).test.features));

    const dl::Dataset picked = dl::subset(data, {4, 4, 0});
    QCOMPARE(picked.features.to_vector(), (std::vector<float>{4, -4, 4, -4, 0, 0}));
    QCOMPARE(picked.labels, (std::vector<int32_t>{4, 4, 0}));
    QCOMPARE(dl::head(data, 3).size(), int64_t{3});
    QCOMPARE(dl::head(data, 500).size(), int64_t{50});
    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::subset(data, {50}); }), std::string("index 50"));
}

void TestData::batchLoaderCoversEachExampleOnce() {
    const dl::Dataset data = numbered_dataset(103);
    dl::BatchLoader loader(data, 10, true, 99);
    QCOMPARE(loader.num_batches(), int64_t{11});

    std::vector<std::vector<int64_t>> epochs;
    for (int e = 0; e < 3; ++e) {
        dl::Batch batch;
        std::vector<int64_t> order, sizes;
        loader.start_epoch();
        QCOMPARE(loader.epoch(), int64_t{e});
        while (loader.next(batch)) {
            sizes.push_back(batch.size);
            for (int64_t i = 0; i < batch.size; ++i) {
                const float id = batch.x[2 * i];
                QCOMPARE(static_cast<int64_t>(id), batch.indices[i]);  // the gathered row is that example
                QCOMPARE(batch.x[2 * i + 1], -id);
                QCOMPARE(batch.labels[i], static_cast<int32_t>(id) % 5);
                QCOMPARE(batch.y[i], 10 * id);
            }
            order.insert(order.end(), batch.indices.begin(), batch.indices.end());
        }
        QCOMPARE(static_cast<int64_t>(sizes.size()), loader.num_batches());
        QCOMPARE(sizes.back(), int64_t{3});
        QVERIFY(!loader.next(batch));  // stays finished until the next start_epoch
        std::vector<int64_t> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        for (int64_t i = 0; i < 103; ++i) QCOMPARE(sorted[i], i);  // each example exactly once
        epochs.push_back(order);
    }
    QVERIFY(epochs[0] != epochs[1] && epochs[1] != epochs[2]);

    dl::BatchLoader same_seed(data, 10, true, 99), other_seed(data, 10, true, 100);
    for (int e = 0; e < 3; ++e) QCOMPARE(epoch_order(same_seed), epochs[e]);
    QVERIFY(epoch_order(other_seed) != epochs[0]);

    dl::BatchLoader in_order(data, 10, false);
    std::vector<int64_t> expected(103);
    std::iota(expected.begin(), expected.end(), int64_t{0});
    QCOMPARE(epoch_order(in_order), expected);
    QCOMPARE(epoch_order(in_order), expected);
}

void TestData::batchLoaderReusesBuffersAndDropsLast() {
    const dl::Dataset data = numbered_dataset(25);
    dl::BatchLoader loader(data, 8, true, 1, /*drop_last=*/true);
    QCOMPARE(loader.num_batches(), int64_t{3});
    dl::Batch batch;
    QVERIFY(loader.next(batch));  // next() starts epoch 0 by itself
    QCOMPARE(loader.epoch(), int64_t{0});
    const float* x_buffer = batch.x.data();
    const float* y_buffer = batch.y.data();
    int batches = 1;
    while (loader.next(batch)) {
        ++batches;
        QCOMPARE(batch.size, int64_t{8});
        QCOMPARE(batch.x.shape(), (dl::Shape{8, 2}));
        QVERIFY(batch.x.data() == x_buffer);  // same size ⇒ same buffer
        QVERIFY(batch.y.data() == y_buffer);
    }
    QCOMPARE(batches, 3);

    dl::BatchLoader keep_last(data, 8, false);
    keep_last.start_epoch();
    for (int i = 0; i < 4; ++i) QVERIFY(keep_last.next(batch));
    QCOMPARE(batch.size, int64_t{1});
    QCOMPARE(batch.x.shape(), (dl::Shape{1, 2}));
    QCOMPARE(batch.x[0], 24.0f);
    QVERIFY(!keep_last.next(batch));

    VERIFY_MESSAGE_HAS(input_error_of([&] { dl::BatchLoader bad(data, 0); }), std::string("batch size 0"));
}

void TestData::registryLoadsByNameAndPath() {
    std::vector<std::string> names;
    for (const dl::DatasetInfo& info : dl::dataset_catalog()) {
        names.push_back(info.name);
        QVERIFY(!info.description.empty());
    }
    for (const char* name : {"fashion-mnist", "spiral", "xor", "circles", "gaussians", "linear"})
        QVERIFY(std::find(names.begin(), names.end(), name) != names.end());

    dl::DatasetOptions options;
    options.size = 200;
    options.noise = 0.0;
    options.seed = 3;
    dl::DataSplit spiral = dl::load_dataset("spiral", options);
    QCOMPARE(spiral.train.size() + spiral.test.size(), int64_t{200});
    QCOMPARE(spiral.train.name, std::string("spiral"));
    options.train_limit = 50;
    options.test_limit = 7;
    spiral = dl::load_dataset("spiral", options);
    QCOMPARE(spiral.train.size(), int64_t{50});
    QCOMPARE(spiral.test.size(), int64_t{7});

    const dl::DataSplit linear = dl::load_dataset("linear");
    QCOMPARE(linear.train.targets.size(1), int64_t{1});

    QTemporaryDir dir;
    const QString csv = dir.filePath("Table.CSV");
    write_file(csv, "a,label\n1,x\n2,y\n3,x\n4,y\n");
    dl::DatasetOptions csv_options;
    csv_options.test_fraction = 0.5;
    const dl::DataSplit table = dl::load_dataset(csv.toStdString(), csv_options);
    QCOMPARE(table.train.size(), int64_t{2});
    QCOMPARE(table.train.num_classes, 2);

    write_idx_folder(dir.path(), 6, 3, 2, true);
    const dl::DataSplit folder = dl::load_dataset(dir.path().toStdString());
    QCOMPARE(folder.train.size(), int64_t{6});
    QCOMPARE(folder.train.num_classes, 2);

    const std::string message = input_error_of([] { dl::load_dataset("cifar-11"); });
    VERIFY_MESSAGE_HAS(message, std::string("unknown data set 'cifar-11'"));
    for (const std::string& name : names) VERIFY_MESSAGE_HAS(message, name);
}

QTEST_APPLESS_MAIN(TestData)
#include "test_data.moc"
