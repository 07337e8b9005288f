#pragma once
// Real reports for writer tests, made by the built binary as a user makes them: `cert` on a few
// certificate fixtures (every outcome: ok, warning, critical, unknown with the score withheld) and
// `replay` of every lab capture. Each run writes the format under test to standard output and the
// JSON report to a file in the same run, so a test can hold the one against the other.

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "support/process.hpp"

namespace mra::test {

struct RealReport {
    std::string name;  // "cert expired", "replay healthy.json"
    Outcome outcome;   // the format under test on standard output
    nlohmann::json json;
};

inline std::vector<RealReport> real_reports(const std::string& format) {
    const std::string json_path =
        std::filesystem::temp_directory_path() / ("mra-writer-test-" + std::to_string(::getpid()) + ".json");
    auto make = [&](std::string name, std::vector<std::string> args, const std::string& directory) {
        args.insert(args.end(), {"--format", "json=" + json_path, "--format", format});
        RealReport report{std::move(name), run_tool(args, directory), {}};
        report.json = nlohmann::json::parse(slurp(json_path));
        std::remove(json_path.c_str());
        return report;
    };
    std::vector<RealReport> reports;
    const std::vector<std::pair<std::string, std::vector<std::string>>> certs = {
        {"healthy", {"leaf.pem", "--chain", "chain.pem", "--key", "key.pem", "--domain", "example.com"}},
        {"expired", {"leaf.pem", "--chain", "chain.pem"}},
        {"expiring-soon", {"leaf.pem", "--chain", "chain.pem"}},
        {"no-revocation-urls", {"leaf.pem", "--chain", "chain.pem"}},
        {"bad", {"truncated.pem", "--domain", "example.com"}},  // unknown, score withheld
    };
    for (const auto& [scenario, args] : certs) {
        std::vector<std::string> all{"cert", "--ca-bundle", "../ca/root.pem", "--at", "2027-01-15T00:00:00Z"};
        all.insert(all.end(), args.begin(), args.end());
        reports.push_back(make("cert " + scenario, all, fixture("certs/" + scenario)));
    }
    for (const auto& entry : std::filesystem::directory_iterator(fixture("captures")))
        if (entry.path().extension() == ".json")
            reports.push_back(
                make("replay " + entry.path().filename().string(), {"replay", entry.path().string()}, ""));
    return reports;
}

}  // namespace mra::test
