#include "ui/editor/layer_inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

#include "engine/nn/layer_catalog.h"
#include "ui/editor/network_scene.h"

namespace {
double asDouble(const dl::AttrValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<int64_t>(&v)) return double(*i);
    if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
    return 0.0;
}
QString intsToText(const dl::AttrValue& v) {
    QStringList parts;
    if (const auto* l = std::get_if<std::vector<int64_t>>(&v))
        for (int64_t x : *l) parts << QString::number(x);
    else if (const auto* i = std::get_if<int64_t>(&v))  // a hand-written JSON may give "kernel_size": 3
        parts << QString::number(*i);
    return parts.join(QStringLiteral(", "));
}
}  // namespace

LayerInspector::LayerInspector(NetworkDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    title_ = new QLabel(this);
    QFont f = title_->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    title_->setFont(f);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setStyleSheet(QStringLiteral("color: #5b6470;"));
    shapes_ = new QLabel(this);
    shapes_->setWordWrap(true);
    shapes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form_ = new QWidget(this);
    formLayout_ = new QFormLayout(form_);
    formLayout_->setContentsMargins(0, 4, 0, 0);
    formLayout_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(title_);
    layout->addWidget(summary_);
    layout->addWidget(form_);
    layout->addWidget(shapes_);
    layout->addWidget(status_);
    layout->addStretch(1);
    setMinimumWidth(220);
    connect(doc_, &NetworkDocument::changed, this, [this] {
        if (showsTerminal()) {  // the output disappears with the last layer
            setNode(nodeId_);
            return;
        }
        const dl::NodeSpec* n = doc_->node(nodeId_);
        if (!nodeId_.isEmpty() && (!n || QString::fromStdString(n->type) != nodeType_)) {
            setNode(n ? nodeId_ : QString());
            return;
        }
        refresh();
    });
    rebuild();
}

QString LayerInspector::titleText() const {
    return title_->text();
}
QString LayerInspector::shapesText() const {
    return shapes_->text();
}
QString LayerInspector::statusText() const {
    return status_->text();
}

bool LayerInspector::showsTerminal() const {
    return doc_->isNetworkInput(nodeId_) || nodeId_ == QLatin1String(NetworkScene::kOutputItemId);
}

void LayerInspector::setNode(const QString& id) {
    const bool output = id == QLatin1String(NetworkScene::kOutputItemId);
    const bool terminal = doc_->isNetworkInput(id) || (output && !doc_->spec().nodes.empty());
    nodeId_ = doc_->node(id) || terminal ? id : QString();
    const dl::NodeSpec* n = doc_->node(nodeId_);
    nodeType_ = n ? QString::fromStdString(n->type) : QString();
    ++mergeKey_;
    rebuild();
}

void LayerInspector::rebuild() {
    while (formLayout_->rowCount() > 0) formLayout_->removeRow(0);
    editors_.clear();
    if (showsTerminal()) return showTerminal();
    const dl::NodeSpec* n = doc_->node(nodeId_);
    const dl::LayerInfo* info = n ? dl::find_layer_info(n->type) : nullptr;
    if (!n) {
        title_->setText(tr("No layer selected"));
        summary_->setText(tr("Select a node on the canvas to edit its settings."));
        form_->hide();
        shapes_->clear();
        status_->clear();
        return;
    }
    title_->setText(QStringLiteral("%1 — %2").arg(nodeId_, nodeType_));
    summary_->setText(info ? QString::fromStdString(info->summary) : tr("Unknown layer type"));
    form_->setVisible(info && !info->attrs.empty());
    if (info)
        for (const dl::AttrSpec& a : info->attrs) {
            const QString name = QString::fromStdString(a.name);
            const QString help = QString::fromStdString(a.help);
            QWidget* w = makeEditor(a);
            w->setObjectName(name);
            w->setToolTip(help);
            editors_.insert(name, w);
            auto* label = new QLabel(name, form_);
            label->setToolTip(help);
            formLayout_->addRow(label, w);
        }
    refresh();
}

// The network's input or output: what it is, its shape and, for the output, whether it fits.
void LayerInspector::showTerminal() {
    form_->hide();
    if (doc_->isNetworkInput(nodeId_)) {
        const dl::Shape shape = doc_->inputShapeOf(nodeId_);
        title_->setText(tr("%1 — the network's input").arg(nodeId_));
        summary_->setText(tr("One example of the data set; training adds the batch axis in front."));
        shapes_->setText(shape.empty() ? tr("shape: set by the data set")
                                       : tr("shape %1 per example").arg(formatShape(shape)));
        setStatus({}, tr("✔ comes from the data set"));
        return;
    }
    const dl::Shape out = doc_->report().output_shape;
    title_->setText(tr("output — the network's result"));
    summary_->setText(tr("What node '%1' computes for one example: the scores the loss compares with the labels.")
                          .arg(doc_->outputId()));
    shapes_->setText(out.empty() ? tr("shape unknown") : tr("shape %1 per example").arg(formatShape(out)));
    QString why;
    setStatus(doc_->canTrain(&why) ? QString() : why, tr("✔ shapes fit"));
}

void LayerInspector::setStatus(const QString& problem, const QString& fine) {
    status_->setText(problem.isEmpty() ? fine : QStringLiteral("⚠ ") + problem);
    status_->setStyleSheet(problem.isEmpty() ? QStringLiteral("color: #2a7d4f;") : QStringLiteral("color: #d02b2b;"));
}

