#pragma once
// A network for a text data set: Embedding and OneHot nodes whose vocab_size is 0 ("the data set's
// vocabulary", the default) get the data set's vocabulary size. Callers that build a network for a text
// data set call this first; nodes with an explicit vocab_size keep it.
#include <cstdint>

#include "engine/nn/network_spec.h"

namespace dl {

void fit_to_vocabulary(NetworkSpec& spec, int64_t vocab_size);

}  // namespace dl
