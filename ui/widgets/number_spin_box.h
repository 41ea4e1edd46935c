#pragma once
// NumberSpinBox: a number field for a setting the engine checks, which never changes a typed value
// silently. Any text can be typed; it applies on Enter or when the field loses the focus, not at
// every keystroke. A text that is no number, or lies outside the accepted range, is refused: the
// last valid value stays in effect and committed() says why, so the panel can tell the learner.
// Values are kept exactly as typed (no rounding to a number of decimals) and shown with 6
// significant digits ("0.001", "1e-08", "1e+06"); scientific notation can be typed.
#include <QDoubleSpinBox>

class NumberSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    // The accepted values; an exclusive bound itself is refused (lr > 0, momentum < 1).
    struct Bounds {
        double min = 0;
        double max = 1;
        bool minExclusive = false;
        bool maxExclusive = false;
    };
    // Linear: the arrows add singleStep(). Decades: the arrows step along 1, 2, 5, 10, 20, …; from 0
    // (when allowed) the first step up is `smallest`, and stepping below `smallest` gives 0.
    enum class Steps { Linear, Decades };

    NumberSpinBox(const Bounds& bounds, Steps steps, double smallest = 0, QWidget* parent = nullptr);

    // Why `text` cannot be used ("it is not a number", "it must be above 0"), empty when it can.
    QString problemWith(const QString& text) const;

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;

Q_SIGNALS:
    // After the learner typed and pressed Enter or left the field: `problem` is empty when `text`
    // was applied, else the reason it was refused (the previous value stays).
    void committed(const QString& problem, const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    StepEnabled stepEnabled() const override;

private:
    bool allowed(double value) const;
    double stepped(double value, bool up) const;
    double nextDecade(double value, bool up) const;
    // Runs `commit` (the base class's handling) and reports the typed text's fate.
    template <class F>
    void reportCommit(F&& commit);

    Bounds bounds_;
    Steps steps_;
    double smallest_;
};
