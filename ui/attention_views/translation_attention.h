#pragma once
// The attention of an encoder–decoder on fixed sentence pairs, for the live views (D2L §10.4's and
// §11.7's heatmaps, recorded every epoch while it trains). The pairs run teacher-forced, as in
// training: the decoder reads <bos> and the reference, so the axes stay the same words at every epoch
// and the replay shows how attention formed. Each attention probe is classified by what its queries
// and keys read, which names its axes: encoder self-attention (English × English), decoder masked
// self-attention (French written × French read) and encoder–decoder attention (French written × English).
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/nn/network_spec.h"
#include "engine/train/attention_history.h"
#include "ui/attention_views/attention_inspection.h"

namespace translation_attention {

enum class Role { Other, EncoderSelf, DecoderSelf, Cross };
std::string role_name(Role role);  // "encoder self-attention", …; empty for Other

// One probe prefix whose "<prefix>.attention" is published, e.g. "encoder1.attention" (a Transformer encoder
// block's attention), "decoder1.attention2" (a decoder block's encoder–decoder attention), "decoder" (Bahdanau).
struct AttentionProbe {
    std::string prefix;
    Role role = Role::Other;
    bool operator==(const AttentionProbe&) const = default;
};
// Every layer of the network that publishes attention weights, in network order (positional encodings,
// add & norm and the other layers of the palette's Attention category are left out).
std::vector<AttentionProbe> attention_probes(const dl::NetworkSpec& spec);

// A fixed pair's words on each axis, padding left out.
struct Sentence {
    std::string text;                  // "go . → va !"
    std::vector<std::string> source;   // the English tokens and <eos>
    std::vector<std::string> written;  // what each decoder position writes: the French tokens and <eos>
    std::vector<std::string> read;     // what each decoder position reads: <bos> and the French tokens
};
static constexpr int kMaxSentences = 8;
// The pairs whose attention is recorded: the test split's first kMaxSentences (fra-eng: D2L's four
// sentences), else the training split's.
std::vector<Sentence> fixed_sentences(const dl::DataSplit& data);

// Runs the fixed pairs teacher-forced in evaluation mode and returns "<prefix>.attention" (and ".scores"
// when published) as [pairs, heads, num_steps, num_steps]-like tensors, padding included. Throws what the
// network throws (e.g. a network without the inputs source and target).
dl::AttentionHistory::Probes run_fixed_sentences(dl::Network& net, const dl::DataSplit& data,
                                                 const std::vector<std::string>& prefixes);

// The maps of pair `index`, cropped to its words and labelled by the probe's role.
std::vector<attention_inspection::AttentionMap> maps_of(const dl::AttentionHistory::Probes& probes,
                                                        const std::vector<AttentionProbe>& layers,
                                                        const Sentence& sentence, int index);

}  // namespace translation_attention
