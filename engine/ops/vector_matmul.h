#pragma once
// matmul with PyTorch's rules for 1-D operands (torch.matmul): a vector on the left is a row [1, k],
// a vector on the right a column [k, 1], and the promoted axis is removed from the result again, so
// [4] @ [4] is a dot product of shape [] and [3, 4] @ [4] has shape [3]. With two operands of two or
// more axes it is the engine's matmul.
#include "engine/autograd/variable.h"

namespace dl {

Var vector_matmul(const Var& a, const Var& b);

}  // namespace dl
