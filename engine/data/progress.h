#pragma once
// Progress of a long data operation (loading a data set, resizing its images): a callback that
// receives the fraction done, from 0 to 1, on the thread doing the work. It may throw to cancel the
// work; the exception leaves the function that was given the callback, which cleans up after itself.
#include <functional>

namespace dl {

using Progress = std::function<void(double fraction)>;

// Reports one part of a longer operation: the part's fractions 0..1 become from..to of the whole.
// An empty `progress` stays empty.
inline Progress progress_part(const Progress& progress, double from, double to) {
    if (!progress) return {};
    return [progress, from, to](double fraction) { progress(from + (to - from) * fraction); };
}

}  // namespace dl
