#include "ablation_texts.h"

#include <optional>

namespace {

struct Texts {
    const char* id;
    QString title, lesson, base, changed;
};

// Built at each call (not cached), so a language switched at run time shows.
std::optional<Texts> textsOf(const std::string& id) {
    const Texts texts[] = {
        {"weight-decay", AblationTexts::tr("Weight decay"),
         AblationTexts::tr("With only 20 examples for 200 weights, λ = 0 fits the training set almost exactly but not "
                           "the test set; λ = 3 keeps the weights small and the test loss far lower."),
         AblationTexts::tr("λ = 0"), AblationTexts::tr("λ = 3")},
        {"dropout", AblationTexts::tr("Dropout"),
         AblationTexts::tr("On a small training set the MLP without dropout drives its training loss far below its "
                           "test loss (overfitting); with dropout the gap stays smaller and the test loss lower."),
         AblationTexts::tr("dropout p = 0.5"), AblationTexts::tr("no dropout (p = 0)")},
        {"sigmoid-relu", AblationTexts::tr("Sigmoid against ReLU"),
         AblationTexts::tr("In a deep sigmoid network the gradient shrinks layer by layer (σ' ≤ 1/4), so the first "
                           "layers hardly learn; with ReLU their gradients are orders of magnitude larger and the "
                           "network trains."),
         AblationTexts::tr("Sigmoid"), AblationTexts::tr("ReLU")},
        {"batchnorm", AblationTexts::tr("Batch normalization"),
         AblationTexts::tr("With the same short budget and learning rate, LeNet with BatchNorm is well ahead; without "
                           "it the sigmoid LeNet is still near chance."),
         AblationTexts::tr("with BatchNorm"), AblationTexts::tr("without BatchNorm")},
        {"residual", AblationTexts::tr("Residual connections"),
         AblationTexts::tr("A deep MLP of 8 blocks hardly trains without shortcuts; adding each block's input back "
                           "(y = x + f(x)) lets the signal and the gradient through, so its loss falls much lower."),
         AblationTexts::tr("with skip connections"), AblationTexts::tr("without skip connections")},
    };
    for (const Texts& t : texts)
        if (id == t.id) return t;
    return std::nullopt;
}

}  // namespace

QString AblationTexts::title(const dl::ReadyAblation& a) {
    const std::optional<Texts> t = textsOf(a.id);
    return t ? t->title : QString::fromStdString(a.title);
}

QString AblationTexts::lesson(const dl::ReadyAblation& a) {
    const std::optional<Texts> t = textsOf(a.id);
    return t ? t->lesson : QString::fromStdString(a.lesson);
}

QString AblationTexts::variantLabel(const dl::ReadyAblation& a, int index) {
    const std::optional<Texts> t = textsOf(a.id);
    if (!t || index > 1) return QString::fromStdString(a.variants.at(static_cast<size_t>(index)).label);
    return index == 0 ? t->base : t->changed;
}
