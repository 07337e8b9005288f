// The `cert` command as a user runs it: bad input gives one clear line on stderr and exit 3.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "fixtures.hpp"
#include "support/process.hpp"
#include "support/scratch_dir.hpp"

namespace {

using mra::test::fixture;
using mra::test::run_tool;

const std::vector<std::string> at = {"--at", "2027-01-15T00:00:00Z", "--ca-bundle", fixture("certs/ca/root.pem")};

mra::test::Outcome cert(std::vector<std::string> args) {
    args.insert(args.begin(), "cert");
    args.insert(args.end(), at.begin(), at.end());
    return run_tool(args);
}

// One line on stderr that says `what`, and exit 3.
void check_one_clear_line(const mra::test::Outcome& outcome, const std::string& what) {
    CAPTURE(outcome.err);
    CHECK(outcome.exit_code == 3);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
    CHECK(outcome.err.find(what) != std::string::npos);
}

}  // namespace

TEST_CASE("bad certificate files: one clear line, exit 3") {
    check_one_clear_line(cert({fixture("certs/bad/empty.pem")}), "is empty");
    check_one_clear_line(cert({fixture("certs/bad/truncated.pem")}), "truncated");
    check_one_clear_line(cert({fixture("certs/bad/trailing.der")}), "trailing");
    check_one_clear_line(cert({fixture("certs/bad/image.png")}), "PNG");
    check_one_clear_line(cert({fixture("certs/bad/garbage.pem")}), "garbage.pem");
    check_one_clear_line(cert({fixture("certs/healthy/leaf.pem"), "--key", fixture("certs/bad/not-a-key.pem")}), "key");
    check_one_clear_line(cert({"/nonexistent/leaf.pem"}), "/nonexistent/leaf.pem");
}

TEST_CASE("a key that does not match: exit 3, and the report says cert.key-match fail") {
    const auto outcome =
        cert({fixture("certs/wrong-key/leaf.pem"), "--key", fixture("certs/wrong-key/key.pem"), "--format", "json"});
    check_one_clear_line(outcome, "does not match");
    const auto report = nlohmann::json::parse(outcome.out);
    CHECK(report["status"] == "unknown");
    bool seen = false;
    for (const auto& finding : report["findings"])
        if (finding["id"] == "cert.key-match") seen = finding["status"] == "fail";
    CHECK(seen);
}

TEST_CASE("wrong arguments: one clear line, exit 3") {
    const std::string leaf = fixture("certs/healthy/leaf.pem");
    check_one_clear_line(cert({leaf, "--profile", "no-such-profile"}), "unknown profile 'no-such-profile'");
    check_one_clear_line(cert({leaf, "--role", "expressway-c", "--domain", "example.com"}), "--domain");
    check_one_clear_line(cert({leaf, "--role", "expressway-x"}), "--role");
    check_one_clear_line(cert({leaf, "--format", "text", "--format", "json"}), "standard output");
    check_one_clear_line(cert({leaf, "--format", "yaml"}), "unknown format 'yaml'");
    check_one_clear_line(cert({"--chain", leaf}), "nothing to check");
    check_one_clear_line(cert({leaf, "--no-such-option"}), "no-such-option");
    check_one_clear_line(run_tool({"cert", leaf, "--at", "next tuesday"}), "RFC 3339");
    check_one_clear_line(run_tool({"cert", leaf, "--ca-bundle", fixture("certs/bad/empty.pem")}), "empty.pem");
    check_one_clear_line(run_tool({"frobnicate"}), "unknown command 'frobnicate'");
    check_one_clear_line(cert({leaf, "--output", "/nonexistent/dir/report.txt"}),
                         "cannot write /nonexistent/dir/report.txt");
}

