#include "lab_optimizer_style.h"

#include <QCoreApplication>

namespace lab_style {

QColor color(dl::LabOptimizer optimizer) {
    using dl::LabOptimizer;
    switch (optimizer) {
        case LabOptimizer::GradientDescent:
            return QColor(0x1f, 0x77, 0xb4);
        case LabOptimizer::Sgd:
            return QColor(0x7f, 0x7f, 0x7f);
        case LabOptimizer::Momentum:
            return QColor(0xff, 0x7f, 0x0e);
        case LabOptimizer::Adagrad:
            return QColor(0x2c, 0xa0, 0x2c);
        case LabOptimizer::Rmsprop:
            return QColor(0xd6, 0x27, 0x28);
        case LabOptimizer::Adadelta:
            return QColor(0x94, 0x67, 0xbd);
        case LabOptimizer::Adam:
            return QColor(0xe3, 0x77, 0xc2);
    }
    return Qt::black;
}

QString name(dl::LabOptimizer optimizer) {
    using dl::LabOptimizer;
    switch (optimizer) {
        case LabOptimizer::GradientDescent:
            return QCoreApplication::translate("OptimizerLab", "GD");
        case LabOptimizer::Sgd:
            return QCoreApplication::translate("OptimizerLab", "SGD");
        case LabOptimizer::Momentum:
            return QCoreApplication::translate("OptimizerLab", "Momentum");
        case LabOptimizer::Adagrad:
            return QCoreApplication::translate("OptimizerLab", "AdaGrad");
        case LabOptimizer::Rmsprop:
            return QCoreApplication::translate("OptimizerLab", "RMSProp");
        case LabOptimizer::Adadelta:
            return QCoreApplication::translate("OptimizerLab", "Adadelta");
        case LabOptimizer::Adam:
            return QCoreApplication::translate("OptimizerLab", "Adam");
    }
    return {};
}

QString stateName(dl::LabOptimizer optimizer, const std::string& entry) {
    if (entry == "velocity") return QCoreApplication::translate("OptimizerLab", "velocity v");
    if (entry == "s")
        return optimizer == dl::LabOptimizer::Adagrad
                   ? QCoreApplication::translate("OptimizerLab", "s (sum of g²)")
                   : QCoreApplication::translate("OptimizerLab", "s (leaky avg. of g²)");
    if (entry == "delta") return QCoreApplication::translate("OptimizerLab", "Δx (leaky avg. of update²)");
    if (entry == "m") return QCoreApplication::translate("OptimizerLab", "m (1st moment)");
    if (entry == "v") return QCoreApplication::translate("OptimizerLab", "v (2nd moment)");
    if (entry == "m_hat") return QCoreApplication::translate("OptimizerLab", "m hat = m/(1−β1^t)");
    if (entry == "v_hat") return QCoreApplication::translate("OptimizerLab", "v hat = v/(1−β2^t)");
    if (entry == "noisy_gradient") return QCoreApplication::translate("OptimizerLab", "noisy gradient (g + noise)");
    return QString::fromStdString(entry);
}

}  // namespace lab_style
