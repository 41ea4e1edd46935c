#include "ui/i18n/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/i18n/interface_language.h"

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent), runningChinese_(QLocale().language() == QLocale::Chinese) {
    setWindowTitle(tr("Preferences"));
    language_ = new QComboBox(this);
    language_->setObjectName(QStringLiteral("languageBox"));
    // Each language is named in itself, so a learner can find theirs whatever the interface shows.
    language_->addItem(tr("System (follows the system language)"), QLatin1String(interface_language::kSystem));
    language_->addItem(QStringLiteral("English"), QLatin1String(interface_language::kEnglish));
    language_->addItem(QStringLiteral("简体中文"), QLatin1String(interface_language::kChinese));
    language_->setCurrentIndex(qMax(0, language_->findData(interface_language::savedChoice())));

    restartNote_ = new QLabel(tr("The new language applies when DiveLab restarts."), this);
    restartNote_->setWordWrap(true);
    restartNote_->setObjectName(QStringLiteral("restartNote"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    restart_ = buttons->addButton(tr("&Restart Now"), QDialogButtonBox::AcceptRole);
    restart_->setObjectName(QStringLiteral("restartButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(restart_, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT restartRequested();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("&Language:"), language_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(restartNote_);
    layout->addStretch();
    layout->addWidget(buttons);

    setMinimumWidth(fontMetrics().averageCharWidth() * 56);  // room for the note on one or two lines, any language
    connect(language_, &QComboBox::currentIndexChanged, this, &PreferencesDialog::languageChosen);
    showRestartOffer();
}

void PreferencesDialog::languageChosen() {
    interface_language::saveChoice(language_->currentData().toString());
    showRestartOffer();
}

// The note and "Restart Now" show only when the chosen language is not the one running.
void PreferencesDialog::showRestartOffer() {
    const bool chinese = interface_language::resolve(language_->currentData().toString()) == QLocale::Chinese;
    const bool differs = chinese != runningChinese_;
    restartNote_->setVisible(differs);
    restart_->setVisible(differs);
}
