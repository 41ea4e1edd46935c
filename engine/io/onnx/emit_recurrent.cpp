// ONNX forms of token inputs and recurrent layers.
#include "engine/io/onnx/emitters.h"

namespace dl {

void add_recurrent_emitters(OnnxEmitterTable&) {}

}  // namespace dl
