#pragma once
// ProbeSink: named tensors taken from inside one forward pass ("probes") for views that look into a
// model while it trains: a node's output, an attention map, an RNN's gates. The trainer puts a sink
// into ForwardContext::probes only on steps where an observer asked for a probe; on every other
// step the pointer is null, so a layer that could publish tests one pointer and does nothing else.
//
// Names are scoped. Network::forward offers each node's output under the node's id and runs the
// node's layer inside that id's scope, so a layer names only what is its own. An attention layer in
// node "enc1" publishes its weights [batch, heads, queries, keys] with
//     if (ctx.probes && ctx.probes->wants("attention")) ctx.probes->publish("attention", weights);
// and the probe is called "enc1.attention"; an RNN layer would publish "gates.input", "gates.forget"…
// A block's inner network runs inside the block's scope: node "conv" of block "stage1" is "stage1.conv".
//
// Call it from the thread running the forward pass (not from inside parallel_for chunks).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

// A probe pattern is a full name ("fc1", "stage1.conv") or a prefix ending in '*' ("stage1.*";
// "*" matches every probe).
bool probe_name_matches(std::string_view pattern, std::string_view name);

class ProbeSink {
public:
    struct Probe {
        std::string name;  // full name, e.g. "enc1.attention"
        Tensor value;      // a copy: later steps do not change it
    };

    explicit ProbeSink(std::vector<std::string> patterns);

    // Whether the probe `name` (relative to the current scope) was asked for.
    bool wants(std::string_view name) const;
    // Keeps a copy of `value` under `name` (relative to the current scope) if it was asked for.
    void publish(std::string_view name, const Tensor& value);

    // For probes known only in backward (the gradient reaching each time step): if `name` was asked
    // for, returns a zero tensor of `shape` that the sink keeps WITHOUT copying, for the layer's
    // backward function to fill; the trainer delivers probes after backward. Undefined otherwise.
    Tensor slot(std::string_view name, const Shape& shape);

    // While a Scope lives, names are relative to "<outer scope>.<id>".
    class Scope {
    public:
        Scope(ProbeSink* sink, std::string_view id);  // sink may be null: then it does nothing
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        ProbeSink* sink_;
        size_t outer_length_ = 0;
    };

    const std::vector<Probe>& probes() const { return probes_; }
    // Tensors copied into any sink since the program started: lets tests check that a run where
    // nobody asked for probes copied nothing.
    static int64_t copies_made();

private:
    std::string full_name(std::string_view name) const;

    std::vector<std::string> patterns_;
    std::string scope_;  // "" or the ids of the enclosing nodes joined by '.'
    std::vector<Probe> probes_;
};

}  // namespace dl
