#include "engine/core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/core/tbb_tasks.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DIVELAB_CPU_RELAX() _mm_pause()
#else
#define DIVELAB_CPU_RELAX() std::this_thread::yield()
#endif

#if defined(__SANITIZE_THREAD__)
#define DIVELAB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DIVELAB_TSAN 1
#endif
#endif

#ifdef DIVELAB_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

// The hot team's protocol
// -----------------------
// Every worker has its own mailbox (one cache line): the job {fn, begin, end}, an error slot, and three
// atomics: `ready` (the worker runs its loop), `ticket` (jobs posted, written only by the owner) and
// `done` (jobs finished, written only by the worker). Between calls every mailbox is idle: done == ticket.
//   owner:  for each ready mailbox: write the job, ticket.store(t + 1, release)
//           run chunk 0 and every chunk no worker took
//           for each mailbox: wait until done.load(acquire) == ticket, then take its error
//   worker: ready.store(true); finished = 0
//           loop: t = ticket.load(acquire); if t != finished: run the job, finished = t, done.store(t, release)
// Why it is race-free: the job fields are written by the owner only while the mailbox is idle and read by
// the worker only between its acquire of a new ticket and its release of done. The ticket's release/acquire
// orders the owner's writes before the worker's reads; done's release/acquire orders the worker's reads
// (and everything fn did) before the owner returns and, later, writes the next job. Nothing is lost:
// the worker compares the ticket with the count of jobs it has run, never with a snapshot it took at some
// arbitrary moment, so a job posted at any time is seen. Nothing blocks: the owner posts only to workers
// that have announced `ready` (a worker task that oneTBB never starts is never waited for) and a ready
// worker keeps polling until `quit`, which is set only by the destructor, when no job is pending.
// Exceptions: a worker stores what its job threw in the mailbox's error slot before releasing done; the
// owner waits for every posted job even when its own chunk threw, so fn is never used after parallel_for
// has returned or thrown. Nested parallel_for calls inside a team's chunk (owner or worker) run serially
// on the calling thread: the team's workers are busy with the outer call.
// Balanced calls (parallel_for_balanced) post the same way, with a share index instead of a range: before
// posting, the owner writes each thread's share of the blocks as one atomic [front, back) word; then every
// thread, the owner too, takes blocks off its own share's front and, once it is empty, off the back of the
// fullest other share, each block by one compare-and-swap, until every share is empty. A block goes to exactly
// one thread (the CAS that moves front or back past it), and the shares are rewritten only after the owner has
// waited for every mailbox, as for plain calls; a worker that never got the job leaves its share to the others.

