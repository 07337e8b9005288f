// history::Store on real files in a temporary directory: created 0600, WAL, its schema version,
// runs read back as they were recorded, and one clear InputError for every file it cannot use —
// leaving that file as it was.

#include "history/store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>

#include "history/held_lock.hpp"
#include "support/process.hpp"
#include "support/scratch_dir.hpp"
#include "util/input_error.hpp"

namespace {

using mra::history::RunRecord;
using mra::history::Store;
using namespace std::chrono_literals;

unsigned mode_of(const std::string& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

// What SQLite itself says about the file, through a connection of the test's own.
std::string pragma(const std::string& path, const std::string& name) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    std::string value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close_v2(db);
    return value;
}

void execute(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close_v2(db);
}

// The InputError's message, or "" when opening succeeds.
std::string open_error(const std::string& path, Store::Access access = Store::Access::record,
                       std::chrono::milliseconds timeout = Store::default_busy_timeout) {
    try {
        Store store(path, access, timeout);
    } catch (const mra::InputError& error) {
        return error.what();
    }
    return "";
}

void check_one_line(const std::string& message, const std::string& path, const std::string& says) {
    CAPTURE(message);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.find(path) != std::string::npos);
    CHECK(message.find(says) != std::string::npos);
}

RunRecord sample_run(const std::string& target, int variant) {
    using mra::Severity;
    using mra::Status;
    return {.command = "run",
            .target = target,
            .profile = "mra-readiness",
            .started_at_ms = 1800000000123 + variant,
            .duration_ms = 456,
            .evaluated_at = 1800000000,
            .outcome = variant == 0 ? mra::RunOutcome{mra::Verdict::ok, 100, "A"}
                                    : mra::RunOutcome{mra::Verdict::unknown, std::nullopt, std::nullopt},
            .findings = {{"dns.collab-edge", "_collab-edge._tls." + target, Status::pass, Severity::critical, "found"},
                         {"edge.clock", "expe1:8443", variant == 0 ? Status::pass : Status::warn, Severity::minor,
                          "quote \" and ' and a\nline break"},
                         {"cert.expiry", "expe1:8443 leaf", Status::not_run, Severity::critical, ""}},
            .certificates = {{"expe1:8443", 0, std::string(64, 'a'), 1900000000},
                             {"expe1:8443", 1, std::string(64, 'b'), 2000000000},
                             {"", 0, std::string(64, 'c'), 1900000000}}};
}

}  // namespace

TEST_CASE("history store: a new database is created mode 0600 in WAL mode with our schema version") {
    const mra::test::ScratchDir dir;
    const std::string path = dir / "history.db";
    {
        Store store(path, Store::Access::record);
        store.record(sample_run("example.com", 0));
        CHECK(mode_of(path) == 0600);
        // The write-ahead log and its index exist while a connection is open: the same mode.
        CHECK(mode_of(path + "-wal") == 0600);
        CHECK(mode_of(path + "-shm") == 0600);
    }
    CHECK(pragma(path, "journal_mode") == "wal");
    CHECK(pragma(path, "user_version") == "1");
    CHECK(pragma(path, "application_id") == std::to_string(0x4d524148));
    CHECK(pragma(path, "integrity_check") == "ok");
}

TEST_CASE("history store: runs read back as recorded, after reopening, with the target's previous run") {
    const mra::test::ScratchDir dir;
    const std::string path = dir / "history.db";
    RunRecord first = sample_run("example.com", 0), other = sample_run("other.example", 0),
              second = sample_run("example.com", 1);
    {
        Store store(path, Store::Access::record);
        const auto recorded = store.record(first);
        CHECK(recorded.id == 1);
        CHECK_FALSE(recorded.previous);
        CHECK(store.record(other).id == 2);
    }
    Store store(path, Store::Access::record);
    const auto recorded = store.record(second);
    CHECK(recorded.id == 3);
    first.id = 1, other.id = 2, second.id = 3;
    REQUIRE(recorded.previous);
    CHECK(*recorded.previous == first);  // not other.example's, recorded in between

    const Store reader(path, Store::Access::read);
    CHECK(reader.run(3) == second);
    CHECK(reader.run(2) == other);
    CHECK_FALSE(reader.run(4));
    const auto all = reader.runs();
    REQUIRE(all.size() == 3);
    CHECK(all[2].id == 3);
    CHECK(all[2].target == "example.com");
    CHECK(all[2].started_at_ms == second.started_at_ms);
    CHECK(all[2].outcome == second.outcome);
    CHECK(all[2].counts == std::array{1, 0, 1, 0, 0, 0, 1});  // pass, info, warn, fail, error, n/a, not run
    const auto mine = reader.runs("example.com");
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].id == 1);
    CHECK(mine[1].id == 3);
    CHECK(reader.runs("nobody.example").empty());
}

