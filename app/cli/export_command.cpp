// divelab-cli export: a saved model in another framework's form, one function per --format.
#include "commands.h"
#include "flag_parser.h"

namespace cli {

int export_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Export, argc, argv);
    if (!flags) return 0;  // --help
    if (!flags->model_file || !flags->format || !flags->out)
        throw UsageError("export needs --model-file FILE, --format pytorch and --out PATH");
    if (*flags->format == "pytorch") return export_pytorch_command(*flags);
    throw UsageError("--format: unknown format '" + *flags->format + "'; expected pytorch");
}

}  // namespace cli
