#pragma once
// Runs the mra-preflight binary as a user would, capturing exit code, stdout and stderr.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace mra::test {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
    long max_rss_kib = 0;  // the most memory it held resident at once (getrusage's ru_maxrss)
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Starts `program` with `args`, standard input from /dev/null and its output to `out_fd` and
// `err_fd`. `directory`: the working directory of the child ("" keeps ours). `environment` adds
// KEY=VALUE.
inline pid_t spawn(const std::string& program, const std::vector<std::string>& args, int out_fd, int err_fd,
                   const std::string& directory = "", const std::vector<std::string>& environment = {}) {
    const pid_t child = fork();
    if (child == 0) {
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        const int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        if (!directory.empty() && chdir(directory.c_str()) != 0) _exit(127);
        for (const auto& variable : environment) putenv(const_cast<char*>(variable.c_str()));
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    return child;
}

// Waits for a child: its exit code, or 128 + the signal that ended it; its peak resident memory in
// `max_rss_kib` when given.
inline int finish(pid_t child, long* max_rss_kib = nullptr) {
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    if (max_rss_kib) *max_rss_kib = usage.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs `program` with `args` to its end (see spawn).
inline Outcome run_program(const std::string& program, const std::vector<std::string>& args,
                           const std::string& directory = "", const std::vector<std::string>& environment = {}) {
    char out_path[] = "/tmp/mra-test-out-XXXXXX";
    char err_path[] = "/tmp/mra-test-err-XXXXXX";
    const int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
    long max_rss_kib = 0;
    const int exit_code = finish(spawn(program, args, out_fd, err_fd, directory, environment), &max_rss_kib);
    close(out_fd);
    close(err_fd);
    Outcome outcome{exit_code, slurp(out_path), slurp(err_path), max_rss_kib};
    std::remove(out_path);
    std::remove(err_path);
    return outcome;
}

// Starts mra-preflight with `args` and returns at once, its output discarded; finish() waits for it.
inline pid_t start_tool(const std::vector<std::string>& args) {
    const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    const pid_t child = spawn(MRA_BINARY, args, null, null);
    close(null);
    return child;
}

// Runs mra-preflight itself.
inline Outcome run_tool(const std::vector<std::string>& args, const std::string& directory = "",
                        const std::vector<std::string>& environment = {}) {
    return run_program(MRA_BINARY, args, directory, environment);
}

}  // namespace mra::test
