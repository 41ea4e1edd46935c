// divelab-cli: train, evaluate and benchmark DiveLab networks without the GUI.
#include <cstring>
#include <iostream>

#include "commands.h"
#include "engine/core/error.h"

namespace {
const char* kUsage = R"(usage: divelab-cli COMMAND [options]

commands:
  train     --model PRESET_OR_JSON_OR_PROJECT [--dataset NAME_OR_PATH] [--epochs N] [--batch-size B] [--lr X]
            [--optimizer NAME] [--momentum X] [--weight-decay X] [--schedule S] [--warmup N] [--clip X]
            [--loss NAME] [--seed S] [--threads T] [--limit N] [--test-limit N] [--resize S] [--save FILE]
            [--jsonl]
  evaluate  --model-file FILE --dataset NAME_OR_PATH [--limit N] [--resize S]
  bench     [--model M ...] [--threads T] [--epochs N] [--limit N] [--resize S]   (default models: softmax, mlp)
  presets   list the bundled networks
  layers    list the layers the engine offers
  datasets  list the data set names
)";
}

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? cli::kExitUsage : 0;
    }
    const std::string command = argv[1];
    try {
        cli::Args args(argc, argv, 2);
        if (command == "train") return cli::train_command(args);
        if (command == "bench") return cli::bench_command(args);
        if (command == "evaluate") return cli::evaluate_command(args);
        if (command == "presets" || command == "layers" || command == "datasets") return cli::list_command(command);
        std::cerr << "divelab-cli: unknown command '" << command << "'\n" << kUsage;
        return cli::kExitUsage;
    } catch (const cli::UsageError& e) {
        std::cerr << "divelab-cli " << command << ": " << e.what() << "\n";
        return cli::kExitUsage;
    } catch (const std::exception& e) {  // InputError, ShapeError: a problem with the user's files or settings
        std::cerr << "divelab-cli " << command << ": error: " << e.what() << "\n";
        return cli::kExitInput;
    }
}