namespace dl {

namespace {
std::mutex g_mutex;  // serializes set_num_threads
std::atomic<int> g_threads{0};
thread_local HotTeam::State* t_team = nullptr;  // the team this thread owns, if any
thread_local bool t_serial = false;             // running a team's chunk: nested calls run serially

using ChunkFn = std::function<void(int64_t, int64_t)>;

// Chunk c of [0, n) split into `chunks`: the same boundaries whoever runs it.
int64_t chunk_begin(int64_t n, int64_t c, int64_t chunks) {
    return n * c / chunks;
}

// The happens-before edges oneTBB creates when it starts and finishes a task, told to ThreadSanitizer
// (libtbb is not instrumented). `token` is any address that stands for one fork or join point.
void tsan_release([[maybe_unused]] void* token) {
#ifdef DIVELAB_TSAN
    __tsan_release(token);
#endif
}
void tsan_acquire([[maybe_unused]] void* token) {
#ifdef DIVELAB_TSAN
    __tsan_acquire(token);
#endif
}

class SerialScope {
public:
    SerialScope() : previous_(t_serial) { t_serial = true; }
    ~SerialScope() { t_serial = previous_; }
    SerialScope(const SerialScope&) = delete;
    SerialScope& operator=(const SerialScope&) = delete;

private:
    bool previous_;
};

// Spin with pause; once a millisecond has passed without progress, yield the core at every 1024th spin
// so that spinning threads never starve others (the UI thread).
class Backoff {
public:
    void pause() {
        DIVELAB_CPU_RELAX();
        if (++spins_ < 1024) return;
        spins_ = 0;
        const auto now = std::chrono::steady_clock::now();
        if (!timing_) {
            timing_ = true;
            since_ = now;
        } else if (now - since_ > std::chrono::milliseconds(1)) {
            std::this_thread::yield();
        }
    }
    void reset() {
        spins_ = 0;
        timing_ = false;
    }

private:
    uint32_t spins_ = 0;
    bool timing_ = false;
    std::chrono::steady_clock::time_point since_;
};

int cores() {
    static const int count = detail::tbb_default_concurrency();
    return count;
}
}  // namespace

void set_num_threads(int threads) {
    std::lock_guard lock(g_mutex);
    const int count = threads <= 0 ? cores() : threads;
    detail::tbb_limit_threads(count);
    g_threads.store(count, std::memory_order_relaxed);
}

int num_threads() {
    const int threads = g_threads.load(std::memory_order_relaxed);
    return threads > 0 ? threads : cores();
}

struct HotTeam::State {
    struct alignas(64) Mailbox {
        const ChunkFn* fn = nullptr;  // the job: written by the owner while idle, read by the worker while busy
        int64_t begin = 0, end = 0;
        int64_t share = -1;        // a balanced call's job: the share it starts on (and fn, begin, end unused)
        std::exception_ptr error;  // thrown by the job: set by the worker while busy, taken by the owner
        std::atomic<bool> ready{false};
        std::atomic<uint64_t> ticket{0};
        std::atomic<uint64_t> done{0};
    };

    // A balanced call's blocks [front, back) of one thread's share, in one word, so that taking a block off
    // either end is one compare-and-swap. Written by the owner while every mailbox is idle.
    struct alignas(64) Share {
        std::atomic<uint64_t> blocks{0};
    };

    std::atomic<bool> quit{false};
    std::vector<Mailbox> mailboxes;
    std::vector<Share> shares;             // one per thread, the owner's first
    const ChunkFn* balanced_fn = nullptr;  // the balanced call: fn over block b of `blocks` blocks of [0, n)
    int64_t balanced_n = 0, balanced_blocks = 0;
    detail::TbbTaskGroup tasks;
    char started = 0, stopped = 0;  // TSan tokens: the workers' tasks start and end

    explicit State(int workers) : mailboxes(static_cast<size_t>(workers)), shares(static_cast<size_t>(workers) + 1) {}

    static void worker_task(void* context, int64_t index) {
        auto* state = static_cast<State*>(context);
        tsan_acquire(&state->started);
        state->worker_loop(state->mailboxes[static_cast<size_t>(index)]);
        tsan_release(&state->stopped);
    }

    void worker_loop(Mailbox& box) {
        SerialScope serial;
        if (quit.load(std::memory_order_acquire)) return;  // the team ended before this task started
        box.ready.store(true, std::memory_order_release);
        uint64_t finished = 0;
        Backoff idle;
        while (true) {
            const uint64_t ticket = box.ticket.load(std::memory_order_acquire);
            if (ticket != finished) {
                run_job(box);
                finished = ticket;
                box.done.store(ticket, std::memory_order_release);
                idle.reset();
            } else if (quit.load(std::memory_order_acquire)) {
                return;
            } else {
                idle.pause();
            }
        }
    }

    void run_job(Mailbox& box) {
        try {
            if (box.share >= 0)
                run_blocks(box.share);
            else
                (*box.fn)(box.begin, box.end);
        } catch (...) {
            box.error = std::current_exception();
        }
    }

