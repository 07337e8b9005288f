// The HTTPS sign-in through the lab's Expressway-Es (nginx): get_edge_config, UDS and TFTP through
// the tunnel, each scenario against its expected.json; credentials withheld from an edge whose
// certificate does not verify unless pinned or waived; and the password nowhere in what we write.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <botan/base64.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "e2e/lab.hpp"
#include "support/expected.hpp"

namespace {

using nlohmann::json;

std::vector<json> findings_of(const json& report, const std::string& id) {
    std::vector<json> found;
    for (const auto& finding : report["findings"])
        if (finding["id"] == id) found.push_back(finding);
    return found;
}

std::string first_line_of(const std::string& path) {
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    return line;
}

}  // namespace

TEST_CASE("scenario verdicts: run signs in through every Expressway-E of the sign-in scenarios") {
    for (const char* scenario :
         {"healthy", "edge-401", "edge-502", "uds-nameerror", "empty-user-uds", "empty-user-uds-real", "other-cluster",
          "oauth-only", "allow-list-403", "clock-skew"}) {
        const std::string name = scenario;
        CAPTURE(name);
        const mra::test::Lab lab(scenario);
        mra::test::check_against_expected(lab.run(), lab["EXPECTED"]);
    }
}

namespace {

// The one message of `id` for each Expressway-E, each containing every fragment.
void expect_words(const json& report, const std::string& id, const std::string& status,
                  const std::vector<std::string>& fragments) {
    const auto found = findings_of(report, id);
    CAPTURE(id);
    REQUIRE(!found.empty());
    for (const auto& finding : found) {
        const std::string message = finding["message"];
        CAPTURE(message);
        CHECK(finding["status"] == status);
        for (const auto& fragment : fragments) CHECK(message.find(fragment) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("healthy: the walk in Jabber's order finds the assigned profiles and the free-form softphone") {
    const mra::test::Lab lab("healthy");
    const auto report = lab.run();
    expect_words(report, "uds.version", "pass", {"CUCM 14.0.1", "_cisco-uds"});
    expect_words(report, "uds.cluster-user", "pass", {"home cluster cucm.example.com"});
    expect_words(
        report, "uds.user", "pass",
        {"SP7d1f4c2e-9a3b-4e5f-8a6b-2c3d4e5f6a7b.cnf.xml", ":6972/JAB_7d1f4c2e", "enabled for IM and Presence"});
    expect_words(report, "uds.devices", "pass", {"TestOneJabber"});
    expect_words(report, "tftp.device-config", "pass", {"TestOneJabber.cnf.xml"});
    expect_words(report, "tftp.service-profile", "pass", {"SP7d1f4c2e", "named by the user record"});
    expect_words(report, "edge.peer-names", "pass", {"expe1.example.com", "expe2.example.com"});
    for (const auto& finding : findings_of(report, "edge.config")) {
        CHECK(finding["evidence"]["credentials"]["session_cookie"] == true);
        CHECK(finding["evidence"]["credentials"]["presentations"] == 2);
        CHECK(finding["evidence"]["get_edge_sso"]["status"] == 200);
    }
}

TEST_CASE("healthy: at most two credential presentations per Expressway-E per run, as the edge counts them") {
    const mra::test::Lab lab("healthy");
    const std::string log = lab["LAB_DIR"] + "/log/https-access.log";
    const auto before = std::filesystem::exists(log) ? mra::test::slurp(log).size() : 0;
    lab.run();
    const std::string lines = mra::test::slurp(log).substr(before);
    std::map<std::string, int> basic, requests;
    std::istringstream in(lines);
    for (std::string address, presented, status, uri; in >> address >> presented >> status >> uri;) {
        ++requests[address];
        if (presented == "basic") ++basic[address];
    }
    REQUIRE(requests.size() == 2);  // both Expressway-Es were walked
    for (const auto& request : requests) {
        const auto& address = request.first;
        const int count = request.second;
        CAPTURE(address);
        CHECK(count >= 10);
        CHECK(basic[address] <= 2);
        CHECK(basic[address] >= 1);
    }
}

TEST_CASE("scenario verdicts: oauth-only, other-cluster, empty-user-uds-real: the findings name the cause") {
    {
        const mra::test::Lab lab("oauth-only");
        const auto report = lab.run();
        expect_words(report, "edge.config", "info", {"does not accept Basic credentials (OAuth/SSO only)", "Bearer"});
        expect_words(report, "uds.version", "not_run", {"does not accept Basic credentials"});
    }
    {
        const mra::test::Lab lab("other-cluster");
        const auto report = lab.run();
        expect_words(report, "uds.cluster-user", "fail", {"cucmb.example.com", "found=false", "ILS"});
        expect_words(report, "uds.servers", "not_run", {"clusterUser did not find the user"});
        expect_words(report, "edge.user-uds", "pass", {"cucm.example.com"});
    }
    {
        const mra::test::Lab lab("empty-user-uds-real");
        const auto report = lab.run();
        expect_words(report, "edge.user-uds", "fail", {"empty address"});
        expect_words(report, "edge.tftp-servers", "fail", {"empty <address/> elements count as none"});
        expect_words(report, "edge.services", "info", {"_cuplogin: NameError"});
    }
}

TEST_CASE("credentials go to an untrusted edge only when its key is pinned or the check is waived") {
    const mra::test::Lab lab("chain-incomplete");
    const std::string capture = "/tmp/mra-e2e-untrusted.json";

    // Withheld: nothing was sent, and the finding says how to proceed.
    const auto withheld = lab.run({"--save-capture", capture});
    for (const auto& finding : findings_of(withheld, "edge.config")) {
        CHECK(finding["status"] == "not_run");
        const std::string message = finding["message"];
        CHECK(message.find("credentials withheld") != std::string::npos);
        CHECK(message.find("--pin-sha256") != std::string::npos);
    }
    json facts;
    std::ifstream(capture) >> facts;
    std::remove(capture.c_str());
    for (const auto& session : facts["facts"]["sign_in"]["sessions"]) {
        CHECK(session["edge_config"]["outcome"] == "untrusted");
        CHECK(session["edge_config"]["status"] == 0);  // no HTTP exchange at all
    }

    // Waived.
    for (const auto& finding : findings_of(lab.run({"--insecure"}), "edge.config")) CHECK(finding["status"] == "pass");

    // Pinned: each peer's own key, as the capture recorded it (hex SHA-256 of the SPKI).
    std::vector<std::string> pins;
    for (const auto& edge : facts["facts"]["edges"]) {
        pins.push_back("--pin-sha256");
        pins.push_back(edge["chain"]["presented"][0]["spki_sha256"]);
    }
    REQUIRE(pins.size() == 4);
    for (const auto& finding : findings_of(lab.run(pins), "edge.config")) CHECK(finding["status"] == "pass");

    // A wrong pin is not trust.
    const auto wrong = lab.run({"--pin-sha256", std::string(64, 'a')});
    for (const auto& finding : findings_of(wrong, "edge.config")) CHECK(finding["status"] == "not_run");
}

TEST_CASE("the password appears in no output, report, capture, history or log, SIP registration included") {
    const mra::test::Lab lab("healthy");
    const std::string password = first_line_of(lab["PASSWORD_FILE"]);
    REQUIRE(password.size() >= 8);
    const std::string basic =
        Botan::base64_encode(reinterpret_cast<const std::uint8_t*>((lab["TEST_USER"] + ":" + password).data()),
                             lab["TEST_USER"].size() + 1 + password.size());
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "mra-e2e-secret";
    std::filesystem::create_directories(dir);

    const auto outcome = mra::test::run_tool({"run",
                                              lab["DOMAIN"],
                                              "--resolver",
                                              lab["RESOLVER"],
                                              "--internal-resolver",
                                              lab["INTERNAL_RESOLVER"],
                                              "--ca-bundle",
                                              lab["CA_BUNDLE"],
                                              "--user",
                                              lab["TEST_USER"],
                                              "--password-env",
                                              "MRA_E2E_PASSWORD",
                                              "--save-capture",
                                              (dir / "capture.json").string(),
                                              "--history",
                                              (dir / "history.db").string(),
                                              "--format",
                                              "json=" + (dir / "report.json").string(),
                                              "--format",
                                              "html=" + (dir / "report.html").string(),
                                              "--format",
                                              "junit=" + (dir / "report.xml").string(),
                                              "--format",
                                              "prometheus=" + (dir / "report.prom").string(),
                                              "--format",
                                              "nagios=" + (dir / "report.nagios").string(),
                                              "--format",
                                              "text",
                                              "--timeout",
                                              "20"},
                                             "", {"MRA_E2E_PASSWORD=" + password});
    CHECK(outcome.exit_code == 0);
    // The SIP exchange ran: the digest answer went to both Expressway-Es, and was accepted.
    const auto report = json::parse(mra::test::slurp((dir / "report.json").string()));
    for (const auto& finding : findings_of(report, "sip.service")) CHECK(finding["status"] == "pass");
    CHECK(findings_of(report, "sip.service").size() == 2);
    // `sip HOST` registering on its own, the password from the environment too.
    const auto sip =
        mra::test::run_tool({"sip", "expe1.example.com", "--resolver", lab["RESOLVER"], "--ca-bundle", lab["CA_BUNDLE"],
                             "--user", lab["TEST_USER"], "--password-env", "MRA_E2E_PASSWORD", "--device",
                             "TestOneJabber", "--format", "text", "--verbose"},  // every finding, its message included
                            "", {"MRA_E2E_PASSWORD=" + password});
    CHECK(sip.out.find("registered as TestOneJabber") != std::string::npos);

    const auto history = mra::test::run_tool({"history", (dir / "history.db").string(), "--format", "json"});
    CHECK(history.exit_code == 0);
    std::vector<std::pair<std::string, std::string>> written{{"stdout", outcome.out},
                                                             {"stderr", outcome.err},
                                                             {"history listing", history.out},
                                                             {"sip stdout", sip.out},
                                                             {"sip stderr", sip.err}};
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        written.emplace_back(entry.path().string(), mra::test::slurp(entry.path().string()));
    for (const auto& entry : std::filesystem::directory_iterator(lab["LAB_DIR"] + "/log"))
        written.emplace_back(entry.path().string(), mra::test::slurp(entry.path().string()));
    CHECK(written.size() >= 11);  // every report format, the capture, the history, the lab's logs
    CHECK(std::filesystem::file_size(dir / "history.db") > 0);
    for (const auto& file : written) {
        const auto& where = file.first;
        const auto& text = file.second;
        CAPTURE(where);
        CHECK(text.find(password) == std::string::npos);
        CHECK(text.find(basic) == std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("without a test user the sign-in checks are not run, and say why") {
    const mra::test::Lab lab("healthy");
    const auto outcome =
        mra::test::run_tool({"run", lab["DOMAIN"], "--resolver", lab["RESOLVER"], "--internal-resolver",
                             lab["INTERNAL_RESOLVER"], "--ca-bundle", lab["CA_BUNDLE"], "--format", "json"});
    CHECK(outcome.exit_code == 0);
    const auto report = json::parse(outcome.out);
    for (const char* id : {"edge.config", "uds.devices", "tftp.jabber-config", "edge.allow-list"})
        for (const auto& finding : findings_of(report, id)) {
            CHECK(finding["status"] == "not_run");
            CHECK(finding["message"].get<std::string>().find("--user") != std::string::npos);
        }
}
