#pragma once
// Reductions over axes. An empty axes list means "all axes".
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

Var sum(const Var& x, std::vector<int64_t> axes = {}, bool keepdim = false);
Var mean(const Var& x, std::vector<int64_t> axes = {}, bool keepdim = false);
Var max(const Var& x, std::vector<int64_t> axes = {}, bool keepdim = false);  // gradient goes to the first maximum

}  // namespace dl
