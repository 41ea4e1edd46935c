#pragma once
// Project files (.divelab): one learner's experiment — the network with its editor layout, the data
// set, the hyperparameters and, after training, the weights and the per-epoch metrics. Pretty JSON:
//
// {
//   "format": "divelab-project", "version": 1, "saved_by": "DiveLab 0.1.0",
//   "network": {...},                          (a network file's object, network_json.h; "ui" holds x, y)
//   "dataset": {"name": "spiral", "size": 1000, "noise": 0.1, "classes": 3, "test_fraction": 0.2,
//               "target": "", "classify_target": false, "standardize": false, "seed": 0,
//               "train_limit": 0, "test_limit": 0, "resize": 96},
//               (size, noise, classes, test_fraction optional; resize only when images are resized;
//                a text corpus adds "tokens": "char", "num_steps": 35, "sampling": "random",
//                "min_freq": 0 and, when set, "max_tokens"; sentence pairs add "num_steps": 10,
//                "min_freq": 2 and, when set, "max_pairs")
//   "hyperparameters": {"epochs": 10, "batch_size": 256, "seed": 0, "threads": 0,
//                       "optimizer": {"name": "sgd", "lr": 0.1, "momentum": 0, "nesterov": false,
//                                     "weight_decay": 0, "beta1": 0.9, "beta2": 0.999, "eps": 1e-08,
//                                     "alpha": 0.99, "rho": 0.9},
//                       "schedule": "step:30:0.1", "warmup_epochs": 0, "clip_norm": 0, "loss": "auto"},
//                       (schedule: see parse_lr_schedule, e.g. "multifactor:15,30:0.5", "cosine:0.01:20";
//                        "warmup_start_lr": 0 only when warm-up starts from a set lr, as D2L's)
//   "history": [{"epoch": 1, "train_loss": 0.8, "train_acc": 0.7, "test_loss": 0.6, "test_acc": null,
//                "seconds": 1.2, "examples_per_sec": 50000, "lr": 0.1}, ...],   (NaN, infinity: null)
//   "weight_histograms": {"initial": [H, ...], "latest": [H, ...]},   (optional: absent in older files)
//        H = {"name": "fc1.weight", "min": -0.1, "max": 0.1, "mean": 0, "stddev": 0.05, "values": 512,
//             "counts": [3, 9, ...]}
//   "gradient_norms": [{"layer": "fc1", "steps": [1, 3, ...], "norms": [0.5, 0.4, ...]}, ...],  (optional)
//   "weights": {"encoding": "safetensors+base64", "data": "..."}                 (absent: not trained)
// }
//
// The weight histograms (the tensors as initialized and after the last run) and the per-layer gradient
// norms of the last run are what the Weights and Gradient norms views show; they are small (40 bins a
// tensor, a few hundred points a layer) and kept even when the weights are not, so a reopened project
// still compares the trained weights with their initialization. They were added without a new format
// version: older DiveLabs ignore them, and files without them open with empty lists.
//
// Numbers read back bit for bit (floats are written with the fewest digits that round-trip). Inside
// "dataset" and "hyperparameters" a missing field takes its default, so hand-written files stay short.
// Only the active schedule's settings are kept ("constant" forgets a step size set earlier), and the
// run controls of TrainConfig (initialize, gradient_norms, eval_batch_size) are not project data.
//
// Data set paths: "name" is a catalogue name (dataset_catalog()) or a path to a CSV file / IDX folder.
// A relative path is relative to the project file's folder: load_project resolves it to a full path,
// and save_project writes a path inside the project's folder (or below it) relative, so a folder
// holding a project and its data can be moved or shared as a whole.
#include <string>
#include <vector>

#include "engine/data/registry.h"
#include "engine/nn/network_spec.h"
#include "engine/train/inspection.h"
#include "engine/train/observer.h"
#include "engine/train/trainer.h"

namespace dl {

// One layer's gradient L2 norm over the steps of a run (a thinned copy of what the plot showed).
struct GradientNormSeries {
    std::string layer;           // node id
    std::vector<int64_t> steps;  // ascending
    std::vector<float> norms;    // one per step
};

struct Project {
    NetworkSpec network;  // includes the editor layout (NodeSpec x, y)
    std::string dataset;  // a catalogue name ("fashion-mnist", "spiral", ...) or a path
    DatasetOptions dataset_options;
    TrainConfig train;                               // hyperparameters
    std::vector<EpochMetrics> history;               // per-epoch metrics of the last run; may be empty
    std::vector<Histogram> initial_histograms;       // weight histograms at initialization; may be empty
    std::vector<Histogram> latest_histograms;        // ... and at the end of the last run; may be empty
    std::vector<GradientNormSeries> gradient_norms;  // per layer, of the last run; may be empty
    std::string weights;                             // safetensors bytes of the trained network; empty = none
    std::string saved_by;                            // e.g. "DiveLab 0.1.0" (informational)
};

// Pretty JSON. Throws InputError when a text field is not valid UTF-8.
std::string project_to_string(const Project& p);
// `source` names the file in error messages. Throws InputError naming the file and the field for
// damaged or foreign files, newer versions, wrong types, bad values and weights of another network.
// Data set paths are returned as written (see load_project).
Project parse_project(const std::string& text, const std::string& source);
// Atomic: on failure the previous file, if any, is unchanged.
void save_project(const std::string& path, const Project& p);
Project load_project(const std::string& path);

}  // namespace dl
