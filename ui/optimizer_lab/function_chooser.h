#pragma once
// FunctionChooser: picks the optimizer lab's function, one of D2L's presets or a formula the learner
// types. A formula that does not parse is shown in red under the line edit, with the wrong character
// marked, and nothing is emitted: the plot keeps the last good function.
#include <QWidget>

#include <memory>

#include "engine/optim/function_expression.h"
#include "engine/optim/test_functions.h"

class QComboBox;
class QLabel;
class QLineEdit;

class FunctionChooser : public QWidget {
    Q_OBJECT

public:
    explicit FunctionChooser(QWidget* parent = nullptr);

    // Selects the preset with this id ("quadratic", ...); false for an unknown id.
    bool choosePreset(const QString& id);
    // Parses and applies `formula` as a custom function; false (and the error shown) if it does not parse.
    bool applyFormula(const QString& formula);

    std::shared_ptr<const dl::FunctionExpression> function() const { return function_; }
    // The preset in use, or nullptr for a custom formula.
    const dl::TestFunction* preset() const { return preset_; }
    QString errorText() const;

Q_SIGNALS:
    // A new function to show; `preset` is null for a custom formula.
    void functionChanged(const dl::TestFunction* preset);

private:
    void onPresetActivated(int index);
    void showError(const QString& formula, const dl::ExpressionError& error);

    QComboBox* presets_;
    QLineEdit* formula_;
    QLabel* error_;
    std::shared_ptr<const dl::FunctionExpression> function_;
    const dl::TestFunction* preset_ = nullptr;
};
