#include "flag_parser.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <deque>
#include <iostream>

namespace cli {

namespace {
constexpr const char* kTrainFooter =
    "Each setting comes from, in rising precedence: built-in defaults, the preset's or network file's\n"
    "suggestions, a project's saved settings, these flags. --print-config shows the result.\n"
    "Exit codes: 0 done, 1 bad input (the message names the file and field), 2 bad usage, 3 diverged.";

[[noreturn]] void bad_value(const FlagSpec& spec, const std::string& kind, const std::string& text) {
    const std::string range = spec.range.describe();
    throw UsageError(std::string("--") + spec.name + " must be " + kind + " " + range + ", got '" + text + "'");
}

int64_t to_integer(const FlagSpec& spec, const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const long long x = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || !spec.range.contains(static_cast<double>(x)))
        bad_value(spec, "an integer", text);
    return x;
}

double to_number(const FlagSpec& spec, const std::string& text) {
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(x) || !spec.range.contains(x)) bad_value(spec, "a number", text);
    return x;
}

// `text` broken into lines of at most `width` characters at spaces (CLI11 2.1 does not wrap help,
// but indents the lines after a newline under the first). `out` keeps `text`'s length, so positions in
// one are positions in the other.
std::string wrapped(const std::string& text, size_t width = 72) {
    std::string out;
    size_t line_start = 0;
    for (size_t word = 0; word < text.size();) {
        size_t end = text.find(' ', word);
        if (end == std::string::npos) end = text.size();
        if (end - line_start > width && word > line_start) {
            out.back() = '\n';
            line_start = out.size();
        }
        out.append(text, word, end - word);
        if (end < text.size()) out += ' ';
        word = end + 1;
    }
    return out;
}

// One table row registered with CLI11: CLI11 collects the text, store() converts it into FlagValues.
struct Binding {
    explicit Binding(const FlagSpec* row) : spec(row) {}

    const FlagSpec* spec;
    CLI::Option* option = nullptr;
    std::string text;
    std::vector<std::string> list;
    bool on = false;

    void add_to(CLI::App& app, Command command) {
        const std::string name = std::string("--") + spec->name;
        const std::string help = wrapped(spec->help.for_command(command));
        if (std::holds_alternative<std::optional<bool> FlagValues::*>(spec->field)) {
            const std::string names = spec->off_name ? name + ",!--" + spec->off_name : name;
            option = app.add_flag(names, on, help);
        } else if (std::holds_alternative<std::vector<std::string> FlagValues::*>(spec->field)) {
            option = app.add_option(name, list, help)->delimiter(',');
        } else {
            option = app.add_option(name, text, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        }
        option->type_name(spec->value_name)->group(spec->group);
    }

    void store(FlagValues& values) const {
        if (option->count() == 0) return;
        std::visit(
            [&](auto member) {
                using T = typename std::remove_reference_t<decltype(values.*member)>;
                if constexpr (std::is_same_v<T, std::optional<int64_t>>) values.*member = to_integer(*spec, text);
                if constexpr (std::is_same_v<T, std::optional<double>>) values.*member = to_number(*spec, text);
                if constexpr (std::is_same_v<T, std::optional<std::string>>) values.*member = text;
                if constexpr (std::is_same_v<T, std::vector<std::string>>) values.*member = list;
                if constexpr (std::is_same_v<T, std::optional<bool>>) values.*member = on;
            },
            spec->field);
    }
};
}  // namespace

const char* command_name(Command command) {
    switch (command) {
        case Command::Train:
            return "train";
        case Command::Evaluate:
            return "evaluate";
        case Command::Bench:
            return "bench";
        case Command::Generate:
            return "generate";
        case Command::Translate:
            return "translate";
        case Command::Export:
            return "export";
        case Command::Fill:
            return "fill";
    }
    return "";
}

const char* command_summary(Command command) {
    switch (command) {
        case Command::Train:
            return "train a preset, a network JSON file or a .divelab project";
        case Command::Evaluate:
            return "score a model saved by `train --save` on a data set (JSON)";
        case Command::Bench:
            return "median seconds per training epoch of presets (JSON lines)";
        case Command::Generate:
            return "continue a prefix with a language model saved by `train --save`";
        case Command::Translate:
            return "translate a sentence with a translation model saved by `train --save`";
        case Command::Export:
            return "write a saved model as ONNX or as a PyTorch project (--format onnx|pytorch)";
        case Command::Fill:
            return "fill in the [MASK] words of a sentence with a pretrained BERT";
    }
    return "";
}

std::optional<FlagValues> parse_flags(Command command, int argc, char** argv) {
    CLI::App app(command_summary(command), std::string("divelab-cli ") + command_name(command));
    app.set_help_flag("-h,--help", "print this help and exit");
    app.get_formatter()->column_width(26);
    app.allow_extras();  // reported below in the old words, in the order given
    if (command == Command::Train) app.footer(kTrainFooter);

    std::deque<Binding> bindings;  // a deque keeps the addresses CLI11 writes to
    for (const FlagSpec& spec : flag_table())
        if (spec.help.for_command(command)) bindings.emplace_back(&spec).add_to(app, command);

    std::string sentence;  // translate's and fill's one positional argument
    if (command == Command::Translate)
        app.add_option("sentence", sentence, "the sentence to translate, preprocessed like D2L's (\"go .\")");
    if (command == Command::Fill)
        app.add_option("sentence", sentence,
                       "the sentence with [MASK] for each word to guess (\"the time [MASK] was\"); a second sentence "
                       "may follow after \" | \"");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return std::nullopt;
    } catch (const CLI::ArgumentMismatch& e) {  // CLI11 says "--lr: 1 required X missing"
        const std::string what = e.what();
        const size_t colon = what.find(':');
        throw UsageError(
            what.rfind("--", 0) == 0 && colon != std::string::npos ? what.substr(0, colon) + " needs a value" : what);
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what());
    }
    if (!app.remaining().empty())
        throw UsageError("unexpected argument '" + app.remaining().front() + "' (`divelab-cli " +
                         command_name(command) + " --help` lists the options)");

    FlagValues values;
    for (const Binding& b : bindings) b.store(values);
    if ((command == Command::Translate || command == Command::Fill) && !sentence.empty()) values.sentence = sentence;
    return values;
}

}  // namespace cli
