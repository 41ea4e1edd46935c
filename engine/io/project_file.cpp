#include "engine/io/project_file.h"

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <regex>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/data/text_cleaning.h"
#include "engine/io/base64.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/losses/loss.h"
#include "engine/optim/check.h"

namespace dl {

using nlohmann::json;
using ojson = nlohmann::ordered_json;  // keeps "format" and "version" on top, the bulky weights last
namespace fs = std::filesystem;

namespace {
constexpr const char* kFormat = "divelab-project";
constexpr int kVersion = 1;
constexpr const char* kWeightsEncoding = "safetensors+base64";

// ---- writing ----

// The double with the fewest digits that still reads back as exactly `f` (0.1f is written as 0.1,
// not 0.10000000149011612). Locale-independent, unlike printf/strtod.
double short_double(float f) {
    char buf[64];
    const auto written = std::to_chars(buf, buf + sizeof buf, f);
    double d = 0;
    std::from_chars(buf, written.ptr, d);
    return static_cast<float>(d) == f ? d : static_cast<double>(f);
}

ojson exact(float f) {
    return std::isfinite(f) ? ojson(short_double(f)) : ojson(nullptr);
}

std::string number_text(double d) {
    char buf[64];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, d).ptr);
}

// to_string(LrSchedule)'s form, but with floats written so that parse_lr_schedule gives them back exactly.
std::string schedule_text(const LrSchedule& s) {
    switch (s.kind) {
        case LrSchedule::Step:
            return "step:" + std::to_string(s.step_size) + ":" + number_text(short_double(s.gamma));
        case LrSchedule::MultiFactor:
            return "multifactor:" + milestones_text(s.milestones) + ":" + number_text(short_double(s.gamma));
        case LrSchedule::Cosine: {
            std::string text = "cosine:" + number_text(short_double(s.min_lr));
            if (s.cosine_epochs > 0) text.append(":").append(std::to_string(s.cosine_epochs));
            return text;
        }
        case LrSchedule::Constant:
            break;
    }
    return "constant";
}

// `j` with the keys in `first` leading and those in `last` trailing (nlohmann::json sorts keys, which
// would put a layer's "type" after its settings and the network's "format" in the middle).
ojson reordered(const json& j, std::initializer_list<const char*> first, std::initializer_list<const char*> last = {}) {
    ojson out = ojson::object();
    for (const char* key : first)
        if (j.contains(key)) out[key] = ojson(j[key]);
    for (const auto& [key, value] : j.items())
        if (!out.contains(key) && std::find(last.begin(), last.end(), key) == last.end()) out[key] = ojson(value);
    for (const char* key : last)
        if (j.contains(key)) out[key] = ojson(j[key]);
    return out;
}

ojson network_section(const NetworkSpec& spec) {
    const json j = network_to_json(spec);
    ojson out = reordered(j, {"format", "version", "name", "description", "input_shape", "inputs", "layers", "output"});
    for (size_t i = 0; i < j["layers"].size(); ++i)
        out["layers"][i] = reordered(j["layers"][i], {"id", "type", "inputs"}, {"ui"});
    return out;
}

// A text corpus's options (D2L §8.2–8.3), written for text data sets and wherever they differ from
// the defaults, so other projects do not carry them. Translation (D2L §9.5) writes num_steps, min_freq
// and, when set, max_pairs.
void text_options_to_json(const std::string& name, const DatasetOptions& o, ojson& j) {
    const DatasetOptions defaults;
    const bool text = is_text_dataset(name);
    const bool pairs = !text && is_translation_dataset(name);
    if (text || o.token_kind != defaults.token_kind) j["tokens"] = o.token_kind;
    if (text || pairs || o.num_steps) j["num_steps"] = resolved_num_steps(name, o);
    if (text || o.sampling != defaults.sampling) j["sampling"] = sampling_name(o.sampling);
    if (text || pairs || o.min_freq) j["min_freq"] = resolved_min_freq(name, o);
    if (o.max_tokens) j["max_tokens"] = *o.max_tokens;
    if (o.max_pairs) j["max_pairs"] = *o.max_pairs;
}

