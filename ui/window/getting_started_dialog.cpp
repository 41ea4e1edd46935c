#include "ui/window/getting_started_dialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {
QString pageHtml() {
    return GettingStartedDialog::tr(
        "<h2>Getting started</h2>"
        "<p>DiveLab follows the book <i>Dive into Deep Learning</i> (d2l.ai). One window holds one "
        "experiment: a network, a data set, training settings, and views that show what happens while "
        "the network learns.</p>"
        "<p><img src=\"qrc:/help/main-window.png\" width=\"520\"></p>"
        "<h3>1. Build a network</h3>"
        "<p>The quickest start is a ready network: open the <b>Presets</b> menu, pick a chapter and a "
        "network. For the larger networks of chapter 8, take the one marked <i>start here</i>: it is "
        "small enough to learn in a few minutes on a laptop.</p>"
        "<p>To build your own, drag layers from the <b>Layers</b> list on the left onto the canvas and "
        "connect an output port to the next layer's input. Every connection shows the shape of the "
        "data that flows through it; a layer that cannot work turns red and says why. Select a layer "
        "to change its settings in the <b>Inspector</b>. Ctrl+Z undoes any edit.</p>"
        "<p><img src=\"qrc:/help/network-editor.png\" width=\"520\"></p>"
        "<h3>2. Choose the data and the settings</h3>"
        "<p>The <b>Data set</b> panel picks what the network learns from (Fashion-MNIST images or small "
        "2-D toy sets) and shows examples. The <b>Hyperparameters</b> panel sets the learning rate, "
        "batch size, number of epochs and optimizer; a preset fills in the values the book uses.</p>"
        "<h3>3. Train</h3>"
        "<p>Press <b>F5</b> (Train). <b>F6</b> pauses and resumes, <b>F10</b> runs one batch while "
        "paused, <b>Shift+F5</b> stops. Training runs in the background: you can keep looking around.</p>"
        "<h3>4. Watch it learn</h3>"
        "<p>The tabs at the bottom show the loss and accuracy (with the book's result as a dashed line "
        "when there is one), the gradient norms of every layer, how far the weights moved from their "
        "initialization, and the predictions. Hover over a view for what it shows.</p>"
        "<p><img src=\"qrc:/help/training-plots.png\" width=\"520\"></p>"
        "<h3>5. Keep your work</h3>"
        "<p><b>Ctrl+S</b> saves the whole experiment, with its results, in one <i>.divelab</i> file; "
        "opening it later shows the trained model again. File › Export writes plots, metrics or the "
        "trained model. Help › Keyboard Shortcuts lists every key.</p>");
}
}  // namespace

GettingStartedDialog::GettingStartedDialog(QWidget* parent) : QDialog(parent), browser_(new QTextBrowser(this)) {
    setObjectName(QStringLiteral("gettingStartedDialog"));
    setWindowTitle(tr("Getting Started with DiveLab"));
    browser_->setObjectName(QStringLiteral("gettingStartedText"));
    browser_->setOpenExternalLinks(true);
    browser_->setHtml(pageHtml());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(browser_, 1);
    layout->addWidget(buttons);
    resize(600, 640);
}
