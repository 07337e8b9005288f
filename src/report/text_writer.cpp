#include "report/text_writer.hpp"

#include <algorithm>
#include <sstream>

#include "util/time.hpp"

namespace mra::report {
namespace {

const char* colour_of(Status status) {
    switch (status) {
        case Status::pass:
            return "\033[32m";
        case Status::warn:
            return "\033[33m";
        case Status::fail:
        case Status::error:
            return "\033[31m";
        case Status::info:
            return "\033[36m";
        default:
            return "\033[2m";
    }
}

bool is_problem(Status status) {
    return status == Status::warn || status == Status::fail || status == Status::error;
}

std::string upper(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), [](unsigned char c) { return std::toupper(c); });
    return result;
}

// Short, fixed-width status labels for the one-line-per-finding listing.
std::string label(Status status) {
    switch (status) {
        case Status::not_applicable:
            return "N/A";
        case Status::not_run:
            return "NOT RUN";
        default:
            break;
    }
    return upper(to_string(status));
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

// Evidence values are shown as compact JSON text on one line each.
void write_evidence(std::ostringstream& out, const Evidence& evidence) {
    for (const auto& [key, value] : evidence.items())
        out << "        " << key << ": "
            << (value.is_string() ? value.get<std::string>()
                                  : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
            << "\n";
}

}  // namespace

std::string render_text(const Report& report, TextStyle style) {
    std::ostringstream out;
    auto paint = [&](Status status, std::string_view text) {
        return style.colour ? std::string(colour_of(status)) + std::string(text) + "\033[0m" : std::string(text);
    };

    out << "mra-preflight " << MRA_VERSION << " — " << report.command << " " << report.target << "\n";
    out << "profile " << report.profile << ", evaluated at " << rfc3339(report.evaluated_at) << "\n\n";

    std::vector<const Finding*> problems, others;
    for (const Finding& finding : report.findings)
        (is_problem(finding.result.status) ? problems : others).push_back(&finding);

    for (const Finding* finding : problems) {
        const Result& result = finding->result;
        out << paint(result.status, label(result.status)) << "  " << finding->check->id << " ["
            << to_string(finding->severity) << "]" << (result.subject.empty() ? "" : "  " + result.subject) << "\n";
        out << "      " << result.message << "\n";
        write_evidence(out, result.evidence);
        out << "      fix: " << finding->check->remediation << "\n";
        out << "      see: " << finding->check->citation << "\n\n";
    }
    for (const Finding* finding : others) {
        const Result& result = finding->result;
        out << paint(result.status, padded(label(result.status), 9)) << padded(std::string(finding->check->id), 26)
            << (result.subject.empty() ? "" : result.subject + ": ") << result.message << "\n";
    }

    for (const auto& error : report.input_errors) out << "\nerror: " << error << "\n";
    out << "\nstatus " << upper(to_string(report.verdict));
    if (report.score)
        out << ", score " << *report.score << "/100, grade " << *report.grade;
    else
        out << ", score withheld: " << report.score_withheld_because;
    std::size_t counts[7] = {};
    for (const Finding& finding : report.findings) ++counts[static_cast<int>(finding.result.status)];
    out << " (" << counts[0] << " pass, " << counts[1] << " info, " << counts[2] << " warn, " << counts[3] << " fail, "
        << counts[4] << " error, " << counts[5] << " not applicable, " << counts[6] << " not run)\n";
    return out.str();
}

}  // namespace mra::report
