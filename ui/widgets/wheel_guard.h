#pragma once
// WheelGuard: spin boxes, combo boxes and sliders inside a scrolling panel take the mouse wheel only
// when they have the keyboard focus. Otherwise the wheel scrolls the panel, as the learner meant,
// instead of silently changing whatever field happens to be under the pointer.
#include <QObject>

class QWidget;

class WheelGuard : public QObject {
    Q_OBJECT
public:
    // Guards every spin box, combo box and slider inside `root` (root included): they get the focus
    // by click or Tab only (Qt::StrongFocus), and an unfocused one passes the wheel on to its parent.
    // Call after the widgets are built; one guard per root, owned by it.
    static void install(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit WheelGuard(QObject* parent) : QObject(parent) {}
};
