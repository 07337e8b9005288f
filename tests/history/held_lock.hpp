#pragma once
// Another process's hold on a history database, as far as SQLite can tell: a connection of the test's
// own in BEGIN EXCLUSIVE, until the end of the scope.

#include <sqlite3.h>

#include <stdexcept>
#include <string>

namespace mra::test {

class HeldLock {
public:
    explicit HeldLock(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
            sqlite3_exec(m_db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot lock " + path + ": " + sqlite3_errmsg(m_db));
    }
    HeldLock(const HeldLock&) = delete;
    HeldLock& operator=(const HeldLock&) = delete;
    ~HeldLock() {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close_v2(m_db);
    }

private:
    sqlite3* m_db = nullptr;
};

}  // namespace mra::test
