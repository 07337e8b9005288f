// Fleet files (run --targets FILE): read_targets reads a path, so each input is written to a
// private file first. toml++ parses it and the reader turns it into `run` arguments.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cli/targets_file.hpp"
#include "fuzz.hpp"
#include "util/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = [] {
        std::string p = "/tmp/mra-targets-fuzz-" + std::to_string(::getpid()) + ".toml";
        std::atexit([] { std::remove(("/tmp/mra-targets-fuzz-" + std::to_string(::getpid()) + ".toml").c_str()); });
        return p;
    }();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        (void)mra::cli::read_targets(path);
    } catch (const mra::InputError&) {
    }
    return 0;
}
