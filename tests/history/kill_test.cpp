// Issue 7: "Kill the process in the middle of … recording history: … the database opens and holds
// every run that completed". Replays recording into one database are SIGKILLed at moments spread
// over their lives — one at a time, while they hold the database's write lock, and several at once —
// and afterwards the database passes integrity_check and holds the run of every process that
// completed, each run whole, and nothing else.

#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "fixtures.hpp"
#include "history/store.hpp"
#include "support/process.hpp"
#include "support/scratch_dir.hpp"

namespace {

using namespace std::chrono;
using mra::history::RunRecord;
using mra::history::Store;

constexpr const char* scenarios[] = {"healthy",        "clock-skew",     "cert-md5",      "edge-401",
                                     "empty-user-uds", "allow-list-403", "peers-mismatch"};
constexpr std::size_t scenario_count = std::size(scenarios);
constexpr int killed = 128 + SIGKILL;

struct Attempt {
    std::size_t scenario = 0;
    int exit_code = -1;
    bool killed_holding_lock = false;
};

class KillTest {
public:
    KillTest() : m_db(m_dir / "history.db") {
        for (const char* scenario : scenarios)
            m_captures.push_back(nlohmann::json::parse(
                mra::test::slurp(mra::test::fixture(std::string("captures/") + scenario + ".json"))));
        // Each scenario's run recorded undisturbed: what every stored run must equal; and how long a
        // recording replay takes here (the median: the machine is shared).
        const std::string reference_db = m_dir / "reference.db";
        std::vector<microseconds> lifetimes;
        for (const char* scenario : scenarios) {
            const auto start = steady_clock::now();
            REQUIRE(mra::test::run_tool({"replay", mra::test::fixture(std::string("captures/") + scenario + ".json"),
                                         "--history", reference_db, "--output", "/dev/null"})
                        .exit_code < 3);
            lifetimes.push_back(duration_cast<microseconds>(steady_clock::now() - start));
        }
        std::sort(lifetimes.begin(), lifetimes.end());
        m_lifetime = lifetimes[scenario_count / 2];
        const Store reference(reference_db, Store::Access::read);
        for (std::size_t i = 0; i < scenario_count; ++i) m_reference.push_back(*reference.run(std::int64_t(i) + 1));
    }

    microseconds lifetime() const { return m_lifetime; }
    const std::string& db() const { return m_db; }
    const std::map<std::int64_t, Attempt>& attempts() const { return m_attempts; }

    // Starts a replay of the next scenario, from a copy of its capture with a started_at_ms of its
    // own: how its run is found in the database.
    pid_t start(std::int64_t& started_at_ms) {
        const std::size_t index = m_attempts.size(), scenario = index % scenario_count;
        started_at_ms = 1000000000000 + std::int64_t(index);
        nlohmann::json capture = m_captures[scenario];
        capture["started_at_ms"] = started_at_ms;
        const std::string path = m_dir / ("capture-" + std::to_string(index) + ".json");
        std::ofstream(path) << capture.dump();
        m_attempts[started_at_ms] = {.scenario = scenario};
        return mra::test::start_tool({"replay", path, "--history", m_db});
    }

    void ended(std::int64_t started_at_ms, int exit_code, bool holding_lock = false) {
        m_attempts[started_at_ms].exit_code = exit_code;
        m_attempts[started_at_ms].killed_holding_lock = holding_lock;
    }

    // A replay killed `delay` after it started (or not, when it ended before).
    void kill_after(microseconds delay) {
        std::int64_t started_at_ms = 0;
        const pid_t child = start(started_at_ms);
        std::this_thread::sleep_for(delay);
        ::kill(child, SIGKILL);  // harmless on a child that has exited but is not yet reaped
        ended(started_at_ms, mra::test::finish(child));
    }

