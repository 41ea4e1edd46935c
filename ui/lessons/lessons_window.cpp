#include "lessons_window.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/lessons/lesson_page.h"
#include "ui/lessons/lesson_progress.h"
#include "ui/lessons/lesson_tree_model.h"

LessonsWindow::LessonsWindow(const QString& lessonsPath, Opener opener, QWidget* parent)
    : QWidget(parent, Qt::Window), opener_(std::move(opener)), chinese_(QLocale().language() == QLocale::Chinese) {
    setObjectName(QStringLiteral("lessonsWindow"));
    setWindowTitle(tr("Lessons — DiveLab"));
    resize(1240, 780);
    if (library_.load(lessonsPath, &loadError_))
        buildBrowser();
    else
        buildError();
}

LessonsWindow::~LessonsWindow() = default;

void LessonsWindow::buildError() {
    auto* layout = new QVBoxLayout(this);
    auto* message = new QLabel(loadError_, this);
    message->setObjectName(QStringLiteral("lessonsError"));
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message->setAlignment(Qt::AlignCenter);
    layout->addWidget(message);
}

void LessonsWindow::buildBrowser() {
    model_ = new LessonTreeModel(library_, chinese_, this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    summary_ = new QLabel(left);
    summary_->setObjectName(QStringLiteral("lessonsSummary"));
    leftLayout->addWidget(summary_);
    tree_ = new QTreeView(left);
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(LessonTreeModel::TitleColumn, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(LessonTreeModel::ProgressColumn, QHeaderView::ResizeToContents);
    tree_->expandAll();
    leftLayout->addWidget(tree_);
    if (!chinese_) {  // the two editions number the chapters differently
        auto* note = new QLabel(tr("Chapters and sections are numbered as in D2L's Chinese edition (zh.d2l.ai); each "
                                   "lesson's page also gives the English edition's (d2l.ai) section."),
                                left);
        note->setWordWrap(true);
        note->setForegroundRole(QPalette::PlaceholderText);
        leftLayout->addWidget(note);
    }
    page_ = new LessonPage;
    auto* scroll = new QScrollArea(splitter);
    scroll->setWidget(page_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({540, 700});
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(page_, &LessonPage::doneToggled, this, [this](const QString& id, bool done) {
        model_->setDone(id, done);
        updateSummary();
    });
    connect(page_, &LessonPage::openRequested, this, &LessonsWindow::openInLab);
    updateSummary();
    const QString last = LessonProgress().lastLesson();
    if (!showLesson(last)) showLesson(library_.lessons().front().id);
}

bool LessonsWindow::showLesson(const QString& id) {
    if (!model_) return false;
    const QModelIndex index = model_->indexOf(id);
    if (!index.isValid()) return false;
    tree_->setCurrentIndex(index);  // onCurrentChanged shows the page
    scrollToCurrent();
    return true;
}

// The lesson with its chapter's heading, where both fit.
void LessonsWindow::scrollToCurrent() {
    const QModelIndex current = tree_->currentIndex();
    tree_->scrollTo(current.parent());
    tree_->scrollTo(current);
}

// Scrolling before the first show used the tree's provisional size: once more at its real size.
void LessonsWindow::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (tree_) scrollToCurrent();
}

QString LessonsWindow::currentLessonId() const {
    return page_ ? page_->lessonId() : QString();
}

void LessonsWindow::onCurrentChanged(const QModelIndex& current) {
    const QString id =
        current.siblingAtColumn(LessonTreeModel::TitleColumn).data(LessonTreeModel::LessonIdRole).toString();
    const Lesson* lesson = library_.find(id);
    if (!lesson) return;  // a chapter row: the page keeps its lesson
    page_->showLesson(*lesson, chinese_, library_.formulaPath(id), model_->isDone(id));
    LessonProgress().setLastLesson(id);
}

void LessonsWindow::openInLab(const QString& action) {
    QString error;
    const bool opened = opener_ && opener_(action, &error);
    if (opened)
        error.clear();
    else if (error.isEmpty())
        error = tr("\"%1\" could not be opened.").arg(action);
    page_->showOpenError(error);
}

void LessonsWindow::updateSummary() {
    summary_->setText(summaryText());
}

QString LessonsWindow::summaryText() const {
    const auto& lessons = library_.lessons();
    const auto done = std::count_if(lessons.begin(), lessons.end(),
                                    [this](const Lesson& l) { return model_ && model_->isDone(l.id); });
    return tr("%1 of %2 lessons done").arg(done).arg(lessons.size());
}
