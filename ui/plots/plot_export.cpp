#include "ui/plots/plot_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

#include "ui/plots/qcp.h"

namespace plot_export {
namespace {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

bool open(QSaveFile& file, const QString& path, QString* error) {
    if (file.open(QIODevice::WriteOnly)) return true;
    return fail(error, QCoreApplication::translate("PlotExport", "Cannot write %1: %2")
                           .arg(QDir::toNativeSeparators(path), file.errorString()));
}

bool commit(QSaveFile& file, const QString& path, QString* error) {
    if (file.commit()) return true;
    return fail(error, QCoreApplication::translate("PlotExport", "Cannot write %1: %2")
                           .arg(QDir::toNativeSeparators(path), file.errorString()));
}

QSize sizeFor(QCustomPlot* plot, int width, int height) {
    // The widget's size, not viewport(): a plot that was never shown has not laid out its viewport yet.
    return {width > 0 ? width : std::max(1, plot->width()), height > 0 ? height : std::max(1, plot->height())};
}

}  // namespace

bool hasData(QCustomPlot* plot) {
    if (!plot) return false;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPPlottableInterface1D* data = plot->plottable(i)->interface1D();
        if (data && data->dataCount() > 0) return true;
    }
    return false;
}

bool savePng(QCustomPlot* plot, const QString& path, QString* error, int width, int height, double scale) {
    if (!plot) return fail(error, QCoreApplication::translate("PlotExport", "No plot to export"));
    const QSize size = sizeFor(plot, width, height);
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    const QPixmap pixmap = plot->toPixmap(size.width(), size.height(), scale > 0 ? scale : 1.0);
    if (pixmap.isNull() || !pixmap.save(&file, "PNG")) {
        file.cancelWriting();
        return fail(error, QCoreApplication::translate("PlotExport", "Cannot render the plot as PNG"));
    }
    return commit(file, path, error);
}

bool savePdf(QCustomPlot* plot, const QString& path, QString* error, int width, int height) {
    if (!plot) return fail(error, QCoreApplication::translate("PlotExport", "No plot to export"));
    const QSize size = sizeFor(plot, width, height);
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("DiveLab"));
        writer.setTitle(QFileInfo(path).completeBaseName());
        writer.setResolution(72);  // one plot pixel = one PDF point
        QPageLayout layout;
        layout.setMode(QPageLayout::FullPageMode);
        layout.setOrientation(QPageLayout::Portrait);
        layout.setMargins(QMarginsF(0, 0, 0, 0));
        layout.setPageSize(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageLayout(layout);
        QCPPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            return fail(error, QCoreApplication::translate("PlotExport", "Cannot render the plot as PDF"));
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, size.width(), size.height());
        painter.end();
    }
    return commit(file, path, error);
}

bool saveSvg(QCustomPlot* plot, const QString& path, QString* error, int width, int height) {
    if (!plot) return fail(error, QCoreApplication::translate("PlotExport", "No plot to export"));
    const QSize size = sizeFor(plot, width, height);
    QSaveFile file(path);
    if (!open(file, path, error)) return false;
    {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QFileInfo(path).completeBaseName());
        generator.setDescription(QStringLiteral("Exported from DiveLab"));
        QCPPainter painter;
        if (!painter.begin(&generator)) {
            file.cancelWriting();
            return fail(error, QCoreApplication::translate("PlotExport", "Cannot render the plot as SVG"));
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, size.width(), size.height());
        painter.end();
    }
    return commit(file, path, error);
}

// Renders at `size` (the widget already laid out at it): PNG at 2x, or PDF/SVG through QWidget::render.
static bool renderWidget(QWidget* widget, const QString& path, QString* error, QSize size) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QSaveFile file(path);
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf") && suffix != QLatin1String("svg"))
        return fail(error, QStringLiteral("Unknown image format \"%1\": use .png, .pdf or .svg").arg(suffix));
    if (!open(file, path, error)) return false;
    bool ok = true;
    if (suffix == QLatin1String("png")) {
        QPixmap pixmap(size * 2);
        pixmap.setDevicePixelRatio(2.0);
        pixmap.fill(Qt::white);
        widget->render(&pixmap);
        ok = pixmap.save(&file, "PNG");
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("DiveLab"));
        writer.setResolution(72);
        QPageLayout layout;
        layout.setMode(QPageLayout::FullPageMode);
        layout.setMargins(QMarginsF(0, 0, 0, 0));
        layout.setPageSize(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageLayout(layout);
        QPainter painter;
        ok = painter.begin(&writer);
        if (ok) widget->render(&painter);
    } else {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setDescription(QStringLiteral("Exported from DiveLab"));
        QPainter painter;
        ok = painter.begin(&generator);
        if (ok) widget->render(&painter);
    }
    if (!ok) {
        file.cancelWriting();
        return fail(error,
                    QCoreApplication::translate("PlotExport", "Cannot render the view as %1").arg(suffix.toUpper()));
    }
    return commit(file, path, error);
}

bool saveWidget(QWidget* widget, const QString& path, QString* error, QSize size) {
    if (!widget) return fail(error, QCoreApplication::translate("PlotExport", "No view to export"));
    // Laid out at the figure's size (a tab never shown is a few pixels wide), then given back its own.
    const QSize shown = widget->size();
    widget->resize(size);
    const bool ok = renderWidget(widget, path, error, size);
    widget->resize(shown);
    return ok;
}

bool save(QCustomPlot* plot, const QString& path, QString* error, QSize size) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return savePng(plot, path, error, size.width(), size.height());
    if (suffix == QLatin1String("pdf")) return savePdf(plot, path, error, size.width(), size.height());
    if (suffix == QLatin1String("svg")) return saveSvg(plot, path, error, size.width(), size.height());
    return fail(error, QStringLiteral("Unknown image format \"%1\": use .png, .pdf or .svg").arg(suffix));
}

}  // namespace plot_export
