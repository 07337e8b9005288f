#include "cli/options.hpp"

#include <iostream>

#include "util/input_error.hpp"
#include "util/time.hpp"

namespace mra::cli {

std::optional<cxxopts::ParseResult> parse(cxxopts::Options& options, int argc, const char* const* argv) {
    options.add_options()("h,help", "show this help");
    try {
        auto parsed = options.parse(argc, argv);
        if (parsed.count("help")) {
            std::cout << options.help();
            return std::nullopt;
        }
        return parsed;
    } catch (const cxxopts::exceptions::exception& error) {
        throw InputError(options.program() + ": " + error.what() + " (see " + options.program() + " --help)");
    }
}

std::int64_t evaluation_time(const cxxopts::ParseResult& parsed) {
    if (!parsed.count("at")) return unix_now();
    const auto text = parsed["at"].as<std::string>();
    const auto time = parse_rfc3339(text);
    if (!time) throw InputError("--at: '" + text + "' is not an RFC 3339 time such as 2027-01-15T00:00:00Z");
    return *time;
}

}  // namespace mra::cli
