// The Prometheus textfile: parsed line by line by the rules of text exposition format 0.0.4 (what
// node_exporter's textfile collector enforces: HELP and TYPE once and before their samples, a
// metric's samples together, label values escaped, no duplicate series), and its values held
// against the JSON report of the same run.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "report/fake_report.hpp"
#include "report/prometheus_writer.hpp"
#include "report/real_reports.hpp"

namespace {

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;  // unescaped
    double value;
};

// Label pairs name="value", comma-separated; in values only \\, \" and \n are escapes. Returns
// false on anything else.
bool parse_labels(const std::string& text, std::map<std::string, std::string>& labels) {
    static const std::regex name(R"([a-zA-Z_][a-zA-Z0-9_]*)");
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t equals = text.find('=', at);
        if (equals == std::string::npos || !std::regex_match(text.substr(at, equals - at), name)) return false;
        if (equals + 1 >= text.size() || text[equals + 1] != '"') return false;
        std::string value;
        std::size_t i = equals + 2;
        for (; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] == '\n') return false;
            if (text[i] != '\\') {
                value += text[i];
                continue;
            }
            if (++i == text.size()) return false;
            if (text[i] == 'n')
                value += '\n';
            else if (text[i] == '\\' || text[i] == '"')
                value += text[i];
            else
                return false;
        }
        if (i == text.size()) return false;
        if (!labels.emplace(text.substr(at, equals - at), value).second) return false;
        at = i + 1;
        if (at < text.size() && text[at++] != ',') return false;
    }
    return true;
}

// Parses and checks the exposition rules; the samples in order.
std::vector<Sample> parse_exposition(const std::string& text) {
    static const std::regex comment(R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+))");
    static const std::regex sample(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+))");
    REQUIRE((!text.empty() && text.back() == '\n'));
    std::vector<Sample> samples;
    std::set<std::string> helped, typed, finished, series;
    std::string current;  // the metric whose samples are being read
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        CAPTURE(line);
        std::smatch match;
        if (std::regex_match(line, match, comment)) {
            const std::string name = match[2];
            CHECK(std::none_of(samples.begin(), samples.end(), [&](const Sample& s) { return s.name == name; }));
            CHECK((match[1] == "HELP" ? helped : typed).insert(name).second);
            if (match[1] == "TYPE") CHECK(match[3] == "gauge");
            if (name != current && !current.empty()) finished.insert(current);
            current = name;
            continue;
        }
        REQUIRE(std::regex_match(line, match, sample));
        Sample parsed{match[1], {}, 0};
        REQUIRE(parse_labels(match[2], parsed.labels));
        CHECK(typed.count(parsed.name) == 1);   // TYPE before samples
        CHECK(helped.count(parsed.name) == 1);  // HELP too
        CHECK(finished.count(parsed.name) == 0);
        CHECK(parsed.name == current);  // a metric's samples together
        const std::string value = match[3];
        if (value == "NaN") {
            parsed.value = std::nan("");
        } else {
            std::size_t used = 0;
            parsed.value = std::stod(value, &used);
            CHECK(used == value.size());
        }
        CHECK(series.insert(std::string(match[1]) + "{" + std::string(match[2]) + "}").second);  // no duplicates
        samples.push_back(parsed);
    }
    return samples;
}

}  // namespace

TEST_CASE("prometheus: real reports follow the exposition format and say what the JSON report says") {
    for (const auto& report : mra::test::real_reports("prometheus")) {
        CAPTURE(report.name);
        CAPTURE(report.outcome.out);
        const auto samples = parse_exposition(report.outcome.out);
        const std::string target = report.json["target"];
        std::map<std::string, std::vector<const Sample*>> by_name;
        for (const auto& sample : samples) {
            CHECK(sample.labels.at("target") == target);
            by_name[sample.name].push_back(&sample);
        }

        REQUIRE(by_name["mra_preflight_score"].size() == 1);
        const double score = by_name["mra_preflight_score"][0]->value;
        if (report.json["score"].is_null())
            CHECK(std::isnan(score));
        else
            CHECK(score == report.json["score"].get<int>());
        REQUIRE(by_name["mra_preflight_status"].size() == 1);
        CHECK(by_name["mra_preflight_status"][0]->value == report.outcome.exit_code);

        REQUIRE(by_name["mra_preflight_findings"].size() == 7);
        for (const Sample* sample : by_name["mra_preflight_findings"])
            CHECK(sample->value == report.json["counts"][sample->labels.at("status")].get<int>());

        // One series per finding, its value the status's index in the documented mapping.
        const std::vector<std::string> statuses = {"pass",  "info",           "warn",   "fail",
                                                   "error", "not_applicable", "not_run"};
        const auto& findings = report.json["findings"];
        REQUIRE(by_name["mra_preflight_check_status"].size() == findings.size());
        for (std::size_t i = 0; i < findings.size(); ++i) {
            const Sample& sample = *by_name["mra_preflight_check_status"][i];
            CHECK(sample.labels.at("check") == findings[i]["id"].get<std::string>());
            CHECK(sample.labels.at("subject") == findings[i]["subject"].get<std::string>());
            CHECK(statuses.at(static_cast<std::size_t>(sample.value)) == findings[i]["status"].get<std::string>());
        }

        // Expiry days, from the chain summaries: cert.expiry's days_left on every leaf it judged.
        std::map<std::string, double> leaf_days;
        for (const auto& finding : findings) {
            const std::string subject = finding["subject"];
            if (finding["id"] == "cert.expiry" && finding["evidence"].contains("days_left") &&
                (subject == "leaf" || subject.ends_with(" leaf")))
                leaf_days[subject == "leaf" ? target : subject.substr(0, subject.size() - 5)] =
                    finding["evidence"]["days_left"].get<double>();
        }
        std::map<std::string, double> exported;
        for (const Sample* sample : by_name["mra_preflight_certificate_expiry_days"])
            exported[sample->labels.at("endpoint")] = sample->value;
        CHECK(exported == leaf_days);

        REQUIRE(by_name["mra_preflight_run_duration_seconds"].size() == 1);
        CHECK(by_name["mra_preflight_run_duration_seconds"][0]->value ==
              doctest::Approx(report.json["duration_ms"].get<double>() / 1000).epsilon(0.001));
        CHECK(by_name["mra_preflight_last_success_timestamp_seconds"].size() ==
              (report.json["status"] == "unknown" ? 0U : 1U));
    }
}

TEST_CASE("prometheus: hostile label values are escaped and read back as they were") {
    mra::Report report = mra::test::fake_report();
    report.target = "ex\\\"am\nple";
    report.chains = {{.label = "exp\"e1:8443", .path = {{.subject = mra::test::hostile, .days_left = -3}}}};
    const auto samples = parse_exposition(mra::report::render_prometheus(report));
    bool seen_expiry = false;
    for (const auto& sample : samples) {
        CHECK(sample.labels.at("target") == "ex\\\"am\nple");
        if (sample.name == "mra_preflight_certificate_expiry_days") {
            seen_expiry = true;
            CHECK(sample.labels.at("endpoint") == "exp\"e1:8443");
            CHECK(sample.value == -3);
        }
    }
    CHECK(seen_expiry);
}
