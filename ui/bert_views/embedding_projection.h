#pragma once
// Word embeddings in two dimensions (D2L §15.7's "word similarity" made visible): the token embedding matrix
// [V, d] projected on its first two principal components, so that words the model uses alike land close together.
// Plain data; computed off the GUI thread.
#include <cstdint>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/data/dataset.h"

namespace embedding_projection {

struct Projection {
    int epoch = 0;
    int64_t step = 0;
    std::vector<double> x, y;      // per token id: the coordinates on the first and second component
    double explained[2] = {0, 0};  // each component's share of the total variance (0..1)
};

// PCA of the rows of `weight` [V, d]: centre them, take the eigenvectors of the d×d covariance with the two largest
// eigenvalues (Eigen's SelfAdjointEigenSolver) and project every row on them. Throws InputError for a weight that
// is not a matrix of at least two rows and two columns. With `initial` (the same table before training), the rows
// projected are weight − initial: what training wrote into the table (all zero rows project to the origin).
Projection project(const dl::Tensor& weight, const dl::Tensor* initial = nullptr);

// Flips either axis of `projection` when it points the other way than in `previous` (the coordinates of the same
// words correlate negatively), so that an animation over epochs does not mirror the picture: an eigenvector's sign
// is arbitrary.
void align_signs(Projection& projection, const Projection& previous);

// The ids of the `count` most frequent words of the corpus, most frequent first; the reserved tokens (<unk>, <pad>,
// <mask>, <cls>, <sep>) are left out.
std::vector<int32_t> most_frequent(const dl::BertVocabulary& vocab, int count);

}  // namespace embedding_projection