ojson dataset_to_json(const std::string& name, const DatasetOptions& o) {
    ojson j;
    j["name"] = name;
    if (o.size) j["size"] = *o.size;
    if (o.noise) j["noise"] = *o.noise;
    if (o.num_classes) j["classes"] = *o.num_classes;
    if (o.test_fraction) j["test_fraction"] = *o.test_fraction;
    j["target"] = o.target;
    j["classify_target"] = o.classify_target;
    j["standardize"] = o.standardize;
    j["seed"] = o.seed;
    j["train_limit"] = o.train_limit;
    j["test_limit"] = o.test_limit;
    if (o.resize) j["resize"] = o.resize;
    text_options_to_json(name, o, j);
    if (o.bert != BertTask::None) j["bert"] = o.bert == BertTask::Pretraining ? "pretraining" : "pairs";
    if (o.max_len) j["max_len"] = *o.max_len;
    return j;
}

ojson optimizer_to_json(const OptimizerConfig& o) {
    return {{"name", o.name},
            {"lr", exact(o.lr)},
            {"momentum", exact(o.momentum)},
            {"nesterov", o.nesterov},
            {"weight_decay", exact(o.weight_decay)},
            {"beta1", exact(o.beta1)},
            {"beta2", exact(o.beta2)},
            {"eps", exact(o.eps)},
            {"alpha", exact(o.alpha)},
            {"rho", exact(o.rho)}};
}

ojson hyperparameters_to_json(const TrainConfig& t) {
    ojson j;
    j["epochs"] = t.epochs;
    j["batch_size"] = t.batch_size;
    j["seed"] = t.seed;
    j["threads"] = t.threads;
    j["optimizer"] = optimizer_to_json(t.optimizer);
    j["schedule"] = schedule_text(t.schedule);
    j["warmup_epochs"] = t.schedule.warmup_steps;
    if (t.schedule.warmup_start_lr) j["warmup_start_lr"] = exact(*t.schedule.warmup_start_lr);  // D2L's warm-up
    j["clip_norm"] = exact(t.clip_norm);
    j["loss"] = t.loss;
    if (t.max_steps > 0) j["max_steps"] = t.max_steps;   // BERT: D2L counts pretraining in steps
    if (t.head_lr > 0) j["head_lr"] = exact(t.head_lr);  // BERT fine-tuning
    return j;
}

ojson history_to_json(const std::vector<EpochMetrics>& history) {
    ojson list = ojson::array();
    for (const EpochMetrics& m : history)  // nlohmann writes NaN (and infinity) as null
        list.push_back({{"epoch", m.epoch},
                        {"train_loss", m.train_loss},
                        {"train_acc", m.train_acc},
                        {"test_loss", m.test_loss},
                        {"test_acc", m.test_acc},
                        {"seconds", m.seconds},
                        {"examples_per_sec", m.examples_per_sec},
                        {"lr", exact(m.lr)}});
    return list;
}

ojson histogram_to_json(const Histogram& h) {
    return {{"name", h.name},     {"min", exact(h.min)}, {"max", exact(h.max)}, {"mean", h.mean},
            {"stddev", h.stddev}, {"values", h.values},  {"counts", h.counts}};
}

ojson histograms_to_json(const std::vector<Histogram>& histograms) {
    ojson list = ojson::array();
    for (const Histogram& h : histograms) list.push_back(histogram_to_json(h));
    return list;
}

ojson gradient_norms_to_json(const std::vector<GradientNormSeries>& series) {
    ojson list = ojson::array();
    for (const GradientNormSeries& s : series) {
        ojson norms = ojson::array();
        for (float n : s.norms) norms.push_back(exact(n));
        list.push_back({{"layer", s.layer}, {"steps", s.steps}, {"norms", norms}});
    }
    return list;
}

// ---- reading ----

// A JSON number as a float; values beyond the float range become infinities (a plain cast would be
// undefined). The limit is halfway between FLT_MAX and 2^128: below it, values round to FLT_MAX.
float to_float(double d) {
    constexpr double kLimit = 0x1.ffffffp127;
    if (std::isnan(d) || std::fabs(d) < kLimit) return static_cast<float>(d);
    return d > 0 ? INFINITY : -INFINITY;
}

