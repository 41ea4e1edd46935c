#pragma once
// The subcommands of divelab-cli. Each returns the process exit code.
#include "args.h"

namespace cli {

int train_command(Args& args);
int bench_command(Args& args);
int evaluate_command(Args& args);
int list_command(const std::string& what);

// Exit codes: 0 ok, 1 bad input (file, network, data), 2 usage, 3 training diverged.
inline constexpr int kExitInput = 1, kExitUsage = 2, kExitDiverged = 3;

}  // namespace cli
