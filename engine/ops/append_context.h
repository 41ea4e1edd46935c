#pragma once
// One context vector per example appended to every step of a sequence (D2L §9.7's Seq2SeqDecoder, which
// concatenates the encoder's final top-layer state to each embedded target token).
#include "engine/autograd/variable.h"

namespace dl {

// x [B, T, E], context [B, H] → [B, T, E + H]: row t of example b is x[b, t] followed by context[b].
// The context's gradient is the sum over the steps of the gradients of its copies.
Var append_context(const Var& x, const Var& context);

}  // namespace dl
