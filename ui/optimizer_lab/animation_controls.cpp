#include "animation_controls.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTimer>

AnimationControls::AnimationControls(QWidget* parent) : QWidget(parent) {
    play_ = new QPushButton(tr("Play"), this);
    play_->setObjectName(QStringLiteral("lab-play"));
    step_button_ = new QPushButton(tr("Step"), this);
    step_button_->setObjectName(QStringLiteral("lab-step"));
    reset_ = new QPushButton(tr("Reset"), this);
    reset_->setObjectName(QStringLiteral("lab-reset"));
    speed_ = new QSlider(Qt::Horizontal, this);
    speed_->setObjectName(QStringLiteral("lab-speed"));
    speed_->setRange(1, 60);
    speed_->setValue(8);
    speed_->setToolTip(tr("Steps per second"));
    label_ = new QLabel(this);
    label_->setObjectName(QStringLiteral("lab-step-label"));
    timer_ = new QTimer(this);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(play_);
    layout->addWidget(step_button_);
    layout->addWidget(reset_);
    layout->addWidget(new QLabel(tr("Speed"), this));
    layout->addWidget(speed_, 1);
    layout->addWidget(label_);

    connect(play_, &QPushButton::clicked, this, [this] { playing() ? pause() : play(); });
    connect(step_button_, &QPushButton::clicked, this, [this] {
        pause();
        stepForward();
    });
    connect(reset_, &QPushButton::clicked, this, &AnimationControls::reset);
    connect(speed_, &QSlider::valueChanged, this, [this](int perSecond) { timer_->setInterval(1000 / perSecond); });
    connect(timer_, &QTimer::timeout, this, [this] {
        stepForward();
        if (step_ >= length_) pause();
    });
    timer_->setInterval(1000 / speed_->value());
    updateLabel();
}

bool AnimationControls::playing() const {
    return timer_->isActive();
}

void AnimationControls::setLength(int length) {
    const bool atEnd = step_ >= length_;
    length_ = qMax(0, length);
    setStep(atEnd ? length_ : qMin(step_, length_));
    updateLabel();
}

void AnimationControls::setStep(int step) {
    step = qBound(0, step, length_);
    if (step == step_) return updateLabel();
    step_ = step;
    updateLabel();
    Q_EMIT stepChanged(step_);
}

void AnimationControls::play() {
    if (step_ >= length_) setStep(0);  // replay from the start
    timer_->start();
    play_->setText(tr("Pause"));
}

void AnimationControls::pause() {
    timer_->stop();
    play_->setText(tr("Play"));
}

void AnimationControls::stepForward() {
    setStep(step_ + 1);
}

void AnimationControls::reset() {
    pause();
    setStep(0);
}

void AnimationControls::updateLabel() {
    label_->setText(tr("step %1 / %2").arg(step_).arg(length_));
}
