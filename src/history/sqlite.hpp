#pragma once
// Small RAII wrappers over SQLite's C API for the history store. Every error SQLite reports about
// the file (not a database, corrupt, locked past the busy timeout, read-only, disk full) becomes
// an InputError of one line that names the database: the CLI's exit 3.

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mra::history::sqlite {

class Database {
public:
    // Opens an existing file read-write (SQLite creates nothing: the caller made the file with the
    // mode it wants). Waits up to `busy_timeout` for another connection's lock on every statement.
    Database(std::string path, std::chrono::milliseconds busy_timeout);

    sqlite3* handle() const { return m_handle.get(); }
    const std::string& path() const { return m_path; }
    bool read_only() const { return sqlite3_db_readonly(m_handle.get(), "main") == 1; }

    // Runs SQL that returns no rows (several statements allowed).
    void execute(const std::string& sql) const;
    // The InputError for SQLite's result `code` on this connection.
    [[noreturn]] void fail(int code) const;

private:
    struct Close {
        void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
    };
    std::string m_path;
    std::chrono::milliseconds m_busy_timeout;
    std::unique_ptr<sqlite3, Close> m_handle;
};

class Statement {
public:
    Statement(const Database& database, const char* sql);

    // Parameters are numbered from 1, as in SQL's ?1.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bind(int index, const std::optional<std::string>& value);
    // Binds `values` to ?1, ?2, … and runs a statement that returns no rows, then makes it ready
    // to run again.
    template <typename... Values>
    void execute(const Values&... values) {
        int index = 0;
        (bind(++index, values), ...);
        step();
        reset();
    }
    // Steps once: true when a row is ready to read, false when done.
    bool step();
    // Makes the statement ready to run again with new parameters.
    void reset();

    // Columns are numbered from 0.
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_handle.get(), column); }
    std::string text(int column) const;
    bool is_null(int column) const { return sqlite3_column_type(m_handle.get(), column) == SQLITE_NULL; }

private:
    void check(int code) const;

    struct Finalize {
        void operator()(sqlite3_stmt* handle) const { sqlite3_finalize(handle); }
    };
    const Database& m_database;
    std::unique_ptr<sqlite3_stmt, Finalize> m_handle;
};

// BEGIN IMMEDIATE … COMMIT. IMMEDIATE takes the write lock at the start, waiting out the busy
// timeout, rather than at the first write: a transaction that reads and then writes could
// otherwise fail with SQLITE_BUSY at the write when another writer committed in between, which no
// busy timeout can resolve (https://www.sqlite.org/lang_transaction.html). Rolled back unless
// committed.
class Transaction {
public:
    explicit Transaction(const Database& database);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    const Database& m_database;
    bool m_open = true;
};

}  // namespace mra::history::sqlite
