#include "engine/data/idx.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>

#include <zlib.h>

#include "engine/core/error.h"

namespace dl {

namespace fs = std::filesystem;

namespace {

constexpr uint8_t kUnsignedByte = 0x08;
// Far above any real IDX data set, far below what a corrupt header can claim (up to 2^128 bytes).
constexpr uint64_t kMaxBytes = uint64_t{1} << 32;
constexpr unsigned kChunk = 1u << 26;  // gzread takes an unsigned count, so read big files in pieces

std::string hex(uint32_t v, int digits) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%0*X", digits, v);
    return buf;
}
std::string hex32(uint32_t v) {
    return hex(v, 8);
}

std::string kind_of(int dims) {
    return dims == 1 ? "labels" : dims == 3 ? "images" : "data";
}

// Owns a zlib file handle; gzread reads plain files too, so both kinds go through here.
class GzFile {
public:
    GzFile(const std::string& path, const char* mode) : path_(path), file_(gzopen(path.c_str(), mode)) {
        if (!file_) throw InputError(path + ": cannot open (" + std::strerror(errno) + ")");
        gzbuffer(file_, 1u << 20);
    }
    ~GzFile() {
        if (file_) gzclose(file_);
    }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;

    // Reads up to n bytes; returns how many arrived (fewer only at the end of the data).
    uint64_t read(uint8_t* dst, uint64_t n) {
        uint64_t got = 0;
        while (got < n) {
            const unsigned want = static_cast<unsigned>(std::min<uint64_t>(n - got, kChunk));
            const int r = gzread(file_, dst + got, want);
            if (r < 0) throw InputError(path_ + ": cannot read (" + zlib_error() + ")");
            got += static_cast<uint64_t>(r);
            if (static_cast<unsigned>(r) < want) break;
        }
        return got;
    }
    void write(const uint8_t* src, uint64_t n) {
        for (uint64_t done = 0; done < n;) {
            const unsigned part = static_cast<unsigned>(std::min<uint64_t>(n - done, kChunk));
            if (gzwrite(file_, src + done, part) != static_cast<int>(part))
                throw InputError(path_ + ": cannot write (" + zlib_error() + ")");
            done += part;
        }
    }
    void close() {
        const int rc = gzclose(file_);
        file_ = nullptr;
        if (rc != Z_OK) throw InputError(path_ + ": cannot finish writing (zlib error " + std::to_string(rc) + ")");
    }

private:
    std::string zlib_error() {
        int code = 0;
        const char* msg = gzerror(file_, &code);
        return code == Z_ERRNO ? std::strerror(errno) : msg;
    }
    std::string path_;
    gzFile file_;
};

uint32_t big_endian(const uint8_t* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void check_magic(const std::string& path, const uint8_t* magic, int expected_dims) {
    const uint32_t found = big_endian(magic);
    const bool idx_like = magic[0] == 0 && magic[1] == 0 && magic[3] >= 1 && magic[3] <= 8;
    const uint32_t expected = 0x800u | static_cast<uint32_t>(std::max(expected_dims, 1));
    const std::string expectation = expected_dims > 0
                                        ? "expected " + hex32(expected) + " for unsigned-byte " + kind_of(expected_dims)
                                        : "expected 0x000008NN for unsigned-byte data with NN dimensions";
    if (!idx_like) throw InputError(path + ": not an IDX file (magic " + hex32(found) + ", " + expectation + ")");
    if (magic[2] != kUnsignedByte)
        throw InputError(path + ": IDX value type " + hex(magic[2], 2) + " (magic " + hex32(found) +
                         ") is not supported; DiveLab reads unsigned-byte IDX files (type 0x08)");
    if (expected_dims > 0 && magic[3] != expected_dims)
        throw InputError(path + ": has " + std::to_string(magic[3]) + " dimensions (magic " + hex32(found) + "), " +
                         expectation);
}

// An open IDX file whose header has been read and checked; the values follow in order.
class IdxReader {
public:
    IdxReader(const std::string& path, int expected_dims) : path_(path), file_(open(path)) {
        uint8_t magic[4];
        const uint64_t magic_bytes = file_.read(magic, 4);
        if (magic_bytes < 4)
            throw InputError(path + ": not an IDX file (only " + std::to_string(magic_bytes) + " bytes long)");
        check_magic(path, magic, expected_dims);
        const int dims = magic[3];
        std::vector<uint8_t> sizes(4 * static_cast<size_t>(dims));
        if (file_.read(sizes.data(), sizes.size()) < sizes.size())
            throw InputError(path + ": truncated inside the header (it announces " + std::to_string(dims) +
                             " dimensions but the file ends before their sizes)");
        for (int d = 0; d < dims; ++d) {
            const uint32_t size = big_endian(&sizes[4 * d]);
            if (size == 0) throw InputError(path + ": dimension " + std::to_string(d) + " has size 0");
            total_ *= size;
            if (total_ > kMaxBytes)
                throw InputError(path + ": header claims more than 4 GiB of data; the file is probably corrupt");
            shape_.push_back(size);
        }
    }

    const Shape& shape() const { return shape_; }
    uint64_t total() const { return total_; }

    // The next n values; throws if the file ends first.
    void read(uint8_t* dst, uint64_t n) {
        const uint64_t got = file_.read(dst, n);
        consumed_ += got;
        if (got < n)
            throw InputError(path_ + ": truncated: the header says " + to_string(shape_) + " = " +
                             std::to_string(total_) + " bytes of data, but only " + std::to_string(consumed_) +
                             " follow (incomplete download?)");
    }
    // Call after reading all values: the file must end there.
    void finish() {
        uint8_t extra;
        if (file_.read(&extra, 1) != 0)
            throw InputError(path_ + ": has extra bytes after the " + std::to_string(total_) + " bytes its header " +
                             to_string(shape_) + " announces; the header is probably wrong");
    }

private:
    static GzFile open(const std::string& path) {
        std::error_code ec;
        if (!fs::exists(path, ec)) throw InputError(path + ": file does not exist");
        if (fs::is_directory(path, ec)) throw InputError(path + ": is a folder, expected an IDX file");
        return GzFile(path, "rb");
    }
    std::string path_;
    GzFile file_;
    Shape shape_;
    uint64_t total_ = 1, consumed_ = 0;
};

// Pixels as floats in [0, 1]. Inflating is serial, so each piece converts on a helper thread while
// the next piece inflates; the 60000 training images then cost about as much as the gunzip alone.
Tensor read_pixels(IdxReader& reader, const Shape& shape, const Progress& progress) {
    constexpr uint64_t kPiece = 1u << 22;
    Tensor out = Tensor::empty(shape);
    const uint64_t total = reader.total();
    std::vector<uint8_t> buffers[2];
    std::future<void> converting;  // declared after the buffers, so it is waited for before they go
    for (uint64_t offset = 0, k = 0; offset < total; ++k) {
        const uint64_t n = std::min(kPiece, total - offset);
        std::vector<uint8_t>& piece = buffers[k % 2];
        piece.resize(n);
        reader.read(piece.data(), n);
        if (converting.valid()) converting.get();
        float* dst = out.data() + offset;
        converting = std::async(std::launch::async, [&piece, dst, n] {
            for (uint64_t i = 0; i < n; ++i) dst[i] = static_cast<float>(piece[i]) / 255.0f;
        });
        offset += n;
        if (progress) progress(static_cast<double>(offset) / static_cast<double>(total));
    }
    if (converting.valid()) converting.get();
    reader.finish();
    return out;
}

}  // namespace

IdxArray read_idx(const std::string& path, int expected_dims) {
    IdxReader reader(path, expected_dims);
    IdxArray out;
    out.shape = reader.shape();
    out.values.resize(reader.total());
    reader.read(out.values.data(), reader.total());
    reader.finish();
    return out;
}

void write_idx(const std::string& path, const Shape& shape, const std::vector<uint8_t>& values) {
    if (shape.empty() || shape.size() > 255 || static_cast<uint64_t>(numel(shape)) != values.size())
        throw InputError(path + ": cannot write IDX shape " + to_string(shape) + " with " +
                         std::to_string(values.size()) + " values");
    const bool gzip = path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    GzFile file(path, gzip ? "wb6" : "wbT");  // "T": zlib writes the bytes as they are
    std::vector<uint8_t> header{0, 0, kUnsignedByte, static_cast<uint8_t>(shape.size())};
    for (int64_t d : shape)
        for (int shift = 24; shift >= 0; shift -= 8) header.push_back(static_cast<uint8_t>(d >> shift));
    file.write(header.data(), header.size());
    file.write(values.data(), values.size());
    file.close();
}

namespace {

struct IdxPair {
    Tensor pixels;  // [N, ...] floats in [0, 1]
    IdxArray labels;
    std::string images_path, labels_path;
};

// "train" → dir/train-images-idx3-ubyte[.gz] (or the "train-images.idx3-ubyte" spelling).
std::string find_idx_file(const std::string& dir, const std::string& prefix, const std::string& what, int dims) {
    const std::string tail = "idx" + std::to_string(dims) + "-ubyte";
    for (const std::string& name : {prefix + "-" + what + "-" + tail, prefix + "-" + what + "." + tail})
        for (const char* ext : {"", ".gz"}) {  // plain first: it is faster to read
            const fs::path p = fs::path(dir) / (name + ext);
            std::error_code ec;
            if (fs::is_regular_file(p, ec)) return p.string();
        }
    throw InputError("IDX folder " + dir + ": no " + prefix + "-" + what + "-" + tail +
                     "[.gz]; an MNIST-like folder holds train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                     "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each optionally gzip-compressed (.gz)");
}

IdxPair read_pair(const std::string& dir, const std::string& prefix, const Progress& progress = {}) {
    IdxPair pair;
    pair.images_path = find_idx_file(dir, prefix, "images", 3);
    pair.labels_path = find_idx_file(dir, prefix, "labels", 1);
    pair.labels = read_idx(pair.labels_path, 1);
    IdxReader images(pair.images_path, 3);
    Shape shape = images.shape();
    if (shape[0] != pair.labels.shape[0])
        throw InputError(pair.labels_path + " has " + std::to_string(pair.labels.shape[0]) + " labels but " +
                         pair.images_path + " has " + std::to_string(shape[0]) + " images");
    shape.insert(shape.begin() + 1, 1);  // grey images get one channel: [N,1,H,W]
    pair.pixels = read_pixels(images, shape, progress);
    return pair;
}

Dataset to_dataset(const IdxPair& pair, const std::string& name, int num_classes,
                   const std::vector<std::string>& class_names) {
    Dataset data;
    data.name = name;
    data.features = pair.pixels;
    data.labels.assign(pair.labels.values.begin(), pair.labels.values.end());
    data.num_classes = num_classes;
    data.class_names = class_names;
    for (size_t i = 0; i < data.labels.size(); ++i)
        if (data.labels[i] >= num_classes)
            throw InputError(pair.labels_path + ": label " + std::to_string(i) + " is " +
                             std::to_string(data.labels[i]) + ", but there are only " + std::to_string(num_classes) +
                             " classes (0.." + std::to_string(num_classes - 1) + ")");
    return data;
}

int largest_label(const IdxArray& labels) {
    return labels.values.empty() ? 0 : *std::max_element(labels.values.begin(), labels.values.end());
}

// "/data/mnist/" → "mnist".
std::string folder_name(const std::string& dir) {
    fs::path path = fs::path(dir).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path.filename().string();
}

void check_folder(const std::string& dir, const std::string& what_is_missing) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw InputError(what_is_missing);
    if (!fs::is_directory(dir, ec)) throw InputError(dir + " is a file, expected a folder of IDX files");
}

}  // namespace

DataSplit load_idx_folder(const std::string& dir, const std::string& name, const std::vector<std::string>& class_names,
                          const Progress& progress) {
    check_folder(dir, "IDX folder " + dir + " does not exist");
    // The small test files decompress on a second thread while the big training file does on this one.
    auto test_future = std::async(std::launch::async, [&] { return read_pair(dir, "t10k"); });
    IdxPair train = read_pair(dir, "train", progress);
    IdxPair test = test_future.get();

    int num_classes = std::max(largest_label(train.labels), largest_label(test.labels)) + 1;
    std::vector<std::string> names = class_names;
    if (names.empty())
        for (int c = 0; c < num_classes; ++c) names.push_back(std::to_string(c));
    num_classes = static_cast<int>(names.size());
    const std::string set_name = name.empty() ? folder_name(dir) : name;
    const Shape train_image(train.pixels.shape().begin() + 1, train.pixels.shape().end());
    if (Shape(test.pixels.shape().begin() + 1, test.pixels.shape().end()) != train_image)
        throw InputError(test.images_path + ": images of shape " + to_string(test.pixels.shape()) +
                         " do not match the training images " + to_string(train.pixels.shape()));
    return {to_dataset(train, set_name, num_classes, names), to_dataset(test, set_name, num_classes, names)};
}

const std::vector<std::string>& fashion_mnist_class_names() {
    static const std::vector<std::string> names{"t-shirt", "trouser", "pullover", "dress", "coat",
                                                "sandal",  "shirt",   "sneaker",  "bag",   "ankle boot"};
    return names;
}

std::string fashion_mnist_dir(const std::string& dir) {
    if (!dir.empty()) return dir;
    if (const char* env = std::getenv("DIVELAB_FASHION_MNIST"); env && *env) return env;
    return "/usr/share/datasets/fashion-mnist";
}

DataSplit load_fashion_mnist(const std::string& dir, const Progress& progress) {
    const std::string folder = fashion_mnist_dir(dir);
    const bool from_env = dir.empty() && std::getenv("DIVELAB_FASHION_MNIST") && *std::getenv("DIVELAB_FASHION_MNIST");
    check_folder(folder, "Fashion-MNIST folder " + folder + " does not exist" +
                             (from_env ? " (it is set by DIVELAB_FASHION_MNIST)" : "") +
                             "; install the Debian package dataset-fashion-mnist or pass a folder with the four "
                             "IDX files");
    DataSplit split = load_idx_folder(folder, "fashion-mnist", fashion_mnist_class_names(), progress);
    for (const Dataset* part : {&split.train, &split.test})
        if (part->sample_shape() != Shape{1, 28, 28})
            throw InputError("Fashion-MNIST folder " + folder + ": images are " + to_string(part->sample_shape()) +
                             ", expected 28x28 greyscale");
    return split;
}

}  // namespace dl
