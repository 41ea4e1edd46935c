// parallel_for and HotTeam under stress: every index is visited exactly once, chunks have the documented
// boundaries whoever runs them, nested calls, teams made and destroyed between calls, teams on two threads
// at once (one of them without any worker oneTBB could start), and exceptions thrown by fn.
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/parallel.h"

using namespace dl;

namespace {
using Range = std::pair<int64_t, int64_t>;

// ThreadSanitizer checks every memory access: the stress tests make fewer calls there.
#if defined(__SANITIZE_THREAD__)
constexpr int kScale = 4;
#else
constexpr int kScale = 1;
#endif

// The boundaries parallel.h documents.
std::vector<Range> documented_chunks(int64_t n, int64_t grain, int threads) {
    std::vector<Range> ranges;
    if (n <= 0) return ranges;
    const int64_t chunks = std::min<int64_t>(threads, std::max<int64_t>(1, n / std::max<int64_t>(grain, 1)));
    for (int64_t c = 0; c < chunks; ++c) ranges.emplace_back(n * c / chunks, n * (c + 1) / chunks);
    return ranges;
}

// parallel_for_balanced's blocks: up to kBalancedBlocksPerThread per thread, one call when there is one thread.
std::vector<Range> documented_blocks(int64_t n, int64_t grain, int threads) {
    if (threads <= 1) return n <= 0 ? std::vector<Range>{} : std::vector<Range>{{0, n}};
    return documented_chunks(n, grain, threads * static_cast<int>(kBalancedBlocksPerThread));
}

std::string describe(const std::vector<Range>& ranges) {
    std::string s;
    for (const auto& [b, e] : ranges)
        s.append("[").append(std::to_string(b)).append(",").append(std::to_string(e)).append(")");
    return s;
}

// What fn saw during one parallel_for call: its ranges, the threads that ran them, and how often each
// index was visited.
struct CallLog {
    explicit CallLog(int64_t n) : visits(static_cast<size_t>(n), 0) {}
    void record(int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) ++visits[static_cast<size_t>(i)];  // each index by one chunk only
        std::lock_guard lock(mutex);
        ranges.emplace_back(b, e);
        threads.push_back(std::this_thread::get_id());
    }
    // "" if every index was visited once in the `expected` ranges, else what went wrong.
    std::string check(std::vector<Range> expected, const std::string& what) {
        std::sort(ranges.begin(), ranges.end());
        std::sort(expected.begin(), expected.end());
        if (ranges != expected) return what + ": chunks " + describe(ranges) + ", expected " + describe(expected);
        for (size_t i = 0; i < visits.size(); ++i)
            if (visits[i] != 1)
                return what + ": index " + std::to_string(i) + " visited " + std::to_string(visits[i]) + " times";
        return "";
    }
    std::vector<uint8_t> visits;
    std::mutex mutex;
    std::vector<Range> ranges;
    std::vector<std::thread::id> threads;
};

struct Call {
    int64_t n, grain;
    int64_t nested_n = 0, nested_grain = 1;  // nested_n > 0: every chunk makes a nested call
    bool balanced = false;                   // parallel_for_balanced (its nested calls are plain)
};

// Runs one call at the current thread count and checks it and its nested calls. `in_team`: this thread
// has a working HotTeam, so calls nested in a call that the team splits must run serially.
std::string run_and_check(const Call& call, bool in_team) {
    const int threads = num_threads();
    const std::vector<Range> chunks =
        call.balanced ? documented_blocks(call.n, call.grain, threads) : documented_chunks(call.n, call.grain, threads);
    const bool nested_serially = in_team && chunks.size() > 1;  // the team is busy with this call
    CallLog log(call.n);
    std::mutex nested_mutex;
    std::string nested_error;
    auto split = call.balanced ? parallel_for_balanced : parallel_for;
    split(call.n, call.grain, [&](int64_t b, int64_t e) {
        log.record(b, e);
        if (call.nested_n <= 0) return;
        CallLog inner(call.nested_n);
        parallel_for(call.nested_n, call.nested_grain, [&](int64_t ib, int64_t ie) { inner.record(ib, ie); });
        const auto expected = nested_serially ? std::vector<Range>{{0, call.nested_n}}
                                              : documented_chunks(call.nested_n, call.nested_grain, threads);
        std::string error = inner.check(expected, "nested call of " + std::to_string(call.nested_n));
        if (error.empty() && nested_serially && inner.threads.front() != std::this_thread::get_id())
            error = "a nested call inside a team's chunk left its thread";
        std::lock_guard lock(nested_mutex);
        if (!error.empty() && nested_error.empty()) nested_error = error;
    });
    const std::string error =
        log.check(chunks, std::string(call.balanced ? "balanced " : "") + "n=" + std::to_string(call.n) +
                              " grain=" + std::to_string(call.grain) + " threads=" + std::to_string(threads));
    return error.empty() ? nested_error : error;
}

