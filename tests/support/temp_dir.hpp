#pragma once
// A fresh directory under the system's temporary directory, removed with everything in it at the
// end of the test.

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace mra::test {

class TempDir {
public:
    explicit TempDir(const std::string& prefix = "mra-test") {
        std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp " + pattern);
        m_path = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    std::string operator/(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace mra::test
