#include "ui/widgets/wheel_guard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWidget>

namespace {

// Fields whose value the wheel changes; scroll bars are sliders too, but scrolling is their job.
bool takesWheel(const QWidget* w) {
    if (qobject_cast<const QScrollBar*>(w)) return false;
    return qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QComboBox*>(w) ||
           qobject_cast<const QAbstractSlider*>(w);
}

}  // namespace

void WheelGuard::install(QWidget* root) {
    auto* guard = new WheelGuard(root);
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : widgets) {
        if (!takesWheel(w)) continue;
        w->setFocusPolicy(Qt::StrongFocus);  // not Qt::WheelFocus: the wheel must not grab the focus
        w->installEventFilter(guard);
    }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::Wheel) return false;
    auto* w = qobject_cast<QWidget*>(watched);
    if (!w || w->hasFocus()) return false;
    // Ignored and filtered: QApplication hands the wheel on to the parent (the scroll area).
    event->ignore();
    return true;
}
