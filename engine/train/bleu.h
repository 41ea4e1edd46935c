#pragma once
// BLEU exactly as D2L §9.7.4 computes it for one predicted sentence against one reference:
//   exp(min(0, 1 − len_label / len_pred)) · Π_{n=1..k} p_n^(1/2^n),
// p_n the share of the prediction's n-grams found in the reference (each reference n-gram matched once).
#include <string>
#include <vector>

namespace dl {

// Tokens as given (D2L splits on single spaces). D2L divides by zero when the prediction has fewer than
// n tokens for some n ≤ k (an empty prediction, or a one-word one with k = 2): this returns 0 there.
double bleu(const std::vector<std::string>& prediction, const std::vector<std::string>& label, int k = 2);
// The same on sentences split at single spaces, like D2L's pred_seq.split(' '); "" counts as no tokens.
double bleu(const std::string& prediction, const std::string& label, int k = 2);

std::vector<std::string> split_tokens(const std::string& sentence);  // at single spaces; "" → {}

}  // namespace dl
