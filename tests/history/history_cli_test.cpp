// --history and `mra-preflight history` through the built binary, lab-free: replays of the lab's
// captures of one target recorded in a database in a temporary directory. What the second report
// says changed is held against the two reports' own findings, so the test cannot drift from the
// captures.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>

#include "fixtures.hpp"
#include "history/held_lock.hpp"
#include "support/process.hpp"
#include "support/scratch_dir.hpp"
#include "util/time.hpp"

namespace {

using mra::test::fixture;
using mra::test::run_tool;
using nlohmann::json;

struct Replay {
    mra::test::Outcome outcome;
    json report;
};

std::string capture_path(const std::string& capture) {
    return capture.starts_with("/") ? capture : fixture("captures/" + capture);
}

// `replay CAPTURE --history DB`, the JSON report on standard output. CAPTURE: a file of
// fixtures/captures, or an absolute path.
Replay replay(const std::string& capture, const std::string& db, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"replay", capture_path(capture), "--history", db, "--format", "json"};
    args.insert(args.end(), more.begin(), more.end());
    Replay replay{run_tool(args), {}};
    INFO(replay.outcome.err);
    REQUIRE(replay.outcome.exit_code >= 0);
    REQUIRE(replay.outcome.exit_code <= 2);
    replay.report = json::parse(replay.outcome.out);
    return replay;
}

bool is_problem(const json& status) {
    return status == "warn" || status == "fail" || status == "error";
}

using Key = std::pair<std::string, std::string>;  // id, subject
using Move = std::pair<json, json>;               // status before, after (null: absent)

// Every finding whose status differs between two JSON reports with a problem on either side —
// what new_problems, fixed and changed must list between them, together.
std::map<Key, Move> moves_between(const json& before, const json& after) {
    std::map<Key, Move> moves;
    for (const auto& finding : before["findings"]) moves[{finding["id"], finding["subject"]}].first = finding["status"];
    for (const auto& finding : after["findings"]) moves[{finding["id"], finding["subject"]}].second = finding["status"];
    std::erase_if(moves, [](const auto& entry) {
        const auto& [was, is] = entry.second;
        return was == is || !(is_problem(was) || is_problem(is));
    });
    return moves;
}

std::map<Key, Move> listed_moves(const json& changes) {
    std::map<Key, Move> moves;
    for (const char* list : {"new_problems", "fixed", "changed"})
        for (const auto& change : changes[list]) {
            CHECK(moves.emplace(Key{change["id"], change["subject"]}, Move{change["from"], change["to"]}).second);
        }
    return moves;
}

// The changes JSON says exactly how the two reports differ.
void check_changes_between(const json& changes, const json& before, const json& after) {
    const auto expected = moves_between(before, after);
    CHECK(listed_moves(changes) == expected);
    for (const auto& change : changes["new_problems"]) CHECK((is_problem(change["to"]) && !is_problem(change["from"])));
    for (const auto& change : changes["fixed"]) CHECK((is_problem(change["from"]) && !is_problem(change["to"])));
    for (const auto& change : changes["changed"]) CHECK((is_problem(change["from"]) && is_problem(change["to"])));
    for (const char* field : {"status", "score", "grade"}) {
        CAPTURE(field);
        if (before[field] == after[field]) {
            CHECK_FALSE(changes.contains(field));
        } else {
            REQUIRE(changes.contains(field));
            CHECK(changes[field]["from"] == before[field]);
            CHECK(changes[field]["to"] == after[field]);
        }
    }
}

// The leaf certificate each endpoint (HOST:PORT) presented, from a capture's facts: the
// _collab-edge targets, and the SIP and XMPP servers.
std::map<std::string, std::string> leaves_of(const std::string& capture) {
    std::map<std::string, std::string> leaves;
    const json facts = json::parse(mra::test::slurp(capture_path(capture)))["facts"];
    auto add = [&](const json& endpoint) {
        const json& chain = endpoint["chain"];
        if (!chain.is_object() || chain["path"].empty()) return;
        leaves[endpoint["host"].get<std::string>() + ":" + std::to_string(endpoint["port"].get<int>())] =
            chain["presented"][chain["path"][0].get<std::size_t>()]["sha256"];
    };
    for (const auto& edge : facts["edges"]) add(edge);
    for (const char* service : {"sip", "xmpp"})
        for (const auto& server : facts[service]) add(server["tls"]);
    return leaves;
}

// certificates_replaced names every endpoint whose leaf differs between the two captures.
void check_replacements(const json& changes, const std::string& before_capture, const std::string& after_capture) {
    const auto before = leaves_of(before_capture), after = leaves_of(after_capture);
    std::map<std::string, std::pair<std::string, std::string>> expected, listed;
    for (const auto& [endpoint, sha256] : after)
        if (before.contains(endpoint) && before.at(endpoint) != sha256)
            expected[endpoint] = {before.at(endpoint), sha256};
    for (const auto& replaced : changes["certificates_replaced"])
        listed[replaced["endpoint"]] = {replaced["from_sha256"], replaced["to_sha256"]};
    CHECK(listed == expected);
}

