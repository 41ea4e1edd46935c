// divelab-cli: train, evaluate and benchmark DiveLab networks without the GUI.
#include <cstring>
#include <iostream>
#include <string>

#include "commands.h"
#include "flag_parser.h"

namespace {
void print_usage(std::ostream& out) {
    out << "usage: divelab-cli COMMAND [options]   (divelab-cli COMMAND --help lists its options)\n\ncommands:\n";
    for (cli::Command c : {cli::Command::Train, cli::Command::Evaluate, cli::Command::Bench, cli::Command::Generate,
                           cli::Command::Translate, cli::Command::Export, cli::Command::Fill})
        out << "  " << cli::command_name(c) << std::string(10 - std::strlen(cli::command_name(c)), ' ')
            << cli::command_summary(c) << "\n";
    out << "  presets   list the bundled networks\n"
           "  layers    list the layers the engine offers\n"
           "  datasets  list the data set names\n";
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        print_usage(std::cout);
        return argc < 2 ? cli::kExitUsage : 0;
    }
    const std::string command = argv[1];
    try {
        if (command == "train") return cli::train_command(argc - 1, argv + 1);
        if (command == "bench") return cli::bench_command(argc - 1, argv + 1);
        if (command == "evaluate") return cli::evaluate_command(argc - 1, argv + 1);
        if (command == "generate") return cli::generate_command(argc - 1, argv + 1);
        if (command == "translate") return cli::translate_command(argc - 1, argv + 1);
        if (command == "export") return cli::export_command(argc - 1, argv + 1);
        if (command == "fill") return cli::fill_command(argc - 1, argv + 1);
        if (command == "presets" || command == "layers" || command == "datasets") return cli::list_command(command);
        std::cerr << "divelab-cli: unknown command '" << command << "'\n";
        print_usage(std::cerr);
        return cli::kExitUsage;
    } catch (const cli::UsageError& e) {
        std::cerr << "divelab-cli " << command << ": " << e.what() << "\n";
        return cli::kExitUsage;
    } catch (const std::exception& e) {  // InputError, ShapeError: a problem with the user's files or settings
        std::cerr << "divelab-cli " << command << ": error: " << e.what() << "\n";
        return cli::kExitInput;
    }
}
