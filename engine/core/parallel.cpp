#include "engine/core/parallel.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

namespace dl {

namespace {
std::mutex g_mutex;
std::unique_ptr<tbb::global_control> g_control;
int g_threads = 0;
}  // namespace

void set_num_threads(int threads) {
    std::lock_guard lock(g_mutex);
    int cores = tbb::info::default_concurrency();
    g_threads = threads <= 0 ? cores : threads;
    g_control = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                      static_cast<size_t>(g_threads));
}

int num_threads() {
    std::lock_guard lock(g_mutex);
    return g_threads > 0 ? g_threads : tbb::info::default_concurrency();
}

void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    if (n <= 0) return;
    int64_t chunks = std::min<int64_t>(num_threads(), std::max<int64_t>(1, n / std::max<int64_t>(grain, 1)));
    if (chunks <= 1) {
        fn(0, n);
        return;
    }
    tbb::parallel_for(int64_t{0}, chunks, [&](int64_t c) {
        int64_t begin = n * c / chunks, end = n * (c + 1) / chunks;
        fn(begin, end);
    }, tbb::simple_partitioner());
}

}  // namespace dl
