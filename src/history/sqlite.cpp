#include "history/sqlite.hpp"

#include <cstring>

#include "util/input_error.hpp"

namespace mra::history::sqlite {
namespace {

std::string duration_text(std::chrono::milliseconds duration) {
    const auto count = duration.count();
    return count % 1000 == 0 ? std::to_string(count / 1000) + " s" : std::to_string(count) + " ms";
}

}  // namespace

Database::Database(std::string path, std::chrono::milliseconds busy_timeout)
    : m_path(std::move(path)), m_busy_timeout(busy_timeout) {
    sqlite3* handle = nullptr;
    const int code = sqlite3_open_v2(m_path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    m_handle.reset(handle);  // closed even when opening failed
    if (code != SQLITE_OK) fail(code);
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, static_cast<int>(m_busy_timeout.count()));
}

void Database::execute(const std::string& sql) const {
    const int code = sqlite3_exec(m_handle.get(), sql.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) fail(code);
}

void Database::fail(int code) const {
    const std::string prefix = "history " + m_path + ": ";
    const char* message = m_handle ? sqlite3_errmsg(m_handle.get()) : sqlite3_errstr(code);
    switch (code & 0xff) {
        case SQLITE_BUSY:  // (SQLITE_LOCKED is a conflict within one connection: a bug, said as it is)
            throw InputError(prefix + "locked by another process for more than " + duration_text(m_busy_timeout));
        case SQLITE_NOTADB:
            throw InputError(prefix + "not an SQLite database");
        case SQLITE_CORRUPT:
            throw InputError(prefix + "the database is corrupt (" + message + ")");
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_IOERR: {
            const int error = m_handle ? sqlite3_system_errno(m_handle.get()) : 0;
            throw InputError(prefix + message + (error ? std::string(": ") + std::strerror(error) : ""));
        }
        default:
            throw InputError(prefix + message);
    }
}

Statement::Statement(const Database& database, const char* sql) : m_database(database) {
    sqlite3_stmt* handle = nullptr;
    const int code = sqlite3_prepare_v2(database.handle(), sql, -1, &handle, nullptr);
    m_handle.reset(handle);
    check(code);
}

void Statement::check(int code) const {
    if (code != SQLITE_OK) m_database.fail(code);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(m_handle.get(), index, value));
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    check(sqlite3_bind_text(m_handle.get(), index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    if (value) return bind(index, *value);
    check(sqlite3_bind_null(m_handle.get(), index));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    if (value) return bind(index, *value);
    check(sqlite3_bind_null(m_handle.get(), index));
    return *this;
}

bool Statement::step() {
    const int code = sqlite3_step(m_handle.get());
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    m_database.fail(code);
}

void Statement::reset() {
    check(sqlite3_reset(m_handle.get()));
    check(sqlite3_clear_bindings(m_handle.get()));
}

std::string Statement::text(int column) const {
    const auto* bytes = sqlite3_column_text(m_handle.get(), column);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes),
                               static_cast<std::size_t>(sqlite3_column_bytes(m_handle.get(), column)))
                 : std::string();
}

Transaction::Transaction(const Database& database) : m_database(database) {
    m_database.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (m_open) sqlite3_exec(m_database.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    m_database.execute("COMMIT");
    m_open = false;
}

}  // namespace mra::history::sqlite
