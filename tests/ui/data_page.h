#pragma once
// The data set panel and its preview side by side, wired as the main window wires them: the page the
// data set UI tests drive.
#include <QHBoxLayout>
#include <QLabel>
#include <QWidget>

#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/dataset_preview.h"
#include "widget_lookup.h"

struct DataPage {
    DatasetLoader loader;  // outlives the panel, which may still ask it for data while closing
    QWidget window;
    DatasetPanel* panel = new DatasetPanel;
    DatasetPreview* preview = new DatasetPreview;
    explicit DataPage(QSize size) {
        auto* h = new QHBoxLayout(&window);
        h->addWidget(panel);
        h->addWidget(preview, 1);
        QObject::connect(&loader, &DatasetLoader::loaded, preview,
                         [this](std::shared_ptr<const dl::DataSplit> data) { preview->setData(data); });
        QObject::connect(&loader, &DatasetLoader::failed, preview, [this] { preview->setData(nullptr); });
        panel->setLoader(&loader);
        window.resize(size);
        window.show();
    }
    QString status() { return child<QLabel>(*panel, "status")->text(); }
};
