#include "run_setup.h"

#include "engine/io/presets.h"
#include "engine/io/project_file.h"
#include "engine/optim/schedule.h"

namespace cli {

namespace {
bool is_project(const std::string& path) {
    return path.size() > 8 && path.compare(path.size() - 8, 8, ".divelab") == 0;
}

// A project saved by the app brings its own data set and hyperparameters; flags still override them.
RunSetup project_setup(const std::string& path, Args& args) {
    const dl::Project p = dl::load_project(path);
    RunSetup s{p.network, args.value("dataset").value_or(p.dataset), p.dataset_options, p.train};
    dl::TrainConfig& c = s.config;
    if (auto e = args.integer("epochs")) c.epochs = static_cast<int>(*e);
    if (auto b = args.integer("batch-size")) c.batch_size = *b;
    if (auto o = args.value("optimizer")) c.optimizer = dl::optimizer_defaults(*o);
    if (auto lr = args.number("lr", 0.0)) c.optimizer.lr = static_cast<float>(*lr);
    if (auto wd = args.number("weight-decay", 0.0, true)) c.optimizer.weight_decay = static_cast<float>(*wd);
    if (auto m = args.number("momentum", 0.0, true)) c.optimizer.momentum = static_cast<float>(*m);
    if (args.flag("nesterov")) c.optimizer.nesterov = true;
    if (auto sched = args.value("schedule"))
        c.schedule = dl::parse_lr_schedule(*sched, args.integer("warmup", 0).value_or(c.schedule.warmup_steps));
    if (auto clip = args.number("clip", 0.0)) c.clip_norm = static_cast<float>(*clip);
    if (auto loss = args.value("loss")) c.loss = *loss;
    if (auto seed = args.integer("seed", 0)) c.seed = static_cast<uint64_t>(*seed);
    if (auto threads = args.integer("threads")) c.threads = static_cast<int>(*threads);
    if (auto limit = args.integer("limit")) s.data_options.train_limit = *limit;
    if (auto limit = args.integer("test-limit")) s.data_options.test_limit = *limit;
    if (auto size = args.integer("resize")) s.data_options.resize = *size;
    if (auto target = args.value("target")) s.data_options.target = *target;
    return s;
}
}  // namespace

RunSetup read_run_setup(Args& args) {
    RunSetup s;
    const auto model = args.value("model");
    if (!model)
        throw UsageError("--model is required (a preset such as mlp, a network JSON file or a .divelab project)");
    if (is_project(*model)) return project_setup(*model, args);
    s.spec = dl::load_network(*model);
    const dl::TrainDefaults& d = s.spec.train;
    dl::TrainConfig& c = s.config;

    s.dataset = args.value("dataset").value_or(d.dataset.value_or(""));
    if (s.dataset.empty()) throw UsageError("--dataset is required: the network '" + s.spec.name + "' suggests none");
    c.epochs = static_cast<int>(args.integer("epochs").value_or(d.epochs.value_or(10)));
    c.batch_size = args.integer("batch-size").value_or(d.batch_size.value_or(256));
    c.optimizer = dl::optimizer_defaults(args.value("optimizer").value_or(d.optimizer.value_or("sgd")));
    if (d.lr) c.optimizer.lr = static_cast<float>(*d.lr);
    if (auto lr = args.number("lr", 0.0)) c.optimizer.lr = static_cast<float>(*lr);
    if (d.weight_decay) c.optimizer.weight_decay = static_cast<float>(*d.weight_decay);
    if (auto wd = args.number("weight-decay", 0.0, true)) c.optimizer.weight_decay = static_cast<float>(*wd);
    if (auto m = args.number("momentum", 0.0, true)) c.optimizer.momentum = static_cast<float>(*m);
    c.optimizer.nesterov = args.flag("nesterov");
    const int64_t warmup = args.integer("warmup", 0).value_or(0);
    c.schedule = dl::parse_lr_schedule(args.value("schedule").value_or("constant"), warmup);
    if (auto clip = args.number("clip", 0.0)) c.clip_norm = static_cast<float>(*clip);
    c.loss = args.value("loss").value_or(d.loss.value_or("auto"));
    c.seed = static_cast<uint64_t>(args.integer("seed", 0).value_or(0));
    c.threads = static_cast<int>(args.integer("threads").value_or(0));

    s.data_options.seed = c.seed;
    s.data_options.train_limit = args.integer("limit").value_or(0);
    s.data_options.test_limit = args.integer("test-limit").value_or(0);
    s.data_options.resize = args.integer("resize").value_or(d.resize.value_or(0));  // the preset's D2L size
    if (auto target = args.value("target")) s.data_options.target = *target;
    return s;
}

dl::DataSplit load_run_data(const RunSetup& setup) { return dl::load_dataset(setup.dataset, setup.data_options); }

}  // namespace cli
