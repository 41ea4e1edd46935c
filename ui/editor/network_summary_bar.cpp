#include "ui/editor/network_summary_bar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include <algorithm>
#include <cmath>

NetworkSummaryBar::NetworkSummaryBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("networkSummaryBar"));
    setAttribute(Qt::WA_StyledBackground, true);
    setStyleSheet(QStringLiteral("#networkSummaryBar { background: #ffffff; border-bottom: 1px solid #d0d6de; }"));
    layout_ = new QHBoxLayout(this);
    layout_->setContentsMargins(10, 3, 6, 3);
    layout_->setSpacing(4);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("networkSummary"));
    summary_->setStyleSheet(QStringLiteral("color: #2b333d;"));
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("networkStatus"));
    zoom_ = new QLabel(this);
    zoom_->setObjectName(QStringLiteral("zoomLabel"));
    zoom_->setAlignment(Qt::AlignCenter);
    zoom_->setMinimumWidth(zoom_->fontMetrics().horizontalAdvance(QStringLiteral("300 %")) + 8);
    zoom_->setToolTip(
        tr("Zoom: Ctrl+wheel or Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the network, Ctrl+1 is 100 %.\n"
           "Middle-drag or Space+drag pans."));
    // In a narrow editor the text gives way (its full form is the tooltip); the buttons stay.
    summary_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout_->addWidget(summary_, 1);
    layout_->addWidget(status_);
}

void NetworkSummaryBar::setSummary(const QString& summary, const QString& status, bool ok) {
    summaryFull_ = summary;
    statusFull_ = status;
    elide();
    setToolTip(status.isEmpty() ? summary : summary + QStringLiteral("\n") + status);
    status_->setStyleSheet(ok ? QStringLiteral("color: #2a7d4f;") : QStringLiteral("color: #d02b2b;"));
    status_->setVisible(!status.isEmpty());
}

void NetworkSummaryBar::setZoom(double zoom) {
    zoom_->setText(QStringLiteral("%1 %").arg(std::lround(zoom * 100)));
}

QToolButton* NetworkSummaryBar::addButton(QAction* action) {
    auto* button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout_->addWidget(button);
    return button;
}

void NetworkSummaryBar::addZoomLabel() {
    layout_->addWidget(zoom_);
}

void NetworkSummaryBar::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    elide();
}

void NetworkSummaryBar::elide() {
    // the status (what is wrong) keeps its room first, the size summary takes the rest
    int room = width() - layout_->contentsMargins().left() - layout_->contentsMargins().right();
    for (int i = 0; i < layout_->count(); ++i) {
        QWidget* w = layout_->itemAt(i)->widget();
        if (w && w != summary_ && w != status_ && !w->isHidden()) room -= w->sizeHint().width() + layout_->spacing();
    }
    const int statusWidth = std::min(status_->fontMetrics().horizontalAdvance(statusFull_) + 4, std::max(room - 60, 0));
    status_->setText(status_->fontMetrics().elidedText(statusFull_, Qt::ElideRight, statusWidth));
    status_->setFixedWidth(statusFull_.isEmpty() ? 0 : statusWidth);
    summary_->setText(
        summary_->fontMetrics().elidedText(summaryFull_, Qt::ElideRight, std::max(room - statusWidth - 12, 0)));
}

QString NetworkSummaryBar::summaryText() const {
    return summaryFull_;
}
QString NetworkSummaryBar::statusText() const {
    return statusFull_;
}
QString NetworkSummaryBar::zoomText() const {
    return zoom_->text();
}
