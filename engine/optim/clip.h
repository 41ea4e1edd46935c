#pragma once
// Gradient norms and clipping by global norm (PyTorch's torch.nn.utils.clip_grad_norm_).
#include "engine/nn/parameter.h"

namespace dl {

// L2 norm of one parameter's gradient; 0 when no gradient reached it.
float grad_norm(const Var& var);
// L2 norm of all gradients together, as if concatenated into one vector (summed in double).
float grad_norm(const ParamList& params);

// Scales every gradient by max_norm / (norm + 1e-6) when that factor is below 1, so the global norm
// becomes (just under) max_norm; returns the norm before clipping. The gradients are changed in
// place (a Param shares its gradient storage). A NaN/Inf norm is returned with the gradients left
// as they are, so the trainer can report divergence. Throws InputError unless max_norm > 0.
float clip_grad_norm(const ParamList& params, float max_norm);

}  // namespace dl
