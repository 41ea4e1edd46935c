#pragma once
// Helpers the UI tests share to reach and drive a window's widgets by object name, as a user would.
#include <QAbstractSpinBox>
#include <QTest>
#include <QWidget>

template <class W>
W* child(QWidget& parent, const char* name) {
    W* w = parent.findChild<W*>(QString::fromLatin1(name));
    if (!w) qFatal("no child widget '%s'", name);
    return w;
}

// Selects all of a spin box's text, types `text` and presses Enter.
inline void typeInto(QAbstractSpinBox* box, const QString& text) {
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Enter);
}
