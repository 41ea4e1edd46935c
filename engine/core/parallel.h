#pragma once
// The engine's one thread pool is oneTBB; this header keeps TBB out of public includes
// (its headers clash with Qt's `emit` macro).
#include <cstdint>
#include <functional>
#include <memory>

namespace dl {

// Limit the engine to `threads` worker threads (0 = all cores). Process-wide, like torch.set_num_threads.
void set_num_threads(int threads);
int num_threads();

// Split [0, n) into chunks = min(num_threads(), max(1, n / grain)) contiguous chunks, chunk c being
// [n*c/chunks, n*(c+1)/chunks), and run fn(begin, end) on each in parallel. Chunk boundaries depend only
// on n, grain and the thread count, so results are reproducible for the same thread count.
// Nested calls from inside a HotTeam's chunk run serially: fn(0, n) on the calling thread.
// If fn throws, one of the exceptions is rethrown once every chunk that started has finished (chunks
// that had not started may be skipped); no thread still runs fn when parallel_for returns or throws.
void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

// parallel_for for work whose results do not depend on where [0, n) is cut (each index's work written apart
// from the others'): [0, n) is cut into up to kBalancedBlocksPerThread blocks per thread, of at least `grain`
// indices. Each thread starts on the blocks of its own share (the chunk parallel_for would give it) and, when
// they run out, takes blocks off the end of another's share, so a core that runs slower for a while (a busy
// virtual machine's, a laptop's efficiency core) holds nobody back. fn is called once per block it runs.
// Exceptions as in parallel_for.
inline constexpr int64_t kBalancedBlocksPerThread = 4;
void parallel_for_balanced(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

// While a HotTeam lives, parallel_for calls from the thread that created it hand their chunks to
// oneTBB worker threads that spin between calls instead of going to sleep. Waking a sleeping worker
// costs 100–200 µs on a virtual machine — longer than a whole layer's GEMM at D2L's sizes — and a
// training step has several such calls. The trainer holds one for the length of a run (and drops it
// while paused); the spinning workers back off with yield() once idle for a millisecond so they never
// starve the UI thread. Chunk boundaries are the same as without a team, so results are too.
// Workers that oneTBB cannot start (its thread limit is reached, e.g. by another thread's team) are
// simply not used: their chunks run on the owner. A team made while this thread already has one, or
// inside a parallel_for chunk of a team, does nothing. Destroy a team on the thread that made it.
class HotTeam {
public:
    // Whether this thread owns a team: a parallel_for then costs about a microsecond, not a wake-up.
    static bool active();
    HotTeam();
    ~HotTeam();
    HotTeam(const HotTeam&) = delete;
    HotTeam& operator=(const HotTeam&) = delete;
    // Workers of this team that oneTBB has started so far (they take chunks from the next call on).
    int ready_workers() const;
    struct State;

private:
    std::unique_ptr<State> state_;
};

}  // namespace dl
