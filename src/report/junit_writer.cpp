#include "report/junit_writer.hpp"

#include <tinyxml2.h>

#include "report/finding_text.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

// XML 1.0 cannot carry invalid UTF-8 or most control characters, not even escaped, and a hostile
// certificate's subject may hold both: they become U+FFFD. (tinyxml2 escapes <, >, &, quotes only.)
// In attributes a line break would be read back as a space (XML's attribute normalisation), and
// tinyxml2 does not write &#10;: attributes are kept to one line.
std::string xml_text(std::string_view text, bool attribute = false) {
    std::string result;
    for (const char c : printable_utf8(text)) result += attribute && (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    return result;
}

void set(tinyxml2::XMLElement* element, const char* name, std::string_view value) {
    element->SetAttribute(name, xml_text(value, true).c_str());
}

// The body of a <failure>/<error>: what a CI page shows under the message.
std::string details(const Finding& finding) {
    std::string text = finding.result.message + "\n";
    for (const auto& [key, value] : finding.result.evidence.items()) text += key + ": " + evidence_text(value) + "\n";
    text += "fix: " + std::string(finding.check->remediation) + "\nsee: " + std::string(finding.check->citation) + "\n";
    return text;
}

}  // namespace

std::string render_junit(const Report& report) {
    tinyxml2::XMLDocument document;
    document.InsertEndChild(document.NewDeclaration());  // <?xml version="1.0" encoding="UTF-8"?>
    auto* suites = document.NewElement("testsuites");
    document.InsertEndChild(suites);
    set(suites, "name", "mra-preflight");
    auto* suite = suites->InsertNewChildElement("testsuite");
    set(suite, "name", report.target);

    int failures = 0, errors = 0, skipped = 0;
    auto* properties = suite->InsertNewChildElement("properties");
    auto property = [&](const char* name, std::string_view value) {
        auto* element = properties->InsertNewChildElement("property");
        set(element, "name", name);
        set(element, "value", value);
    };
    property("command", report.command);
    property("profile", report.profile);
    property("status", to_string(report.verdict));
    property("score", report.score ? std::to_string(*report.score) : "withheld");
    if (report.grade) property("grade", *report.grade);
    if (!report.score) property("score_withheld_because", report.score_withheld_because);
    property("evaluated_at", rfc3339(report.evaluated_at));

    for (const Finding& finding : report.findings) {
        const Result& result = finding.result;
        auto* testcase = suite->InsertNewChildElement("testcase");
        set(testcase, "classname", finding.check->id);
        // A check that does not apply has no subject; a testcase needs a name: the check id then.
        set(testcase, "name", result.subject.empty() ? finding.check->id : result.subject.name());
        testcase->SetAttribute("time", "0");
        switch (result.status) {
            case Status::fail:
            case Status::error: {
                auto* outcome = testcase->InsertNewChildElement(result.status == Status::fail ? "failure" : "error");
                set(outcome, "message", result.message);
                set(outcome, "type", result.status == Status::fail ? to_string(finding.severity) : "error");
                outcome->SetText(xml_text(details(finding)).c_str());
                ++(result.status == Status::fail ? failures : errors);
                break;
            }
            case Status::not_run:
            case Status::not_applicable: {
                auto* outcome = testcase->InsertNewChildElement("skipped");
                set(outcome, "message", std::string(to_string(result.status)) + ": " + result.message);
                ++skipped;
                break;
            }
            case Status::warn:
                testcase->InsertNewChildElement("system-out")->SetText(xml_text("warn: " + result.message).c_str());
                break;
            case Status::pass:
            case Status::info:
                break;
        }
    }
    // Inputs that could not be judged are no finding; CI still shows them with the suite.
    if (!report.input_errors.empty()) {
        std::string text;
        for (const auto& error : report.input_errors) text += "error: " + error + "\n";
        suite->InsertNewChildElement("system-err")->SetText(xml_text(text).c_str());
    }

    for (auto* element : {suites, suite}) {
        element->SetAttribute("tests", static_cast<int>(report.findings.size()));
        element->SetAttribute("failures", failures);
        element->SetAttribute("errors", errors);
        element->SetAttribute("skipped", skipped);
        element->SetAttribute("time", decimal_seconds(report.duration_ms).c_str());
    }
    // JUnit's timestamp is an ISO 8601 local time without a zone: the UTC time, "Z" dropped.
    std::string timestamp = rfc3339(report.started_at_ms / 1000);
    timestamp.pop_back();
    set(suite, "timestamp", timestamp);

    tinyxml2::XMLPrinter printer;
    document.Print(&printer);
    return printer.CStr();
}

}  // namespace mra::report