    // Posts chunks 1, 2, ... to ready workers (for a balanced call: shares 1, 2, ...); returns the first chunk
    // nobody took.
    int64_t post_jobs(int64_t n, int64_t chunks, const ChunkFn& fn, bool balanced) {
        int64_t next = 1;
        for (Mailbox& box : mailboxes) {
            if (next >= chunks) break;
            if (!box.ready.load(std::memory_order_acquire)) continue;
            box.fn = &fn;
            box.begin = chunk_begin(n, next, chunks);
            box.end = chunk_begin(n, next + 1, chunks);
            box.share = balanced ? next : -1;
            box.ticket.store(box.ticket.load(std::memory_order_relaxed) + 1, std::memory_order_release);
            ++next;
        }
        return next;
    }

    static uint64_t pack(int64_t front, int64_t back) {
        return static_cast<uint64_t>(front) << 32 | static_cast<uint64_t>(back);
    }

    // The next block off share s's front (own) or back, or −1 once it is empty.
    static int64_t take(Share& s, bool own) {
        uint64_t v = s.blocks.load(std::memory_order_relaxed);
        while (true) {
            const auto front = static_cast<int64_t>(v >> 32), back = static_cast<int64_t>(v & 0xFFFFFFFFu);
            if (front >= back) return -1;
            const uint64_t rest = own ? pack(front + 1, back) : pack(front, back - 1);
            if (s.blocks.compare_exchange_weak(v, rest, std::memory_order_relaxed)) return own ? front : back - 1;
        }
    }

    static int64_t left(const Share& s) {
        const uint64_t v = s.blocks.load(std::memory_order_relaxed);
        return static_cast<int64_t>(v & 0xFFFFFFFFu) - static_cast<int64_t>(v >> 32);
    }

    // A balanced call's blocks for one thread: its own share from the front, then the fullest share's from the back.
    void run_blocks(int64_t own) {
        auto run = [this](int64_t b) {
            (*balanced_fn)(chunk_begin(balanced_n, b, balanced_blocks),
                           chunk_begin(balanced_n, b + 1, balanced_blocks));
        };
        for (int64_t b; (b = take(shares[static_cast<size_t>(own)], true)) >= 0;) run(b);
        while (true) {
            Share* fullest = nullptr;
            int64_t most = 0;
            for (Share& s : shares)
                if (const int64_t l = left(s); l > most) most = l, fullest = &s;
            if (!fullest) return;
            if (const int64_t b = take(*fullest, false); b >= 0) run(b);
        }
    }

    // Waits until every mailbox is idle again; returns the first error a worker caught.
    std::exception_ptr wait_for_jobs() {
        std::exception_ptr first;
        for (Mailbox& box : mailboxes) {
            const uint64_t ticket = box.ticket.load(std::memory_order_relaxed);
            for (Backoff busy; box.done.load(std::memory_order_acquire) != ticket;) busy.pause();
            if (box.error && !first) first = box.error;
            box.error = nullptr;
        }
        return first;
    }

    void run_balanced(int64_t n, int64_t blocks, int64_t chunks, const ChunkFn& fn) {
        SerialScope serial;
        chunks = std::min<int64_t>(chunks, static_cast<int64_t>(shares.size()));
        balanced_fn = &fn;
        balanced_n = n;
        balanced_blocks = blocks;
        for (int64_t c = 0; c < static_cast<int64_t>(shares.size()); ++c)
            shares[static_cast<size_t>(c)].blocks.store(
                c < chunks ? pack(chunk_begin(blocks, c, chunks), chunk_begin(blocks, c + 1, chunks)) : 0,
                std::memory_order_relaxed);
        post_jobs(n, chunks, fn, true);  // shares nobody took are the owner's to take over
        std::exception_ptr error;
        try {
            run_blocks(0);
        } catch (...) {
            error = std::current_exception();  // but first wait: the workers still run fn
        }
        std::exception_ptr worker_error = wait_for_jobs();
        if (error) std::rethrow_exception(error);
        if (worker_error) std::rethrow_exception(worker_error);
    }

