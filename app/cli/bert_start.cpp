#include "bert_start.h"

#include <cstdio>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/io/pretrained_models.h"
#include "engine/nn/parameter_transfer.h"

namespace cli {

BertStart find_bert_start(const FlagValues& flags, RunSetup& setup) {
    BertStart start;
    const dl::TrainDefaults& d = setup.spec.train;
    if (flags.init_from) {
        start.path = *flags.init_from;
        start.weights = true;
    } else if (d.pretrained) {
        start.path = dl::pretrained_model_path(*d.pretrained);
        start.weights = d.pretrained_use == "weights";
        if (!std::filesystem::exists(start.path)) {
            if (start.weights)
                throw dl::InputError("'" + setup.spec.name + "' fine-tunes a pretrained " + *d.pretrained +
                                     ", but none was found at " + start.path +
                                     ". Pretrain one first (divelab-cli "
                                     "train --model " +
                                     *d.pretrained + "), pass --init-from FILE, or train '" + setup.spec.name +
                                     "-scratch' from random weights");
            return {};  // from scratch without a pretrained vocabulary: the data set builds its own
        }
    } else {
        return start;
    }
    start.pretrained.emplace(dl::load_model(start.path));
    if (!start.pretrained->bert)
        throw dl::InputError(start.path +
                             ": the model has no BERT vocabulary, so it is not a pretrained BERT (save "
                             "one with divelab-cli train --model bert-tiny --save FILE)");
    setup.data_options.bert_vocabulary = start.pretrained->bert;
    return start;
}

void start_from_pretrained(BertStart& start, dl::Network& net, dl::TrainConfig& config, bool freeze, bool quiet) {
    if (!start.pretrained || !start.weights) {
        if (freeze) throw dl::InputError("--freeze-encoder needs a pretrained model to start from (--init-from FILE)");
        return;
    }
    net.reset_parameters(config.seed);  // the head's initial weights: the same as a from-scratch run's
    const dl::ParameterTransfer transfer = dl::copy_matching_parameters(start.pretrained->network, net);
    config.initialize = false;
    config.head = transfer.new_nodes;
    if (freeze) config.frozen = transfer.copied_nodes;
    if (quiet) return;
    std::string head;
    for (const std::string& n : transfer.new_nodes) head += (head.empty() ? "" : ", ") + n;
    std::printf("starting from %s: %lld pretrained values copied into %zu layers%s; new: %s\n", start.path.c_str(),
                static_cast<long long>(transfer.copied_values), transfer.copied_nodes.size(), freeze ? " (frozen)" : "",
                head.empty() ? "nothing" : head.c_str());
}

void keep_pretrained(dl::Network& net, const dl::BertVocabulary& vocabulary, bool quiet) {
    const std::string path = dl::pretrained_model_path(net.spec().name);
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    dl::save_model(net, path, nullptr, nullptr, &vocabulary);
    if (!quiet) std::printf("kept as the last pretrained %s: %s\n", net.spec().name.c_str(), path.c_str());
}

}  // namespace cli
