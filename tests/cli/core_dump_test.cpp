// A process that holds a password makes no core file: RLIMIT_CORE is 0 and it is not dumpable.

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "probe/net/loopback_server.hpp"
#include "support/process.hpp"
#include "support/scratch_dir.hpp"

namespace {

// The soft and hard limits of "Max core file size" in /proc/PID/limits, e.g. "0 0".
std::string core_limits(pid_t pid) {
    std::istringstream lines(mra::test::slurp("/proc/" + std::to_string(pid) + "/limits"));
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with("Max core file size")) {
            std::istringstream fields(line.substr(18));
            std::string soft, hard;
            fields >> soft >> hard;
            return soft + " " + hard;
        }
    return "";
}

}  // namespace

TEST_CASE("run with a password: no core dumps while it runs") {
    // A resolver that never answers keeps the run alive for its timeout.
    const std::string resolver = "127.0.0.1:" + std::to_string(mra::test::closed_port());
    const mra::test::ScratchDir directory;  // where a core file named "core" would land
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Core files allowed before the tool starts, so that only the tool can forbid them.
        const rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
        if (::setrlimit(RLIMIT_CORE, &unlimited) != 0 || ::chdir(directory.path().c_str()) != 0) ::_exit(126);
        ::setenv("MRA_TEST_PASSWORD", "core-dump-secret", 1);
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execl(MRA_BINARY, MRA_BINARY, "run", "example.com", "--resolver", resolver.c_str(), "--timeout", "5",
                "--user", "test1", "--password-env", "MRA_TEST_PASSWORD", nullptr);
        ::_exit(127);
    }
    std::string limits;
    for (int attempt = 0; attempt < 150 && limits != "0 0"; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        limits = core_limits(child);
    }
    CHECK(limits == "0 0");
    // Not dumpable: /proc/PID/status belongs to root then, and SIGABRT leaves no core behind.
    ::kill(child, SIGABRT);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK_FALSE(WCOREDUMP(status));
    CHECK(std::filesystem::is_empty(directory.path()));
}
