#include "engine/core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DIVELAB_CPU_RELAX() _mm_pause()
#else
#define DIVELAB_CPU_RELAX() std::this_thread::yield()
#endif

namespace dl {

namespace {
std::mutex g_mutex;
std::unique_ptr<tbb::global_control> g_control;
int g_threads = 0;
thread_local HotTeam::State* t_team = nullptr;  // the team this thread owns, if any
thread_local bool t_in_worker = false;          // inside a team worker: nested calls run serially
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

struct HotTeam::State {
    struct alignas(64) Slot {
        std::atomic<uint64_t> done{0};  // last generation this worker finished
    };
    std::atomic<bool> quit{false};
    std::atomic<uint64_t> generation{0};
    std::atomic<int> checked_in{0};
    // The published call (written before generation is bumped).
    const std::function<void(int64_t, int64_t)>* fn = nullptr;
    int64_t n = 0, chunks = 0;
    int active = 0;                     // workers taking part in this generation
    std::vector<Slot> slots;
    tbb::task_group group;

    explicit State(int workers) : slots(static_cast<size_t>(workers)) {}

    void run_chunk(int64_t c) const { (*fn)(n * c / chunks, n * (c + 1) / chunks); }

    void worker_loop() {
        t_in_worker = true;
        const int index = checked_in.fetch_add(1);  // this worker runs chunk index + 1
        uint64_t seen = generation.load(std::memory_order_acquire);
        auto last_work = std::chrono::steady_clock::now();
        for (uint32_t spins = 0; !quit.load(std::memory_order_relaxed);) {
            const uint64_t g = generation.load(std::memory_order_acquire);
            if (g != seen) {
                seen = g;
                if (index < active && index + 1 < chunks) run_chunk(index + 1);
                if (index < active) slots[static_cast<size_t>(index)].done.store(g, std::memory_order_release);
                last_work = std::chrono::steady_clock::now();
                spins = 0;
                continue;
            }
            DIVELAB_CPU_RELAX();
            if (++spins >= 1024) {  // idle for a while: let other threads (the UI) have the core
                spins = 0;
                if (std::chrono::steady_clock::now() - last_work > std::chrono::milliseconds(1))
                    std::this_thread::yield();
            }
        }
        t_in_worker = false;
    }

    void run(int64_t total, int64_t chunk_count, const std::function<void(int64_t, int64_t)>& f) {
        fn = &f;
        n = total;
        chunks = chunk_count;
        active = std::min<int>(checked_in.load(std::memory_order_acquire), static_cast<int>(slots.size()));
        const uint64_t g = generation.load(std::memory_order_relaxed) + 1;
        generation.store(g, std::memory_order_release);
        run_chunk(0);
        // Chunks of workers that have not started yet are run here.
        for (int64_t c = active + 1; c < chunks; ++c) run_chunk(c);
        for (int w = 0; w < active; ++w)
            while (slots[static_cast<size_t>(w)].done.load(std::memory_order_acquire) != g) DIVELAB_CPU_RELAX();
    }
};

HotTeam::HotTeam() {
    const int workers = num_threads() - 1;
    if (workers <= 0 || t_team || t_in_worker) return;  // nothing to keep hot, or nested
    state_ = std::make_unique<State>(workers);
    for (int w = 0; w < workers; ++w) state_->group.run([s = state_.get()] { s->worker_loop(); });
    t_team = state_.get();
}

HotTeam::~HotTeam() {
    if (!state_) return;
    state_->quit = true;
    state_->group.wait();
    t_team = nullptr;
}

void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    if (n <= 0) return;
    int64_t chunks = std::min<int64_t>(num_threads(), std::max<int64_t>(1, n / std::max<int64_t>(grain, 1)));
    if (chunks <= 1 || t_in_worker) {
        fn(0, n);
        return;
    }
    if (t_team) {
        t_team->run(n, chunks, fn);
        return;
    }
    tbb::parallel_for(int64_t{0}, chunks, [&](int64_t c) {
        int64_t begin = n * c / chunks, end = n * (c + 1) / chunks;
        fn(begin, end);
    }, tbb::simple_partitioner());
}

}  // namespace dl
