#include "ui/editor/network_document.h"

#include <QLocale>
#include <QMap>

#include <functional>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/core/tensor.h"
#include "engine/io/network_json.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "ui/editor/network_commands.h"
#include "ui/editor/network_layout.h"

namespace {
bool placed(const dl::NodeSpec& n) {
    return std::isfinite(n.x) && std::isfinite(n.y);
}
}  // namespace

QString formatCount(qint64 n) {
    QLocale c(QLocale::English, QLocale::UnitedStates);
    return c.toString(n);
}

QString formatFlops(qint64 flops) {
    const double f = double(flops);
    if (f < 1e3) return QStringLiteral("%1 FLOP").arg(flops);
    if (f < 1e5) return QStringLiteral("%1 kFLOP").arg(f / 1e3, 0, 'f', 1);
    if (f < 1e8) return QStringLiteral("%1 MFLOP").arg(f / 1e6, 0, 'f', 1);
    return QStringLiteral("%1 GFLOP").arg(f / 1e9, 0, 'f', 1);
}

QString formatShape(const dl::Shape& shape) {
    return QString::fromStdString(dl::to_string(shape));
}

QString formatSequenceShape(const dl::Shape& shape) {
    QStringList parts{QString::number(shape.front()), QStringLiteral("B")};
    for (size_t i = 1; i < shape.size(); ++i) parts << QString::number(shape[i]);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

NetworkDocument::NetworkDocument(QObject* parent) : QObject(parent) {
    reanalyze();
}

// ------------------------------------------------------------------------------------ queries

bool NetworkDocument::canTrain(QString* why) const {
    if (report_.ok() && !spec_.nodes.empty() && outputProblem_.isEmpty()) return true;
    if (why)
        *why = !report_.ok()         ? QString::fromStdString(report_.error)
               : spec_.nodes.empty() ? tr("the network has no layers")
                                     : outputProblem_;
    return false;
}

dl::NetworkSpec NetworkDocument::compactSpec() const {
    dl::NetworkSpec s = spec_;
    s.input_shape = inputShape_;
    for (size_t i = 0; i < s.nodes.size(); ++i) {
        const std::string previous = i == 0 ? std::string(dl::kNetworkInput) : s.nodes[i - 1].id;
        if (s.nodes[i].inputs.size() == 1 && s.nodes[i].inputs[0] == previous) s.nodes[i].inputs.clear();
    }
    return s;
}

int NetworkDocument::indexOf(const QString& id) const {
    const std::string s = id.toStdString();
    for (size_t i = 0; i < spec_.nodes.size(); ++i)
        if (spec_.nodes[i].id == s) return int(i);
    return -1;
}

const dl::NodeSpec* NetworkDocument::node(const QString& id) const {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &spec_.nodes[size_t(i)];
}

const dl::NodeReport* NetworkDocument::nodeReport(const QString& id) const {
    const std::string s = id.toStdString();
    for (const dl::NodeReport& r : report_.nodes)
        if (r.id == s) return &r;
    return nullptr;
}

QStringList NetworkDocument::nodeIds() const {
    QStringList ids;
    for (const dl::NodeSpec& n : spec_.nodes) ids << QString::fromStdString(n.id);
    return ids;
}

QString NetworkDocument::outputId() const {
    return QString::fromStdString(spec_.output_id());
}

QStringList NetworkDocument::inputNames() const {
    QStringList names;
    for (const std::string& name : spec_.input_names()) names << QString::fromStdString(name);
    return names;
}

dl::Shape NetworkDocument::inputShapeOf(const QString& name) const {
    const int k = int(inputNames().indexOf(name));
    if (k < 0) return {};
    return size_t(k) < inputShapes_.size() ? inputShapes_[size_t(k)] : inputShape_;
}

dl::Shape NetworkDocument::outputShapeOf(const QString& id) const {
    if (isNetworkInput(id)) return inputShapeOf(id);
    const qsizetype colon = id.indexOf(QLatin1Char(dl::kPortSeparator));
    const dl::NodeReport* r = nodeReport(colon < 0 ? id : id.left(colon));
    if (!r || !r->error.empty()) return {};
    if (colon < 0) return r->output_shape;
    const std::string port = id.mid(colon + 1).toStdString();
    for (size_t p = 0; p < r->output_names.size() && p < r->output_shapes.size(); ++p)
        if (r->output_names[p] == port) return r->output_shapes[p];
    return {};
}

bool NetworkDocument::hasTimeAxis(const QString& id) const {
    QSet<QString> sequences;  // nodes (in topological order) whose output has a time axis
    const std::string* previous = nullptr;
    for (const dl::NodeSpec& n : spec_.nodes) {
        bool sequence = n.type == "Embedding" || n.type == "OneHot";
        const bool takes_last =
            n.type == "SequenceOutput" && (!n.attrs.has("steps") || n.attrs.get_string("steps") == "last");
        if (!takes_last) {
            if (n.inputs.empty() && previous)
                sequence = sequence || sequences.contains(QString::fromStdString(*previous));
            for (const std::string& in : n.inputs)
                sequence = sequence || sequences.contains(QString::fromStdString(in));
        }
        if (sequence) sequences.insert(QString::fromStdString(n.id));
        previous = &n.id;
    }
    return sequences.contains(id);
}

QString NetworkDocument::edgeShapeLabel(const QString& id) const {
    const dl::Shape s = outputShapeOf(id);
    if (s.empty()) return {};
    const qsizetype colon = id.indexOf(QLatin1Char(dl::kPortSeparator));
    if (colon < 0) return s.size() >= 2 && hasTimeAxis(id) ? formatSequenceShape(s) : formatShape(s);
    // A recurrent layer's state keeps the batch second, as PyTorch's: [layers, B, hidden].
    const QString node = id.left(colon);
    return id.mid(colon + 1) + QLatin1Char(' ') +
           (s.size() >= 2 && hasTimeAxis(node) ? formatSequenceShape(s) : formatShape(s));
}

QString NetworkDocument::idPrefix(const QString& type) {
    static const QHash<QString, QString> prefixes = {{QStringLiteral("Linear"), QStringLiteral("fc")},
                                                     {QStringLiteral("Conv2d"), QStringLiteral("conv")},
                                                     {QStringLiteral("LeakyReLU"), QStringLiteral("lrelu")},
                                                     {QStringLiteral("BatchNorm"), QStringLiteral("bn")},
                                                     {QStringLiteral("LayerNorm"), QStringLiteral("ln")},
                                                     {QStringLiteral("MaxPool2d"), QStringLiteral("maxpool")},
                                                     {QStringLiteral("AvgPool2d"), QStringLiteral("avgpool")}};
    auto it = prefixes.find(type);
    if (it != prefixes.end()) return *it;
    QString p = type.toLower();
    p.remove(QChar('_'));
    while (!p.isEmpty() && p.back().isDigit()) p.chop(1);  // a trailing digit would run into the counter
    return p.isEmpty() ? QStringLiteral("node") : p;
}

QString NetworkDocument::uniqueId(const QString& type, const QSet<QString>& alsoTaken) const {
    const QString prefix = idPrefix(type);
    for (int n = 1;; ++n) {
        const QString id = prefix + QString::number(n);
        if (indexOf(id) < 0 && !alsoTaken.contains(id)) return id;
    }
}

bool NetworkDocument::dependsOn(const QString& id, const QString& ancestor) const {
    QSet<QString> seen;
    QStringList todo{id.left(id.indexOf(QLatin1Char(dl::kPortSeparator)))};  // "enc:state" depends as "enc"
    while (!todo.isEmpty()) {
        const QString cur = todo.takeLast();
        const dl::NodeSpec* n = node(cur);
        if (!n) continue;
        for (const std::string& in : n->inputs) {
            const QString q = QString::fromStdString(in.substr(0, in.find(dl::kPortSeparator)));
            if (q == ancestor) return true;
            if (!seen.contains(q)) {
                seen.insert(q);
                todo << q;
            }
        }
    }
    return false;
}

// ----------------------------------------------------------------------------- normalization

bool NetworkDocument::sortTopologically(dl::NetworkSpec& spec) {
    const size_t n = spec.nodes.size();
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < n; ++i) index[spec.nodes[i].id] = i;
    std::vector<int> pending(n, 0);
    std::vector<std::vector<size_t>> consumers(n);
    for (size_t i = 0; i < n; ++i)
        for (const std::string& in : spec.nodes[i].inputs) {
            const std::vector<std::string> inputs = spec.input_names();
            if (in == dl::kNetworkInput || std::find(inputs.begin(), inputs.end(), in) != inputs.end()) continue;
            auto it = index.find(in.substr(0, in.find(dl::kPortSeparator)));  // "enc:state" comes from "enc"
            ++pending[i];
            consumers[it->second].push_back(i);
        }
    std::set<size_t> ready;  // smallest original index first: the order changes as little as possible
    for (size_t i = 0; i < n; ++i)
        if (pending[i] == 0) ready.insert(i);
    std::vector<dl::NodeSpec> sorted;
    while (!ready.empty()) {
        const size_t i = *ready.begin();
        ready.erase(ready.begin());
        sorted.push_back(spec.nodes[i]);
        for (size_t c : consumers[i])
            if (--pending[c] == 0) ready.insert(c);
    }
    if (sorted.size() != n) return false;
    const std::string lastBefore = spec.output_id();
    spec.nodes = std::move(sorted);
    if (spec.output.empty() && n > 0 && spec.nodes.back().id != lastBefore) spec.output = lastBefore;
    return true;
}

