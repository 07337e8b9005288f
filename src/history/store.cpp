#include "history/store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/input_error.hpp"

namespace mra::history {
namespace {

// PRAGMA application_id marks the file as ours ("MRAH"), as SQLite recommends for application file
// formats (https://www.sqlite.org/pragma.html#pragma_application_id); PRAGMA user_version is the
// version of the schema below.
constexpr std::int64_t application_id = 0x4d524148;
constexpr std::int64_t schema_version = 1;

// Statuses, severities and verdicts are stored as the words of the JSON report, so that the file
// reads well in the sqlite3 shell. Ids grow in the order runs were recorded: "the previous run" is
// the one recorded before, whatever times a replayed capture carries.
constexpr const char* schema = R"sql(
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    command TEXT NOT NULL,
    profile TEXT NOT NULL,
    started_at_ms INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    evaluated_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    score INTEGER,
    grade TEXT
);
CREATE INDEX runs_by_target ON runs (target, id);
CREATE TABLE findings (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    position INTEGER NOT NULL,
    check_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
CREATE TABLE certificates (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    ordinal INTEGER NOT NULL,
    endpoint TEXT NOT NULL,
    position INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    not_after INTEGER NOT NULL,
    PRIMARY KEY (run_id, ordinal)
) WITHOUT ROWID;
)sql";

std::string prefix(const std::string& path) {
    return "history " + path + ": ";
}

// Made here rather than by SQLite, for its mode: the history names deployments and what is wrong
// with them. SQLite gives the -wal and -shm files the permissions of the database file (the unix
// VFS's findCreateFileMode), so they are 0600 too. An existing file keeps its mode.
sqlite::Database open_database(const std::string& path, Store::Access access, std::chrono::milliseconds timeout) {
    if (access == Store::Access::record) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) throw InputError(prefix(path) + "cannot create: " + std::strerror(errno));
        ::close(fd);
    } else if (::access(path.c_str(), F_OK) != 0) {
        throw InputError(prefix(path) + std::strerror(errno));
    }
    return sqlite::Database(path, timeout);
}

// The first column of the first row (a statement that returns nothing yields 0 or "").
std::int64_t single_integer(const sqlite::Database& database, const char* sql) {
    sqlite::Statement statement(database, sql);
    return statement.step() ? statement.integer(0) : 0;
}

std::string single_text(const sqlite::Database& database, const char* sql) {
    sqlite::Statement statement(database, sql);
    return statement.step() ? statement.text(0) : "";
}

// Whether the file is still empty (a new file, or one whose creator was killed before it made the
// schema); InputError when it is not ours. Reading the header is also what finds a file that is
// not a database at all.
bool is_empty_or_ours(const sqlite::Database& database) {
    const std::int64_t id = single_integer(database, "PRAGMA application_id");
    const std::int64_t version = single_integer(database, "PRAGMA user_version");
    if (id == 0 && version == 0 && single_integer(database, "SELECT count(*) FROM sqlite_schema") == 0) return true;
    if (id != application_id)
        throw InputError(prefix(database.path()) + "an SQLite database, but not an mra-preflight history");
    if (version != schema_version)
        throw InputError(prefix(database.path()) + "history schema " + std::to_string(version) + ", this " +
                         "mra-preflight reads schema " + std::to_string(schema_version) +
                         (version > schema_version ? " (written by a newer mra-preflight)" : ""));
    return false;
}

template <typename T>
T parsed(std::optional<T> value, const sqlite::Database& database, std::int64_t run, const std::string& text) {
    if (!value)
        throw InputError(prefix(database.path()) + "run " + std::to_string(run) + " holds an unknown value '" + text +
                         "'");
    return *value;
}

std::optional<std::int64_t> optional_integer(const sqlite::Statement& statement, int column) {
    return statement.is_null(column) ? std::nullopt : std::optional(statement.integer(column));
}

std::optional<std::string> optional_text(const sqlite::Statement& statement, int column) {
    return statement.is_null(column) ? std::nullopt : std::optional(statement.text(column));
}

RunOutcome outcome_of(const sqlite::Statement& statement, int column, const sqlite::Database& database,
                      std::int64_t run) {
    const std::string verdict = statement.text(column);
    const auto score = optional_integer(statement, column + 1);
    return {parsed(parse_verdict(verdict), database, run, verdict),
            score ? std::optional(static_cast<int>(*score)) : std::nullopt, optional_text(statement, column + 2)};
}

}  // namespace

Store::Store(const std::string& path, Access access, std::chrono::milliseconds busy_timeout)
    : m_database(open_database(path, access, busy_timeout)) {
    const bool empty = is_empty_or_ours(m_database);  // before anything is written to a file not ours
    if (access == Access::read) {
        m_empty = empty;
        return;
    }
    if (m_database.read_only()) throw InputError(prefix(path) + "not writable");
    // Write-ahead logging: a transaction interrupted at any point (the process killed, the machine
    // down) is not in the database when it is next opened, and every committed one is; and readers
    // such as `mra-preflight history` do not block a recording run, nor it them
    // (https://www.sqlite.org/wal.html). Persistent: set once, when the file is made.
    if (single_text(m_database, "PRAGMA journal_mode=WAL") != "wal")
        throw InputError(prefix(path) + "SQLite cannot keep a write-ahead log here (a network file system?)");
    // FULL syncs the WAL at every commit. Under WAL, NORMAL already survives an application crash,
    // but "a transaction committed in WAL mode with synchronous=NORMAL might roll back following a
    // power loss or system crash" (https://www.sqlite.org/pragma.html#pragma_synchronous): a run
    // that said it was recorded stays recorded. One fsync per run costs nothing next to a probe.
    m_database.execute("PRAGMA synchronous=FULL");
    if (!empty) return;
    // A new file: the schema, under the write lock (another run may just have made it).
    sqlite::Transaction transaction(m_database);
    if (is_empty_or_ours(m_database))
        m_database.execute(std::string(schema) + "PRAGMA application_id=" + std::to_string(application_id) +
                           ";PRAGMA user_version=" + std::to_string(schema_version) + ";");
    transaction.commit();
}