std::string shortened(const json& v) {
    std::string text = v.dump();
    return text.size() <= 60 ? text : text.substr(0, 57) + "...";
}

// Runs `check` and puts `where` in front of the InputError it throws (the engine's range checks
// name the setting but not the file).
void checked(const std::string& where, const std::function<void()>& check) {
    try {
        check();
    } catch (const InputError& e) {
        throw InputError(where + ": " + e.what());
    }
}

// Typed access to the fields of one JSON object; every error names the file, the section and the field.
class Fields {
public:
    Fields(const json& object, std::string where) : object_(object), where_(std::move(where)) {
        if (!object_.is_object()) throw InputError(where_ + " must be an object {...}, got " + shortened(object_));
    }

    const std::string& where() const { return where_; }
    bool has(const char* key) const { return object_.contains(key); }
    const json& at(const char* key) const { return object_.at(key); }

    [[noreturn]] void bad(const char* key, const std::string& expected) const {
        throw InputError(where_ + ": \"" + key + "\" must be " + expected + ", got " + shortened(object_.at(key)));
    }
    const json& required(const char* key) const {
        if (!has(key)) throw InputError(where_ + ": \"" + key + "\" is missing");
        return object_.at(key);
    }

    std::string text(const char* key, const std::string& fallback) const {
        if (!has(key)) return fallback;
        if (!at(key).is_string()) bad(key, "text");
        return at(key).get<std::string>();
    }
    bool boolean(const char* key, bool fallback) const {
        if (!has(key)) return fallback;
        if (!at(key).is_boolean()) bad(key, "true or false");
        return at(key).get<bool>();
    }
    int64_t integer(const char* key, int64_t fallback, int64_t lo, int64_t hi) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        const std::string expected = "a whole number from " + std::to_string(lo) +
                                     (hi == INT64_MAX ? std::string(" up") : " to " + std::to_string(hi));
        if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)))
            bad(key, expected);
        const int64_t value = v.get<int64_t>();
        if (value < lo || value > hi) bad(key, expected);
        return value;
    }
    uint64_t unsigned_integer(const char* key, uint64_t fallback) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
            bad(key, "a whole number, 0 or more");
        return v.get<uint64_t>();
    }
    double number(const char* key, double fallback) const {
        if (!has(key)) return fallback;
        if (!at(key).is_number()) bad(key, "a number");
        return at(key).get<double>();
    }
    float single(const char* key, float fallback) const {
        const float value = to_float(number(key, fallback));
        if (!std::isfinite(value)) bad(key, "a number of ordinary size");
        return value;
    }
    double number_or_nan(const char* key) const {  // for metrics, where null stands for NaN
        if (has(key) && at(key).is_null()) return NAN;
        return number(key, NAN);
    }

private:
    const json& object_;
    std::string where_;
};

[[noreturn]] void not_valid_json(const json::parse_error& e, const std::string& source) {
    // nlohmann says "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
    const std::string what = e.what();
    std::smatch m;
    static const std::regex position(R"(line (\d+), column (\d+))");
    const std::string where = std::regex_search(what, m, position) ? "line " + m[1].str() + ", column " + m[2].str()
                                                                   : "at byte " + std::to_string(e.byte);
    throw InputError(source + " is damaged: not valid JSON (" + where + ")");
}

json parse_json(const std::string& text, const std::string& source) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(source + " is damaged: the file is empty");
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        not_valid_json(e, source);
    }
}

