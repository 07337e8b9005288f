// A report file is whole or absent: `replay` killed (SIGKILL, which nothing can catch) at moments
// spread over its whole life, including while it writes its reports, never leaves a partial file,
// and a report it replaces stays whole until the new one is complete. A kill between naming the
// finished temporary file and renaming it into place (two system calls) can leave it, whole; the
// next write of that report removes it.

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "fixtures.hpp"
#include "support/process.hpp"
#include "support/scratch_dir.hpp"

namespace {

using namespace std::chrono;

const std::vector<std::string> names{"report.json", "report.txt", "report.xml"};

std::vector<std::string> replay_into(const mra::test::ScratchDir& directory, const std::string& capture) {
    return {"replay",   mra::test::fixture("captures/" + capture), "--format", "json=" + (directory / "report.json"),
            "--format", "text=" + (directory / "report.txt"),      "--format", "junit=" + (directory / "report.xml")};
}

// Starts the tool, kills it after `delay`, and waits for it.
void run_and_kill(const std::vector<std::string>& args, microseconds delay) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::vector<char*> argv{const_cast<char*>(MRA_BINARY)};
        for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        ::execv(MRA_BINARY, argv.data());
        ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
}

}  // namespace

TEST_CASE("reports killed mid-run or mid-write: each file is the old one or the new one, whole") {
    // The old reports (another capture) and the new ones (what an uninterrupted run writes).
    const mra::test::ScratchDir old_reports, new_reports, directory;
    REQUIRE(mra::test::run_tool(replay_into(old_reports, "cert-md5.json")).exit_code == 2);
    const auto start = steady_clock::now();
    REQUIRE(mra::test::run_tool(replay_into(new_reports, "healthy.json")).exit_code == 0);
    const auto lifetime = duration_cast<microseconds>(steady_clock::now() - start);

    int untouched = 0, partly = 0, complete = 0, orphans = 0;
    constexpr int kills = 60;
    for (int i = 0; i < kills; ++i) {
        for (const auto& name : names)
            std::filesystem::copy_file(old_reports / name, directory / name,
                                       std::filesystem::copy_options::overwrite_existing);
        run_and_kill(replay_into(directory, "healthy.json"), lifetime * (i + 1) / kills);
        int replaced = 0;
        for (const auto& name : names) {
            const std::string content = mra::test::slurp(directory / name);
            const bool is_new = content == mra::test::slurp(new_reports / name);
            CHECK_MESSAGE((is_new || content == mra::test::slurp(old_reports / name)),
                          name << " is neither the old report nor the new one after a kill at " << i);
            replaced += is_new;
        }
        for (const auto& entry : std::filesystem::directory_iterator(directory.path())) {
            const std::string name = entry.path().filename().string();
            if (std::find(names.begin(), names.end(), name) != names.end()) continue;
            CHECK_MESSAGE(name.starts_with(".report."), "debris after a kill at " << i << ": " << name);
            ++orphans;
        }
        (replaced == 0 ? untouched : replaced == 3 ? complete : partly)++;
    }
    // Where the kills landed: before any report, between reports, after all of them.
    MESSAGE("kills before the reports: " << untouched << ", between them: " << partly << ", after: " << complete
                                         << "; temporary files left and removed by the next run: " << orphans);
    REQUIRE(mra::test::run_tool(replay_into(directory, "healthy.json")).exit_code == 0);
    CHECK(std::distance(std::filesystem::directory_iterator(directory.path()), {}) == 3);  // no debris
}
