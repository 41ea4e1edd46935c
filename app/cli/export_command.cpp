// divelab-cli export: a saved model in another framework's form, one function per --format.
#include "commands.h"
#include "engine/core/error.h"
#include "flag_parser.h"

namespace cli {

int export_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Export, argc, argv);
    if (!flags) return 0;  // --help
    if (!flags->model_file || !flags->format || !flags->out)
        throw UsageError("export needs --model-file FILE, --format FORMAT and --out PATH");
    if (*flags->format == "onnx") return export_onnx_command(*flags->model_file, *flags->out);
    if (*flags->format == "pytorch") return export_pytorch_command(*flags);
    throw dl::InputError("unknown export format '" + *flags->format + "'; the formats are: onnx, pytorch");
}

}  // namespace cli
