#include "engine/ops/positional_table.h"

#include <cmath>

#include "engine/core/error.h"

namespace dl {

Tensor sinusoidal_positions(int64_t steps, int64_t dims) {
    if (steps < 0 || dims <= 0) throw InputError("a positional-encoding table needs steps ≥ 0 and dims ≥ 1");
    Tensor table = Tensor::zeros({steps, dims});
    for (int64_t i = 0; i < steps; ++i)
        for (int64_t j = 0; j < dims; j += 2) {
            // In double and rounded once, so every position is as exact as a float can hold it.
            const double angle = static_cast<double>(i) / std::pow(10000.0, static_cast<double>(j) / dims);
            table[i * dims + j] = static_cast<float>(std::sin(angle));
            if (j + 1 < dims) table[i * dims + j + 1] = static_cast<float>(std::cos(angle));
        }
    return table;
}

}  // namespace dl