Call random_call(std::mt19937& rng) {
    auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
    Call call{};
    const int64_t size_class = pick(0, 9);
    call.n = size_class == 0 ? pick(0, 4) : size_class < 8 ? pick(1, 3000) : pick(3000, 100000);
    call.grain = pick(0, 3) == 0 ? pick(-2, 2) : pick(1, std::max<int64_t>(1, call.n / 2));
    if (pick(0, 4) == 0) {
        call.nested_n = pick(1, 2000);
        call.nested_grain = pick(1, 500);
    }
    call.balanced = pick(0, 2) == 0;
    return call;
}

// Random calls on this thread, making and destroying its team at random. Returns the first failure.
std::string random_calls(unsigned seed, int calls, bool change_thread_count) {
    std::mt19937 rng(seed);
    std::optional<HotTeam> team;
    bool team_works = false;  // a team made while num_threads() > 1
    for (int i = 0; i < calls; ++i) {
        if (change_thread_count && rng() % 50 == 0) set_num_threads(1 + static_cast<int>(rng() % 4));
        if (rng() % 30 == 0) {
            if (team) {
                team.reset();
                team_works = false;
            } else {
                team_works = num_threads() > 1;
                team.emplace();
            }
        }
        const std::string error = run_and_check(random_call(rng), team_works);
        if (!error.empty()) return "call " + std::to_string(i) + (team ? " (team)" : "") + ": " + error;
    }
    return "";
}

// The workers a team gets: one fewer than the threads allowed, and oneTBB gives a thread's (implicit)
// arena at most one worker fewer than there are cores.
int team_workers(int threads) {
    static const int cores = [] {
        set_num_threads(0);
        return num_threads();
    }();
    return std::min(threads, cores) - 1;
}

bool wait_for_ready_workers(const HotTeam& team, int workers) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (team.ready_workers() < workers)
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}
// One call of `threads` indices (one per chunk, or per block when balanced) in which chunk `thrower` throws (all
// of them when −1): "" if the caller got that exception only once no chunk ran any more, from a worker when the
// team gave it that chunk (plain calls only: a balanced call's owner may take a slow worker's block), and the
// team then still works.
std::string throw_in_chunk(int threads, int thrower, bool balanced, bool with_team) {
    std::atomic<int> running{0};
    std::thread::id thrown_on;
    const std::string what = std::string(balanced ? "balanced" : "plain") + ", chunk " + std::to_string(thrower);
    try {
        (balanced ? parallel_for_balanced : parallel_for)(threads, 1, [&](int64_t b, int64_t) {
            ++running;
            struct Leave {
                std::atomic<int>& running;
                ~Leave() { --running; }
            } leave{running};
            if (thrower < 0 || b == thrower) {
                if (b == thrower) thrown_on = std::this_thread::get_id();
                throw std::runtime_error("chunk " + std::to_string(b));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));  // still busy if not waited for
        });
        return what + ": the exception was swallowed";
    } catch (const std::runtime_error& e) {
        if (running != 0) return what + ": a chunk still ran when the exception arrived";
        const std::string got = e.what();
        if (thrower >= 0 ? got != "chunk " + std::to_string(thrower) : got.rfind("chunk ", 0) != 0)
            return what + ": got " + got;
    }
    if (!balanced && with_team && thrower >= 1 && thrower <= team_workers(threads) &&
        thrown_on == std::this_thread::get_id())
        return what + ": a worker's chunk ran on the owner";
    return run_and_check({3000, 1, 100, 1, balanced}, with_team);
}
}  // namespace

