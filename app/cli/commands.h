#pragma once
// The subcommands of divelab-cli. Each takes the arguments from its own name on (argv[0] = "train")
// and returns the process exit code.
#include <string>

#include "usage_error.h"

namespace cli {

int train_command(int argc, char** argv);
int bench_command(int argc, char** argv);
int evaluate_command(int argc, char** argv);
int generate_command(int argc, char** argv);
int translate_command(int argc, char** argv);
int fill_command(int argc, char** argv);
int export_command(int argc, char** argv);  // --format dispatches to one function per format:
struct FlagValues;
int export_pytorch_command(const FlagValues& flags);                             // pytorch_export_command.cpp
int export_onnx_command(const std::string& model_file, const std::string& out);  // onnx_export_command.cpp
int list_command(const std::string& what);

// Exit codes: 0 ok, 1 bad input (file, network, data), 2 usage, 3 training diverged.
inline constexpr int kExitInput = 1, kExitUsage = 2, kExitDiverged = 3;

}  // namespace cli
