#include "engine/core/tensor.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <sstream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "engine/core/error.h"

namespace dl {

int64_t numel(const Shape& shape) {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

std::string to_string(const Shape& shape) {
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
    out << ']';
    return out.str();
}

int64_t normalize_axis(int64_t axis, int64_t dim, const char* what) {
    int64_t a = axis < 0 ? axis + dim : axis;
    if (a < 0 || a >= dim)
        throw ShapeError(std::string(what) + ": axis " + std::to_string(axis) + " is out of range for a " +
                         std::to_string(dim) + "-d tensor");
    return a;
}

namespace {
// Training allocates and frees the same tensors every step (LeNet: ~40 MB per batch of 256, ResNet-18
// at 96×96: ~3 GB). By default glibc hands blocks over 32 MB to mmap and trims the heap's free top, so
// each step would fault its memory back in, 4 KB at a time at about 1 µs per fault on a VM: a tenth of
// a LeNet epoch, a fifth of a ResNet one. Keep everything in the heap and keep it until the run ends
// (the trainer then calls release_cached_memory).
void keep_freed_memory() {
#if defined(__GLIBC__)
    static const bool done = [] {
        mallopt(M_MMAP_MAX, 0);         // no mmap: large blocks come from the reusable heap too
        mallopt(M_TRIM_THRESHOLD, -1);  // and freed heap is not returned on every free
        return true;
    }();
    (void)done;
#endif
}

std::atomic<int64_t> bytes_allocated{0};

// Big tensors (a resized data set: 2.2 GB; a batch of ResNet activations) ask Linux for 2 MB pages.
// Touching fresh memory faults it in page by page, and on a virtual machine each 4 KB fault is slow
// enough that writing a 2.2 GB tensor took 17-19 s instead of 9-12 s, and stalled every other thread
// of the process (the GUI's included) for up to 0.5-0.8 s at a time. Only the 2 MB-aligned inside of
// the block is advised; it is a hint, so failure changes nothing.
void advise_huge_pages([[maybe_unused]] void* block, [[maybe_unused]] size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
    if (bytes < 16 * kHugePage) return;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(block) + kHugePage - 1) & ~(kHugePage - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(block) + bytes) & ~(kHugePage - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

std::shared_ptr<float> allocate(int64_t n) {
    keep_freed_memory();
    // 64-byte alignment lets Eigen use aligned vector loads; size rounded up as aligned_alloc requires.
    size_t bytes = static_cast<size_t>(std::max<int64_t>(n, 1)) * sizeof(float);
    bytes = (bytes + 63) / 64 * 64;
    bytes_allocated.fetch_add(static_cast<int64_t>(bytes), std::memory_order_relaxed);
    void* p = std::aligned_alloc(64, bytes);
    if (!p) throw std::bad_alloc();
    advise_huge_pages(p, bytes);
    return std::shared_ptr<float>(static_cast<float*>(p), std::free);
}

void check_shape(const Shape& shape) {
    for (int64_t d : shape)
        if (d < 0) throw ShapeError("tensor shape " + to_string(shape) + " has a negative dimension");
}
}  // namespace

int64_t tensor_bytes_allocated() {
    return bytes_allocated.load(std::memory_order_relaxed);
}

void release_cached_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

Tensor Tensor::empty(Shape shape) {
    check_shape(shape);
    Tensor t;
    t.numel_ = dl::numel(shape);
    t.shape_ = std::move(shape);
    t.storage_ = allocate(t.numel_);
    return t;
}

Tensor::Tensor(Shape shape) : Tensor(empty(std::move(shape))) {
    std::memset(data(), 0, static_cast<size_t>(numel_) * sizeof(float));
}

Tensor::Tensor(Shape shape, float fill_value) : Tensor(empty(std::move(shape))) {
    fill(fill_value);
}

Tensor Tensor::from(Shape shape, const std::vector<float>& values) {
    Tensor t = empty(std::move(shape));
    if (static_cast<int64_t>(values.size()) != t.numel_)
        throw ShapeError("Tensor::from: shape " + to_string(t.shape_) + " holds " + std::to_string(t.numel_) +
                         " values, but " + std::to_string(values.size()) + " were given");
    std::memcpy(t.data(), values.data(), values.size() * sizeof(float));
    return t;
}

int64_t Tensor::size(int64_t axis) const {
    return shape_[normalize_axis(axis, dim(), "Tensor::size")];
}

static int64_t flat_index(const Shape& shape, std::initializer_list<int64_t> index) {
    if (index.size() != shape.size())
        throw ShapeError("Tensor::at: " + std::to_string(index.size()) + " indices for a tensor of shape " +
                         to_string(shape));
    int64_t flat = 0, i = 0;
    for (int64_t idx : index) {
        if (idx < 0 || idx >= shape[i])
            throw ShapeError("Tensor::at: index " + std::to_string(idx) + " out of range for axis " +
                             std::to_string(i) + " of shape " + to_string(shape));
        flat = flat * shape[i] + idx;
        ++i;
    }
    return flat;
}

float& Tensor::at(std::initializer_list<int64_t> index) {
    return data()[flat_index(shape_, index)];
}
float Tensor::at(std::initializer_list<int64_t> index) const {
    return data()[flat_index(shape_, index)];
}

float Tensor::item() const {
    if (numel_ != 1) throw ShapeError("Tensor::item: tensor of shape " + to_string(shape_) + " is not a single value");
    return data()[0];
}

Tensor Tensor::reshape(Shape shape) const {
    int64_t known = 1, infer = -1;
    for (size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] == -1) {
            if (infer >= 0) throw ShapeError("reshape: only one dimension may be -1 in " + to_string(shape));
            infer = static_cast<int64_t>(i);
        } else {
            known *= shape[i];
        }
    }
    if (infer >= 0) {
        if (known == 0 || numel_ % known != 0)
            throw ShapeError("reshape: cannot reshape " + to_string(shape_) + " into " + to_string(shape));
        shape[infer] = numel_ / known;
    }
    if (dl::numel(shape) != numel_)
        throw ShapeError("reshape: cannot reshape " + to_string(shape_) + " (" + std::to_string(numel_) +
                         " values) into " + to_string(shape));
    Tensor t = *this;
    t.shape_ = std::move(shape);
    return t;
}

Tensor Tensor::clone() const {
    if (!defined()) return Tensor();
    Tensor t = empty(shape_);
    std::memcpy(t.data(), data(), static_cast<size_t>(numel_) * sizeof(float));
    return t;
}

void Tensor::fill(float value) {
    std::fill(data(), data() + numel_, value);
}

void Tensor::copy_from(const Tensor& other) {
    if (other.numel_ != numel_)
        throw ShapeError("copy_from: " + to_string(other.shape_) + " does not fit into " + to_string(shape_));
    std::memcpy(data(), other.data(), static_cast<size_t>(numel_) * sizeof(float));
}

MatrixMap Tensor::matrix(int64_t rows, int64_t cols) {
    if (rows * cols != numel_)
        throw ShapeError("matrix view " + std::to_string(rows) + "x" + std::to_string(cols) + " of " +
                         to_string(shape_));
    return MatrixMap(data(), rows, cols);
}

ConstMatrixMap Tensor::matrix(int64_t rows, int64_t cols) const {
    if (rows * cols != numel_)
        throw ShapeError("matrix view " + std::to_string(rows) + "x" + std::to_string(cols) + " of " +
                         to_string(shape_));
    return ConstMatrixMap(data(), rows, cols);
}

}  // namespace dl
