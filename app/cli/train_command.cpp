// divelab-cli train: one training run, reported per epoch as text or JSON lines.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bert_start.h"
#include "commands.h"
#include "engine/core/parallel.h"
#include "engine/io/model_file.h"
#include "engine/io/project_file.h"
#include "engine/nn/fit_to_training_data.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/train/translation_batch.h"
#include "flag_parser.h"
#include "run_setup.h"

namespace cli {

namespace {
nlohmann::json number_or_null(double x) {
    return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
}

class EpochPrinter : public dl::TrainingObserver {
public:
    EpochPrinter(bool jsonl, int epochs, bool translation = false)
        : jsonl_(jsonl), translation_(translation), epochs_(epochs) {}
    void on_epoch_end(const dl::EpochMetrics& m) override {
        if (jsonl_) {
            nlohmann::json j{{"epoch", m.epoch},
                             {"train_loss", number_or_null(m.train_loss)},
                             {"train_acc", number_or_null(m.train_acc)},
                             {"test_acc", number_or_null(m.test_acc)},
                             {"test_loss", number_or_null(m.test_loss)},
                             {"seconds", m.seconds},
                             {"examples_per_sec", m.examples_per_sec},
                             {"lr", m.lr}};
            if (std::isfinite(m.perplexity)) {  // language models
                j["perplexity"] = m.perplexity;
                j["tokens_per_sec"] = m.tokens_per_sec;
            }
            if (translation_) {  // D2L §9.7: loss per token, tokens/s and the test split's mean BLEU
                j["bleu"] = number_or_null(m.bleu);
                j["tokens_per_sec"] = m.tokens_per_sec;
            }
            if (std::isfinite(m.mlm_loss)) {  // BERT pretraining (D2L §14.10)
                j["mlm_loss"] = m.mlm_loss;
                j["nsp_loss"] = m.nsp_loss;
                j["nsp_acc"] = m.nsp_acc;
                j["steps"] = steps_;
            }
            std::cout << j.dump() << std::endl;
            return;
        }
        std::printf("epoch %d/%d  train loss %.4f", m.epoch, epochs_, m.train_loss);
        if (std::isfinite(m.mlm_loss))
            std::printf(" (mlm %.3f, nsp %.3f, nsp acc %.3f, step %lld)", m.mlm_loss, m.nsp_loss, m.nsp_acc,
                        static_cast<long long>(steps_));
        if (std::isfinite(m.perplexity)) std::printf("  perplexity %.3f", m.perplexity);
        if (std::isfinite(m.train_acc)) std::printf("  train acc %.4f", m.train_acc);
        if (std::isfinite(m.test_acc))
            std::printf("  test acc %.4f", m.test_acc);
        else if (std::isfinite(m.test_loss))
            std::printf("  test loss %.6f", m.test_loss);
        if (translation_ && std::isfinite(m.bleu)) std::printf("  bleu %.3f", m.bleu);
        if (std::isfinite(m.perplexity) || translation_)
            std::printf("  (%.2f s, %.0f tokens/s)\n", m.seconds, m.tokens_per_sec);
        else
            std::printf("  (%.2f s, %.0f examples/s)\n", m.seconds, m.examples_per_sec);
        std::fflush(stdout);
    }

    void on_batch_end(const dl::BatchEvent& e) override { steps_ = e.step; }

    // Text mode: on stderr, so the epoch lines on stdout stay as they were. JSON lines: a line of its own.
    void on_warning(const dl::TrainWarning& w) override {
        if (!jsonl_) {
            std::fflush(stdout);
            std::cerr << "divelab-cli train: warning: " << w.message << std::endl;
            return;
        }
        nlohmann::json j{{"warning", w.message},
                         {"kind", dl::warning_kind_name(w.kind)},
                         {"epoch", w.epoch},
                         {"batch", w.batch},
                         {"step", w.step},
                         {"loss", number_or_null(w.loss)},
                         {"start_loss", number_or_null(w.start_loss)}};
        std::cout << j.dump() << std::endl;
    }

private:
    bool jsonl_, translation_;
    int epochs_;
    int64_t steps_ = 0;
};

// --print-config: the resolved settings in a project file's own words (its "dataset" and
// "hyperparameters" sections), so they read like a saved project and can be pasted into one.
nlohmann::ordered_json settings_json(const RunSetup& setup) {
    dl::Project project;
    project.network = setup.spec;
    project.dataset = setup.dataset;
    project.dataset_options = setup.data_options;
    project.train = setup.config;
    const auto saved = nlohmann::ordered_json::parse(dl::project_to_string(project));
    return {{"network", setup.spec.name}, {"dataset", saved["dataset"]}, {"hyperparameters", saved["hyperparameters"]}};
}
}  // namespace

int train_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Train, argc, argv);
    if (!flags) return 0;  // --help
    RunSetup setup = read_run_setup(*flags);
    BertStart bert_start = find_bert_start(*flags, setup);  // BERT fine-tuning: the pretrained vocabulary
    if (flags->print_config.value_or(false)) {
        std::cout << settings_json(setup).dump(2) << std::endl;
        return 0;
    }
    const std::optional<std::string>& save = flags->save;
    const bool jsonl = flags->jsonl.value_or(false);

    if (setup.config.threads > 0) dl::set_num_threads(setup.config.threads);
    dl::DataSplit data = load_run_data(setup);
    dl::NetworkSpec spec = setup.spec;
    if (data.train.text) dl::fit_to_vocabulary(spec, data.train.text->vocab_size());  // OneHot/Embedding size 0
    dl::fit_to_training_data(spec, data.train);                                       // NadarayaWatson: keys and values
    const dl::TranslationCorpus* translation = data.train.translation.get();
    if (translation) dl::fit_to_vocabularies(spec, translation->source_vocab_size(), translation->target_vocab_size());
    const dl::BertVocabulary* bert = data.train.bert.get();
    if (bert) dl::fit_to_vocabulary(spec, bert->size());
    dl::check_inputs_fit(spec.input_names(), spec.name, data.train);
    const std::vector<dl::Shape> input_shapes = dl::network_input_shapes(data.train);
    dl::Network net(spec, std::span<const dl::Shape>(input_shapes));
    dl::load_training_points(net, data.train);
    dl::TrainConfig config = setup.config;
    start_from_pretrained(bert_start, net, config, flags->freeze_encoder.value_or(false), jsonl);
    if (!jsonl)
        std::printf("training %s on %s: %zu train / %zu test examples, %lld parameters, %d threads\n",
                    setup.spec.name.c_str(), data.train.name.c_str(), static_cast<size_t>(data.train.size()),
                    static_cast<size_t>(data.test.size()), static_cast<long long>(net.parameter_count()),
                    dl::num_threads());
    dl::Trainer trainer(net, data, config);
    EpochPrinter printer(jsonl, setup.config.epochs, translation != nullptr);
    trainer.add_observer(&printer);
    const dl::TrainSummary summary = trainer.run();

    if (save) {
        dl::save_model(net, *save, data.train.text.get(), translation, bert);
        if (!jsonl) std::printf("saved the model to %s\n", save->c_str());
    }
    if (data.train.is_bert_pretraining() && summary.outcome == dl::TrainSummary::Outcome::Completed)
        keep_pretrained(net, *bert, jsonl);
    if (summary.outcome == dl::TrainSummary::Outcome::Diverged) {
        std::cerr << "divelab-cli train: " << summary.message << "\n";
        return kExitDiverged;
    }
    return 0;
}

}  // namespace cli