TEST_CASE("the JSON report carries the v1 fields") {
    const auto outcome = cert({fixture("certs/healthy/leaf.pem"), "--chain", fixture("certs/healthy/chain.pem"),
                               "--domain", "example.com", "--host", "expe1.example.com", "--format", "json"});
    CHECK(outcome.exit_code == 0);
    const auto report = nlohmann::json::parse(outcome.out);
    CHECK(report["schema"] == "mra-preflight/report/v1");
    CHECK(report["tool"]["name"] == "mra-preflight");
    CHECK(report["tool"]["version"].is_string());
    CHECK(report["target"] == fixture("certs/healthy/leaf.pem"));
    CHECK(report["profile"] == "cert-renewal");
    CHECK(report["started_at"].get<std::string>().ends_with("Z"));
    CHECK(report["duration_ms"].is_number_integer());
    CHECK(report["score"] == 100);
    CHECK(report["grade"] == "A");
    CHECK(report["status"] == "ok");
    REQUIRE(report["findings"].size() >= 20);
    for (const auto& finding : report["findings"])
        for (const char* key :
             {"id", "title", "status", "severity", "subject", "message", "evidence", "remediation", "citation"})
            CHECK_MESSAGE(finding.contains(key), key);
}

TEST_CASE("a full chain in one file is read leaf first, and reports can go to files") {
    const auto directory = std::filesystem::temp_directory_path() / "mra-cert-test";
    std::filesystem::create_directories(directory);
    const auto json_path = (directory / "report.json").string();
    const auto text_path = (directory / "report.txt").string();
    const auto outcome = cert({fixture("certs/healthy/fullchain.pem"), "--domain", "example.com", "--format",
                               "json=" + json_path, "--format", "text=" + text_path});
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.out.empty());
    CHECK(nlohmann::json::parse(mra::test::slurp(json_path))["status"] == "ok");
    CHECK(mra::test::slurp(text_path).find("status OK, score 100/100, grade A") != std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST_CASE("a legacy profile lowers SHA-1 to a warning") {
    const auto outcome = cert({fixture("certs/sha1/leaf.pem"), "--chain", fixture("certs/sha1/chain.pem"), "--profile",
                               "legacy-clients", "--format", "json"});
    CHECK(outcome.exit_code == 1);
    const auto report = nlohmann::json::parse(outcome.out);  // outlives the loop (a temporary would not)
    for (const auto& finding : report["findings"])
        if (finding["id"] == "cert.signature-hash") CHECK(finding["status"] == "warn");
}

TEST_CASE("checks and profiles list the catalogue") {
    const auto checks = run_tool({"checks", "--format", "json"});
    CHECK(checks.exit_code == 0);
    CHECK(nlohmann::json::parse(checks.out)["checks"].size() >= 20);
    const auto profiles = run_tool({"profiles", "--format", "json"});
    CHECK(profiles.exit_code == 0);
    CHECK(nlohmann::json::parse(profiles.out)["profiles"].size() >= 2);
    CHECK(run_tool({"checks"}).out.find("cert.edge-domain") != std::string::npos);
    CHECK(run_tool({"--help"}).exit_code == 0);
    CHECK(run_tool({"cert", "--help"}).out.find("--previous") != std::string::npos);
}

TEST_CASE("--at +N days forecasts: what fails then if nothing changes") {
    const std::string leaf = fixture("certs/healthy/leaf.pem");  // notAfter 2027-12-01
    const auto later = run_tool({"cert", leaf, "--at", "+36500d", "--format", "json"});
    CHECK(later.exit_code == 2);
    const auto report = nlohmann::json::parse(later.out);
    bool expired = false;
    for (const auto& finding : report["findings"])
        if (finding["id"] == "cert.expiry" && finding["subject"] == "leaf") expired = finding["status"] == "fail";
    CHECK(expired);
    check_one_clear_line(run_tool({"cert", leaf, "--at", "+30y"}), "relative one such as +30d");
}

TEST_CASE("an unwritable report file costs no other report: one line, exit 3, the rest written") {
    const mra::test::ScratchDir directory;
    const auto outcome = cert({fixture("certs/healthy/fullchain.pem"), "--domain", "example.com", "--format",
                               "json=/nonexistent/dir/report.json", "--format", "text=" + (directory / "report.txt")});
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.err ==
          "mra-preflight: error: cannot write /nonexistent/dir/report.json: cannot create a temporary "
          "file: No such file or directory\n");
    CHECK(mra::test::slurp(directory / "report.txt").find("status OK") != std::string::npos);
}
