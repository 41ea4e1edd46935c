#pragma once
// NetworkSummaryBar: the strip above the network editor's canvas. On the left the network's size
// ("61,706 params · 0.1 MFLOP per example") and whether it builds ("output [10]" or what is wrong);
// on the right the zoom buttons, the zoom in percent and Fit / Arrange. It sits outside the
// canvas (in the view's top margin), so it never covers a node.
#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QToolButton;

class NetworkSummaryBar : public QWidget {
    Q_OBJECT

public:
    explicit NetworkSummaryBar(QWidget* parent = nullptr);
    // `status` is drawn green when `ok`, red otherwise ("" hides it).
    void setSummary(const QString& summary, const QString& status, bool ok);
    void setZoom(double zoom);
    // A button for `action`, labelled with its iconText (its tooltip names the shortcut).
    QToolButton* addButton(QAction* action);
    void addZoomLabel();  // the "100 %" between the zoom buttons

    QString summaryText() const;
    QString statusText() const;
    QString zoomText() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();  // fits the texts into what the buttons leave, ending in "…"

    QString summaryFull_, statusFull_;
    QHBoxLayout* layout_;
    QLabel* summary_;
    QLabel* status_;
    QLabel* zoom_;
};
