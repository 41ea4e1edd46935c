// Include QCustomPlot through this header, never <qcustomplot.h> directly.
// divelab_ui builds with QT_NO_KEYWORDS (oneTBB's headers use 'emit' as an identifier), but
// qcustomplot.h still uses the 'signals:' and 'foreach' keywords: map them to their Q_ forms
// for the length of the include only.
#pragma once

#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach
#else
#include <qcustomplot.h>
#endif
