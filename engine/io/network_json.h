#pragma once
// Network files: a NetworkSpec as JSON (the preset and model-architecture format).
//
// {
//   "format": "divelab-network", "version": 1,
//   "name": "mlp", "description": "D2L §5.2 ...",
//   "input_shape": [1, 28, 28],                       (optional: taken from the data set)
//   "layers": [
//     {"id": "flatten", "type": "Flatten"},
//     {"id": "fc1", "type": "Linear", "out_features": 256, "init": "xavier_uniform"},
//     {"id": "sum", "type": "Add", "inputs": ["fc1", "skip"]},   (branching: name the inputs)
//     ...],
//   "output": "fc2",                                  (optional: the last layer)
//   "train": {"dataset": "fashion-mnist", "epochs": 10, "batch_size": 256, "lr": 0.1,
//             "optimizer": "sgd", "reference": {"test_acc": 0.85, "note": "D2L §5.2"}}
// }
// A layer's settings sit beside "id" and "type"; "inputs" and "ui" ({"x":…, "y":…}) are reserved.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "engine/nn/network_spec.h"

namespace dl {

// `source` names the file in error messages. Throws InputError naming the file and the field.
NetworkSpec network_from_json(const nlohmann::json& j, const std::string& source);
NetworkSpec parse_network(const std::string& text, const std::string& source);
NetworkSpec load_network_file(const std::string& path);
nlohmann::json network_to_json(const NetworkSpec& spec);
std::string network_to_string(const NetworkSpec& spec);  // pretty-printed

// Writes to a temporary file in the same folder and renames it over `path`, so a failure
// (full disk, crash) never leaves a half-written file in place of the old one.
void write_file_atomically(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);  // throws InputError naming the file

}  // namespace dl
