#include "ui/widgets/number_spin_box.h"

#include <cfloat>
#include <cmath>
#include <cstdlib>

#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>

namespace {

QString shortNumber(double value) {
    return QLocale::c().toString(value, 'g', 6);
}

}  // namespace

NumberSpinBox::NumberSpinBox(const Bounds& bounds, Steps steps, double smallest, QWidget* parent)
    : QDoubleSpinBox(parent), bounds_(bounds), steps_(steps), smallest_(smallest) {
    // QDoubleSpinBox rounds every value to decimals(): the most it allows keeps values as typed.
    setDecimals(DBL_MAX_10_EXP + DBL_DIG);
    setRange(bounds.min, bounds.max);
    setKeyboardTracking(false);  // apply on Enter or focus-out, not on every keystroke
}

QString NumberSpinBox::problemWith(const QString& text) const {
    const QString trimmed = text.trimmed();
    if (!specialValueText().isEmpty() && trimmed == specialValueText()) return {};
    if (trimmed.isEmpty()) return tr("it is empty");
    bool ok = false;
    const double v = QLocale::c().toDouble(trimmed, &ok);
    if (!ok || std::isnan(v)) return tr("it is not a number");
    if (allowed(v)) return {};
    if (v < bounds_.min || (bounds_.minExclusive && v == bounds_.min)) {
        if (bounds_.min == 0) return bounds_.minExclusive ? tr("it must be above 0") : tr("it must be 0 or more");
        return bounds_.minExclusive ? tr("it must be above %1").arg(shortNumber(bounds_.min))
                                    : tr("it must be at least %1").arg(shortNumber(bounds_.min));
    }
    if (v > bounds_.max || (bounds_.maxExclusive && v == bounds_.max))
        return bounds_.maxExclusive ? tr("it must be below %1").arg(shortNumber(bounds_.max))
                                    : tr("it must be at most %1").arg(shortNumber(bounds_.max));
    return {};
}

bool NumberSpinBox::allowed(double value) const {
    if (std::isnan(value) || value < bounds_.min || value > bounds_.max) return false;
    return !(bounds_.minExclusive && value == bounds_.min) && !(bounds_.maxExclusive && value == bounds_.max);
}

QString NumberSpinBox::textFromValue(double value) const {
    return shortNumber(value);
}

double NumberSpinBox::valueFromText(const QString& text) const {
    if (!specialValueText().isEmpty() && text.trimmed() == specialValueText()) return minimum();
    bool ok = false;
    const double v = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok ? v : value();
}

// Never Invalid: whatever is typed stays visible until Enter, which then applies or refuses it.
QValidator::State NumberSpinBox::validate(QString& text, int&) const {
    return problemWith(text).isEmpty() ? QValidator::Acceptable : QValidator::Intermediate;
}

void NumberSpinBox::stepBy(int steps) {
    double v = value();
    for (int i = 0; i < std::abs(steps); ++i) v = stepped(v, steps > 0);
    setValue(v);
    selectAll();
}

QAbstractSpinBox::StepEnabled NumberSpinBox::stepEnabled() const {
    StepEnabled flags;
    if (stepped(value(), false) != value()) flags |= StepDownEnabled;
    if (stepped(value(), true) != value()) flags |= StepUpEnabled;
    return flags;
}

// One arrow step from `value`; at a bound it stops there, before an exclusive bound it stays put.
double NumberSpinBox::stepped(double value, bool up) const {
    double next = 0;
    if (steps_ == Steps::Decades) {
        next = nextDecade(value, up);
    } else {
        // 12 significant digits: 0.9 + 0.05 is 0.95, not 0.9500000000000001.
        next = QString::number(value + (up ? singleStep() : -singleStep()), 'g', 12).toDouble();
    }
    if (next > bounds_.max) next = bounds_.max;
    if (next < bounds_.min) next = bounds_.min;
    return allowed(next) ? next : value;
}

double NumberSpinBox::nextDecade(double v, bool up) const {
    if (v <= 0) return up ? smallest_ : 0.0;
    const int e = static_cast<int>(std::floor(std::log10(v)));
    static constexpr double mantissas[] = {1, 2, 5};
    if (up) {
        for (int k = e - 1; k <= e + 1; ++k)
            for (double m : mantissas) {
                const double c = m * std::pow(10.0, k);
                if (c > v * (1 + 1e-9)) return c;
            }
        return v * 10;
    }
    for (int k = e + 1; k >= e - 1; --k)
        for (int j = 2; j >= 0; --j) {
            const double c = mantissas[j] * std::pow(10.0, k);
            if (c < v * (1 - 1e-9)) return c < smallest_ * (1 - 1e-9) ? (bounds_.min <= 0 ? 0.0 : smallest_) : c;
        }
    return v / 10;
}

template <class F>
void NumberSpinBox::reportCommit(F&& commit) {
    const bool typed = lineEdit()->isModified();
    const QString text = lineEdit()->displayText();
    const QString problem = typed ? problemWith(text) : QString();
    commit();  // the base class applies the text, or puts the previous value back
    if (typed) Q_EMIT committed(problem, text.trimmed());
}

void NumberSpinBox::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Enter || event->key() == Qt::Key_Return)
        reportCommit([&] { QDoubleSpinBox::keyPressEvent(event); });
    else
        QDoubleSpinBox::keyPressEvent(event);
}

void NumberSpinBox::focusOutEvent(QFocusEvent* event) {
    reportCommit([&] { QDoubleSpinBox::focusOutEvent(event); });
}
