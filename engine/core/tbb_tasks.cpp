#include "engine/core/tbb_tasks.h"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <memory>
#include <mutex>

namespace dl::detail {

namespace {
std::mutex g_control_mutex;
std::unique_ptr<tbb::global_control> g_control;
}  // namespace

int tbb_default_concurrency() {
    return tbb::info::default_concurrency();
}

void tbb_limit_threads(int threads) {
    std::lock_guard lock(g_control_mutex);
    g_control.reset();  // one limit at a time: TBB applies the smallest of all live controls
    if (threads > 0)
        g_control = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                          static_cast<size_t>(threads));
}

void tbb_run_each(int64_t count, TaskFn task, void* context) {
    tbb::parallel_for(
        int64_t{0}, count, [task, context](int64_t i) { task(context, i); }, tbb::simple_partitioner());
}

struct TbbTaskGroup::Group {
    tbb::task_group tasks;
};

TbbTaskGroup::TbbTaskGroup() : group_(std::make_unique<Group>()) {}

TbbTaskGroup::~TbbTaskGroup() {
    group_->tasks.wait();
}

void TbbTaskGroup::run(TaskFn task, void* context, int64_t index) {
    group_->tasks.run([task, context, index] { task(context, index); });
}

void TbbTaskGroup::wait() {
    group_->tasks.wait();
}

}  // namespace dl::detail
