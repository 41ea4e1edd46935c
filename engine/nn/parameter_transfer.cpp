#include "engine/nn/parameter_transfer.h"

#include <map>

#include "engine/core/error.h"

namespace dl {

namespace {
// The node a parameter belongs to: its name up to the first '.'.
std::string node_of(const std::string& name) {
    return name.substr(0, name.find('.'));
}
}  // namespace

ParameterTransfer copy_matching_parameters(Network& from, Network& to) {
    std::map<std::string, Var> source;
    for (const Param& p : from.parameters()) source.emplace(p.name, p.var);
    ParameterTransfer transfer;
    std::map<std::string, bool> node_complete;  // node → all of its parameters copied
    for (Param& p : to.parameters()) {
        const auto it = source.find(p.name);
        const std::string node = node_of(p.name);
        const bool found = it != source.end();
        if (found && it->second.shape() != p.var.shape())
            throw InputError("cannot start '" + to.spec().name + "' from '" + from.spec().name + "': parameter '" +
                             p.name + "' is " + to_string(it->second.shape()) + " there but " +
                             to_string(p.var.shape()) + " here (another vocabulary or other layer sizes?)");
        if (found) {
            p.var.value().copy_from(it->second.value());
            transfer.copied_values += p.var.value().numel();
        }
        auto [entry, fresh] = node_complete.emplace(node, found);
        if (!fresh) entry->second = entry->second && found;
    }
    if (transfer.copied_values == 0)
        throw InputError("cannot start '" + to.spec().name + "' from '" + from.spec().name +
                         "': they share no parameter (the layer ids differ)");
    for (const auto& g : to.parameters_by_node())
        (node_complete[g.node] ? transfer.copied_nodes : transfer.new_nodes).push_back(g.node);
    return transfer;
}

}  // namespace dl
