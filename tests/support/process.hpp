#pragma once
// Runs the mra-preflight binary as a user would, capturing exit code, stdout and stderr.

#include <fcntl.h>
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
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Runs `program` with `args`. `directory`: the working directory of the child ("" keeps ours).
// `environment` adds KEY=VALUE.
inline Outcome run_program(const std::string& program, const std::vector<std::string>& args,
                           const std::string& directory = "", const std::vector<std::string>& environment = {}) {
    char out_path[] = "/tmp/mra-test-out-XXXXXX";
    char err_path[] = "/tmp/mra-test-err-XXXXXX";
    const int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
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
    int status = 0;
    waitpid(child, &status, 0);
    close(out_fd);
    close(err_fd);
    Outcome outcome{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out_path), slurp(err_path)};
    std::remove(out_path);
    std::remove(err_path);
    return outcome;
}

// Runs mra-preflight itself.
inline Outcome run_tool(const std::vector<std::string>& args, const std::string& directory = "",
                        const std::vector<std::string>& environment = {}) {
    return run_program(MRA_BINARY, args, directory, environment);
}

}  // namespace mra::test
