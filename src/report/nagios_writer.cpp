#include "report/nagios_writer.hpp"

#include <algorithm>

#include "util/one_line.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

// Plugin text is one line per entry, and '|' would start the performance data.
std::string plugin_text(std::string_view text, std::size_t max_bytes = 200) {
    std::string result = one_line(valid_utf8(text), max_bytes);
    std::replace(result.begin(), result.end(), '|', '/');
    return result;
}

}  // namespace

std::string render_nagios(const Report& report) {
    const auto counts = count_statuses(report.findings);
    auto count = [&](Status status) { return counts[static_cast<std::size_t>(status)]; };

    std::string summary = report.target + ": ";
    if (!report.input_errors.empty()) summary += report.input_errors.front() + "; ";
    summary += std::to_string(count(Status::fail) + count(Status::error)) + " failed, " +
               std::to_string(count(Status::warn)) + " warned, " + std::to_string(count(Status::pass)) + " passed; ";
    summary += report.score ? "score " + std::to_string(*report.score) + "/100 grade " + *report.grade
                            : "score withheld: " + report.score_withheld_because;

    // Perfdata: 'U' is the plugin guidelines' value for "could not be determined".
    std::string perfdata = "score=" + (report.score ? std::to_string(*report.score) : std::string("U")) + ";;;0;100";
    for (Status status : all_statuses)
        perfdata += " " + std::string(to_string(status)) + "=" + std::to_string(count(status));
    perfdata += " duration=" + decimal_seconds(report.duration_ms) + "s;;;0";

    std::string out = "MRA-PREFLIGHT " + upper_case(to_string(report.verdict)) + " - " + plugin_text(summary, 400) +
                      " | " + perfdata + "\n";
    // Long text: the problems, worst first, as the text report orders them.
    for (Status status : {Status::fail, Status::error, Status::warn})
        for (const Finding& finding : report.findings)
            if (finding.result.status == status)
                out += plugin_text(upper_case(to_string(status)) + " " + std::string(finding.check->id) +
                                   (finding.result.subject.empty() ? "" : " " + finding.result.subject.name()) + ": " +
                                   finding.result.message) +
                       "\n";
    for (const auto& error : report.input_errors) out += plugin_text("ERROR " + error) + "\n";
    return out;
}

}  // namespace mra::report
