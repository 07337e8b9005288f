#pragma once
// cxxopts plumbing shared by the subcommands.

#define CXXOPTS_VECTOR_DELIMITER '\0'  // file names may contain commas; repeat the option instead
#include <cxxopts.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report.hpp"
#include "report/output.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::cli {

// Parses, turning cxxopts' exceptions into InputError "mra-preflight CMD: …"; prints help and
// returns nullopt for --help.
std::optional<cxxopts::ParseResult> parse(cxxopts::Options& options, int argc, const char* const* argv);

// An option's value names a file when its argument is declared "FILE", a duration in seconds when
// "SECONDS" (the help shows them so, and a fleet file reads such keys as paths and numbers).
inline constexpr const char* file_argument = "FILE";
inline constexpr const char* seconds_argument = "SECONDS";

// --ca-bundle FILE and --at TIME: what certificates are judged against, and when.
void add_trust_options(cxxopts::Options& options);

// The trust anchors of --ca-bundle, else the system store. InputError when the file cannot be used.
x509::TrustStore trust_store_of(const cxxopts::ParseResult& parsed);

// --at: RFC 3339, relative to now ("+30d": what fails in 30 days if nothing changes), or now when
// absent. InputError when malformed.
std::int64_t evaluation_time(const cxxopts::ParseResult& parsed);

// --timeout SECONDS (default `default_seconds`), the time `scope` ("the whole run") may take.
void add_timeout_option(cxxopts::Options& options, const std::string& scope, const std::string& default_seconds);

// --timeout: seconds, more than 0 and at most an hour; InputError otherwise.
double timeout_of(const cxxopts::ParseResult& parsed);

// The probes' deadline. The timeout bounds the whole command (or one target of a fleet) as whoever
// runs it measures it: the probes get what is left of it since `entered`, when that began, less a
// reserve for judging and writing the report.
Deadline probe_deadline(double timeout_seconds, Deadline::Clock::time_point entered);

// Writes the report to its destinations, says each input error on stderr, returns the exit code.
int deliver(const Report& report, const std::vector<report::Destination>& destinations);

// --expressway-version X15.4: the Expressway version the certificate verdicts depend on (cert.eku).
// expressway_version_of gives it as "X15.4.0", or "" when absent; InputError when it is not a version.
void add_expressway_version_option(cxxopts::Options& options);
std::string expressway_version_of(const cxxopts::ParseResult& parsed);

// The shared report options: --profile, --format, --output, --verbose. All but --profile say where
// and how a report is written (a fleet's, not each target's: destination_options).
void add_report_options(cxxopts::Options& options, const std::string& default_profile);
inline const std::vector<std::string> destination_options{"format", "output", "verbose"};
std::vector<report::Destination> destinations_of(const cxxopts::ParseResult& parsed);

template <typename T>
std::optional<T> optional_value(const cxxopts::ParseResult& parsed, const std::string& name) {
    if (!parsed.count(name)) return std::nullopt;
    return parsed[name].as<T>();
}

template <typename T>
T value_or(const cxxopts::ParseResult& parsed, const std::string& name, T fallback) {
    return parsed.count(name) ? parsed[name].as<T>() : fallback;
}

}  // namespace mra::cli