dl::NetworkSpec NetworkDocument::normalized(dl::NetworkSpec spec) {
    // Explicit inputs: "" means "the previous node" in files, "not connected" in the editor.
    for (size_t i = 0; i < spec.nodes.size(); ++i)
        if (spec.nodes[i].inputs.empty())
            spec.nodes[i].inputs.push_back(i == 0 ? std::string(dl::kNetworkInput) : spec.nodes[i - 1].id);
    const bool anyPlaced = std::any_of(spec.nodes.begin(), spec.nodes.end(), placed);
    if (!anyPlaced && sortTopologically(spec)) {
        const QHash<QString, QPointF> positions = network_layout::layeredPositions(spec);
        for (dl::NodeSpec& n : spec.nodes) {
            const QPointF p = positions.value(QString::fromStdString(n.id));
            n.x = p.x();
            n.y = p.y();
        }
        return spec;
    }
    // Layout of unplaced nodes: one row per depth (longest path from the input), centred columns.
    std::map<std::string, int> depth;
    std::map<int, std::vector<size_t>> rows;
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        int d = 1;
        for (const std::string& in : spec.nodes[i].inputs) {
            auto it = depth.find(in.substr(0, in.find(dl::kPortSeparator)));
            if (it != depth.end()) d = std::max(d, it->second + 1);
        }
        depth[spec.nodes[i].id] = d;
        if (!placed(spec.nodes[i])) rows[d].push_back(i);
    }
    // Unplaced nodes go below what is already placed.
    double top = 0;
    bool any = false;
    for (const dl::NodeSpec& n : spec.nodes)
        if (placed(n)) {
            top = any ? std::max(top, n.y) : n.y;
            any = true;
        }
    const double base = any ? top : 0.0;
    const int minRow = rows.empty() ? 0 : rows.begin()->first;
    for (auto& [d, row] : rows) {
        for (size_t k = 0; k < row.size(); ++k) {
            dl::NodeSpec& n = spec.nodes[row[k]];
            n.x = (double(k) - double(row.size() - 1) / 2.0) * kColumnStep;
            n.y = base + (any ? d - minRow + 1 : d) * kRowStep;
        }
    }
    return spec;
}

