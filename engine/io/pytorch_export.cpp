#include "engine/io/pytorch_export.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "engine/core/error.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/pytorch_project_text.h"

namespace dl {

namespace fs = std::filesystem;

namespace {

// The shortest text that reads back as the same float (0.9, not 0.899999976), as a Python float.
std::string number(float x) {
    char text[32];
    for (int digits = 6; digits <= 9; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(x));
        if (std::strtof(text, nullptr) == x) break;
    }
    std::string s = text;
    if (s.find_first_of(".en") == std::string::npos) s += ".0";  // a Python float, not an int
    return s;
}

std::string py_string(const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return q + "\"";
}

std::string py_list(const std::vector<std::string>& items) {
    std::string s = "[";
    for (const std::string& item : items) s += (s.size() > 1 ? ", " : "") + py_string(item);
    return s + "]";
}

std::string schedule_kind(const LrSchedule& s) {
    switch (s.kind) {
        case LrSchedule::Step:
            return "step";
        case LrSchedule::MultiFactor:
            return "multifactor";
        case LrSchedule::Cosine:
            return "cosine";
        case LrSchedule::Constant:
            break;
    }
    return "constant";
}

// The schedule's settings beyond its kind, for train.py's lr_at().
std::string schedule_settings(const LrSchedule& s) {
    std::string milestones = "[";
    for (int64_t epoch : s.milestones) milestones += (milestones.size() > 1 ? ", " : "") + std::to_string(epoch);
    return ", \"step_size\": " + std::to_string(s.step_size) + ", \"gamma\": " + number(s.gamma) +
           ", \"milestones\": " + milestones + "], \"min_lr\": " + number(s.min_lr) +
           ", \"cosine_epochs\": " + std::to_string(s.cosine_epochs) +
           ", \"warmup\": " + std::to_string(s.warmup_steps) +
           ", \"warmup_start\": " + (s.warmup_start_lr ? number(*s.warmup_start_lr) : std::string("None"));
}

// train.py's EXPERIMENT block: the experiment's settings as plain Python values, and the parameters DiveLab
// never decays.
std::string settings_text(Network& net, const PytorchTraining& t) {
    const TrainConfig& c = t.config;
    const OptimizerConfig& o = c.optimizer;
    std::string optimizer = o.name;
    std::transform(optimizer.begin(), optimizer.end(), optimizer.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    std::string s =
        "# The DiveLab experiment's settings (flags override epochs, lr, batch size and seed).\nEXPERIMENT = {\n";
    s += "    \"dataset\": " + py_string(t.dataset) + ", \"resize\": " + std::to_string(t.resize) + ",\n";
    s += "    \"epochs\": " + std::to_string(c.epochs) + ", \"batch_size\": " + std::to_string(c.batch_size) +
         ", \"seed\": " + std::to_string(c.seed) + ",\n";
    s += "    \"optimizer\": " + py_string(optimizer) + ", \"lr\": " + number(o.lr) +
         ", \"momentum\": " + number(o.momentum) + ", \"nesterov\": " + (o.nesterov ? "True" : "False") + ",\n";
    s += "    \"weight_decay\": " + number(o.weight_decay) + ", \"betas\": (" + number(o.beta1) + ", " +
         number(o.beta2) + "), \"eps\": " + number(o.eps) + ", \"alpha\": " + number(o.alpha) +
         ", \"rho\": " + number(o.rho) + ",\n";
    s += "    \"schedule\": " + py_string(schedule_kind(c.schedule)) + schedule_settings(c.schedule) + ",\n";
    s += "    \"clip\": " + number(c.clip_norm) + ",\n";
    s += "    \"inputs\": " + py_list(net.input_names()) + ", \"outputs\": " + py_list(net.spec().output_ids()) +
         ",\n}\n";
    s += "# Parameters without weight decay (biases, normalisation scales and shifts), as in DiveLab.\nNO_DECAY = {\n";
    for (const Param& p : net.parameters())
        if (!p.decay) s += "    " + py_string(p.name) + ",\n";
    s += "}\n";
    const bool mnist = t.dataset == "mnist" || t.dataset == "fashion-mnist";
    s += "DEFAULT_DATA = " + py_string(mnist ? "/usr/share/datasets/" + t.dataset : std::string()) + "\n";
    return s;
}

void write_text(const fs::path& path, const std::string& text) {
    write_file_atomically(path.string(), text);
}

// Where the project is written before it takes its name: beside `dir`, so the rename stays on one file system.
fs::path staging_dir(const fs::path& dir) {
    fs::path staging = dir;
    staging += ".partial";
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging);
    return staging;
}

}  // namespace

void export_pytorch(Network& net, const PytorchTraining& training, const std::string& dir, const TextCorpus* vocabulary,
                    const TranslationCorpus* translation, const BertVocabulary* bert) {
    const fs::path target = fs::path(dir).lexically_normal();
    std::error_code ec;
    if (fs::exists(target, ec) && !(fs::is_directory(target, ec) && fs::is_empty(target, ec)))
        throw InputError(dir + ": already exists and is not an empty directory; choose a new folder for the project");
    const std::string model = pytorch_model_code(net) + pytorch_weights_helpers_text();  // throws before writing
    const std::string train = pytorch_train_text(settings_text(net, training));
    const fs::path staging = staging_dir(target);
    try {
        write_text(staging / "model.py", model);
        write_text(staging / "train.py", train);
        write_text(staging / "safetensors_io.py", pytorch_safetensors_io_text());
        write_text(staging / "README.md", pytorch_readme_text(net.spec().name.empty() ? "network" : net.spec().name));
        save_model(net, (staging / "weights.json").string(), vocabulary, translation, bert);
        if (fs::exists(target, ec)) fs::remove(target);
        fs::rename(staging, target);
    } catch (const std::exception& e) {
        fs::remove_all(staging, ec);
        throw InputError(dir + ": the PyTorch project could not be written (" + e.what() + ")");
    }
}

}  // namespace dl
