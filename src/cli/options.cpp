#include "cli/options.hpp"

#include <algorithm>
#include <iostream>

#include "facts/expressway_version.hpp"
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

void add_trust_options(cxxopts::Options& options) {
    options.add_options()("ca-bundle", "trust anchors (PEM); default: the system store", cxxopts::value<std::string>(),
                          file_argument)("at",
                                         "judge validity as of this RFC 3339 time, or one relative to now such as +30d",
                                         cxxopts::value<std::string>(), "TIME");
}

x509::TrustStore trust_store_of(const cxxopts::ParseResult& parsed) {
    const auto bundle = optional_value<std::string>(parsed, "ca-bundle");
    return bundle ? x509::TrustStore::from_file(*bundle) : x509::TrustStore::system();
}

void add_timeout_option(cxxopts::Options& options, const std::string& scope, const std::string& default_seconds) {
    options.add_options()("timeout", "seconds " + scope + " may take",
                          cxxopts::value<double>()->default_value(default_seconds), seconds_argument);
}

double timeout_of(const cxxopts::ParseResult& parsed) {
    const double seconds = parsed["timeout"].as<double>();
    if (!(seconds > 0 && seconds <= 3600)) throw InputError("--timeout must be between 0 and 3600 seconds");
    return seconds;
}

Deadline probe_deadline(double timeout_seconds, Deadline::Clock::time_point entered) {
    using std::chrono::milliseconds;
    const milliseconds budget(static_cast<long>(timeout_seconds * 1000));
    // Judging and writing take milliseconds; the rest of the reserve absorbs the probes' own
    // overshoot (a poll that wakes late, threads joining).
    const milliseconds reserve = std::min(budget / 20, milliseconds(250));
    const auto spent = std::chrono::duration_cast<milliseconds>(Deadline::Clock::now() - entered);
    return Deadline(std::max(milliseconds(0), budget - reserve - spent));
}

int deliver(const Report& report, const std::vector<report::Destination>& destinations) {
    report::write_report(report, destinations);
    for (const auto& error : report.input_errors) std::cerr << "mra-preflight: error: " << error << "\n";
    return exit_code(report.verdict);
}

void add_expressway_version_option(cxxopts::Options& options) {
    options.add_options()("expressway-version",
                          "the Expressway version (X15.4): from X15.4 an Expressway-E certificate needs no clientAuth",
                          cxxopts::value<std::string>());
}

std::string expressway_version_of(const cxxopts::ParseResult& parsed) {
    if (!parsed.count("expressway-version")) return "";
    const auto text = parsed["expressway-version"].as<std::string>();
    const auto version = facts::parse_expressway_version(text);
    if (!version)
        throw InputError("--expressway-version: '" + text + "' is not an Expressway version such as X15.4 or X15.4.0");
    return version->text();
}

void add_report_options(cxxopts::Options& options, const std::string& default_profile) {
    options.add_options()("profile", "profile name or file",
                          cxxopts::value<std::string>()->default_value(default_profile))(
        "format", "text, json, junit, html, prometheus or nagios, optionally =FILE (repeatable)",
        cxxopts::value<std::vector<std::string>>())("output", "write the report to FILE instead of standard output",
                                                    cxxopts::value<std::string>())(
        "verbose", "the text report lists every finding, passes included, and every subject's evidence");
}

std::vector<report::Destination> destinations_of(const cxxopts::ParseResult& parsed) {
    auto destinations = report::parse_destinations(value_or(parsed, "format", std::vector<std::string>{}),
                                                   value_or(parsed, "output", std::string{}));
    for (auto& destination : destinations) destination.verbose = parsed.count("verbose") > 0;
    return destinations;
}

std::int64_t evaluation_time(const cxxopts::ParseResult& parsed) {
    if (!parsed.count("at")) return unix_now();
    const auto text = parsed["at"].as<std::string>();
    auto time = parse_rfc3339(text);
    if (!time) time = parse_relative_time(text, unix_now());
    if (!time)
        throw InputError("--at: '" + text +
                         "' is neither an RFC 3339 time such as 2027-01-15T00:00:00Z nor a relative one such as +30d");
    return *time;
}

}  // namespace mra::cli