    void run(int64_t n, int64_t chunks, const ChunkFn& fn) {
        SerialScope serial;
        const int64_t unclaimed = post_jobs(n, chunks, fn, false);
        std::exception_ptr error;
        try {
            fn(0, chunk_begin(n, 1, chunks));
            for (int64_t c = unclaimed; c < chunks; ++c) fn(chunk_begin(n, c, chunks), chunk_begin(n, c + 1, chunks));
        } catch (...) {
            error = std::current_exception();  // but first wait: the workers still run fn
        }
        std::exception_ptr worker_error = wait_for_jobs();
        if (error) std::rethrow_exception(error);
        if (worker_error) std::rethrow_exception(worker_error);
    }
};

HotTeam::HotTeam() {
    const int workers = num_threads() - 1;
    if (workers <= 0 || t_team || t_serial) return;  // nothing to keep hot, or nested
    state_ = std::make_unique<State>(workers);
    tsan_release(&state_->started);
    for (int w = 0; w < workers; ++w) state_->tasks.run(&State::worker_task, state_.get(), w);
    t_team = state_.get();
}

bool HotTeam::active() {
    return t_team != nullptr;
}

HotTeam::~HotTeam() {
    if (!state_) return;
    if (t_team == state_.get()) t_team = nullptr;
    state_->quit.store(true, std::memory_order_release);
    state_->tasks.wait();
    tsan_acquire(&state_->stopped);
}

int HotTeam::ready_workers() const {
    if (!state_) return 0;
    int ready = 0;
    for (const State::Mailbox& box : state_->mailboxes) ready += box.ready.load(std::memory_order_acquire);
    return ready;
}

namespace {
// A call run by tbb::parallel_for; `forked` and `joined` are its TSan tokens.
struct TbbCall {
    const ChunkFn* fn;
    int64_t n, chunks;
    char forked = 0, joined = 0;
};

void run_tbb_chunk(void* context, int64_t c) {
    auto* call = static_cast<TbbCall*>(context);
    tsan_acquire(&call->forked);
    struct Join {
        TbbCall* call;
        ~Join() { tsan_release(&call->joined); }
    } join{call};
    (*call->fn)(chunk_begin(call->n, c, call->chunks), chunk_begin(call->n, c + 1, call->chunks));
}

void run_on_tbb(int64_t n, int64_t chunks, const ChunkFn& fn) {
    TbbCall call{&fn, n, chunks};
    tsan_release(&call.forked);
    struct Join {
        TbbCall* call;
        ~Join() { tsan_acquire(&call->joined); }
    } join{&call};
    detail::tbb_run_each(chunks, &run_tbb_chunk, &call);
}
}  // namespace

void parallel_for(int64_t n, int64_t grain, const ChunkFn& fn) {
    if (n <= 0) return;
    const int64_t chunks = std::min<int64_t>(num_threads(), std::max<int64_t>(1, n / std::max<int64_t>(grain, 1)));
    if (chunks <= 1 || t_serial) {
        fn(0, n);
        return;
    }
    if (t_team) {
        t_team->run(n, chunks, fn);
        return;
    }
    run_on_tbb(n, chunks, fn);
}

void parallel_for_balanced(int64_t n, int64_t grain, const ChunkFn& fn) {
    if (n <= 0) return;
    const int64_t threads = num_threads();
    const int64_t blocks =
        std::min(threads * kBalancedBlocksPerThread, std::max<int64_t>(1, n / std::max<int64_t>(grain, 1)));
    if (threads <= 1 || blocks <= 1 || t_serial) {
        fn(0, n);
        return;
    }
    if (t_team) {
        t_team->run_balanced(n, blocks, std::min(threads, blocks), fn);
        return;
    }
    run_on_tbb(n, blocks, fn);  // oneTBB hands the blocks to whichever thread is free
}

}  // namespace dl
