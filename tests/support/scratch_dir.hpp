#pragma once
// A fresh directory under /tmp for one test, removed with everything in it at the end.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mra::test {

class ScratchDir {
public:
    ScratchDir() {
        char name[] = "/tmp/mra-test-XXXXXX";
        REQUIRE(::mkdtemp(name) != nullptr);
        m_path = name;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::string path() const { return m_path.string(); }
    std::string operator/(const std::string& name) const { return (m_path / name).string(); }

    // Writes `content` to NAME in the directory; returns its path.
    std::string write(const std::string& name, const std::string& content) const {
        const std::string file = *this / name;
        std::ofstream(file, std::ios::binary) << content;
        return file;
    }

private:
    std::filesystem::path m_path;
};

}  // namespace mra::test
