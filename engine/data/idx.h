#pragma once
// IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, type, number of dims),
// one big-endian uint32 per dimension, then the values. Only unsigned bytes (type 0x08) are used
// by these data sets. Files may be gzip-compressed (.gz) or plain.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/data/dataset.h"
#include "engine/data/progress.h"

namespace dl {

struct IdxArray {
    Shape shape;                  // e.g. [60000, 28, 28]
    std::vector<uint8_t> values;  // row-major, numel(shape) bytes
};

// Reads an unsigned-byte IDX file (gzip or plain). If expected_dims > 0 the file must have exactly
// that many dimensions. Throws InputError naming the file when it is missing, not IDX, or truncated.
IdxArray read_idx(const std::string& path, int expected_dims = 0);
// Writes an unsigned-byte IDX file, gzip-compressed if the path ends in ".gz".
void write_idx(const std::string& path, const Shape& shape, const std::vector<uint8_t>& values);

// An MNIST-like folder: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
// t10k-labels-idx1-ubyte, each optionally ".gz". Images [N,H,W] become features [N,1,H,W] with
// pixels in [0, 1]. Class names default to "0", "1", ... (num_classes = largest label + 1).
// `progress` follows the training images, the bulk of the work.
DataSplit load_idx_folder(const std::string& dir, const std::string& name = "",
                          const std::vector<std::string>& class_names = {}, const Progress& progress = {});

// Fashion-MNIST: 60000 train / 10000 test images [N,1,28,28] in [0,1], 10 named classes.
// dir empty: $DIVELAB_FASHION_MNIST if set, else /usr/share/datasets/fashion-mnist.
DataSplit load_fashion_mnist(const std::string& dir = "", const Progress& progress = {});
std::string fashion_mnist_dir(const std::string& dir = "");  // the folder load_fashion_mnist would use
const std::vector<std::string>& fashion_mnist_class_names();

}  // namespace dl