// ----------------------------------------------------------------------------------- analysis

void NetworkDocument::reanalyze() {
    analyzeShapes();
    checkOutput();
}

void NetworkDocument::analyzeShapes() {
    // The engine reads an empty input list as "previous node": give unconnected nodes the network
    // input for the analysis, then mark them (and everything fed by them) as not connected.
    dl::NetworkSpec copy = spec_;
    std::set<std::string> unconnected;
    for (dl::NodeSpec& n : copy.nodes)
        if (n.inputs.empty()) {
            unconnected.insert(n.id);
            n.inputs.push_back(dl::kNetworkInput);
        }
    if (vocabularySize_ > 0) dl::fit_to_vocabulary(copy, vocabularySize_);
    if (targetVocabularySize_ > 0) dl::fit_to_vocabularies(copy, sourceVocabularySize_, targetVocabularySize_);
    // A network with several inputs (translation: "source" and "target", both [num_steps] token ids) gets the
    // data set's example shape for each, unless it was given one shape per input.
    std::vector<dl::Shape> inputShapes(copy.input_names().size(), inputShape_);
    if (inputShapes_.size() == inputShapes.size()) inputShapes = inputShapes_;
    report_ = dl::analyze(copy, std::span<const dl::Shape>(inputShapes));
    // Every node message names its node (some engine messages, e.g. arity, do not).
    for (dl::NodeReport& r : report_.nodes) {
        if (r.error.empty() || r.error.find("'" + r.id + "'") != std::string::npos) continue;
        const std::string named = "node '" + r.id + "' (" + r.type + "): " + r.error;
        if (report_.error == r.error) report_.error = named;
        r.error = named;
    }
    if (unconnected.empty()) return;
    std::set<std::string> tainted = unconnected;
    std::string firstError;
    for (size_t i = 0; i < spec_.nodes.size() && i < report_.nodes.size(); ++i) {
        const dl::NodeSpec& n = spec_.nodes[i];
        dl::NodeReport& r = report_.nodes[i];
        bool bad = unconnected.count(n.id) > 0;
        for (const std::string& in : n.inputs) bad = bad || tainted.count(in) > 0;
        if (!bad) continue;
        tainted.insert(n.id);
        r.output_shape.clear();
        r.input_shapes.clear();
        if (unconnected.count(n.id)) {
            r.error = "node '" + n.id + "' (" + n.type +
                      ") has no input: drag from another node's output port (the circle at its bottom) onto it";
            if (firstError.empty()) firstError = r.error;
        } else if (r.error.rfind("node '" + n.id + "' (" + n.type + ") is not connected", 0) != 0) {
            r.error.clear();  // its input is unknown: the unconnected node carries the message
        }
    }
    if (!firstError.empty()) {
        report_.error = firstError;
        report_.output_shape.clear();
    }
}