std::size_t lines_in(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// One line on standard error, nothing on standard output, exit 3.
void check_refused(const mra::test::Outcome& outcome, const std::string& says) {
    CAPTURE(outcome.err);
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.out.empty());
    CHECK(lines_in(outcome.err) == 1);
    CHECK(outcome.err.find(says) != std::string::npos);
}

}  // namespace

TEST_CASE("history: each run of a target reports exactly what changed since the one before") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    // Each lab scenario made its own certificates: every endpoint's leaf is replaced each time.
    const std::vector<std::string> captures{"healthy.json", "clock-skew.json", "cert-md5.json", "healthy.json"};
    std::vector<Replay> runs;
    for (std::size_t i = 0; i < captures.size(); ++i) {
        CAPTURE(captures[i]);
        runs.push_back(replay(captures[i], db, {"--format", "text=" + (dir / ("report-" + std::to_string(i)))}));
        const json& report = runs.back().report;
        if (i == 0) {
            CHECK_FALSE(report.contains("changes"));
            continue;
        }
        REQUIRE(report.contains("changes"));
        const json& changes = report["changes"];
        const json& previous = runs[i - 1].report;
        CHECK(changes["since_run"] == i);
        CHECK(changes["since"] == previous["started_at"]);
        REQUIRE_FALSE(moves_between(previous, report).empty());  // the captures do differ
        check_changes_between(changes, previous, report);
        check_replacements(changes, captures[i - 1], captures[i]);
        CHECK_FALSE(changes["certificates_replaced"].empty());
        // Every certificate of these captures is far from expiry: cert.expiry passes throughout.
        for (const auto& finding : report["findings"])
            if (finding["id"] == "cert.expiry") CHECK(finding["status"] == "pass");
        CHECK(changes["certificates_closer_to_expiry"].empty());

        // The text report says the same, a line per change.
        const std::string text = mra::test::slurp(dir / ("report-" + std::to_string(i)));
        CHECK(text.find("Since the run of " + previous["started_at"].get<std::string>() + " (run " + std::to_string(i) +
                        "): ") != std::string::npos);
        for (const auto& entry : moves_between(previous, report)) {
            const auto& key = entry.first;
            CAPTURE(key.first);
            CHECK(text.find(key.first + "  " + key.second + ": ") != std::string::npos);
        }
        for (const auto& replaced : changes["certificates_replaced"])
            CHECK(text.find("certificate replaced  " + replaced["endpoint"].get<std::string>() + ": ") !=
                  std::string::npos);
    }
    using std::filesystem::perms;
    CHECK((std::filesystem::status(db).permissions() & perms::all) == (perms::owner_read | perms::owner_write));
}

TEST_CASE("history: a certificate closer to expiry is the same one whose cert.expiry got worse") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    const json before = replay("healthy.json", db).report;
    // healthy.json again, judged 20 days before its first leaf expires, as --at would.
    std::int64_t first_expiry = INT64_MAX;
    for (const auto& finding : before["findings"])
        if (finding["id"] == "cert.expiry" && finding["subject"].get<std::string>().ends_with(" leaf"))
            first_expiry =
                std::min(first_expiry, *mra::parse_rfc3339(finding["evidence"]["not_after"].get<std::string>()));
    REQUIRE(first_expiry != INT64_MAX);
    json later = json::parse(mra::test::slurp(fixture("captures/healthy.json")));
    later["facts"]["evaluated_at"] = first_expiry - 20 * 86400;
    later["started_at_ms"] = later["started_at_ms"].get<std::int64_t>() + 1;
    const std::string later_path = dir / "later.json";
    std::ofstream(later_path) << later.dump();
    const json after = replay(later_path, db, {"--format", "text=" + (dir / "report.txt")}).report;
    const json& changes = after["changes"];
    check_changes_between(changes, before, after);
    check_replacements(changes, "healthy.json", later_path);
    CHECK(changes["certificates_replaced"].empty());  // the same certificates

    // Expected: every cert.expiry finding that got worse, with the days left its evidence gives.
    std::map<std::string, json> was;
    for (const auto& finding : before["findings"])
        if (finding["id"] == "cert.expiry") was[finding["subject"]] = finding;
    auto rank = [](const json& status) { return status == "pass" ? 0 : status == "warn" ? 1 : 2; };
    std::map<std::string, json> expected, listed;
    for (const auto& finding : after["findings"]) {
        if (finding["id"] != "cert.expiry" || !was.contains(finding["subject"])) continue;
        const json& previous = was.at(finding["subject"]);
        if (rank(finding["status"]) > rank(previous["status"]))
            expected[finding["subject"]] = {{"from_status", previous["status"]},
                                            {"to_status", finding["status"]},
                                            {"from_days_left", previous["evidence"]["days_left"]},
                                            {"to_days_left", finding["evidence"]["days_left"]},
                                            {"not_after", finding["evidence"]["not_after"]}};
    }
    REQUIRE_FALSE(expected.empty());
    for (const auto& approach : changes["certificates_closer_to_expiry"]) {
        json entry = approach;
        for (const char* field : {"subject", "endpoint", "certificate", "sha256"}) entry.erase(field);
        listed[approach["subject"]] = entry;
        CHECK(approach["subject"] ==
              approach["endpoint"].get<std::string>() + " " + approach["certificate"].get<std::string>());
    }
    CHECK(listed == expected);
    const std::string text = mra::test::slurp(dir / "report.txt");
    for (const auto& [subject, entry] : expected)
        CHECK(text.find("closer to expiry  " + subject + ": " + entry["to_days_left"].dump() + " days left (was " +
                        entry["from_days_left"].dump() + " days left)") != std::string::npos);
}

