#pragma once
// The tensor playground's examples: D2L §2.1-2.3 (data manipulation, linear algebra) and §2.5
// (automatic differentiation), line by line, in the playground's language.
#include <QList>
#include <QString>

struct PlaygroundExample {
    QString section;  // "§2.1 Data manipulation"
    QString line;     // "x = arange(12.0)"
};

QList<PlaygroundExample> playgroundExamples();