void NetworkDocument::checkOutput() {
    outputProblem_.clear();
    if (outputCheck_ && report_.ok() && !spec_.nodes.empty())
        outputProblem_ = outputCheck_(report_.output_shape, outputId());
}

void NetworkDocument::setOutputCheck(OutputCheck check) {
    outputCheck_ = std::move(check);
    const QString before = outputProblem_;
    checkOutput();
    if (outputProblem_ != before) Q_EMIT changed();
}

void NetworkDocument::arrange() {
    if (spec_.nodes.empty()) return;
    QHash<QString, QPointF> before;
    const QHash<QString, QPointF> after = network_layout::layeredPositions(spec_);
    for (const dl::NodeSpec& n : spec_.nodes) before.insert(QString::fromStdString(n.id), QPointF(n.x, n.y));
    if (before == after) return;
    auto* command = new MoveNodesCommand(this, before, after, false);
    command->setText(tr("Arrange network"));
    undo_.push(command);
}

void NetworkDocument::applySpec(const dl::NetworkSpec& spec) {
    spec_ = spec;
    reanalyze();
    Q_EMIT changed();
}

void NetworkDocument::applyPositions(const QHash<QString, QPointF>& positions) {
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        const int i = indexOf(it.key());
        if (i < 0) continue;
        spec_.nodes[size_t(i)].x = it.value().x();
        spec_.nodes[size_t(i)].y = it.value().y();
    }
    Q_EMIT changed();  // positions do not change shapes
}

void NetworkDocument::applyAttribute(const QString& id, const QString& name, const dl::AttrValue* value) {
    const int i = indexOf(id);
    if (i < 0) return;
    dl::NodeSpec& n = spec_.nodes[size_t(i)];
    if (value) {
        n.attrs.set(name.toStdString(), *value);
    } else {  // Attributes has no erase: rebuild without it
        dl::Attributes a;
        for (const auto& [k, v] : n.attrs.values())
            if (k != name.toStdString()) a.set(k, v);
        n.attrs = a;
    }
    reanalyze();
    Q_EMIT changed();
}

