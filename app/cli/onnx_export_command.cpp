// divelab-cli export --format onnx: one .onnx file (opset 17) for ONNX Runtime and other runtimes.
#include <iostream>

#include "commands.h"
#include "engine/io/model_file.h"
#include "engine/io/onnx_export.h"

namespace cli {

int export_onnx_command(const std::string& model_file, const std::string& out) {
    dl::LoadedModel model = dl::load_model(model_file);
    dl::export_onnx(model.network, out);
    std::cout << "exported " << model_file << " to " << out << " (ONNX, opset 17)" << std::endl;
    return 0;
}

}  // namespace cli