    // A replay killed the moment the test sees the database's write lock taken (by that replay: no one
    // else writes). Whether the lock is free is asked with BEGIN IMMEDIATE and no busy timeout.
    // Whether it was killed so.
    bool kill_holding_lock() {
        sqlite3* probe = nullptr;
        REQUIRE(sqlite3_open_v2(m_db.c_str(), &probe, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        std::int64_t started_at_ms = 0;
        const pid_t child = start(started_at_ms);
        int status = 0;
        bool holding = false;
        while (::waitpid(child, &status, WNOHANG) == 0) {
            const int code = sqlite3_exec(probe, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            if (code == SQLITE_OK) {
                sqlite3_exec(probe, "ROLLBACK", nullptr, nullptr, nullptr);
                continue;
            }
            if ((code & 0xff) == SQLITE_BUSY) {
                ::kill(child, SIGKILL);
                holding = true;
                ::waitpid(child, &status, 0);
                break;
            }
        }
        sqlite3_close_v2(probe);
        ended(started_at_ms, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), holding);
        return holding;
    }

    // Runs at once, every other one killed at a spread-out moment.
    void kill_some_of(std::size_t count) {
        std::vector<std::pair<pid_t, std::int64_t>> children;
        for (std::size_t i = 0; i < count; ++i) {
            std::int64_t started_at_ms = 0;
            children.emplace_back(start(started_at_ms), started_at_ms);
        }
        const auto began = steady_clock::now();
        for (std::size_t i = 1; i < count; i += 2) {
            std::this_thread::sleep_until(began + m_lifetime * i / 2);
            ::kill(children[i].first, SIGKILL);
        }
        for (const auto& [child, started_at_ms] : children) ended(started_at_ms, mra::test::finish(child));
    }

    const RunRecord& reference(std::size_t scenario) const { return m_reference[scenario]; }

private:
    mra::test::ScratchDir m_dir;
    std::string m_db;
    std::vector<nlohmann::json> m_captures;
    std::vector<RunRecord> m_reference;
    microseconds m_lifetime{};
    std::map<std::int64_t, Attempt> m_attempts;  // by started_at_ms
};

std::string integrity_of(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK);
    std::string result;
    while (sqlite3_step(statement) == SQLITE_ROW)
        result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close_v2(db);
    return result;
}

}  // namespace

TEST_CASE("history: runs killed at any moment, even mid-transaction, leave every completed run whole") {
    KillTest test;
    MESSAGE("a recording replay takes " << test.lifetime().count() / 1000 << " ms");

    // One at a time, killed from the moment they start to past the moment they end — the first
    // ones while the database is being created.
    constexpr int spread = 21;
    for (int i = 0; i < spread; ++i) test.kill_after(test.lifetime() * i * 5 / 4 / (spread - 1));
    // Killed holding the write lock, which, once the database has its schema, only the transaction
    // that records a run takes: until three were.
    REQUIRE_FALSE(Store(test.db(), Store::Access::read).runs().empty());
    int holding = 0;
    for (int attempt = 0; attempt < 40 && holding < 3; ++attempt) holding += test.kill_holding_lock();
    // Several at once, waiting for each other's lock.
    test.kill_some_of(8);

    CHECK(integrity_of(test.db()) == "ok");
    const Store store(test.db(), Store::Access::read);
    std::map<std::int64_t, std::int64_t> stored;  // started_at_ms → id
    for (const auto& run : store.runs()) {
        CAPTURE(run.id);
        CHECK(test.attempts().contains(run.started_at_ms));
        CHECK(stored.emplace(run.started_at_ms, run.id).second);  // recorded once
    }

    int completed = 0, interrupted = 0, held = 0, held_and_rolled_back = 0;
    for (const auto& entry : test.attempts()) {
        const auto started_at_ms = entry.first;
        const auto& attempt = entry.second;
        CAPTURE(started_at_ms);
        const RunRecord& reference = test.reference(attempt.scenario);
        if (attempt.exit_code == killed) {
            ++interrupted;
            held += attempt.killed_holding_lock;
            held_and_rolled_back += attempt.killed_holding_lock && !stored.contains(started_at_ms);
        } else {
            ++completed;
            // Completed as the undisturbed run did, and recorded.
            CHECK(attempt.exit_code == static_cast<int>(reference.outcome.verdict));
            CHECK(stored.contains(started_at_ms));
        }
        if (!stored.contains(started_at_ms)) continue;
        // Whole: every finding and certificate the undisturbed run recorded.
        const auto run = store.run(stored.at(started_at_ms));
        REQUIRE(run);
        CHECK(run->findings == reference.findings);
        CHECK(run->certificates == reference.certificates);
        CHECK(run->outcome == reference.outcome);
    }
    MESSAGE(completed << " completed, " << interrupted << " killed (" << held << " holding the write lock, "
                      << held_and_rolled_back << " of them rolled back), " << stored.size() << " recorded");
    // How many end which way depends on the machine's speed, but not these: the runs started
    // together and left alone complete, the first spread one is killed at once.
    CHECK(completed >= 4);
    CHECK(interrupted > held);
    CHECK(held >= 3);
    CHECK(held_and_rolled_back >= 1);  // killed before its commit: the transaction was undone

    // And the database still takes runs.
    const auto after = mra::test::run_tool(
        {"replay", mra::test::fixture("captures/healthy.json"), "--history", test.db(), "--output", "/dev/null"});
    CHECK(after.exit_code == 0);
    CHECK(Store(test.db(), Store::Access::read).runs().size() == stored.size() + 1);
}
