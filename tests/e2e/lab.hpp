#pragma once
// The lab of real servers (tests/lab/lab) for end-to-end tests: up on construction, down on
// destruction, and the scenario's `lab env` as a map.

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>

#include "support/process.hpp"

namespace mra::test {

class Lab {
public:
    explicit Lab(const std::string& scenario) {
        const auto up = run_program(script(), {"up", scenario});
        REQUIRE_MESSAGE(up.exit_code == 0, "lab up ", scenario, " failed:\n", up.err);
        const auto env = run_program(script(), {"env", scenario});
        REQUIRE(env.exit_code == 0);
        std::istringstream lines(env.out);
        for (std::string line; std::getline(lines, line);) {
            const auto equals = line.find('=');
            if (equals == std::string::npos) continue;
            std::string value = line.substr(equals + 1);
            if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')
                value = value.substr(1, value.size() - 2);
            m_env[line.substr(0, equals)] = value;
        }
    }
    ~Lab() { run_program(script(), {"down"}); }
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    const std::string& operator[](const std::string& key) const { return m_env.at(key); }

private:
    static std::string script() { return std::string(MRA_SOURCE_DIR) + "/tests/lab/lab"; }
    std::map<std::string, std::string> m_env;
};

}  // namespace mra::test
