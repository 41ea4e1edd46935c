#pragma once
// A tiny command-line parser: "--name value" or "--name=value", with checked numbers.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

struct UsageError : std::runtime_error { using std::runtime_error::runtime_error; };

class Args {
public:
    Args(int argc, char** argv, int first);
    std::optional<std::string> value(const std::string& name);        // removes it when found
    std::vector<std::string> values(const std::string& name);         // every occurrence
    bool flag(const std::string& name);                               // --name present
    std::optional<int64_t> integer(const std::string& name, int64_t min = 1);
    std::optional<double> number(const std::string& name, double min, bool inclusive = false);
    void finish() const;  // throws UsageError for anything not consumed

private:
    std::vector<std::string> items_;
};

}  // namespace cli
