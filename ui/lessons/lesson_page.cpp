#include "lesson_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/lessons/formula_view.h"

namespace {

QLabel* textLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);  // lesson texts are prose, never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

LessonPage::LessonPage(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(6);
    title_ = textLabel(this);
    title_->setObjectName(QStringLiteral("lessonTitle"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    layout->addWidget(title_);
    section_ = textLabel(this);
    section_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(section_);
    try_ = addSection(tr("What to try"));
    layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Key formula").toHtmlEscaped()), this));
    formula_ = new FormulaView(this);
    layout->addWidget(formula_);
    watch_ = addSection(tr("What to watch"));
    reference_ = addSection(tr("D2L's reference result"));
    layout->addSpacing(8);
    layout->addWidget(createButtons());
    error_ = textLabel(this);
    error_->setObjectName(QStringLiteral("openError"));
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    error_->hide();
    layout->addWidget(error_);
    layout->addStretch(1);
}

// A bold heading and the text under it; returns the text's label.
QLabel* LessonPage::addSection(const QString& heading) {
    auto* header = new QLabel(QStringLiteral("<b>%1</b>").arg(heading.toHtmlEscaped()), this);
    layout()->addWidget(header);
    QLabel* text = textLabel(this);
    layout()->addWidget(text);
    return text;
}

QWidget* LessonPage::createButtons() {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    open_ = new QPushButton(tr("Open in Lab"), row);
    open_->setObjectName(QStringLiteral("openInLab"));
    open_->setDefault(true);
    done_ = new QPushButton(tr("Mark as Done"), row);
    done_->setObjectName(QStringLiteral("markAsDone"));
    done_->setCheckable(true);
    layout->addWidget(open_);
    layout->addWidget(done_);
    actionText_ = textLabel(row);
    actionText_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(actionText_, 1);
    connect(open_, &QPushButton::clicked, this, [this] {
        showOpenError({});
        Q_EMIT openRequested(action_);
    });
    connect(done_, &QPushButton::toggled, this, [this](bool done) {
        setDone(done);
        Q_EMIT doneToggled(id_, done);
    });
    return row;
}

QString LessonPage::sectionLine(const Lesson& lesson, bool chinese) {
    if (lesson.sectionEn == lesson.sectionZh) return tr("D2L §%1").arg(lesson.sectionEn);
    if (chinese) return tr("D2L Chinese edition §%1 (English edition §%2)").arg(lesson.sectionZh, lesson.sectionEn);
    return tr("D2L §%1 (Chinese edition §%2)").arg(lesson.sectionEn, lesson.sectionZh);
}

void LessonPage::showLesson(const Lesson& lesson, bool chinese, const QString& formulaSvg, bool done) {
    id_ = lesson.id;
    action_ = lesson.action;
    title_->setText(lesson.title.in(chinese));
    section_->setText(sectionLine(lesson, chinese));
    try_->setText(lesson.tryText.in(chinese));
    formula_->load(formulaSvg);
    formula_->setToolTip(lesson.formula);  // the LaTeX, for copying into notes
    watch_->setText(lesson.watch.in(chinese));
    reference_->setText(lesson.reference.in(chinese));
    actionText_->setText(describeAction(lesson.action));
    open_->setToolTip(lesson.action);
    showOpenError({});
    const QSignalBlocker quiet(done_);  // showing a lesson is no change of its progress
    done_->setChecked(done);
    setDone(done);
}

// The action strings of LearnMenu::open, said for a person.
QString LessonPage::describeAction(const QString& action) {
    const QString kind = action.section(QLatin1Char(':'), 0, 0);
    const QString argument = action.section(QLatin1Char(':'), 1);
    if (kind == QLatin1String("preset")) return tr("Loads the preset “%1” in the main window.").arg(argument);
    if (kind == QLatin1String("optimizer-lab"))
        return argument.isEmpty() ? tr("Opens the optimizer lab.")
                                  : tr("Opens the optimizer lab on the function “%1”.").arg(argument);
    if (kind == QLatin1String("race")) return tr("Opens the optimizer race on a real network.");
    if (kind == QLatin1String("ablation")) return tr("Opens the ready-made ablation “%1”.").arg(argument);
    if (kind == QLatin1String("schedule")) return tr("Opens the learning-rate schedule designer.");
    if (kind == QLatin1String("tensors")) return tr("Opens the tensor playground with %1").arg(argument);
    if (kind == QLatin1String("autograd")) return tr("Opens the autograd graph of %1").arg(argument);
    return {};
}

void LessonPage::setDone(bool done) {
    const QSignalBlocker quiet(done_);
    done_->setChecked(done);
    done_->setText(done ? tr("Done ✓") : tr("Mark as Done"));
    done_->setToolTip(done ? tr("Click to mark this lesson as not done") : QString());
}

void LessonPage::showOpenError(const QString& reason) {
    error_->setText(reason);
    error_->setVisible(!reason.isEmpty());
}

QString LessonPage::titleText() const {
    return title_->text();
}

QString LessonPage::actionText() const {
    return actionText_->text();
}

QString LessonPage::errorText() const {
    return error_->isVisibleTo(this) ? error_->text() : QString();
}
