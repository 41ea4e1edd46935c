#pragma once
// The engine's one thread pool is oneTBB; this header keeps TBB out of public includes
// (its headers clash with Qt's `emit` macro).
#include <cstdint>
#include <functional>

namespace dl {

// Limit the engine to `threads` worker threads (0 = all cores). Process-wide, like torch.set_num_threads.
void set_num_threads(int threads);
int num_threads();

// Split [0, n) into at most num_threads() contiguous chunks of at least `grain` items and run
// fn(begin, end) on each in parallel. Chunk boundaries depend only on n, grain and the thread
// count, so results are reproducible for the same thread count.
void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

}  // namespace dl
