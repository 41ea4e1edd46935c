#include "engine/optim/schedule.h"

#include <algorithm>
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
    "use constant, step:<every>[:<gamma>] (e.g. step:30:0.1), multifactor:<epoch>,<epoch>,...[:<gamma>] "
    "(e.g. multifactor:15,30:0.5) or cosine[:<min lr>[:<until epoch>]] (e.g. cosine:1e-4, cosine:0.01:20)";

float main_schedule_lr(const LrSchedule& s, float base_lr, int64_t t, int64_t length) {
    switch (s.kind) {
        case LrSchedule::Step:
            return base_lr * static_cast<float>(std::pow(static_cast<double>(s.gamma), t / s.step_size));
        case LrSchedule::MultiFactor: {
            const auto passed = std::upper_bound(s.milestones.begin(), s.milestones.end(), t) - s.milestones.begin();
            return base_lr * static_cast<float>(std::pow(static_cast<double>(s.gamma), static_cast<double>(passed)));
        }
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

namespace {

void validate_decay_factor(float gamma, const char* kind) {
    if (!(gamma > 0 && gamma <= 1))
        throw InputError(std::string(kind) + " schedule: the decay factor gamma must be above 0 and at most 1, got " +
                         optim_check::format_number(gamma));
}

void validate_milestones(const std::vector<int64_t>& milestones) {
    if (milestones.empty())
        throw InputError("multi-factor schedule: list the epochs at which the lr drops, e.g. 15,30");
    for (size_t i = 0; i < milestones.size(); ++i) {
        if (milestones[i] < 1)
            throw InputError("multi-factor schedule: the epochs at which the lr drops must be 1 or more, got " +
                             std::to_string(milestones[i]));
        if (i > 0 && milestones[i] <= milestones[i - 1])
            throw InputError("multi-factor schedule: the epochs at which the lr drops must increase, but " +
                             std::to_string(milestones[i]) + " follows " + std::to_string(milestones[i - 1]));
    }
}

// The epochs the main schedule runs over; a cosine needs at least one.
int64_t main_length(const LrSchedule& s, int64_t total_steps) {
    if (s.kind != LrSchedule::Cosine || s.cosine_epochs == 0) return total_steps - s.warmup_steps;
    return s.cosine_epochs - s.warmup_steps;
}

void validate_cosine_run(const LrSchedule& s, float base_lr, int64_t total_steps) {
    if (main_length(s, total_steps) > 0) {
        if (s.min_lr > base_lr)
            throw InputError("cosine schedule: the minimum lr " + optim_check::format_number(s.min_lr) +
                             " is above the base lr " + optim_check::format_number(base_lr));
        return;
    }
    if (s.cosine_epochs > 0)
        throw InputError("cosine schedule: it is to reach its minimum at epoch " + std::to_string(s.cosine_epochs) +
                         ", within the " + std::to_string(s.warmup_steps) +
                         " warm-up epochs; end it later or use fewer warm-up epochs");
    throw InputError("cosine schedule: " + std::to_string(s.warmup_steps) + " warm-up epochs leave none of the " +
                     std::to_string(total_steps) + " epochs to anneal over; use fewer warm-up epochs");
}

float warmup_lr(const LrSchedule& s, float base_lr, int64_t step) {
    const double w = static_cast<double>(s.warmup_steps);
    if (!s.warmup_start_lr) return static_cast<float>(base_lr * static_cast<double>(step + 1) / w);
    const double start = *s.warmup_start_lr;
    return static_cast<float>(start + (base_lr - start) * static_cast<double>(step) / w);
}

}  // namespace

void LrSchedule::validate() const {
    if (warmup_steps < 0) throw InputError("warm-up must be zero or more epochs, got " + std::to_string(warmup_steps));
    if (warmup_start_lr) optim_check::non_negative(*warmup_start_lr, "warm-up start lr");
    if (kind == Step) {
        if (step_size < 1)
            throw InputError("step schedule: the lr must decay every 1 or more epochs, got " +
                             std::to_string(step_size));
        validate_decay_factor(gamma, "step");
    }
    if (kind == MultiFactor) {
        validate_milestones(milestones);
        validate_decay_factor(gamma, "multi-factor");
    }
    if (kind == Cosine) {
        optim_check::non_negative(min_lr, "cosine schedule minimum lr");
        if (cosine_epochs < 0)
            throw InputError("cosine schedule: the epoch it ends at must be 1 or more (0 = the last epoch), got " +
                             std::to_string(cosine_epochs));
    }
}

float LrSchedule::lr_at(float base_lr, int64_t step, int64_t total_steps) const {
    validate();
    // Checked on every call so a bad run fails at epoch 0, not after the warm-up.
    if (kind == Cosine) validate_cosine_run(*this, base_lr, total_steps);
    if (step < warmup_steps) return warmup_lr(*this, base_lr, step);
    return main_schedule_lr(*this, base_lr, step - warmup_steps, main_length(*this, total_steps));
}

namespace {

int64_t parse_epoch(std::string_view original, const std::string& field, const char* what) {
    const double value = parse_number(original, field, what);
    if (value != std::floor(value) || value < 1 || value > 1e9)
        bad_schedule(original, std::string("needs ") + what + " (1 or more), not '" + field + "'");
    return static_cast<int64_t>(value);
}

void parse_step(std::string_view text, const std::vector<std::string>& parts, LrSchedule& schedule) {
    if (parts.size() < 2 || parts.size() > 3)
        bad_schedule(text, "needs the epochs between decays and at most a decay factor");
    schedule.kind = LrSchedule::Step;
    schedule.step_size = parse_epoch(text, parts[1], "a whole number of epochs between decays");
    if (parts.size() == 3) schedule.gamma = static_cast<float>(parse_number(text, parts[2], "the decay factor"));
}

void parse_multifactor(std::string_view text, const std::vector<std::string>& parts, LrSchedule& schedule) {
    if (parts.size() < 2 || parts.size() > 3)
        bad_schedule(text, "needs the epochs at which the lr drops (e.g. 15,30) and at most a decay factor");
    schedule.kind = LrSchedule::MultiFactor;
    for (const std::string& epoch : split(parts[1], ','))
        schedule.milestones.push_back(parse_epoch(text, epoch, "a whole number for each epoch the lr drops at"));
    if (parts.size() == 3) schedule.gamma = static_cast<float>(parse_number(text, parts[2], "the decay factor"));
}

void parse_cosine(std::string_view text, const std::vector<std::string>& parts, LrSchedule& schedule) {
    if (parts.size() > 3) bad_schedule(text, "takes at most a minimum lr and the epoch it reaches it at");
    schedule.kind = LrSchedule::Cosine;
    if (parts.size() >= 2) schedule.min_lr = static_cast<float>(parse_number(text, parts[1], "the minimum lr"));
    if (parts.size() == 3)
        schedule.cosine_epochs = parse_epoch(text, parts[2], "a whole number for the epoch the cosine ends at");
}

}  // namespace

LrSchedule parse_lr_schedule(std::string_view text, int64_t warmup_steps) {
    const std::vector<std::string> parts = split(trimmed_lowercase(text), ':');
    const std::string& kind = parts[0];
    LrSchedule schedule;
    schedule.warmup_steps = warmup_steps;
    if (kind == "constant") {
        if (parts.size() > 1) bad_schedule(text, "takes no values");
    } else if (kind == "step") {
        parse_step(text, parts, schedule);
    } else if (kind == "multifactor") {
        parse_multifactor(text, parts, schedule);
    } else if (kind == "cosine") {
        parse_cosine(text, parts, schedule);
    } else {
        bad_schedule(text, "is unknown");
    }
    schedule.validate();
    return schedule;
}

std::string milestones_text(const std::vector<int64_t>& milestones) {
    std::string text;
    for (int64_t epoch : milestones) {
        if (!text.empty()) text += ',';
        text += std::to_string(epoch);
    }
    return text;
}

std::string to_string(const LrSchedule& schedule) {
    switch (schedule.kind) {
        case LrSchedule::Step:
            return "step:" + std::to_string(schedule.step_size) + ":" + optim_check::format_number(schedule.gamma);
        case LrSchedule::MultiFactor:
            return "multifactor:" + milestones_text(schedule.milestones) + ":" +
                   optim_check::format_number(schedule.gamma);
        case LrSchedule::Cosine: {
            std::string text = "cosine:" + optim_check::format_number(schedule.min_lr);
            if (schedule.cosine_epochs > 0) text.append(":").append(std::to_string(schedule.cosine_epochs));
            return text;
        }
        case LrSchedule::Constant:
            break;
    }
    return "constant";
}

}  // namespace dl
