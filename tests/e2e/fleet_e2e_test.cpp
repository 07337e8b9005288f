// `run --targets` against the lab: healthy and broken deployments in one fleet file, run
// concurrently, and split into shards that together cover the fleet exactly once.

#include <doctest/doctest.h>

#include <set>

#include "e2e/lab.hpp"
#include "support/scratch_dir.hpp"

namespace {

using nlohmann::json;

// Four deployments: the lab signed in, a domain with no records, a wrong password, and a resolver
// that does not answer.
std::string fleet_file(const mra::test::Lab& lab, const mra::test::ScratchDir& directory) {
    directory.write("wrong.password", "not-the-password\n");
    return directory.write("fleet.toml",
                           "[defaults]\n"
                           "resolver = \"" +
                               lab["RESOLVER"] +
                               "\"\n"
                               "internal-resolver = \"" +
                               lab["INTERNAL_RESOLVER"] +
                               "\"\n"
                               "ca-bundle = \"" +
                               lab["CA_BUNDLE"] +
                               "\"\n"
                               "timeout = 8\n"
                               "\n[[target]]\nname = \"healthy\"\ndomain = \"" +
                               lab["DOMAIN"] +
                               "\"\n"
                               "user = \"" +
                               lab["TEST_USER"] +
                               "\"\n"
                               "password-file = \"" +
                               lab["PASSWORD_FILE"] +
                               "\"\n"
                               "\n[[target]]\nname = \"no-records\"\ndomain = \"absent." +
                               lab["DOMAIN"] +
                               "\"\n"
                               "\n[[target]]\nname = \"wrong-password\"\ndomain = \"" +
                               lab["DOMAIN"] +
                               "\"\n"
                               "user = \"" +
                               lab["TEST_USER"] +
                               "\"\n"
                               "password-file = \"wrong.password\"\n"
                               "\n[[target]]\nname = \"resolver-down\"\ndomain = \"" +
                               lab["DOMAIN"] +
                               "\"\n"
                               "resolver = \"127.0.53.9:53\"\n");
}

json finding(const json& report, const std::string& id) {
    for (const auto& f : report["findings"])
        if (f["id"] == id) return f;
    FAIL("no finding " << id);
    return {};
}

}  // namespace

TEST_CASE("run --targets: a fleet of healthy and broken deployments, each judged on its own") {
    const mra::test::Lab lab("healthy");
    const mra::test::ScratchDir directory;
    const std::string fleet = fleet_file(lab, directory);
    const std::string reports = directory / "reports";
    std::filesystem::create_directory(reports);

    const std::string history = directory / "history.db";
    const auto outcome = mra::test::run_tool({"run", "--targets", fleet, "--jobs", "4", "--output-dir", reports,
                                              "--format", "json", "--format", "prometheus", "--history", history});
    INFO(outcome.out, outcome.err);
    CHECK(outcome.exit_code == 3);  // the worst target's: the resolver that does not answer
    const json summary = json::parse(mra::test::slurp(reports + "/fleet-summary.json"));
    CHECK(summary["schema"] == "mra-preflight/fleet/v1");
    CHECK(summary["targets_in_file"] == 4);
    CHECK(summary["status"] == "unknown");
    REQUIRE(summary["targets"].size() == 4);
    std::map<std::string, json> by_name;
    for (const auto& target : summary["targets"]) by_name[target["name"]] = target;
    CHECK(by_name["healthy"]["status"] == "ok");
    CHECK(by_name["no-records"]["status"] == "critical");
    CHECK(by_name["wrong-password"]["status"] == "critical");
    CHECK(by_name["resolver-down"]["status"] == "unknown");

    const json healthy = json::parse(mra::test::slurp(reports + "/healthy.json"));
    CHECK(healthy["score"] == 100);
    CHECK(finding(healthy, "edge.config")["status"] == "pass");
    const json absent = json::parse(mra::test::slurp(reports + "/no-records.json"));
    CHECK(absent["target"] == "absent." + lab["DOMAIN"]);
    CHECK(finding(absent, "dns.collab-edge")["status"] == "fail");
    const json wrong = json::parse(mra::test::slurp(reports + "/wrong-password.json"));
    CHECK(finding(wrong, "edge.config")["status"] == "fail");
    CHECK(finding(wrong, "edge.config")["message"].get<std::string>().find("401") != std::string::npos);
    CHECK(finding(wrong, "cert.hostname")["status"] == "pass");  // the rest of its run is intact
    const json down = json::parse(mra::test::slurp(reports + "/resolver-down.json"));
    CHECK(finding(down, "dns.resolver")["status"] == "error");
    CHECK(mra::test::slurp(reports + "/healthy.prom").find("mra_preflight_score{target=\"example.com\"} 100") !=
          std::string::npos);
    // Each target recorded under its own name, though three share a domain.
    const auto listing = mra::test::run_tool({"history", history, "--format", "json"});
    const json runs = json::parse(listing.out)["runs"];
    std::multiset<std::string> recorded;
    for (const auto& run : runs) recorded.insert(run["target"].get<std::string>());
    CHECK(recorded == std::multiset<std::string>{"healthy", "no-records", "resolver-down", "wrong-password"});
    // The text summary, a line per target, on standard output.
    CHECK(outcome.out.find("fleet: 4 of 4 targets, unknown") != std::string::npos);
    CHECK(outcome.out.find("wrong-password") != std::string::npos);
}

TEST_CASE("run --targets --shard: the slices cover the fleet exactly once, whatever --jobs") {
    const mra::test::Lab lab("healthy");
    const mra::test::ScratchDir directory;
    const std::string fleet = fleet_file(lab, directory);
    std::multiset<std::string> seen;
    for (const char* shard : {"1/2", "2/2"}) {
        const std::string reports = directory / ("shard-" + std::string(1, shard[0]));
        std::filesystem::create_directory(reports);
        const auto outcome = mra::test::run_tool({"run", "--targets", fleet, "--shard", shard, "--jobs",
                                                  shard[0] == '1' ? "1" : "3", "--output-dir", reports});
        INFO(outcome.out, outcome.err);
        CHECK(outcome.exit_code >= 0);
        CHECK(outcome.exit_code <= 3);
        const json summary = json::parse(mra::test::slurp(reports + "/fleet-summary.json"));
        CHECK(summary["shard"] == shard);
        for (const auto& target : summary["targets"]) {
            seen.insert(target["name"].get<std::string>());
            CHECK(std::filesystem::exists(reports + "/" + target["name"].get<std::string>() + ".json"));
        }
    }
    CHECK(seen == std::multiset<std::string>{"healthy", "no-records", "resolver-down", "wrong-password"});
}
