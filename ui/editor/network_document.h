#pragma once
// NetworkDocument: the network editor's model. It owns a dl::NetworkSpec (with node positions),
// the per-example input shape and an undo stack; every edit is a QUndoCommand (network_commands.h),
// so Undo/Redo covers all of them. After each change it re-runs dl::analyze and emits changed().
//
// Inside the document every node lists its inputs explicitly (a loaded spec's implicit "previous
// node" inputs are made explicit); a node whose input list is empty is NOT connected (the report
// marks it with an error), and the node list is always kept in topological order.
#include <QHash>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <functional>

#include "engine/nn/network.h"
#include "engine/nn/network_spec.h"

class NetworkDocument : public QObject {
    Q_OBJECT

public:
    explicit NetworkDocument(QObject* parent = nullptr);

    // --- read access -------------------------------------------------------------------------
    // Every node lists its inputs explicitly (an empty list = not connected, see canTrain()).
    const dl::NetworkSpec& spec() const { return spec_; }
    // spec() written the way files are: an input that is just the previous node is left implicit.
    dl::NetworkSpec compactSpec() const;
    const dl::Shape& inputShape() const { return inputShape_; }
    const dl::NetworkReport& report() const { return report_; }
    QUndoStack* undoStack() { return &undo_; }
    // False (with the first error in *why) when the network cannot be built, or when its output
    // does not fit what the output check (the data set) asks for.
    bool canTrain(QString* why = nullptr) const;
    // Why the network's output does not fit the data set ("" when it fits or nothing checks it).
    const QString& outputProblem() const { return outputProblem_; }
    qint64 totalParameters() const { return report_.parameters; }
    qint64 totalFlops() const { return report_.flops; }

    int indexOf(const QString& id) const;  // -1 when absent
    const dl::NodeSpec* node(const QString& id) const;
    const dl::NodeReport* nodeReport(const QString& id) const;  // nullptr when analysis stopped before it
    QStringList nodeIds() const;
    QString outputId() const;  // the node whose result is the network's output ("" when empty)
    // The shape flowing out of `id`: a node, a node's port ("encoder:state") or a network input ("input",
    // "source"…); empty when unknown.
    dl::Shape outputShapeOf(const QString& id) const;
    // The network's inputs ("input", or the names a multi-input network gives them: "source", "target").
    QStringList inputNames() const;
    bool isNetworkInput(const QString& id) const { return inputNames().contains(id); }
    // The per-example shape of network input `name` (empty when the data set has not said).
    dl::Shape inputShapeOf(const QString& name) const;
    // Whether the values flowing out of `id` keep a time axis first: from an Embedding or OneHot on, until a
    // SequenceOutput takes the last step.
    bool hasTimeAxis(const QString& id) const;
    // An edge's label for the output of `id`: formatShape, or D2L's [T, B, H] for sequences ("[35, B, 256]");
    // a port other than the first is named: "state [2, B, 32]" for "encoder:state".
    QString edgeShapeLabel(const QString& id) const;
    // A fresh readable id for a layer type: "fc3", "relu2", "dropout1", …
    QString uniqueId(const QString& type, const QSet<QString>& alsoTaken = {}) const;
    static QString idPrefix(const QString& type);
    // True when `ancestor` is (transitively) an input of `id`.
    bool dependsOn(const QString& id, const QString& ancestor) const;

    // --- edits (each one undoable) ------------------------------------------------------------
    // Adds a node of `type` at `pos`, fed by `inputId` ("" = unconnected; "input" = network input).
    // Returns the new id, or "" (with message()) for an unknown type.
    QString addNode(const QString& type, QPointF pos, const QString& inputId = {});
    void removeNodes(const QStringList& ids);
    // Moves nodes; `mergeable` moves (keyboard nudges) merge with the previous mergeable move of
    // the same nodes into one undo step.
    void moveNodes(const QHash<QString, QPointF>& positions, bool mergeable = false);
    // Feeds `from` ("input" allowed) into `to`. A single-input layer gets its input replaced.
    // Refuses (false, *why and message()) cycles, self-loops, duplicates and unknown nodes.
    bool connectNodes(const QString& from, const QString& to, QString* why = nullptr);
    // Removes the connections (from, to) in one undo step.
    void disconnectNodes(const QList<QPair<QString, QString>>& edges);
    // Sets one attribute; consecutive edits of the same node and attribute with the same non-zero
    // mergeKey collapse into one undo step (the inspector passes one key per editing session).
    void setAttribute(const QString& id, const QString& name, const dl::AttrValue& value, int mergeKey = 0);
    // Replaces the whole network (preset, file). A network without positions gets the layered layout.
    void loadSpec(const dl::NetworkSpec& spec, const QString& text = QStringLiteral("Load network"));
    // Inserts copies of `nodes` (their ids are renamed; inputs from outside the copied set are fed by
    // `anchor`, "" = left unconnected) shifted by `offset`. Returns the new ids.
    QStringList pasteNodes(const std::vector<dl::NodeSpec>& nodes, const QString& anchor, QPointF offset);

