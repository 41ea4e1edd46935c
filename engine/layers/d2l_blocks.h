#pragma once
// D2L's building blocks as single layers (chapter 8), each generating its inside from a few settings:
//   VggBlock      num_convs × (3×3 conv + ReLU), then 2×2 max pooling                      (§8.2)
//   NinBlock      k×k conv + ReLU, then two 1×1 convs + ReLU                               (§8.3)
//   Inception     four parallel paths (1×1; 1×1→3×3; 1×1→5×5; 3×3 max pool→1×1) joined on channels (§8.4)
//   Residual      3×3 conv-BN-ReLU-3×3 conv-BN plus the input (through a 1×1 conv if asked), then ReLU (§8.6)
//   DenseBlock    num_convs × (BN-ReLU-3×3 conv), each output joined onto its input's channels  (§8.7)
//   Transition    BN-ReLU-1×1 conv, then 2×2 average pooling                                (§8.7)
// Inner node ids follow PyTorch's naming where D2L's modules have one (conv1, bn1, …), so exported
// parameter names read like a PyTorch state_dict.
#include <vector>

#include "engine/nn/layer_catalog.h"

namespace dl {

std::vector<LayerInfo> block_catalog();

}  // namespace dl
