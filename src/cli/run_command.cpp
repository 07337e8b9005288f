#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/fleet.hpp"
#include "cli/history_recorder.hpp"
#include "cli/options.hpp"
#include "cli/run_options.hpp"
#include "core/assess.hpp"
#include "facts/capture.hpp"
#include "util/input_error.hpp"
#include "util/time.hpp"

namespace mra::cli {

int run_command(int argc, const char* const* argv) {
    const auto entered = Deadline::Clock::now();
    const std::int64_t started = unix_now_ms();
    cxxopts::Options options = deployment_options();
    add_fleet_options(options);
    add_history_option(options);
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    if (parsed->count("targets")) return run_fleet(*parsed, started);
    const auto destinations = destinations_of(*parsed);
    auto history = history_recorder_of(*parsed);  // before the network: a bad database fails the run now
    const auto progress = ::isatty(STDERR_FILENO) == 1
                              ? [](const std::string& line) { std::cerr << "… " << line << "\n"; }
                              : std::function<void(const std::string&)>();
    Report report = run_deployment(deployment_settings(*parsed), entered, started, progress);
    if (history) history->record(report);
    return deliver(report, destinations);
}

int replay_command(int argc, const char* const* argv) {
    cxxopts::Options options("mra-preflight replay",
                             "Evaluate a capture again, offline: the same report as the run that saved it.");
    options.positional_help("CAPTURE");
    options.add_options()("capture", "a file written by run --save-capture", cxxopts::value<std::string>());
    add_report_options(options, "");
    add_history_option(options);
    options.parse_positional({"capture"});
    const auto parsed = parse(options, argc, argv);
    if (!parsed) return 0;
    if (!parsed->count("capture")) throw InputError("replay needs a CAPTURE file (see mra-preflight replay --help)");

    const auto destinations = destinations_of(*parsed);
    auto history = history_recorder_of(*parsed);
    const facts::Capture capture = facts::read_capture((*parsed)["capture"].as<std::string>());
    const std::string profile_name = (*parsed)["profile"].as<std::string>();
    const Profile profile = load_profile(profile_name.empty() ? capture.profile : profile_name, catalogue());
    Report report = assess(capture.command, capture.facts, profile, capture.started_at_ms);
    report.duration_ms = capture.duration_ms;  // the run's, so that the report is the run's
    if (history) history->record(report);
    return deliver(report, destinations);
}

}  // namespace mra::cli