TEST_CASE("history DB lists the runs, and --diff A B shows what the report showed") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    const Replay first = replay("healthy.json", db);
    const Replay second = replay("clock-skew.json", db, {"--format", "text=" + (dir / "report.txt")});

    const auto listing = run_tool({"history", db, "--format", "json"});
    REQUIRE(listing.exit_code == 0);
    const json runs = json::parse(listing.out)["runs"];
    REQUIRE(runs.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const json& report = (i == 0 ? first : second).report;
        CHECK(runs[i]["id"] == i + 1);
        for (const char* field : {"started_at", "target", "command", "profile", "status", "score", "grade", "counts"})
            CHECK(runs[i][field] == report[field]);
    }
    const auto text = run_tool({"history", db, "--target", "example.com"});
    CHECK(text.exit_code == 0);
    CHECK(lines_in(text.out) == 3);  // the heading and two runs
    CHECK(text.out.find(first.report["status"].get<std::string>()) != std::string::npos);
    CHECK(run_tool({"history", db, "--target", "other.example"}).out == "no runs recorded\n");

    const auto diff = run_tool({"history", db, "--diff", "1", "2", "--format", "json"});
    REQUIRE(diff.exit_code == 0);
    CHECK(json::parse(diff.out)["changes"] == second.report["changes"]);
    // The text diff is the report's section under another heading.
    const auto diff_text = run_tool({"history", db, "--diff", "1", "2"});
    const std::string report_text = mra::test::slurp(dir / "report.txt");
    const auto start = report_text.find("Since the run of");
    REQUIRE(start != std::string::npos);
    const std::string section = report_text.substr(start, report_text.find("\n\n", start) + 1 - start);
    CHECK(diff_text.out.substr(diff_text.out.find("): ")) == section.substr(section.find("): ")));
    CHECK(diff_text.out.starts_with("From run 1 (example.com, "));

    // And the other way round: what was fixed is what was new.
    const json back = json::parse(run_tool({"history", db, "--diff", "2", "1", "--format", "json"}).out)["changes"];
    check_changes_between(back, second.report, first.report);
}

TEST_CASE("history: a corrupt database fails before anything is judged: one line, exit 3, nothing written") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    const std::string garbage(4096, 'x');
    std::ofstream(db, std::ios::binary) << garbage;
    const std::string report = dir / "report.json";
    check_refused(run_tool({"replay", fixture("captures/healthy.json"), "--history", db, "--format", "json=" + report}),
                  "mra-preflight: error: history " + db + ": not an SQLite database");
    CHECK_FALSE(std::filesystem::exists(report));
    CHECK(mra::test::slurp(db) == garbage);
    check_refused(run_tool({"history", db}), "not an SQLite database");

    // run opens the database before the network: the answer is about the database, and no report
    // was made (one would be on standard output).
    check_refused(run_tool({"run", "example.com", "--resolver", "127.0.0.1:9", "--history", db}),
                  "not an SQLite database");
}

TEST_CASE("history: a database locked beyond the busy timeout: one line, exit 3, no report, the runs kept") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    replay("healthy.json", db);
    const std::string report = dir / "report.json";
    {
        const mra::test::HeldLock lock(db);
        const auto start = std::chrono::steady_clock::now();
        check_refused(
            run_tool({"replay", fixture("captures/clock-skew.json"), "--history", db, "--format", "json=" + report}),
            "locked by another process for more than 5 s");
        CHECK(std::chrono::steady_clock::now() - start >= std::chrono::seconds(5));
        CHECK_FALSE(std::filesystem::exists(report));
    }
    const auto listing = run_tool({"history", db});
    CHECK(listing.exit_code == 0);
    CHECK(lines_in(listing.out) == 2);
}

TEST_CASE("history: what the command refuses") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    replay("healthy.json", db);
    check_refused(run_tool({"history"}), "history needs the DB");
    check_refused(run_tool({"history", dir / "missing.db"}), "No such file or directory");
    check_refused(run_tool({"history", db, "--diff", "1"}), "--diff needs two run ids");
    check_refused(run_tool({"history", db, "1", "2"}), "give --diff A B");
    check_refused(run_tool({"history", db, "--diff", "1", "x"}), "'x' is not a run id");
    check_refused(run_tool({"history", db, "--diff", "1", "7"}), "no run 7");
    check_refused(run_tool({"history", db, "--format", "html"}), "unknown format 'html'");
    CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}
