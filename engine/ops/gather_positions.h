#pragma once
// The vectors of a sequence at chosen positions, per example (BERT's masked-LM head, D2L §14.8.5: it predicts
// only the masked positions, so it gathers their encodings first).
#include "engine/autograd/variable.h"

namespace dl {

// x [B, T, H], positions [B, P] (integer ids stored as floats, each in [0, T)) -> [B, P, H] with
// out[b, p] = x[b, positions[b, p]]. The gradient scatter-adds, so a position chosen twice gets both.
// Throws ShapeError for mismatched shapes or a position outside the sequence.
Var gather_positions(const Var& x, const Tensor& positions);

}  // namespace dl
