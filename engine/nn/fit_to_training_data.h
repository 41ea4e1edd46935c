#pragma once
// A network for a data set whose layers keep the training set itself: NadarayaWatson's keys x_i and
// values y_i (D2L §10.2). Like fit_to_vocabulary, callers fit the spec before building the network
// (num_keys 0 becomes the training set's size, so the buffers get their shape), then, once the network
// is built, copy the points in. A network built from saved weights gets its points from the file.
#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/nn/network_spec.h"

namespace dl {

// Whether the spec has a layer that keeps training points.
bool keeps_training_points(const NetworkSpec& spec);
// NadarayaWatson nodes with num_keys 0 get the training set's size. Throws InputError when the data set
// cannot serve as keys and values (not a regression on one feature with one target).
void fit_to_training_data(NetworkSpec& spec, const Dataset& train);
// Copies the training features and targets into every NadarayaWatson layer's keys and values.
void load_training_points(Network& net, const Dataset& train);

}  // namespace dl