void NetworkDocument::setInputShape(const dl::Shape& shape) {
    inputShape_ = shape;
    inputShapes_.clear();
    reanalyze();
    Q_EMIT changed();
}

void NetworkDocument::setInputShapes(const std::vector<dl::Shape>& shapes) {
    inputShapes_ = shapes;
    inputShape_ = shapes.empty() ? dl::Shape{} : shapes.front();
    reanalyze();
    Q_EMIT changed();
}

void NetworkDocument::setVocabularySize(int64_t size) {
    if (size == vocabularySize_) return;
    vocabularySize_ = size;
    reanalyze();
    Q_EMIT changed();
}

void NetworkDocument::setTranslationVocabularies(int64_t source, int64_t target) {
    if (source == sourceVocabularySize_ && target == targetVocabularySize_) return;
    sourceVocabularySize_ = source;
    targetVocabularySize_ = target;
    reanalyze();
    Q_EMIT changed();
}

// --------------------------------------------------------------------------------------- edits

QString NetworkDocument::addNode(const QString& type, QPointF pos, const QString& inputId) {
    if (!dl::find_layer_info(type.toStdString())) {
        Q_EMIT message(tr("Unknown layer type '%1'").arg(type));
        return {};
    }
    dl::NetworkSpec after = spec_;
    dl::NodeSpec n;
    n.id = uniqueId(type).toStdString();
    n.type = type.toStdString();
    n.x = pos.x();
    n.y = pos.y();
    if (!inputId.isEmpty() && (isNetworkInput(inputId) || indexOf(inputId) >= 0))
        n.inputs.push_back(inputId.toStdString());
    // Appending after the output node keeps it the output; a new branch leaves the output where it was.
    if (!spec_.nodes.empty() && inputId != outputId() && spec_.output.empty()) after.output = spec_.output_id();
    if (inputId == outputId() && !spec_.output.empty()) after.output.clear();
    after.nodes.push_back(n);
    const QString id = QString::fromStdString(n.id);
    undo_.push(new AddNodeCommand(this, spec_, after, tr("Add %1").arg(id)));
    return id;
}

void NetworkDocument::removeNodes(const QStringList& ids) {
    QSet<QString> gone;
    for (const QString& id : ids)
        if (indexOf(id) >= 0) gone.insert(id);
    if (gone.isEmpty()) return;
    // A consumer of a removed single-input node is fed by that node's input instead (removing the
    // ReLU of a chain keeps the chain); other edges to removed nodes disappear.
    std::function<QStringList(const QString&)> resolve = [&](const QString& id) -> QStringList {
        if (!gone.contains(id)) return {id};
        const dl::NodeSpec* n = node(id);
        if (n->inputs.size() != 1) return {};
        return resolve(QString::fromStdString(n->inputs[0]));
    };
    dl::NetworkSpec after = spec_;
    after.nodes.clear();
    for (const dl::NodeSpec& n : spec_.nodes) {
        if (gone.contains(QString::fromStdString(n.id))) continue;
        dl::NodeSpec copy = n;
        copy.inputs.clear();
        for (const std::string& in : n.inputs)
            for (const QString& r : resolve(QString::fromStdString(in))) {
                const std::string s = r.toStdString();
                if (std::find(copy.inputs.begin(), copy.inputs.end(), s) == copy.inputs.end() || n.inputs.size() > 1)
                    copy.inputs.push_back(s);
            }
        after.nodes.push_back(std::move(copy));
    }
    if (gone.contains(QString::fromStdString(after.output))) after.output.clear();
    const QString text =
        gone.size() == 1 ? tr("Delete %1").arg(*gone.begin()) : tr("Delete %n node(s)", nullptr, int(gone.size()));
    undo_.push(new RemoveNodesCommand(this, spec_, after, text));
}

