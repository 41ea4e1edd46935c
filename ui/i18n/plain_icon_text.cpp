#include "ui/i18n/plain_icon_text.h"

#include <QAction>
#include <QRegularExpression>

QString withoutAccelerator(QString text) {
    static const QRegularExpression bracketed(QStringLiteral("\\s*\\(&[^&]\\)"));  // Chinese style, "(&F)"
    text.remove(bracketed);
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

void keepIconTextPlain(QAction* action) {
    auto sync = [action] {
        const QString plain = withoutAccelerator(action->text());
        if (action->iconText() != plain) action->setIconText(plain);  // setIconText emits changed() again
    };
    QObject::connect(action, &QAction::changed, action, sync);
    sync();
}