// An editor for one setting, committing every change to the document (one undo step per edit).
QWidget* LayerInspector::makeEditor(const dl::AttrSpec& a) {
    const QString name = QString::fromStdString(a.name);
    QWidget* w = nullptr;
    switch (a.kind) {
        case dl::AttrSpec::Kind::Int: {
            auto* s = new QSpinBox(form_);
            s->setRange(int(std::clamp(a.min, double(INT_MIN), double(INT_MAX))),
                        int(std::clamp(a.max, double(INT_MIN), double(INT_MAX))));
            s->setAccelerated(true);
            connect(s, &QSpinBox::valueChanged, this, [this, name](int v) { commit(name, int64_t{v}); });
            connect(s, &QSpinBox::editingFinished, this, [this] { ++mergeKey_; });
            w = s;
            break;
        }
        case dl::AttrSpec::Kind::Float: {
            auto* s = new QDoubleSpinBox(form_);
            s->setDecimals(4);
            s->setRange(std::clamp(a.min, -1e9, 1e9), std::clamp(a.max, -1e9, 1e9));
            s->setSingleStep(a.max - a.min <= 1.0 ? 0.01 : 0.1);
            connect(s, &QDoubleSpinBox::valueChanged, this, [this, name](double v) { commit(name, v); });
            connect(s, &QDoubleSpinBox::editingFinished, this, [this] { ++mergeKey_; });
            w = s;
            break;
        }
        case dl::AttrSpec::Kind::Bool: {
            auto* c = new QCheckBox(form_);
            connect(c, &QCheckBox::toggled, this, [this, name](bool v) {
                ++mergeKey_;
                commit(name, v);
            });
            w = c;
            break;
        }
        case dl::AttrSpec::Kind::Choice: {
            auto* c = new QComboBox(form_);
            for (const std::string& choice : a.choices) c->addItem(QString::fromStdString(choice));
            connect(c, &QComboBox::currentTextChanged, this, [this, name](const QString& v) {
                ++mergeKey_;
                commit(name, v.toStdString());
            });
            w = c;
            break;
        }
        case dl::AttrSpec::Kind::IntList: {
            auto* e = new QLineEdit(form_);
            e->setValidator(new QRegularExpressionValidator(
                QRegularExpression(QStringLiteral(R"(\s*-?\d+(\s*,\s*-?\d+)*\s*)")), e));
            e->setPlaceholderText(tr("e.g. 3, 3"));
            connect(e, &QLineEdit::editingFinished, this, [this, name, e] {
                std::vector<int64_t> values;
                for (const QString& part : e->text().split(QChar(','), Qt::SkipEmptyParts))
                    values.push_back(part.trimmed().toLongLong());
                ++mergeKey_;
                commit(name, values);
            });
            w = e;
            break;
        }
    }
    return w;
}

void LayerInspector::refresh() {
    if (showsTerminal()) return showTerminal();
    const dl::NodeSpec* n = doc_->node(nodeId_);
    const dl::LayerInfo* info = n ? dl::find_layer_info(n->type) : nullptr;
    if (!n) return;
    refreshing_ = true;
    if (info) {
        for (const dl::AttrSpec& a : info->attrs) {
            QWidget* w = editors_.value(QString::fromStdString(a.name));
            if (!w) continue;
            const dl::AttrValue v = n->attrs.has(a.name) ? n->attrs.get(a.name) : a.default_value;
            const QSignalBlocker block(w);
            if (auto* s = qobject_cast<QSpinBox*>(w)) {
                if (s->value() != int(std::llround(asDouble(v)))) s->setValue(int(std::llround(asDouble(v))));
            } else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) {
                if (std::abs(d->value() - asDouble(v)) > 1e-12) d->setValue(asDouble(v));
            } else if (auto* c = qobject_cast<QCheckBox*>(w)) {
                c->setChecked(asDouble(v) != 0.0);
            } else if (auto* c = qobject_cast<QComboBox*>(w)) {
                if (const auto* s = std::get_if<std::string>(&v)) c->setCurrentText(QString::fromStdString(*s));
            } else if (auto* e = qobject_cast<QLineEdit*>(w)) {
                if (!e->hasFocus()) e->setText(intsToText(v));
            }
        }
    }
    refreshing_ = false;
    const dl::NodeReport* r = doc_->nodeReport(nodeId_);
    if (r && r->error.empty() && !r->output_shape.empty()) {
        QStringList ins;
        for (const dl::Shape& s : r->input_shapes) ins << formatShape(s);
        shapes_->setText(tr("in %1 → out %2<br>%3 params · %4")
                             .arg(ins.join(QStringLiteral(" + ")), formatShape(r->output_shape),
                                  formatCount(r->parameters), formatFlops(r->flops)));
        status_->setText(tr("✔ shapes fit"));
        status_->setStyleSheet(QStringLiteral("color: #2a7d4f;"));
    } else {
        shapes_->clear();
        const QString err = r && !r->error.empty() ? QString::fromStdString(r->error)
                            : r                    ? tr("waiting for its inputs to be fixed")
                                                   : QString::fromStdString(doc_->report().error);
        status_->setText(QStringLiteral("⚠ ") + err);
        status_->setStyleSheet(QStringLiteral("color: #d02b2b;"));
    }
}

void LayerInspector::commit(const QString& name, const dl::AttrValue& value) {
    if (refreshing_ || nodeId_.isEmpty()) return;
    doc_->setAttribute(nodeId_, name, value, mergeKey_);
}
