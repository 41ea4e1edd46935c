#include "run_setup.h"

#include <algorithm>
#include <climits>

#include "engine/io/presets.h"
#include "engine/io/project_file.h"
#include "engine/losses/loss.h"
#include "engine/optim/schedule.h"
#include "usage_error.h"

namespace cli {

namespace {
bool is_project(const std::string& path) {
    return path.size() > 8 && path.compare(path.size() - 8, 8, ".divelab") == 0;
}

int to_int(int64_t x) {
    return static_cast<int>(std::min<int64_t>(x, INT_MAX));
}

// Another optimizer starts from its own defaults (an lr suggested for SGD does not suit Adam); naming
// the optimizer already chosen keeps its settings.
void choose_optimizer(dl::OptimizerConfig& current, const std::string& name) {
    dl::OptimizerConfig chosen = dl::optimizer_defaults(name);  // throws InputError listing the names
    if (chosen.name != current.name) current = chosen;
}

// A new schedule replaces the kind and its settings; the warm-up is a separate setting and stays.
void choose_schedule(dl::LrSchedule& current, const std::string& text) {
    current = dl::parse_lr_schedule(text, current.warmup_steps);
}

// A language-model preset's text settings (D2L §8.3): tokens, num_steps, sampling.
void apply_text_suggestions(const dl::TrainDefaults& d, dl::DatasetOptions& options) {
    if (d.tokens) options.token_kind = *d.tokens;
    if (d.num_steps) options.num_steps = *d.num_steps;
    if (d.sampling) options.sampling = dl::parse_sampling(*d.sampling);
}

void apply_text_flags(const FlagValues& f, dl::DatasetOptions& options) {
    if (f.tokens && *f.tokens != "char" && *f.tokens != "word")
        throw UsageError("--tokens must be char or word, got '" + *f.tokens + "'");
    if (f.tokens) options.token_kind = *f.tokens;
    if (f.num_steps) options.num_steps = *f.num_steps;
    if (f.sampling) options.sampling = dl::parse_sampling(*f.sampling);  // throws InputError naming the choices
}

// BERT (D2L §14.10, §15.7): the task follows from the network's inputs; steps, pair length and the head's rate
// from the preset.
void apply_bert_suggestions(const dl::NetworkSpec& spec, dl::DatasetOptions& options, dl::TrainConfig& c) {
    const std::vector<std::string> inputs = spec.input_names();
    if (inputs == std::vector<std::string>{"tokens", "segments", "positions"}) options.bert = dl::BertTask::Pretraining;
    if (inputs == std::vector<std::string>{"tokens", "segments"}) options.bert = dl::BertTask::Pairs;
    const dl::TrainDefaults& d = spec.train;
    if (d.steps) c.max_steps = *d.steps;
    if (d.max_len) options.max_len = *d.max_len;
    if (d.head_lr) c.head_lr = static_cast<float>(*d.head_lr);
}
}  // namespace

RunSetup suggested_setup(const dl::NetworkSpec& spec) {
    const dl::TrainDefaults& d = spec.train;
    RunSetup s{spec, d.dataset.value_or(""), {}, {}};
    dl::TrainConfig& c = s.config;
    c.epochs = to_int(d.epochs.value_or(c.epochs));
    c.batch_size = d.batch_size.value_or(c.batch_size);
    c.optimizer = dl::optimizer_defaults(d.optimizer.value_or("sgd"));
    if (d.lr) c.optimizer.lr = static_cast<float>(*d.lr);
    if (d.weight_decay) c.optimizer.weight_decay = static_cast<float>(*d.weight_decay);
    c.loss = d.loss.value_or(c.loss);
    s.data_options.resize = d.resize.value_or(0);  // the preset's D2L image size
    if (d.clip) c.clip_norm = static_cast<float>(*d.clip);
    apply_text_suggestions(d, s.data_options);
    apply_bert_suggestions(spec, s.data_options, c);
    return s;
}

RunSetup project_setup(const std::string& path) {
    const dl::Project p = dl::load_project(path);
    RunSetup s = suggested_setup(p.network);
    if (!p.dataset.empty()) s.dataset = p.dataset;
    s.data_options = p.dataset_options;
    s.config = p.train;
    return s;
}

void apply_flags(const FlagValues& f, RunSetup& s) {
    dl::TrainConfig& c = s.config;
    dl::DatasetOptions& d = s.data_options;
    if (f.dataset) s.dataset = *f.dataset;
    if (f.epochs) c.epochs = to_int(*f.epochs);
    if (f.batch_size) c.batch_size = *f.batch_size;
    if (f.optimizer) choose_optimizer(c.optimizer, *f.optimizer);
    if (f.lr) c.optimizer.lr = static_cast<float>(*f.lr);
    if (f.momentum) c.optimizer.momentum = static_cast<float>(*f.momentum);
    if (f.nesterov) c.optimizer.nesterov = *f.nesterov;
    if (f.weight_decay) c.optimizer.weight_decay = static_cast<float>(*f.weight_decay);
    if (f.schedule) choose_schedule(c.schedule, *f.schedule);
    if (f.warmup) c.schedule.warmup_steps = *f.warmup;
    if (f.warmup_start) c.schedule.warmup_start_lr = static_cast<float>(*f.warmup_start);
    if (f.clip) c.clip_norm = static_cast<float>(*f.clip);
    if (f.loss && *f.loss != "auto") dl::parse_loss(*f.loss);  // throws InputError listing the losses
    if (f.loss) c.loss = *f.loss;
    if (f.seed) c.seed = d.seed = static_cast<uint64_t>(*f.seed);
    if (f.threads) c.threads = to_int(*f.threads);
    if (f.data_seed) d.seed = static_cast<uint64_t>(*f.data_seed);
    if (f.limit) d.train_limit = *f.limit;
    if (f.test_limit) d.test_limit = *f.test_limit;
    if (f.resize) d.resize = *f.resize;
    if (f.target) d.target = *f.target;
    apply_text_flags(f, d);
    if (f.steps) c.max_steps = *f.steps;
    if (f.max_len) d.max_len = *f.max_len;
    if (f.head_lr) c.head_lr = static_cast<float>(*f.head_lr);
}

RunSetup read_run_setup(const FlagValues& flags) {
    if (!flags.model)
        throw UsageError("--model is required (a preset such as mlp, a network JSON file or a .divelab project)");
    RunSetup s =
        is_project(*flags.model) ? project_setup(*flags.model) : suggested_setup(dl::load_network(*flags.model));
    apply_flags(flags, s);
    if (s.dataset.empty()) throw UsageError("--dataset is required: the network '" + s.spec.name + "' suggests none");
    return s;
}

dl::DataSplit load_run_data(const RunSetup& setup) {
    return dl::load_dataset(setup.dataset, setup.data_options);
}

}  // namespace cli
