#pragma once
// Reads one command's flags (those flag_table() lists for it) with CLI11: "--name value" or
// "--name=value", later occurrences win, values converted and range-checked.
#include <optional>
#include <string>

#include "flag_table.h"
#include "usage_error.h"

namespace cli {

const char* command_name(Command command);     // "train"
const char* command_summary(Command command);  // one line for the top-level usage

// argv[0] is the command's name. Returns nullopt after printing the command's --help; throws
// UsageError naming the flag for an unknown flag, a missing value or a value out of range.
std::optional<FlagValues> parse_flags(Command command, int argc, char** argv);

}  // namespace cli
