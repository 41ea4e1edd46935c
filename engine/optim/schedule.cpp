#include "engine/optim/schedule.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include "engine/core/error.h"
#include "engine/optim/check.h"

namespace dl {

namespace {

constexpr const char* kScheduleForms =
    "use constant, step:<every>[:<gamma>] (e.g. step:30:0.1) or cosine[:<min lr>] (e.g. cosine:1e-4)";

float main_schedule_lr(const LrSchedule& s, float base_lr, int64_t t, int64_t length) {
    switch (s.kind) {
        case LrSchedule::Step:
            return base_lr * static_cast<float>(std::pow(static_cast<double>(s.gamma), t / s.step_size));
        case LrSchedule::Cosine: {
            if (t >= length) return s.min_lr;
            const double progress = static_cast<double>(t) / static_cast<double>(length);
            return static_cast<float>(s.min_lr +
                                      (base_lr - s.min_lr) * (1.0 + std::cos(std::numbers::pi * progress)) / 2.0);
        }
        case LrSchedule::Constant:
            break;
    }
    return base_lr;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts(1);
    for (char c : text) {
        if (c == separator)
            parts.emplace_back();
        else
            parts.back() += c;
    }
    return parts;
}

std::string trimmed_lowercase(std::string_view text) {
    std::string out;
    for (unsigned char c : text)
        if (!std::isspace(c)) out += static_cast<char>(std::tolower(c));
    return out;
}

[[noreturn]] void bad_schedule(std::string_view text, const std::string& why) {
    throw InputError("learning-rate schedule '" + std::string(text) + "' " + why + "; " + kScheduleForms);
}

// std::from_chars, not strtod: the GUI runs under the user's locale, where "0.1" may not parse.
double parse_number(std::string_view original, const std::string& field, const char* what) {
    std::string_view text(field);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (field.empty() || ec != std::errc() || end != text.data() + text.size())
        bad_schedule(original, std::string("has '") + field + "' where " + what + " should be");
    return value;
}

}  // namespace

void LrSchedule::validate() const {
    if (warmup_steps < 0) throw InputError("warm-up must be zero or more epochs, got " + std::to_string(warmup_steps));
    if (kind == Step) {
        if (step_size < 1)
            throw InputError("step schedule: the lr must decay every 1 or more epochs, got " +
                             std::to_string(step_size));
        if (!(gamma > 0 && gamma <= 1))
            throw InputError("step schedule: the decay factor gamma must be above 0 and at most 1, got " +
                             optim_check::format_number(gamma));
    }
    if (kind == Cosine) optim_check::non_negative(min_lr, "cosine schedule minimum lr");
}

float LrSchedule::lr_at(float base_lr, int64_t step, int64_t total_steps) const {
    validate();
    const int64_t length = total_steps - warmup_steps;
    if (kind == Cosine) {  // checked on every call so a bad run fails at epoch 0, not after the warm-up
        if (length <= 0)
            throw InputError("cosine schedule: " + std::to_string(warmup_steps) + " warm-up epochs leave none of the " +
                             std::to_string(total_steps) + " epochs to anneal over; use fewer warm-up epochs");
        if (min_lr > base_lr)
            throw InputError("cosine schedule: the minimum lr " + optim_check::format_number(min_lr) +
                             " is above the base lr " + optim_check::format_number(base_lr));
    }
    if (step < warmup_steps) return base_lr * static_cast<float>(step + 1) / static_cast<float>(warmup_steps);
    return main_schedule_lr(*this, base_lr, step - warmup_steps, length);
}

LrSchedule parse_lr_schedule(std::string_view text, int64_t warmup_steps) {
    const std::vector<std::string> parts = split(trimmed_lowercase(text), ':');
    const std::string& kind = parts[0];
    LrSchedule schedule;
    schedule.warmup_steps = warmup_steps;
    if (kind == "constant") {
        if (parts.size() > 1) bad_schedule(text, "takes no values");
    } else if (kind == "step") {
        if (parts.size() < 2 || parts.size() > 3)
            bad_schedule(text, "needs the epochs between decays and at most a decay factor");
        const double every = parse_number(text, parts[1], "a whole number of epochs");
        if (every != std::floor(every) || every < 1 || every > 1e9)
            bad_schedule(text, "needs a whole number of epochs (1 or more) between decays");
        schedule.kind = LrSchedule::Step;
        schedule.step_size = static_cast<int64_t>(every);
        if (parts.size() == 3) schedule.gamma = static_cast<float>(parse_number(text, parts[2], "the decay factor"));
    } else if (kind == "cosine") {
        if (parts.size() > 2) bad_schedule(text, "takes at most a minimum lr");
        schedule.kind = LrSchedule::Cosine;
        if (parts.size() == 2) schedule.min_lr = static_cast<float>(parse_number(text, parts[1], "the minimum lr"));
    } else {
        bad_schedule(text, "is unknown");
    }
    schedule.validate();
    return schedule;
}

std::string to_string(const LrSchedule& schedule) {
    switch (schedule.kind) {
        case LrSchedule::Step:
            return "step:" + std::to_string(schedule.step_size) + ":" + optim_check::format_number(schedule.gamma);
        case LrSchedule::Cosine:
            return "cosine:" + optim_check::format_number(schedule.min_lr);
        case LrSchedule::Constant:
            break;
    }
    return "constant";
}

}  // namespace dl