void check_is_project(const json& j, const std::string& source) {
    const bool network_file =
        j.is_object() && (j.contains("format") ? j["format"] == "divelab-network" : j.contains("layers"));
    if (network_file)
        throw InputError(source + " is not a DiveLab project (a network file? open it with Open Network)");
    if (!j.is_object() || !j.contains("format") || j["format"] != kFormat)
        throw InputError(source + " is not a DiveLab project (it lacks \"format\": \"" + kFormat + "\")");
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int64_t>() < 1)
        throw InputError(
            source + ": \"version\" must be a whole number like 1" +
            (j.contains("version") ? ", got " + shortened(j["version"]) : std::string(", but it is missing")));
    if (j["version"].is_number_unsigned() ? j["version"].get<uint64_t>() > kVersion
                                          : j["version"].get<int64_t>() > kVersion)
        throw InputError(source + " was saved by a newer DiveLab (project format version " + j["version"].dump() +
                         "; this DiveLab reads version " + std::to_string(kVersion) + "); please update DiveLab");
}

std::pair<std::string, DatasetOptions> dataset_from_json(const Fields& f) {
    if (!f.required("name").is_string()) f.bad("name", "a data set name or path");
    DatasetOptions o;
    if (f.has("size")) o.size = f.integer("size", 0, 1, INT64_MAX);
    if (f.has("noise")) o.noise = f.number("noise", 0);
    if (f.has("classes")) o.num_classes = static_cast<int>(f.integer("classes", 0, 1, INT_MAX));
    if (f.has("test_fraction")) o.test_fraction = f.number("test_fraction", 0);
    o.target = f.text("target", o.target);
    o.classify_target = f.boolean("classify_target", o.classify_target);
    o.standardize = f.boolean("standardize", o.standardize);
    o.seed = f.unsigned_integer("seed", o.seed);
    o.train_limit = f.integer("train_limit", o.train_limit, 0, INT64_MAX);
    o.test_limit = f.integer("test_limit", o.test_limit, 0, INT64_MAX);
    o.resize = f.integer("resize", o.resize, 0, 4096);
    if (f.has("num_steps")) o.num_steps = f.integer("num_steps", 0, 1, 100000);
    if (f.has("min_freq")) o.min_freq = f.integer("min_freq", 0, 0, INT64_MAX);
    if (f.has("max_tokens")) o.max_tokens = f.integer("max_tokens", 0, 0, INT64_MAX);
    if (f.has("max_pairs")) o.max_pairs = f.integer("max_pairs", 0, 0, INT64_MAX);
    if (f.has("max_len")) o.max_len = f.integer("max_len", 0, 3, 100000);
    const std::string bert = f.text("bert", "none");
    if (bert != "none" && bert != "pretraining" && bert != "pairs") f.bad("bert", "\"pretraining\" or \"pairs\"");
    o.bert = bert == "pretraining" ? BertTask::Pretraining : bert == "pairs" ? BertTask::Pairs : BertTask::None;
    checked(f.where(), [&] {
        o.token_kind = f.text("tokens", o.token_kind);
        check_token_kind(o.token_kind);
        o.sampling = parse_sampling(f.text("sampling", sampling_name(o.sampling)));
        if (o.noise) optim_check::non_negative(*o.noise, "the noise");
        if (o.test_fraction) optim_check::below_one(*o.test_fraction, "the test fraction");
    });
    return {f.at("name").get<std::string>(), o};
}

OptimizerConfig optimizer_from_json(const Fields& f) {
    std::string name;
    checked(f.where(), [&] { name = optimizer_defaults(f.text("name", "sgd")).name; });
    // Unnamed settings take the chosen optimizer's own defaults (adam: lr 0.001), as in the UI.
    OptimizerConfig o = optimizer_defaults(name);
    o.lr = f.single("lr", o.lr);
    o.momentum = f.single("momentum", o.momentum);
    o.nesterov = f.boolean("nesterov", o.nesterov);
    o.weight_decay = f.single("weight_decay", o.weight_decay);
    o.beta1 = f.single("beta1", o.beta1);
    o.beta2 = f.single("beta2", o.beta2);
    o.eps = f.single("eps", o.eps);
    o.alpha = f.single("alpha", o.alpha);
    o.rho = f.single("rho", o.rho);
    checked(f.where(), [&] {
        optim_check::non_negative(o.lr, "the learning rate \"lr\"");
        optim_check::below_one(o.momentum, "\"momentum\"");
        optim_check::non_negative(o.weight_decay, "\"weight_decay\"");
        optim_check::below_one(o.beta1, "\"beta1\"");
        optim_check::below_one(o.beta2, "\"beta2\"");
        optim_check::positive(o.eps, "\"eps\"");
        optim_check::below_one(o.alpha, "\"alpha\"");
        optim_check::below_one(o.rho, "\"rho\"");
    });
    return o;
}

