#pragma once
// The lab of real servers (tests/lab/lab) for end-to-end tests: up on construction, down on
// destruction, and the scenario's `lab env` as a map. The lab is one instance per machine: CTest
// serialises its tests with RESOURCE_LOCK, and /tmp/mra-lab.lock keeps out anyone else using it
// at the same time (flock(1) in scripts, this class in tests).

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace mra::test {

class Lab {
public:
    explicit Lab(const std::string& scenario)
        : m_lock(::open("/tmp/mra-lab.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666)) {
        REQUIRE_MESSAGE(m_lock >= 0, "cannot open /tmp/mra-lab.lock");
        REQUIRE(::flock(m_lock, LOCK_EX) == 0);
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
    ~Lab() {
        run_program(script(), {"down"});
        ::close(m_lock);  // releases the lock
    }
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    const std::string& operator[](const std::string& key) const { return m_env.at(key); }

    // Kills one of the lab's servers (`name` as in its pid/ directory: sip, https, xmpp-expe1 …)
    // at once, as a crash would, and returns when every process of it has exited, its sockets
    // closed. `lab down` copes with it gone.
    void kill_server(const std::string& name) const {
        const pid_t group = std::stoi(slurp(m_env.at("LAB_DIR") + "/pid/" + name));
        std::vector<int> exits;  // a pidfd per process of the group: readable once it has exited
        for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
            const std::string pid = entry.path().filename();
            if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
            if (::getpgid(std::stoi(pid)) != group) continue;
            // glibc 2.36's <sys/pidfd.h> lacks extern "C": the system call itself.
            if (const int fd = static_cast<int>(::syscall(SYS_pidfd_open, std::stoi(pid), 0)); fd >= 0)
                exits.push_back(fd);
        }
        REQUIRE_MESSAGE(!exits.empty(), "no process of the lab's ", name, " is running");
        REQUIRE(::kill(-group, SIGKILL) == 0);
        for (const int fd : exits) {
            pollfd exited{fd, POLLIN, 0};
            CHECK(::poll(&exited, 1, 5000) == 1);
            ::close(fd);
        }
    }

    // The arguments of `mra-preflight run` against the lab as its README shows it, signed in as the
    // test user, with a JSON report; `external_resolver` instead of the lab's when given.
    std::vector<std::string> run_arguments(const std::string& timeout = "20",
                                           const std::string& external_resolver = "") const {
        return {"run",
                m_env.at("DOMAIN"),
                "--resolver",
                external_resolver.empty() ? m_env.at("RESOLVER") : external_resolver,
                "--internal-resolver",
                m_env.at("INTERNAL_RESOLVER"),
                "--ca-bundle",
                m_env.at("CA_BUNDLE"),
                "--user",
                m_env.at("TEST_USER"),
                "--password-file",
                m_env.at("PASSWORD_FILE"),
                "--format",
                "json",
                "--timeout",
                timeout};
    }

    // run_arguments() and `extra`, with the JSON report parsed. The exit code must be one of the
    // contract's.
    nlohmann::json run(std::vector<std::string> extra = {}) const {
        auto args = run_arguments();
        args.insert(args.end(), extra.begin(), extra.end());
        const auto outcome = run_tool(args);
        INFO(outcome.err);
        REQUIRE(outcome.exit_code >= 0);
        REQUIRE(outcome.exit_code <= 3);
        return nlohmann::json::parse(outcome.out);
    }

private:
    static std::string script() { return std::string(MRA_SOURCE_DIR) + "/tests/lab/lab"; }
    int m_lock;
    std::map<std::string, std::string> m_env;
};

}  // namespace mra::test
