#pragma once
// One lesson of the lessons browser (resources/lessons/lessons.json) and the chapter it belongs to, as
// LessonLibrary read them. Every text a learner reads comes in English and Simplified Chinese.
#include <QString>
#include <QVector>

// A text in the two languages of the lessons.
struct LessonText {
    QString en;
    QString zh;
    const QString& in(bool chinese) const { return chinese ? zh : en; }
};

// A chapter of D2L, numbered as in the Chinese edition (zh.d2l.ai, also the English edition before 1.0).
struct LessonChapter {
    int number = 0;
    LessonText title;
    QString enChapter;  // the English edition's (d2l.ai 1.0) chapter number(s) for the same material: "5"
};

struct Lesson {
    QString id;  // "weight-decay": also the name of its rendered formula, formulas/<id>.svg
    int chapter = 0;
    QString sectionEn;  // D2L's section in the English edition, "3.7"
    QString sectionZh;  // the same section in the Chinese edition, "4.5"
    LessonText title;
    LessonText tryText;    // what to try
    QString formula;       // the key formula in LaTeX (rendered at development time)
    LessonText watch;      // what to watch, in which view
    LessonText reference;  // D2L's reference result
    QString action;        // what "Open in Lab" runs: a LearnMenu::open string, "preset:lenet"
};