Store::Recorded Store::record(const RunRecord& run) {
    sqlite::Transaction transaction(m_database);
    Recorded recorded;
    sqlite::Statement latest(m_database, "SELECT max(id) FROM runs WHERE target = ?1");
    latest.bind(1, run.target).step();
    if (!latest.is_null(0)) recorded.previous = load(latest.integer(0));
    latest.reset();

    sqlite::Statement(m_database,
                      "INSERT INTO runs (target, command, profile, started_at_ms, duration_ms, evaluated_at, "
                      "status, score, grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .execute(run.target, run.command, run.profile, run.started_at_ms, run.duration_ms, run.evaluated_at,
                 std::string(to_string(run.outcome.verdict)),
                 run.outcome.score ? std::optional<std::int64_t>(*run.outcome.score) : std::nullopt, run.outcome.grade);
    recorded.id = sqlite3_last_insert_rowid(m_database.handle());

    sqlite::Statement insert_finding(m_database,
                                     "INSERT INTO findings (run_id, position, check_id, subject, status, severity, "
                                     "message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (std::size_t position = 0; position < run.findings.size(); ++position) {
        const FindingRecord& finding = run.findings[position];
        insert_finding.execute(recorded.id, static_cast<std::int64_t>(position), finding.check_id, finding.subject,
                               std::string(to_string(finding.status)), std::string(to_string(finding.severity)),
                               finding.message);
    }
    sqlite::Statement insert_certificate(m_database,
                                         "INSERT INTO certificates (run_id, ordinal, endpoint, position, sha256, "
                                         "not_after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t ordinal = 0; ordinal < run.certificates.size(); ++ordinal) {
        const CertificateRecord& certificate = run.certificates[ordinal];
        insert_certificate.execute(recorded.id, static_cast<std::int64_t>(ordinal), certificate.endpoint,
                                   static_cast<std::int64_t>(certificate.position), certificate.sha256,
                                   certificate.not_after);
    }
    transaction.commit();
    return recorded;
}

std::vector<RunListing> Store::runs(const std::optional<std::string>& target) const {
    if (m_empty) return {};
    // One row per run and finding status; a run without findings has one row with a NULL status.
    sqlite::Statement select(m_database,
                             "SELECT runs.id, started_at_ms, target, command, profile, runs.status, score, grade, "
                             "findings.status, count(findings.run_id) FROM runs LEFT JOIN findings ON run_id = id "
                             "WHERE ?1 IS NULL OR target = ?1 GROUP BY runs.id, findings.status ORDER BY runs.id");
    select.bind(1, target);
    std::vector<RunListing> listings;
    while (select.step()) {
        const std::int64_t id = select.integer(0);
        if (listings.empty() || listings.back().id != id)
            listings.push_back({.id = id,
                                .started_at_ms = select.integer(1),
                                .target = select.text(2),
                                .command = select.text(3),
                                .profile = select.text(4),
                                .outcome = outcome_of(select, 5, m_database, id)});
        if (select.is_null(8)) continue;
        const std::string status = select.text(8);
        listings.back().counts[static_cast<std::size_t>(parsed(parse_status(status), m_database, id, status))] =
            static_cast<int>(select.integer(9));
    }
    return listings;
}

std::optional<RunRecord> Store::run(std::int64_t id) const {
    if (m_empty) return std::nullopt;
    sqlite::Statement exists(m_database, "SELECT count(*) FROM runs WHERE id = ?1");
    exists.bind(1, id).step();
    if (exists.integer(0) == 0) return std::nullopt;
    exists.reset();
    return load(id);
}

RunRecord Store::load(std::int64_t id) const {
    sqlite::Statement select_run(m_database,
                                 "SELECT command, target, profile, started_at_ms, duration_ms, evaluated_at, status, "
                                 "score, grade FROM runs WHERE id = ?1");
    select_run.bind(1, id).step();
    RunRecord run{.id = id,
                  .command = select_run.text(0),
                  .target = select_run.text(1),
                  .profile = select_run.text(2),
                  .started_at_ms = select_run.integer(3),
                  .duration_ms = select_run.integer(4),
                  .evaluated_at = select_run.integer(5),
                  .outcome = outcome_of(select_run, 6, m_database, id)};

    sqlite::Statement select_findings(
        m_database,
        "SELECT check_id, subject, status, severity, message FROM findings WHERE run_id = ?1 ORDER BY position");
    select_findings.bind(1, id);
    while (select_findings.step()) {
        const std::string status = select_findings.text(2), severity = select_findings.text(3);
        run.findings.push_back({select_findings.text(0), select_findings.text(1),
                                parsed(parse_status(status), m_database, id, status),
                                parsed(parse_severity(severity), m_database, id, severity), select_findings.text(4)});
    }
    sqlite::Statement select_certificates(
        m_database,
        "SELECT endpoint, position, sha256, not_after FROM certificates WHERE run_id = ?1 ORDER BY ordinal");
    select_certificates.bind(1, id);
    while (select_certificates.step())
        run.certificates.push_back({select_certificates.text(0), static_cast<int>(select_certificates.integer(1)),
                                    select_certificates.text(2), select_certificates.integer(3)});
    return run;
}

}  // namespace mra::history
