#pragma once
// The engine's only contact with oneTBB (see parallel.cpp for what runs on top of it). Work is handed
// over as a plain function pointer and a context pointer, so that nothing but the callee itself touches
// the caller's data on the other thread: under ThreadSanitizer this file is compiled uninstrumented
// (Debian's libtbb is not instrumented either, so TSan could not see TBB's own synchronization of its
// task objects) and parallel.cpp announces TBB's fork and join edges to TSan instead.
#include <cstdint>
#include <memory>

namespace dl::detail {

using TaskFn = void (*)(void* context, int64_t index);

int tbb_default_concurrency();

// Process-wide limit on the threads oneTBB uses (its global_control); 0 lifts it.
void tbb_limit_threads(int threads);

// Runs task(context, i) for every i in [0, count) on oneTBB's threads, one task per index, and returns
// when all have finished. An exception thrown by a task is rethrown here once running tasks are done.
void tbb_run_each(int64_t count, TaskFn task, void* context);

// Long-running tasks started one by one (tbb::task_group). The tasks must not throw.
class TbbTaskGroup {
public:
    TbbTaskGroup();
    ~TbbTaskGroup();  // waits
    TbbTaskGroup(const TbbTaskGroup&) = delete;
    TbbTaskGroup& operator=(const TbbTaskGroup&) = delete;

    void run(TaskFn task, void* context, int64_t index);
    // Returns when every task has finished; a task that no thread has started yet runs here.
    void wait();

private:
    struct Group;
    std::unique_ptr<Group> group_;
};

}  // namespace dl::detail
