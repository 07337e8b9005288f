#pragma once
// Where reports go: each requested format to standard output or to its own file (atomically).

#include <string>
#include <vector>

#include "core/report.hpp"

namespace mra::report {

enum class Format { text, json, junit, html, prometheus, nagios };

struct Destination {
    Format format;
    std::string path;      // empty: standard output
    bool verbose = false;  // text: every finding, not one line per stage of what passed
};

// "--format FMT[=FILE]" values plus "--output FILE" → destinations. InputError on an unknown
// format or contradictions (two formats on standard output, --output with several formats).
std::vector<Destination> parse_destinations(const std::vector<std::string>& formats, const std::string& output);

// A fleet target's destinations: each format (json when none is given) to DIRECTORY/NAME.EXT.
// InputError for a format given with its own file, which a fleet cannot honour.
std::vector<Destination> destinations_in(const std::vector<std::string>& formats, const std::string& directory,
                                         const std::string& name);

void write_report(const Report& report, const std::vector<Destination>& destinations);

}  // namespace mra::report