class TestParallel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { set_num_threads(0); }

    void chunkBoundariesAreTheDocumentedOnes() {
        for (int threads = 1; threads <= 4; ++threads) {
            set_num_threads(threads);
            for (const bool with_team : {false, true}) {
                std::optional<HotTeam> team;
                if (with_team) team.emplace();
                if (with_team) QVERIFY(wait_for_ready_workers(*team, team_workers(threads)));
                for (int64_t n : {1, 2, 3, 7, 10, 64, 1000, 1001, 99991})
                    for (int64_t grain : {-1, 0, 1, 2, 3, 5, 100, 1000, 200000})
                        for (const bool balanced : {false, true}) {
                            const std::string error = run_and_check({n, grain, 0, 1, balanced}, with_team);
                            QVERIFY2(error.empty(), error.c_str());
                        }
            }
        }
    }

    // A balanced call's worker, done with its own share, takes the owner's blocks while the owner is held up in
    // its first: the owner runs one block of eight, the worker the other seven (the owner waits for them).
    void balancedBlocksMoveToTheFreeThread() {
        set_num_threads(2);
        HotTeam team;
        QVERIFY(wait_for_ready_workers(team, team_workers(2)));
        const std::thread::id owner = std::this_thread::get_id();
        std::atomic<int> on_worker{0}, on_owner{0};
        parallel_for_balanced(8 * 100, 100, [&](int64_t, int64_t) {
            if (std::this_thread::get_id() != owner) {
                ++on_worker;
                return;
            }
            ++on_owner;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
            while (on_worker < 7 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
        QCOMPARE(on_owner.load(), 1);
        QCOMPARE(on_worker.load(), 7);
    }

    void stressRandomCallsTeamsAndThreadCounts() {
        const std::string error = random_calls(20240917, 8000 / kScale, /*change_thread_count=*/true);
        QVERIFY2(error.empty(), error.c_str());
    }

    void teamsMadeAndDestroyedRepeatedly() {
        std::mt19937 rng(7);
        for (int round = 0; round < 2000 / kScale; ++round) {
            set_num_threads(2 + round % 3);
            HotTeam team;
            for (int k = static_cast<int>(rng() % 3); k > 0; --k) {
                const std::string error = run_and_check({static_cast<int64_t>(1 + rng() % 5000), 1}, true);
                QVERIFY2(error.empty(), error.c_str());
            }
        }
    }

    // With a team, chunk c >= 1 goes to a ready worker; a call from inside any chunk must not re-enter
    // the team (its workers are busy) but run serially, on the owner as on the workers.
    void nestedCallsInATeamRunSerially() {
        for (int threads = 2; threads <= 4; ++threads) {
            set_num_threads(threads);
            HotTeam team;
            QVERIFY(wait_for_ready_workers(team, team_workers(threads)));
            CallLog outer(threads);
            const std::string error = run_and_check({threads, 1, 1000, 1}, true);
            QVERIFY2(error.empty(), error.c_str());
            parallel_for(threads, 1, [&](int64_t b, int64_t e) { outer.record(b, e); });
            QVERIFY(outer.check(documented_chunks(threads, 1, threads), "outer").empty());
            std::sort(outer.threads.begin(), outer.threads.end());
            QCOMPARE(std::unique(outer.threads.begin(), outer.threads.end()) - outer.threads.begin(),
                     std::ptrdiff_t{1 + team_workers(threads)});  // the workers took part
        }
    }

    // A second team on the same thread does nothing, and destroying it leaves the first one working.
    void innerTeamOnTheSameThreadDoesNothing() {
        set_num_threads(2);
        HotTeam outer;
        QVERIFY(wait_for_ready_workers(outer, 1));
        {
            HotTeam inner;
            QCOMPARE(inner.ready_workers(), 0);
            const std::string error = run_and_check({5000, 1, 300, 1}, true);
            QVERIFY2(error.empty(), error.c_str());
        }
        CallLog log(2);
        parallel_for(2, 1, [&](int64_t b, int64_t e) { log.record(b, e); });
        QVERIFY(log.check({{0, 1}, {1, 2}}, "after the inner team").empty());
        QVERIFY(log.threads[0] != log.threads[1]);
    }

    // HotTeam::active() tells the thread that owns a team (GEMM then splits smaller products), no other thread.
    void activeOnlyOnTheOwningThread() {
        set_num_threads(2);
        QVERIFY(!HotTeam::active());
        {
            HotTeam team;
            QVERIFY(HotTeam::active());
            bool other = true;
            std::thread([&] { other = HotTeam::active(); }).join();
            QVERIFY(!other);
        }
        QVERIFY(!HotTeam::active());
        set_num_threads(1);
        {
            HotTeam team;  // one thread: no workers to keep hot
            QVERIFY(!HotTeam::active());
        }
        set_num_threads(0);
    }
    void twoThreadsWithTheirOwnTeams() {
        set_num_threads(3);
        std::string errors[3];
        std::thread a([&] { errors[0] = random_calls(11, 3000 / kScale, false); });
        std::thread b([&] { errors[1] = random_calls(12, 3000 / kScale, false); });
        errors[2] = random_calls(13, 1000 / kScale, false);  // this thread too, meanwhile
        a.join();
        b.join();
        for (const std::string& error : errors) QVERIFY2(error.empty(), error.c_str());
    }

    // Two threads allowed: one TBB worker, held by the first thread's team. The second thread's teams get
    // no worker at all; their calls run on the owner, and destroying them does not wait for one.
    void teamWhoseWorkerNeverStarts() {
        set_num_threads(2);
        enum { kStarting, kReady, kNotReady };
        std::atomic<int> first_state{kStarting};
        std::atomic<bool> release_first{false};
        std::string first_error;
        std::thread first([&] {
            HotTeam team;
            first_state = wait_for_ready_workers(team, 1) ? kReady : kNotReady;
            while (!release_first && first_error.empty()) first_error = run_and_check({1000, 1}, true);
        });
        while (first_state == kStarting) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        auto calls_without_workers = [&]() -> std::string {
            for (int round = 0; round < 200 / kScale; ++round) {
                HotTeam team;
                if (team.ready_workers() != 0) return "a worker started although TBB had no thread left";
                CallLog log(5000);
                parallel_for(5000, 1, [&](int64_t b, int64_t e) { log.record(b, e); });
                std::string error = log.check(documented_chunks(5000, 1, 2), "team without workers");
                if (!error.empty()) return error;
                for (std::thread::id id : log.threads)
                    if (id != std::this_thread::get_id()) return "a chunk ran on another thread";
            }
            return "";
        };
        const std::string error = first_state == kReady ? calls_without_workers() : "";
        release_first = true;
        first.join();
        QCOMPARE(first_state.load(), int(kReady));
        QVERIFY2(first_error.empty(), first_error.c_str());
        QVERIFY2(error.empty(), error.c_str());
    }

    // The exception of a chunk (or a balanced call's block) reaches the caller only when no chunk is running any
    // more, whichever thread threw it, and the team keeps working afterwards.
    void exceptionsReachTheCallerAfterAllChunksStopped() {
        for (int threads = 2; threads <= 4; ++threads) {
            set_num_threads(threads);
            for (const bool with_team : {false, true}) {
                std::optional<HotTeam> team;
                if (with_team) team.emplace();
                if (with_team) QVERIFY(wait_for_ready_workers(*team, team_workers(threads)));
                for (const bool balanced : {false, true})
                    for (int thrower = -1; thrower < threads; ++thrower) {  // -1: every chunk throws
                        const std::string error = throw_in_chunk(threads, thrower, balanced, with_team);
                        QVERIFY2(error.empty(), error.c_str());
                    }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "test_parallel.moc"
