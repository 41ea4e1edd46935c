#include "function_chooser.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace {

QString presetTitle(const std::string& id) {
    if (id == "quadratic") return FunctionChooser::tr("Quadratic 0.1·x1² + 2·x2² (D2L §11.6)");
    if (id == "rosenbrock") return FunctionChooser::tr("Rosenbrock (1 − x1)² + 100·(x2 − x1²)²");
    if (id == "local-minimum") return FunctionChooser::tr("Local minimum x·cos(πx), 1-D (D2L §11.1)");
    if (id == "saddle") return FunctionChooser::tr("Saddle x1² − x2² (D2L §11.1)");
    return QString::fromStdString(id);
}

}  // namespace

FunctionChooser::FunctionChooser(QWidget* parent) : QWidget(parent) {
    presets_ = new QComboBox(this);
    presets_->setObjectName(QStringLiteral("function-presets"));
    for (const auto& preset : dl::test_functions())
        presets_->addItem(presetTitle(preset.id), QString::fromStdString(preset.id));
    presets_->addItem(tr("Custom formula"), QString());
    formula_ = new QLineEdit(this);
    formula_->setObjectName(QStringLiteral("function-formula"));
    formula_->setPlaceholderText(tr("f(x1, x2), e.g. x1^2 + 3*sin(x2); press Enter"));
    formula_->setToolTip(
        tr("Variables x1 and x2 (or x and y); + − * / ^; sin cos tan exp log sqrt abs tanh; pi, e. "
           "A formula with x alone is drawn as a curve."));
    error_ = new QLabel(this);
    error_->setObjectName(QStringLiteral("function-error"));
    error_->setWordWrap(true);
    error_->setTextFormat(Qt::RichText);
    error_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(presets_);
    layout->addWidget(formula_);
    layout->addWidget(error_);

    connect(presets_, &QComboBox::activated, this, &FunctionChooser::onPresetActivated);
    connect(formula_, &QLineEdit::returnPressed, this, [this] { applyFormula(formula_->text()); });
    choosePreset(QStringLiteral("quadratic"));
}

bool FunctionChooser::choosePreset(const QString& id) {
    const int index = presets_->findData(id);
    if (index < 0 || id.isEmpty()) return false;
    presets_->setCurrentIndex(index);
    onPresetActivated(index);
    return true;
}

void FunctionChooser::onPresetActivated(int index) {
    const QString id = presets_->itemData(index).toString();
    if (id.isEmpty()) {  // "Custom formula": edit the line
        formula_->setFocus();
        formula_->selectAll();
        return;
    }
    preset_ = &dl::test_function(id.toStdString());
    formula_->setText(QString::fromStdString(preset_->formula));
    function_ = std::make_shared<dl::FunctionExpression>(preset_->formula);
    error_->hide();
    Q_EMIT functionChanged(preset_);
}

bool FunctionChooser::applyFormula(const QString& formula) {
    formula_->setText(formula);
    std::shared_ptr<dl::FunctionExpression> parsed;
    try {
        parsed = std::make_shared<dl::FunctionExpression>(formula.toStdString());
    } catch (const dl::ExpressionError& e) {
        showError(formula, e);
        return false;
    }
    error_->hide();
    function_ = std::move(parsed);
    // Typing a preset's own formula is still that preset; anything else is custom.
    preset_ = nullptr;
    for (const auto& preset : dl::test_functions())
        if (preset.formula == formula.toStdString()) preset_ = &preset;
    presets_->setCurrentIndex(preset_ ? presets_->findData(QString::fromStdString(preset_->id))
                                      : presets_->count() - 1);
    Q_EMIT functionChanged(preset_);
    return true;
}

void FunctionChooser::showError(const QString& formula, const dl::ExpressionError& error) {
    // The formula with the wrong character on a red background (a marked blank past the end).
    const int at = qBound(0, int(error.position), int(formula.size()));
    const QString before = formula.left(at).toHtmlEscaped();
    const QString wrong = at < formula.size() ? formula.mid(at, 1).toHtmlEscaped() : QStringLiteral("&nbsp;");
    const QString after = formula.mid(at + 1).toHtmlEscaped();
    error_->setText(
        QStringLiteral("<span style=\"color:#b00020\">%1</span><br><code>%2<span "
                       "style=\"background:#f4a6a6;color:#b00020\">%3</span>%4</code>")
            .arg(tr("Cannot read the formula: %1").arg(QString::fromStdString(error.what())).toHtmlEscaped(), before,
                 wrong, after));
    error_->show();
    formula_->setCursorPosition(at);
}

QString FunctionChooser::errorText() const {
    return error_->isHidden() ? QString() : error_->text();
}
