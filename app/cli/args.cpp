#include "args.h"

#include <cmath>
#include <cstdlib>

namespace cli {

Args::Args(int argc, char** argv, int first) {
    for (int i = first; i < argc; ++i) items_.emplace_back(argv[i]);
}

std::vector<std::string> Args::values(const std::string& name) {
    std::vector<std::string> found;
    const std::string key = "--" + name;
    for (size_t i = 0; i < items_.size();) {
        if (items_[i] == key) {
            if (i + 1 >= items_.size()) throw UsageError(key + " needs a value");
            found.push_back(items_[i + 1]);
            items_.erase(items_.begin() + i, items_.begin() + i + 2);
        } else if (items_[i].rfind(key + "=", 0) == 0) {
            found.push_back(items_[i].substr(key.size() + 1));
            items_.erase(items_.begin() + i);
        } else {
            ++i;
        }
    }
    return found;
}

std::optional<std::string> Args::value(const std::string& name) {
    auto all = values(name);
    if (all.empty()) return std::nullopt;
    return all.back();
}

bool Args::flag(const std::string& name) {
    bool found = false;
    for (size_t i = 0; i < items_.size();) {
        if (items_[i] == "--" + name) {
            found = true;
            items_.erase(items_.begin() + i);
        } else {
            ++i;
        }
    }
    return found;
}

std::optional<int64_t> Args::integer(const std::string& name, int64_t min) {
    auto v = value(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long long x = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno != 0 || x < min)
        throw UsageError("--" + name + " must be an integer ≥ " + std::to_string(min) + ", got '" + *v + "'");
    return x;
}

std::optional<double> Args::number(const std::string& name, double min, bool inclusive) {
    auto v = value(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    const bool in_range = inclusive ? x >= min : x > min;
    if (v->empty() || *end != '\0' || !std::isfinite(x) || !in_range)
        throw UsageError("--" + name + " must be a number " + (inclusive ? "≥ " : "> ") + std::to_string(min) +
                         ", got '" + *v + "'");
    return x;
}

void Args::finish() const {
    if (!items_.empty()) throw UsageError("unexpected argument '" + items_.front() + "'");
}

}  // namespace cli