void NetworkDocument::moveNodes(const QHash<QString, QPointF>& positions, bool mergeable) {
    QHash<QString, QPointF> before, after;
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        const dl::NodeSpec* n = node(it.key());
        if (!n) continue;
        const QPointF old(n->x, n->y);
        if (placed(*n) && old == it.value()) continue;
        before.insert(it.key(), old);
        after.insert(it.key(), it.value());
    }
    if (after.isEmpty()) return;
    undo_.push(new MoveNodesCommand(this, before, after, mergeable));
}

bool NetworkDocument::connectNodes(const QString& from, const QString& to, QString* why) {
    QString reason;
    const int ti = indexOf(to);
    const bool fromInput = isNetworkInput(from);
    const qsizetype colon = from.indexOf(QLatin1Char(dl::kPortSeparator));  // "encoder:state"
    if (ti < 0 || (!fromInput && indexOf(colon < 0 ? from : from.left(colon)) < 0))
        reason = tr("Cannot connect '%1' to '%2': no such node").arg(from, to);
    else if (from == to)
        reason = tr("Cannot connect '%1' to itself").arg(from);
    else if (!fromInput && dependsOn(from, to))
        reason = tr("Connecting '%1' → '%2' would make a cycle: '%1' already depends on '%2'").arg(from, to);
    if (!reason.isEmpty()) {
        if (why) *why = reason;
        Q_EMIT message(reason);
        return false;
    }
    const dl::NodeSpec& target = spec_.nodes[size_t(ti)];
    const std::string f = from.toStdString();
    const dl::LayerInfo* info = dl::find_layer_info(target.type);
    const bool single = info && info->max_inputs == 1;
    const bool already = std::find(target.inputs.begin(), target.inputs.end(), f) != target.inputs.end();
    if (already && (single || target.inputs.size() == 1)) {
        reason = tr("'%1' already feeds '%2'").arg(from, to);
        if (why) *why = reason;
        Q_EMIT message(reason);
        return false;
    }
    dl::NetworkSpec after = spec_;
    dl::NodeSpec& t = after.nodes[size_t(ti)];
    if (single) t.inputs.clear();
    t.inputs.push_back(f);
    // A node connected into another one is no longer the output when it was the implicit last node.
    if (after.output.empty()) after.output = spec_.output_id();
    if (after.output == f && !fromInput) {
        // `from` was the output and now feeds `to`: the output moves on when `to` feeds nothing.
        bool toFeeds = false;
        for (const dl::NodeSpec& n : after.nodes)
            toFeeds = toFeeds || std::find(n.inputs.begin(), n.inputs.end(), to.toStdString()) != n.inputs.end();
        if (!toFeeds) after.output = to.toStdString();
    }
    if (!sortTopologically(after)) {
        reason = tr("Connecting '%1' → '%2' would make a cycle").arg(from, to);
        if (why) *why = reason;
        Q_EMIT message(reason);
        return false;
    }
    if (!after.nodes.empty() && after.output == after.nodes.back().id) after.output.clear();
    undo_.push(new ConnectCommand(this, spec_, after, tr("Connect %1 → %2").arg(from, to)));
    return true;
}

void NetworkDocument::disconnectNodes(const QList<QPair<QString, QString>>& edges) {
    dl::NetworkSpec after = spec_;
    bool any = false;
    for (const auto& [from, to] : edges) {
        const int ti = indexOf(to);
        if (ti < 0) continue;
        auto& in = after.nodes[size_t(ti)].inputs;
        auto it = std::find(in.begin(), in.end(), from.toStdString());
        if (it == in.end()) continue;
        in.erase(it);
        any = true;
    }
    if (!any) return;
    const QString text = edges.size() == 1 ? tr("Disconnect %1 → %2").arg(edges[0].first, edges[0].second)
                                           : tr("Disconnect %n edge(s)", nullptr, int(edges.size()));
    undo_.push(new DisconnectCommand(this, spec_, after, text));
}

void NetworkDocument::setAttribute(const QString& id, const QString& name, const dl::AttrValue& value, int mergeKey) {
    const dl::NodeSpec* n = node(id);
    if (!n) return;
    std::optional<dl::AttrValue> before;
    if (n->attrs.has(name.toStdString())) {
        before = n->attrs.get(name.toStdString());
        if (*before == value) return;
    }
    undo_.push(new SetAttributeCommand(this, id, name, before, value, mergeKey));
}