    // Lays every node out again (layered, long chains wrapped into columns): one undo step.
    void arrange();

    // Not an edit of the network (the data set decides it): re-analyses, not undoable. Every network input
    // gets this shape (a translation network's "source" and "target" are both [num_steps] token ids)…
    void setInputShape(const dl::Shape& shape);
    // …unless each input has its own (a block's inside: the decoder block's target sequence and encoder outputs).
    void setInputShapes(const std::vector<dl::Shape>& shapes);
    // The same for a text data set's vocabulary: Embedding / OneHot with vocab_size 0 are analysed
    // with this size (0: no text data set, they stay an error).
    void setVocabularySize(int64_t size);
    // A translation data set's two vocabularies (0, 0: none): Embeddings read the one of their input
    // ("source" or "target"), a Linear with vocabulary_out scores the target's.
    void setTranslationVocabularies(int64_t source, int64_t target);
    // What the data set asks of the network's output (shape, node id) → "" when it fits, else why not.
    // The main window sets it from the loaded data; the editor shows the answer on the output node.
    using OutputCheck = std::function<QString(const dl::Shape& output, const QString& outputNode)>;
    void setOutputCheck(OutputCheck check);  // re-checks at once

    // Clipboard helpers: the nodes `ids` as JSON (network format) and back.
    QByteArray nodesToJson(const QStringList& ids) const;
    static std::vector<dl::NodeSpec> nodesFromJson(const QByteArray& json);

    // Used by the undo commands: replace the spec and re-analyse (no undo entry).
    void applySpec(const dl::NetworkSpec& spec);
    void applyPositions(const QHash<QString, QPointF>& positions);
    void applyAttribute(const QString& id, const QString& name, const dl::AttrValue* value);  // nullptr = unset

    // Makes inputs explicit and gives unplaced nodes positions: a network with no positions at all
    // gets the layered layout (network_layout.h); nodes added to a placed one go below it by depth.
    static dl::NetworkSpec normalized(dl::NetworkSpec spec);
    // Stable topological sort; false when the inputs form a cycle or name unknown nodes.
    static bool sortTopologically(dl::NetworkSpec& spec);

    static constexpr double kRowStep = 110.0;  // vertical distance between layers in auto layout
    static constexpr double kColumnStep = 240.0;

Q_SIGNALS:
    void changed();
    void message(const QString& text);  // refusals ("would make a cycle") for the status bar

private:
    void reanalyze();  // analyzeShapes(), then checkOutput()
    void analyzeShapes();
    void checkOutput();

    dl::NetworkSpec spec_;
    int64_t vocabularySize_ = 0;
    int64_t sourceVocabularySize_ = 0, targetVocabularySize_ = 0;
    dl::Shape inputShape_;
    std::vector<dl::Shape> inputShapes_;  // one per input when they differ; empty = inputShape_ for all
    dl::NetworkReport report_;
    QUndoStack undo_;
    OutputCheck outputCheck_;
    QString outputProblem_;
};

// "200,960"
QString formatCount(qint64 n);
// "0.4 MFLOP", "256 FLOP", "1.2 GFLOP"
QString formatFlops(qint64 flops);
// "[1, 28, 28]"
QString formatShape(const dl::Shape& shape);
// A per-example sequence shape [T, H, …] as D2L writes a batch of them, time first: "[35, B, 256]".
QString formatSequenceShape(const dl::Shape& shape);
