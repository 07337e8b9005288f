// Nagios/Icinga plugin output: a status line whose state is the exit code's, performance data
// the plugin guidelines' parsers accept, with counts as in the JSON report of the same run.

#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <sstream>

#include "report/fake_report.hpp"
#include "report/nagios_writer.hpp"
#include "report/real_reports.hpp"

namespace {

// label=value[UOM];[warn];[crit];[min];[max], value a number or U (unknown).
std::map<std::string, std::string> perfdata_values(const std::string& perfdata) {
    static const std::regex item(R"(([a-z_]+)=(U|-?[0-9]+(\.[0-9]+)?)(s|%)?(;[0-9.]*){0,4})");
    std::map<std::string, std::string> values;
    std::istringstream words(perfdata);
    for (std::string word; words >> word;) {
        std::smatch match;
        CHECK_MESSAGE(std::regex_match(word, match, item), "bad perfdata item: ", word);
        if (!match.empty()) values[match[1]] = match[2];
    }
    return values;
}

}  // namespace

TEST_CASE("nagios: the status line's state is the exit code's, perfdata counts as in the JSON report") {
    static const std::regex status_line(R"(MRA-PREFLIGHT (OK|WARNING|CRITICAL|UNKNOWN) - ([^|\n]+) \| ([^|\n]+))");
    const std::map<std::string, int> exit_of = {{"OK", 0}, {"WARNING", 1}, {"CRITICAL", 2}, {"UNKNOWN", 3}};
    for (const auto& report : mra::test::real_reports("nagios")) {
        CAPTURE(report.name);
        CAPTURE(report.outcome.out);
        const std::string& out = report.outcome.out;
        const std::string first = out.substr(0, out.find('\n'));
        std::smatch match;
        REQUIRE(std::regex_match(first, match, status_line));
        CHECK(exit_of.at(match[1]) == report.outcome.exit_code);

        const auto values = perfdata_values(match[3]);
        CHECK(values.at("score") ==
              (report.json["score"].is_null() ? "U" : std::to_string(report.json["score"].get<int>())));
        for (const auto& [status, count] : report.json["counts"].items())
            CHECK(values.at(status) == std::to_string(count.get<int>()));
        CHECK(values.count("duration") == 1);

        // Long text: one line per fail, error and warn (then per input error), nothing else.
        const auto& counts = report.json["counts"];
        const std::size_t problems = counts["fail"].get<std::size_t>() + counts["error"].get<std::size_t>() +
                                     counts["warn"].get<std::size_t>() + report.json["errors"].size();
        CHECK(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) == 1 + problems);
        CHECK(out.back() == '\n');
    }
}

TEST_CASE("nagios: hostile text cannot add lines or start the perfdata early") {
    mra::Report report = mra::test::fake_report();
    report.input_errors = {"cannot read a|b\nc"};
    report.score.reset();
    report.grade.reset();
    report.score_withheld_because = "required check x did not run";
    const std::string out = mra::report::render_nagios(report);
    CAPTURE(out);
    // Status line, one line for the fail, the error and the warn, one for the input error.
    CHECK(std::count(out.begin(), out.end(), '\n') == 5);
    const std::string first = out.substr(0, out.find('\n'));
    CHECK(std::count(first.begin(), first.end(), '|') == 1);
    CHECK(first.find("score=U;;;0;100 pass=1 info=1 warn=1 fail=1 error=1 not_applicable=1 not_run=1 "
                     "duration=1.234s;;;0") != std::string::npos);
    CHECK(first.find("score withheld: required check x did not run") != std::string::npos);
    CHECK(out.find("FAIL cert.expiry exp\"e1:8443 leaf: a<b>&\"c'\\d/e f") != std::string::npos);
}
