// For work the user asked for and whose result the caller needs before going on (opening or saving
// a project): runs it on a worker thread while the GUI thread keeps running its event loop for
// everything but user input. The window repaints and its timers tick (training views, autosave,
// data loading), while nothing the user clicks or types can change what the work uses.
#pragma once

#include <functional>

void runOffGuiThread(const std::function<void()>& work);
