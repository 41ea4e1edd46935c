#pragma once
// AnimationControls: Play/Pause, Step, Reset and a speed slider that walk the optimizer lab's paths
// one step at a time. The current step stays at the end of the paths when they get longer or shorter
// while it was there, so a changed setting shows the whole new path at once.
#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;
class QTimer;

class AnimationControls : public QWidget {
    Q_OBJECT

public:
    explicit AnimationControls(QWidget* parent = nullptr);

    int step() const { return step_; }
    int length() const { return length_; }
    bool playing() const;
    // The number of the last step (paths have length + 1 points).
    void setLength(int length);
    void setStep(int step);

    void play();
    void pause();
    void stepForward();
    void reset();

Q_SIGNALS:
    void stepChanged(int step);

private:
    void updateLabel();

    QPushButton* play_;
    QPushButton* step_button_;
    QPushButton* reset_;
    QSlider* speed_;  // steps per second
    QLabel* label_;
    QTimer* timer_;
    int step_ = 0;
    int length_ = 0;
};
