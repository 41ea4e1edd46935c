#pragma once
// ImageSizeBox: the data set's image size in pixels (0 = the images' original size). The arrows step
// between the sizes D2L trains at (32, 48, 64, 96, 128, 224, …) instead of by 4 px, so the first step
// up from "original (28 × 28)" is 32, not 4. A typed size applies on Enter or focus-out, never at
// every keystroke: typing "96" must not rebuild the data at 9 px on the way.
#include <QSpinBox>

class ImageSizeBox : public QSpinBox {
    Q_OBJECT
public:
    static constexpr int kOriginalSize = 28;  // Fashion-MNIST's (and MNIST's) side
    static constexpr int kMaxSize = 512;

    explicit ImageSizeBox(QWidget* parent = nullptr);
    void stepBy(int steps) override;

protected:
    StepEnabled stepEnabled() const override;

private:
    static int stepped(int size, bool up);
};
