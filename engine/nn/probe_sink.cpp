#include "engine/nn/probe_sink.h"

#include <algorithm>
#include <atomic>

namespace dl {

namespace {
std::atomic<int64_t> g_copies{0};
}  // namespace

bool probe_name_matches(std::string_view pattern, std::string_view name) {
    if (!pattern.empty() && pattern.back() == '*') {
        pattern.remove_suffix(1);
        return name.substr(0, pattern.size()) == pattern;
    }
    return pattern == name;
}

ProbeSink::ProbeSink(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}

std::string ProbeSink::full_name(std::string_view name) const {
    if (scope_.empty()) return std::string(name);
    std::string full;
    full.reserve(scope_.size() + 1 + name.size());
    full.append(scope_).append(1, '.').append(name);
    return full;
}

bool ProbeSink::wants(std::string_view name) const {
    const std::string full = full_name(name);
    return std::any_of(patterns_.begin(), patterns_.end(),
                       [&](const std::string& p) { return probe_name_matches(p, full); });
}

void ProbeSink::publish(std::string_view name, const Tensor& value) {
    if (!wants(name)) return;
    std::string full = full_name(name);
    Tensor copy = value.clone();
    ++g_copies;
    // A name published twice in one pass (a layer run twice) keeps its later value: one probe per name.
    for (Probe& p : probes_)
        if (p.name == full) {
            p.value = std::move(copy);
            return;
        }
    probes_.push_back({std::move(full), std::move(copy)});
}

Tensor ProbeSink::slot(std::string_view name, const Shape& shape) {
    if (!wants(name)) return {};
    std::string full = full_name(name);
    Tensor value(shape);
    for (Probe& p : probes_)
        if (p.name == full) {
            p.value = value;
            return value;
        }
    probes_.push_back({std::move(full), value});
    return value;
}

int64_t ProbeSink::copies_made() {
    return g_copies.load();
}

ProbeSink::Scope::Scope(ProbeSink* sink, std::string_view id) : sink_(sink) {
    if (!sink_) return;
    outer_length_ = sink_->scope_.size();
    if (!sink_->scope_.empty()) sink_->scope_.push_back('.');
    sink_->scope_.append(id);
}

ProbeSink::Scope::~Scope() {
    if (sink_) sink_->scope_.resize(outer_length_);
}

}  // namespace dl