void NetworkDocument::loadSpec(const dl::NetworkSpec& spec, const QString& text) {
    dl::NetworkSpec after = normalized(spec);
    if (!sortTopologically(after)) after = normalized(spec);  // bad wiring: keep as is, analysis reports it
    if (!after.input_shape.empty()) {
        inputShape_ = after.input_shape;
    }
    undo_.push(new LoadSpecCommand(this, spec_, after, text));
}

QStringList NetworkDocument::pasteNodes(const std::vector<dl::NodeSpec>& nodes, const QString& anchor, QPointF offset) {
    if (nodes.empty()) return {};
    QMap<std::string, std::string> rename;
    QSet<QString> taken;
    for (const dl::NodeSpec& n : nodes) {
        const QString id = uniqueId(QString::fromStdString(n.type), taken);
        taken.insert(id);
        rename[n.id] = id.toStdString();
    }
    dl::NetworkSpec after = spec_;
    if (after.output.empty() && !after.nodes.empty() && anchor != outputId()) after.output = spec_.output_id();
    QStringList ids;
    for (const dl::NodeSpec& n : nodes) {
        if (!dl::find_layer_info(n.type)) continue;
        dl::NodeSpec copy = n;
        copy.id = rename[n.id];
        copy.inputs.clear();
        for (const std::string& in : n.inputs) {
            if (rename.contains(in))
                copy.inputs.push_back(rename[in]);
            else if (!anchor.isEmpty())
                copy.inputs.push_back(anchor.toStdString());
        }
        if (n.inputs.empty() && !anchor.isEmpty()) copy.inputs.push_back(anchor.toStdString());
        copy.x = (placed(n) ? n.x : 0.0) + offset.x();
        copy.y = (placed(n) ? n.y : 0.0) + offset.y();
        after.nodes.push_back(copy);
        ids << QString::fromStdString(copy.id);
    }
    if (!sortTopologically(after)) return {};
    if (!after.nodes.empty() && after.output == after.nodes.back().id) after.output.clear();
    undo_.push(new PasteNodesCommand(this, spec_, after, tr("Paste %n node(s)", nullptr, int(ids.size()))));
    return ids;
}

// ----------------------------------------------------------------------------------- clipboard

QByteArray NetworkDocument::nodesToJson(const QStringList& ids) const {
    dl::NetworkSpec part;
    part.name = "clipboard";
    for (const dl::NodeSpec& n : spec_.nodes)
        if (ids.contains(QString::fromStdString(n.id))) part.nodes.push_back(n);
    if (part.nodes.empty()) return {};
    // Inputs from outside the copied set are kept as names; paste decides where they connect.
    nlohmann::json j = dl::network_to_json(part);
    for (size_t i = 0; i < part.nodes.size() && i < j["layers"].size(); ++i) {
        nlohmann::json ins = nlohmann::json::array();
        for (const std::string& in : part.nodes[i].inputs) ins.push_back(in);
        j["layers"][i]["inputs"] = ins;  // explicit, even when it is the previous node
    }
    return QByteArray::fromStdString(j.dump());
}

std::vector<dl::NodeSpec> NetworkDocument::nodesFromJson(const QByteArray& json) {
    try {
        const nlohmann::json j = nlohmann::json::parse(json.toStdString());
        std::vector<dl::NodeSpec> nodes;
        for (const nlohmann::json& l : j.at("layers")) {
            // Parse each layer alone: its inputs may name nodes outside the copied set.
            nlohmann::json one = j;
            nlohmann::json layer = l;
            std::vector<std::string> inputs;
            if (layer.contains("inputs")) {
                inputs = layer["inputs"].get<std::vector<std::string>>();
                layer.erase("inputs");
            }
            one["layers"] = nlohmann::json::array({layer});
            one.erase("output");
            dl::NetworkSpec s = dl::network_from_json(one, "clipboard");
            if (s.nodes.size() != 1) return {};
            s.nodes[0].inputs = inputs;
            nodes.push_back(s.nodes[0]);
        }
        return nodes;
    } catch (const std::exception&) {
        return {};
    }
}
