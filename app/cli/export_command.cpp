// divelab-cli export: a saved model in another format. Each format is one function; the command only reads
// the flags and dispatches on --format.
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "engine/core/error.h"
#include "engine/io/model_file.h"
#include "engine/io/onnx_export.h"

namespace cli {

namespace {
struct ExportFlags {
    std::string model_file, format, out;
};

// nullopt after --help.
std::optional<ExportFlags> parse_export_flags(int argc, char** argv) {
    ExportFlags f;
    CLI::App app("write a saved model in another format (onnx)", "divelab-cli export");
    app.set_help_flag("-h,--help", "print this help and exit");
    app.add_option("--model-file", f.model_file, "the model (required): the .json written by `train --save`");
    app.add_option("--format", f.format, "onnx: one .onnx file (opset 17) for ONNX Runtime and other runtimes");
    app.add_option("--out", f.out, "where to write it (required), e.g. model.onnx");
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return std::nullopt;
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what());
    }
    if (f.model_file.empty() || f.format.empty() || f.out.empty())
        throw UsageError("export needs --model-file FILE, --format FORMAT and --out PATH");
    return f;
}
}  // namespace

int export_onnx_command(const std::string& model_file, const std::string& out) {
    dl::LoadedModel model = dl::load_model(model_file);
    dl::export_onnx(model.network, out);
    std::cout << "exported " << model_file << " to " << out << " (ONNX, opset 17)" << std::endl;
    return 0;
}

int export_command(int argc, char** argv) {
    const std::optional<ExportFlags> f = parse_export_flags(argc, argv);
    if (!f) return 0;
    if (f->format == "onnx") return export_onnx_command(f->model_file, f->out);
    throw dl::InputError("unknown export format '" + f->format + "'; the formats are: onnx");
}

}  // namespace cli
