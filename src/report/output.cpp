#include "report/output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "report/html_writer.hpp"
#include "report/json_writer.hpp"
#include "report/junit_writer.hpp"
#include "report/nagios_writer.hpp"
#include "report/prometheus_writer.hpp"
#include "report/text_writer.hpp"
#include "util/atomic_file.hpp"
#include "util/input_error.hpp"

namespace mra::report {
namespace {

Format parse_format(const std::string& name) {
    if (name == "text") return Format::text;
    if (name == "json") return Format::json;
    if (name == "junit") return Format::junit;
    if (name == "html") return Format::html;
    if (name == "prometheus") return Format::prometheus;
    if (name == "nagios") return Format::nagios;
    throw InputError("--format: unknown format '" + name + "' (known: text, json, junit, html, prometheus, nagios)");
}

bool colour_on_stdout() {
    const char* no_colour = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) == 1 && !(no_colour && *no_colour);
}

std::string render(const Report& report, const Destination& destination) {
    switch (destination.format) {
        case Format::json:
            return render_json(report);
        case Format::text:
            return render_text(
                report, {.colour = destination.path.empty() && colour_on_stdout(), .verbose = destination.verbose});
        case Format::junit:
            return render_junit(report);
        case Format::html:
            return render_html(report);
        case Format::prometheus:
            return render_prometheus(report);
        case Format::nagios:
            return render_nagios(report);
    }
    return {};
}

std::string_view extension_of(Format format) {
    switch (format) {
        case Format::text:
            return "txt";
        case Format::json:
            return "json";
        case Format::junit:
            return "junit.xml";
        case Format::html:
            return "html";
        case Format::prometheus:
            return "prom";  // what node_exporter's textfile collector reads
        case Format::nagios:
            return "nagios.txt";
    }
    return "out";
}

}  // namespace

std::vector<Destination> destinations_in(const std::vector<std::string>& formats, const std::string& directory,
                                         const std::string& name) {
    std::vector<Destination> destinations;
    for (const auto& value : formats.empty() ? std::vector<std::string>{"json"} : formats) {
        if (value.find('=') != std::string::npos)
            throw InputError("--format " + value + ": a fleet writes each target's reports to --output-dir");
        const Format format = parse_format(value);
        destinations.push_back(
            {format, (std::filesystem::path(directory) / (name + "." + std::string(extension_of(format)))).string()});
    }
    return destinations;
}

std::vector<Destination> parse_destinations(const std::vector<std::string>& formats, const std::string& output) {
    std::vector<Destination> destinations;
    for (const auto& value : formats) {
        const auto equals = value.find('=');
        destinations.push_back(
            {parse_format(value.substr(0, equals)), equals == std::string::npos ? "" : value.substr(equals + 1)});
        if (equals != std::string::npos && destinations.back().path.empty())
            throw InputError("--format " + value + ": no file after '='");
    }
    if (destinations.empty()) destinations.push_back({Format::text, ""});
    std::size_t on_stdout = 0;
    for (auto& destination : destinations)
        if (destination.path.empty()) {
            if (!output.empty()) destination.path = output;
            ++on_stdout;
        }
    if (on_stdout > 1)
        throw InputError(
            output.empty()
                ? "several formats would share standard output: give each its own file with --format FMT=FILE"
                : "--output names one file but several formats have none: use --format FMT=FILE");
    return destinations;
}

void write_report(const Report& report, const std::vector<Destination>& destinations) {
    // One destination that cannot be written costs no other: each is tried, then the first
    // failure is the one line the user sees.
    std::optional<InputError> failure;
    std::size_t failures = 0;
    for (const auto& destination : destinations) {
        try {
            const std::string content = render(report, destination);
            if (destination.path.empty() || destination.path == "-") {
                std::cout << content << std::flush;
                if (!std::cout) throw InputError("cannot write the report to standard output");
            } else {
                write_file_atomically(destination.path, content);
            }
        } catch (const InputError& error) {
            if (!failure) failure = error;
            ++failures;
        }
    }
    if (failures > 1)
        throw InputError(std::string(failure->what()) + " (and " + std::to_string(failures - 1) + " more)");
    if (failure) throw *failure;
}

}  // namespace mra::report
