#pragma once
// Tensor: a contiguous, row-major, N-dimensional float32 array with shared storage.
// Copies are shallow (like PyTorch); clone() makes a deep copy.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace dl {

using Shape = std::vector<int64_t>;

int64_t numel(const Shape& shape);
std::string to_string(const Shape& shape);  // "[256, 784]"
// Returns the memory kept for reuse between training steps to the system (the trainer calls it when a run ends).
void release_cached_memory();
// Bytes of tensor storage allocated by this process so far, on every thread (freed storage is not
// subtracted). A diagnostic: tests take differences to check what an operation allocates.
int64_t tensor_bytes_allocated();

// Row-major Eigen views used by the kernels.
using MatrixMap = Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
using ConstMatrixMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
using VectorMap = Eigen::Map<Eigen::VectorXf>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;

class Tensor {
public:
    Tensor() = default;            // undefined (no storage)
    explicit Tensor(Shape shape);  // zero-filled
    Tensor(Shape shape, float fill);
    static Tensor empty(Shape shape);  // uninitialised storage (fast)
    static Tensor zeros(Shape shape) { return Tensor(std::move(shape)); }
    static Tensor ones(Shape shape) { return Tensor(std::move(shape), 1.0f); }
    static Tensor from(Shape shape, const std::vector<float>& values);
    static Tensor scalar(float v) { return Tensor(Shape{}, v); }

    bool defined() const { return storage_ != nullptr; }
    const Shape& shape() const { return shape_; }
    int64_t dim() const { return static_cast<int64_t>(shape_.size()); }
    int64_t size(int64_t axis) const;  // negative axes count from the end
    int64_t numel() const { return numel_; }

    float* data() { return storage_.get(); }
    const float* data() const { return storage_.get(); }
    float& operator[](int64_t i) { return storage_.get()[i]; }
    float operator[](int64_t i) const { return storage_.get()[i]; }
    float& at(std::initializer_list<int64_t> index);
    float at(std::initializer_list<int64_t> index) const;
    float item() const;  // the single value of a one-element tensor

    Tensor reshape(Shape shape) const;  // shares storage; one dimension may be -1
    Tensor clone() const;
    void fill(float value);
    void copy_from(const Tensor& other);  // same numel required

    // Views as a matrix: rows = product of leading dims, cols = last dim (or given split).
    MatrixMap matrix(int64_t rows, int64_t cols);
    ConstMatrixMap matrix(int64_t rows, int64_t cols) const;
    VectorMap vec() { return VectorMap(data(), numel_); }
    ConstVectorMap vec() const { return ConstVectorMap(data(), numel_); }

    std::vector<float> to_vector() const { return std::vector<float>(data(), data() + numel_); }

private:
    Shape shape_;
    int64_t numel_ = 0;
    std::shared_ptr<float> storage_;
};

// Normalise a possibly negative axis for a tensor of `dim` dimensions; throws ShapeError.
int64_t normalize_axis(int64_t axis, int64_t dim, const char* what);

}  // namespace dl