TrainConfig hyperparameters_from_json(const Fields& f) {
    TrainConfig t;
    t.epochs = static_cast<int>(f.integer("epochs", t.epochs, 1, INT_MAX));
    t.batch_size = f.integer("batch_size", t.batch_size, 1, INT64_MAX);
    t.seed = f.unsigned_integer("seed", t.seed);
    t.threads = static_cast<int>(f.integer("threads", t.threads, 0, INT_MAX));
    if (f.has("optimizer")) t.optimizer = optimizer_from_json(Fields(f.at("optimizer"), f.where() + ".optimizer"));
    const int64_t warmup = f.integer("warmup_epochs", 0, 0, INT_MAX);
    const std::string schedule = f.text("schedule", "constant");
    checked(f.where() + ": \"schedule\"", [&] { t.schedule = parse_lr_schedule(schedule, warmup); });
    if (f.has("warmup_start_lr")) {
        t.schedule.warmup_start_lr = f.single("warmup_start_lr", 0.0f);
        checked(f.where(), [&] { optim_check::non_negative(*t.schedule.warmup_start_lr, "\"warmup_start_lr\""); });
    }
    t.clip_norm = f.single("clip_norm", t.clip_norm);
    t.loss = f.text("loss", t.loss);
    t.max_steps = f.integer("max_steps", 0, 0, INT64_MAX);
    t.head_lr = f.single("head_lr", 0.0f);
    checked(f.where(), [&] {
        optim_check::non_negative(t.clip_norm, "\"clip_norm\" (0 = no clipping)");
        if (t.loss != "auto") parse_loss(t.loss);
    });
    return t;
}

std::vector<EpochMetrics> history_from_json(const json& list, const std::string& where) {
    if (!list.is_array()) throw InputError(where + " must be a list [...], got " + shortened(list));
    std::vector<EpochMetrics> history;
    for (size_t i = 0; i < list.size(); ++i) {
        const Fields f(list[i], where + "[" + std::to_string(i) + "]");
        EpochMetrics m;
        m.epoch = static_cast<int>(f.integer("epoch", 0, 0, INT_MAX));
        m.train_loss = f.number_or_nan("train_loss");
        m.train_acc = f.number_or_nan("train_acc");
        m.test_loss = f.number_or_nan("test_loss");
        m.test_acc = f.number_or_nan("test_acc");
        m.seconds = f.number_or_nan("seconds");
        m.examples_per_sec = f.number_or_nan("examples_per_sec");
        m.lr = to_float(f.number_or_nan("lr"));
        history.push_back(m);
    }
    return history;
}

const json& list_field(const Fields& f, const char* key) {
    if (!f.required(key).is_array()) f.bad(key, "a list [...]");
    return f.at(key);
}

[[noreturn]] void bad_entry(const Fields& f, const char* key, size_t i, const json& v, const std::string& expected) {
    throw InputError(f.where() + ": \"" + key + "\"[" + std::to_string(i) + "] must be " + expected + ", got " +
                     shortened(v));
}

std::vector<int64_t> whole_numbers(const Fields& f, const char* key) {
    std::vector<int64_t> out;
    const json& list = list_field(f, key);
    for (size_t i = 0; i < list.size(); ++i) {
        const json& v = list[i];
        if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<int64_t>() < 0) ||
            (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)))
            bad_entry(f, key, i, v, "a whole number, 0 or more");
        out.push_back(v.get<int64_t>());
    }
    return out;
}

Histogram histogram_from_json(const Fields& f) {
    Histogram h;
    if (!f.required("name").is_string()) f.bad("name", "a tensor name like \"fc1.weight\"");
    h.name = f.at("name").get<std::string>();
    h.min = to_float(f.number_or_nan("min"));
    h.max = to_float(f.number_or_nan("max"));
    h.mean = f.number_or_nan("mean");
    h.stddev = f.number_or_nan("stddev");
    h.values = f.integer("values", 0, 0, INT64_MAX);
    h.counts = whole_numbers(f, "counts");
    return h;
}

