#include "ui/bert_views/embedding_projection.h"

#include <Eigen/Dense>

#include <algorithm>
#include <numeric>

#include "engine/core/error.h"

namespace embedding_projection {

Projection project(const dl::Tensor& weight, const dl::Tensor* initial) {
    if (weight.dim() != 2 || weight.size(0) < 2 || weight.size(1) < 2)
        throw dl::InputError(
            "the token embedding should be a matrix [words, dimensions] with at least two of each, not " +
            dl::to_string(weight.shape()));
    const int64_t V = weight.size(0), d = weight.size(1);
    Eigen::MatrixXd rows = weight.matrix(V, d).cast<double>();
    if (initial) {
        if (initial->shape() != weight.shape())
            throw dl::InputError("the token embedding changed shape during training, from " +
                                 dl::to_string(initial->shape()) + " to " + dl::to_string(weight.shape()));
        rows -= initial->matrix(V, d).cast<double>();
    }
    rows.rowwise() -= rows.colwise().mean();
    const Eigen::MatrixXd covariance = rows.transpose() * rows / static_cast<double>(V - 1);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);  // eigenvalues in increasing order
    const Eigen::VectorXd values = solver.eigenvalues().cwiseMax(0.0);
    const double total = values.sum();
    Projection p;
    const Eigen::VectorXd first = rows * solver.eigenvectors().col(d - 1);
    const Eigen::VectorXd second = rows * solver.eigenvectors().col(d - 2);
    p.x.assign(first.data(), first.data() + V);
    p.y.assign(second.data(), second.data() + V);
    if (total > 0) {
        p.explained[0] = values(d - 1) / total;
        p.explained[1] = values(d - 2) / total;
    }
    return p;
}

namespace {
double dot(const std::vector<double>& a, const std::vector<double>& b) {
    const size_t n = std::min(a.size(), b.size());
    return std::inner_product(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin(), 0.0);
}
void negate(std::vector<double>& v) {
    for (double& value : v) value = -value;
}
}  // namespace

void align_signs(Projection& projection, const Projection& previous) {
    if (dot(projection.x, previous.x) < 0) negate(projection.x);
    if (dot(projection.y, previous.y) < 0) negate(projection.y);
}

std::vector<int32_t> most_frequent(const dl::BertVocabulary& vocab, int count) {
    std::vector<int32_t> ids;
    for (int32_t id = dl::BertVocabulary::kSep + 1; id < static_cast<int32_t>(vocab.token_counts.size()); ++id)
        ids.push_back(id);
    const auto k = std::min<size_t>(ids.size(), static_cast<size_t>(std::max(count, 0)));
    const auto counts = [&](int32_t id) { return vocab.token_counts[static_cast<size_t>(id)]; };
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(),
                      [&](int32_t a, int32_t b) { return counts(a) > counts(b) || (counts(a) == counts(b) && a < b); });
    ids.resize(k);
    return ids;
}

}  // namespace embedding_projection
