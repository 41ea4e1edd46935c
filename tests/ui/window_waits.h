#pragma once
// The main window does its slow work off the GUI thread (data sets load on the loader's worker,
// saved weights are adopted on the controller's job thread): tests wait for that work with these.
#include <QtTest>

#include "ui/dataset/dataset_loader.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"

namespace uitest {

// Until the data set panel's choice has loaded (or failed to); false on timeout.
inline bool waitForData(MainWindow& w, int timeoutMs = 120000) {
    return QTest::qWaitFor([&] { return !w.dataLoader()->isBusy(); }, timeoutMs);
}

// Until the data has loaded and the controller has delivered the views of an idle network
// (an adopted project's weights included); false on timeout.
inline bool waitForModel(MainWindow& w, int timeoutMs = 120000) {
    return QTest::qWaitFor([&] { return !w.dataLoader()->isBusy() && !w.controller()->jobsPending(); }, timeoutMs);
}

}  // namespace uitest