std::vector<Histogram> histograms_from_json(const json& list, const std::string& where) {
    if (!list.is_array()) throw InputError(where + " must be a list [...], got " + shortened(list));
    std::vector<Histogram> out;
    for (size_t i = 0; i < list.size(); ++i)
        out.push_back(histogram_from_json(Fields(list[i], where + "[" + std::to_string(i) + "]")));
    return out;
}

void weight_histograms_from_json(const Fields& f, Project& p) {
    if (f.has("initial")) p.initial_histograms = histograms_from_json(f.at("initial"), f.where() + ".initial");
    if (f.has("latest")) p.latest_histograms = histograms_from_json(f.at("latest"), f.where() + ".latest");
}

GradientNormSeries gradient_series_from_json(const Fields& f) {
    GradientNormSeries s;
    if (!f.required("layer").is_string()) f.bad("layer", "a layer id like \"fc1\"");
    s.layer = f.at("layer").get<std::string>();
    s.steps = whole_numbers(f, "steps");
    const json& norms = list_field(f, "norms");
    for (size_t i = 0; i < norms.size(); ++i) {
        if (!norms[i].is_number() && !norms[i].is_null()) bad_entry(f, "norms", i, norms[i], "a number or null");
        s.norms.push_back(norms[i].is_null() ? NAN : to_float(norms[i].get<double>()));
    }
    if (s.norms.size() != s.steps.size())
        throw InputError(f.where() + ": \"steps\" and \"norms\" must be as long as each other, got " +
                         std::to_string(s.steps.size()) + " steps and " + std::to_string(s.norms.size()) + " norms");
    return s;
}

std::vector<GradientNormSeries> gradient_norms_from_json(const json& list, const std::string& where) {
    if (!list.is_array()) throw InputError(where + " must be a list [...], got " + shortened(list));
    std::vector<GradientNormSeries> out;
    for (size_t i = 0; i < list.size(); ++i)
        out.push_back(gradient_series_from_json(Fields(list[i], where + "[" + std::to_string(i) + "]")));
    return out;
}

// A cheap check that the weights were saved from this network: every tensor "<layer id>.<param>"
// must name one of its layers. (Shapes are checked when the weights are loaded into a Network.)
void check_weights_match(const std::string& bytes, const NetworkSpec& spec, const std::string& where) {
    std::set<std::string> ids;
    for (const NodeSpec& n : spec.nodes) ids.insert(n.id);
    for (const std::string& name : weights_tensor_names(bytes, where)) {
        bool known = false;
        for (size_t dot = name.find('.'); dot != std::string::npos && !known; dot = name.find('.', dot + 1))
            known = ids.count(name.substr(0, dot)) > 0;
        if (!known)
            throw InputError(where + " belong to a different network: they hold '" + name +
                             "', but the network has no layer '" + name.substr(0, name.find('.')) + "'");
    }
}

std::string weights_from_json(const Fields& f, const NetworkSpec& spec, const std::string& source) {
    const std::string encoding = f.text("encoding", "");
    if (encoding != kWeightsEncoding)
        throw InputError(f.where() + ": \"encoding\" must be \"" + kWeightsEncoding + "\", got " +
                         (f.has("encoding") ? shortened(f.at("encoding")) : std::string("nothing")));
    if (!f.required("data").is_string()) f.bad("data", "base64 text");
    const std::string what = source + ": the weights";
    std::string bytes = base64_decode(f.at("data").get_ref<const std::string&>(), what);
    check_weights_match(bytes, spec, what);
    return bytes;
}

// ---- data set paths ----

bool is_catalogue_name(const std::string& name) {
    for (const DatasetInfo& info : dataset_catalog())
        if (info.name == name) return true;
    return false;
}

fs::path project_folder(const std::string& project_path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(project_path, ec);
    return (ec ? fs::path(project_path) : absolute).parent_path().lexically_normal();
}