TEST_CASE("history store: a run without findings is listed too") {
    const mra::test::ScratchDir dir;
    RunRecord bare = sample_run("example.com", 1);
    bare.findings.clear();
    Store store(dir / "history.db", Store::Access::record);
    store.record(bare);
    const auto runs = store.runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].counts == std::array<int, 7>{});
}

TEST_CASE("history store: a file that is not a database is one line, and left as it was") {
    const mra::test::ScratchDir dir;
    const std::string path = dir / "garbage.db";
    const std::string garbage = "this is not SQLite\n" + std::string(5000, '\x17');
    std::ofstream(path, std::ios::binary) << garbage;
    check_one_line(open_error(path), path, "not an SQLite database");
    check_one_line(open_error(path, Store::Access::read), path, "not an SQLite database");
    CHECK(mra::test::slurp(path) == garbage);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("history store: another program's SQLite database, or a newer schema, is refused untouched") {
    const mra::test::ScratchDir dir;
    const std::string foreign = dir / "foreign.db";
    execute(foreign, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('alice');");
    const std::string before = mra::test::slurp(foreign);
    check_one_line(open_error(foreign), foreign, "not an mra-preflight history");
    CHECK(mra::test::slurp(foreign) == before);
    CHECK(pragma(foreign, "journal_mode") == "delete");  // not switched to WAL

    const std::string newer = dir / "newer.db";
    { Store(newer, Store::Access::record); }
    execute(newer, "PRAGMA user_version = 2");
    check_one_line(open_error(newer), newer, "newer mra-preflight");
    check_one_line(open_error(newer, Store::Access::read), newer, "schema 2");
}

TEST_CASE("history store: a database locked by another connection fails after the busy timeout, losing nothing") {
    const mra::test::ScratchDir dir;
    const std::string path = dir / "history.db";
    Store store(path, Store::Access::record, 300ms);
    store.record(sample_run("example.com", 0));
    {
        const mra::test::HeldLock lock(path);
        // Opening needs no lock (WAL: readers are not blocked by a writer), and neither does reading…
        Store opened_under_lock(path, Store::Access::record, 300ms);
        CHECK(Store(path, Store::Access::read).runs().size() == 1);
        // …but recording does, from a store opened before the lock or under it.
        for (Store* writer : {&store, &opened_under_lock}) {
            std::string message;
            const auto start = std::chrono::steady_clock::now();
            try {
                writer->record(sample_run("example.com", 1));
            } catch (const mra::InputError& error) {
                message = error.what();
            }
            CHECK(std::chrono::steady_clock::now() - start >= 300ms);
            check_one_line(message, path, "locked by another process for more than 300 ms");
        }
    }
    const auto runs = Store(path, Store::Access::read).runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].counts == std::array{2, 0, 0, 0, 0, 0, 1});
    CHECK(pragma(path, "integrity_check") == "ok");
}

TEST_CASE("history store: a new file locked by another connection cannot be made ours after the busy timeout") {
    const mra::test::ScratchDir dir;
    const std::string path = dir / "history.db";
    std::ofstream{path};
    const mra::test::HeldLock lock(path);  // an empty file: a rollback-journal lock, which blocks readers too
    const auto start = std::chrono::steady_clock::now();
    check_one_line(open_error(path, Store::Access::record, 300ms), path,
                   "locked by another process for more than 300 ms");
    CHECK(std::chrono::steady_clock::now() - start >= 300ms);
}

TEST_CASE("history store: reading needs an existing file, and recording a place to create one") {
    const mra::test::ScratchDir dir;
    const std::string missing = dir / "missing.db";
    check_one_line(open_error(missing, Store::Access::read), missing, "No such file or directory");
    CHECK_FALSE(std::filesystem::exists(missing));
    const std::string nowhere = dir / "no-such-directory/history.db";
    check_one_line(open_error(nowhere), nowhere, "cannot create: No such file or directory");
    check_one_line(open_error(dir.path()), dir.path(), "cannot create: Is a directory");
    // An empty file (a recording run killed before it made the schema) reads as no runs yet.
    const std::string empty = dir / "empty.db";
    std::ofstream{empty};
    CHECK(Store(empty, Store::Access::read).runs().empty());
    CHECK_FALSE(Store(empty, Store::Access::read).run(1));
}
