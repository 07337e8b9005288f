// Every certificate fixture folder with an expected.txt is run through the `cert` command as a user
// would; the report must give exactly the listed statuses, and every finding not listed must be
// pass or not_applicable (or what its `others:` line allows) — each fixture breaks one thing (Botan's
// data/x509/<scenario> pattern).

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/profile.hpp"
#include "fixtures.hpp"
#include "support/process.hpp"

namespace {

struct Expectation {
    std::string id, subject, status;  // subject empty: every finding of the id
};

struct Case {
    std::vector<std::string> args;
    int exit_code = -1;
    std::vector<Expectation> expectations;
    std::set<std::string> others{"pass", "not_applicable"};  // allowed for findings not listed
};

Case read_case(const std::filesystem::path& file) {
    Case result;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') continue;
        std::istringstream words(line);
        std::string first;
        words >> first;
        if (first == "args:") {
            for (std::string arg; words >> arg;) result.args.push_back(arg);
        } else if (first == "exit:") {
            words >> result.exit_code;
        } else if (first == "others:") {
            result.others.clear();
            for (std::string status; words >> status;) result.others.insert(status);
        } else {
            std::vector<std::string> rest;
            for (std::string word; words >> word;) rest.push_back(word);
            REQUIRE_MESSAGE((rest.size() == 1 || rest.size() == 2), "bad line in ", file.string(), ": ", line);
            result.expectations.push_back({first, rest.size() == 2 ? rest[0] : "", rest.back()});
        }
    }
    return result;
}

bool expected_here(const Case& c, const std::string& id, const std::string& subject) {
    for (const auto& e : c.expectations)
        if (e.id == id && (e.subject.empty() || e.subject == subject)) return true;
    return false;
}

}  // namespace

TEST_CASE("cert fixtures: each reports exactly the finding it breaks") {
    const std::filesystem::path root = mra::test::fixture("certs");
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(root))
        if (std::filesystem::exists(entry.path() / "expected.txt")) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    REQUIRE(folders.size() >= 30);
    std::map<std::string, std::set<std::string>> statuses_seen;  // check id → statuses across fixtures

    for (const auto& folder : folders) {
        CAPTURE(folder.filename().string());
        const Case c = read_case(folder / "expected.txt");
        std::vector<std::string> args{"cert",     "--ca-bundle", "../ca/root.pem", "--at", "2027-01-15T00:00:00Z",
                                      "--format", "json"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto outcome = mra::test::run_tool(args, folder.string());
        CAPTURE(outcome.err);
        CHECK(outcome.exit_code == c.exit_code);
        const auto report = nlohmann::json::parse(outcome.out);

        for (const auto& e : c.expectations) {
            bool seen = false;
            for (const auto& finding : report["findings"]) {
                if (finding["id"] != e.id || (!e.subject.empty() && finding["subject"] != e.subject)) continue;
                seen = true;
                CHECK_MESSAGE(finding["status"] == e.status, e.id, " ", finding["subject"], ": ", finding["message"]);
            }
            CHECK_MESSAGE(seen, "no finding for ", e.id, " ", e.subject);
        }
        for (const auto& finding : report["findings"]) {
            const std::string id = finding["id"], subject = finding["subject"], status = finding["status"];
            statuses_seen[id].insert(status);
            if (expected_here(c, id, subject)) continue;
            CHECK_MESSAGE(c.others.count(status) == 1, id, " ", subject, " is ", status, ": ",
                          finding["message"].get<std::string>());
        }
    }

    // Together the fixtures show every check of the cert command's profile passing, failing (an
    // info check: reporting; probe.bounds, which only warns: warning) and not applying.
    for (const mra::Check* check : mra::load_profile("cert-renewal", mra::catalogue()).checks) {
        CAPTURE(check->info.id);
        const auto& seen = statuses_seen[std::string(check->info.id)];
        CHECK(seen.count("pass") == 1);
        if (check->info.id != "cert.parse")  // every `cert` run gives it something to decode
            CHECK(seen.count("not_applicable") == 1);
        CHECK(seen.count(check->info.severity == mra::Severity::info ? "info" : "fail") + seen.count("warn") >= 1);
    }
}