fs::path without_trailing_separator(fs::path p) {
    return p.has_filename() || !p.has_parent_path() ? p : p.parent_path();
}

// A path inside the project's folder becomes relative to it; others become absolute (a relative
// path given here is relative to the working directory).
std::string portable_dataset_path(const std::string& dataset, const std::string& project_path) {
    if (dataset.empty() || is_catalogue_name(dataset)) return dataset;
    std::error_code ec;
    const fs::path data = without_trailing_separator(fs::absolute(dataset, ec).lexically_normal());
    if (ec) return dataset;
    const fs::path relative = data.lexically_relative(project_folder(project_path));
    const bool inside = !relative.empty() && *relative.begin() != "..";
    return inside ? relative.generic_string() : data.string();
}

std::string resolved_dataset_path(const std::string& dataset, const std::string& project_path) {
    if (dataset.empty() || is_catalogue_name(dataset) || fs::path(dataset).is_absolute()) return dataset;
    return without_trailing_separator((project_folder(project_path) / dataset).lexically_normal()).string();
}
}  // namespace

std::string project_to_string(const Project& p) {
    ojson j;
    j["format"] = kFormat;
    j["version"] = kVersion;
    j["saved_by"] = p.saved_by;
    j["network"] = network_section(p.network);
    j["dataset"] = dataset_to_json(p.dataset, p.dataset_options);
    j["hyperparameters"] = hyperparameters_to_json(p.train);
    j["history"] = history_to_json(p.history);
    if (!p.initial_histograms.empty() || !p.latest_histograms.empty())
        j["weight_histograms"] = {{"initial", histograms_to_json(p.initial_histograms)},
                                  {"latest", histograms_to_json(p.latest_histograms)}};
    if (!p.gradient_norms.empty()) j["gradient_norms"] = gradient_norms_to_json(p.gradient_norms);
    if (!p.weights.empty()) j["weights"] = {{"encoding", kWeightsEncoding}, {"data", base64_encode(p.weights)}};
    try {
        return j.dump(2) + "\n";
    } catch (const ojson::type_error&) {  // nlohmann refuses to write strings that are not UTF-8
        throw InputError("the project holds text that is not valid UTF-8 (a layer name or a data set path?)");
    }
}

Project parse_project(const std::string& text, const std::string& source) {
    const json j = parse_json(text, source);
    check_is_project(j, source);
    const Fields top(j, source);
    Project p;
    p.saved_by = top.text("saved_by", "");
    p.network = network_from_json(top.required("network"), source + ": network");
    std::tie(p.dataset, p.dataset_options) = dataset_from_json(Fields(top.required("dataset"), source + ": dataset"));
    p.train = hyperparameters_from_json(Fields(top.required("hyperparameters"), source + ": hyperparameters"));
    if (top.has("history")) p.history = history_from_json(top.at("history"), source + ": history");
    if (top.has("weight_histograms") && !top.at("weight_histograms").is_null())
        weight_histograms_from_json(Fields(top.at("weight_histograms"), source + ": weight_histograms"), p);
    if (top.has("gradient_norms") && !top.at("gradient_norms").is_null())
        p.gradient_norms = gradient_norms_from_json(top.at("gradient_norms"), source + ": gradient_norms");
    if (top.has("weights") && !top.at("weights").is_null())
        p.weights = weights_from_json(Fields(top.at("weights"), source + ": weights"), p.network, source);
    return p;
}

void save_project(const std::string& path, const Project& p) {
    Project portable = p;
    portable.dataset = portable_dataset_path(p.dataset, path);
    std::string text;
    try {
        text = project_to_string(portable);
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what() + "; the project was not saved");
    }
    try {
        parse_project(text, path);  // never write a file that would not open again
    } catch (const InputError& e) {
        throw InputError(std::string(e.what()) + "; the project was not saved");
    }
    write_file_atomically(path, text);
}

Project load_project(const std::string& path) {
    Project p = parse_project(read_file(path), path);
    p.dataset = resolved_dataset_path(p.dataset, path);
    return p;
}

}  // namespace dl
