#pragma once
// The fixed Python files of the PyTorch export (pytorch_export.h), and train.py around its experiment settings.
#include <string>

namespace dl {

// safetensors_io.py: a NumPy reader and writer of F32 safetensors files.
const char* pytorch_safetensors_io_text();
// model.py's class for an attention-family layer (MultiHeadAttention, AddNorm, PositionwiseFFN,
// PositionalEncoding, PositionEmbedding), written once before the network's classes when the network uses it; empty for
// other types.
const char* pytorch_helper_class_text(const std::string& type);
// Appended to model.py: load_weights(model, path) and save_weights(model, path, metadata).
const char* pytorch_weights_helpers_text();
// train.py after its EXPERIMENT settings block (`settings`, Python text written by the exporter).
std::string pytorch_train_text(const std::string& settings);
// README.md of the project; `name` is the network's name.
std::string pytorch_readme_text(const std::string& name);

}  // namespace dl
