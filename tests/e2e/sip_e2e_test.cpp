// The SIP leg against the lab's Kamailio Expressway-E and its Kamailio Expressway-C: the
// registration as the test user's softphone that makes Expressway-E run its SERVICE exchange, in
// every scenario that breaks it, and `mra-preflight sip` alone. Kamailio answering our REGISTER 407
// and, after the digest answer, Expressway-C's registrar answering 200 (and logging the digest it
// verified) is the proof that the requests are well formed.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

#include "e2e/lab.hpp"
#include "support/expected.hpp"

namespace {

using nlohmann::json;

// check id → status, for the findings about `subject`.
std::map<std::string, std::string> statuses(const json& report, const std::string& subject) {
    std::map<std::string, std::string> found;
    for (const auto& finding : report["findings"])
        if (finding["subject"] == subject) found[finding["id"]] = finding["status"];
    return found;
}

std::vector<json> findings_of(const json& report, const std::string& id) {
    std::vector<json> found;
    for (const auto& finding : report["findings"])
        if (finding["id"] == id) found.push_back(finding);
    return found;
}

json sip(const mra::test::Lab& lab, std::vector<std::string> args, int expected_exit) {
    args.insert(args.begin(), "sip");
    for (const auto& option :
         {"--resolver", lab["RESOLVER"].c_str(), "--ca-bundle", lab["CA_BUNDLE"].c_str(), "--format", "json"})
        args.push_back(option);
    const auto outcome = mra::test::run_tool(args);
    INFO(outcome.err);
    CHECK(outcome.exit_code == expected_exit);
    return json::parse(outcome.out);
}

std::vector<std::string> registering(const mra::test::Lab& lab) {
    return {"--user",          lab["TEST_USER"],
            "--password-file", lab["PASSWORD_FILE"],
            "--device",        "TestOneJabber",
            "--cucm",          "cucm.example.com",
            "--route",         "<sip:" + lab["EXPC_ADDR"] + ":5061;transport=tls;zone-id=1;directed;lr>"};
}

}  // namespace

TEST_CASE("sip HOST --user: the whole SIP leg of one Expressway-E, registered and unregistered") {
    const mra::test::Lab lab("healthy");
    auto args = registering(lab);
    args.insert(args.begin(), "expe1.example.com");
    const auto report = sip(lab, args, 0);
    CHECK(report["target"] == "example.com");
    const auto found = statuses(report, "expe1.example.com:5061");
    CHECK(found.at("sip.tls") == "pass");
    CHECK(found.at("sip.options") == "pass");
    CHECK(found.at("sip.register-challenge") == "pass");
    CHECK(found.at("sip.service") == "pass");
    const auto service = findings_of(report, "sip.service").at(0);
    const std::string message = service["message"];
    CHECK(message.find("registered as TestOneJabber (200 OK, Expires 120)") == 0);
    CHECK(message.find("unregistered at once (200)") != std::string::npos);
    CHECK(service["evidence"]["unregister"] == "200 OK");
    // Expressway-C verified the digest of both REGISTERs: the registration and the unregistration.
    const std::string log = mra::test::slurp(lab["LAB_DIR"] + "/log/expc.log");
    CHECK(log.find("expc: digest verified for user test1 realm expe1.example.com uri sip:cucm.example.com, REGISTER "
                   "sip:cucm.example.com Expires 3600") != std::string::npos);
    CHECK(log.find("Expires 0") != std::string::npos);

    SUBCASE("without --device there is nothing to register as, and it says so") {
        const auto none =
            sip(lab, {"expe1.example.com", "--user", lab["TEST_USER"], "--password-file", lab["PASSWORD_FILE"]}, 0);
        const auto skipped = findings_of(none, "sip.service").at(0);
        CHECK(skipped["status"] == "not_run");
        CHECK(skipped["message"].get<std::string>().find("--device") != std::string::npos);
    }
    SUBCASE("--no-register") {
        auto no = registering(lab);
        no.insert(no.begin(), "expe1.example.com");
        no.push_back("--no-register");
        const auto skipped = findings_of(sip(lab, no, 0), "sip.service").at(0);
        CHECK(skipped["status"] == "not_run");
        CHECK(skipped["message"].get<std::string>().find("--no-register") != std::string::npos);
    }
}

TEST_CASE("sip: nothing listening is a sip.tls failure and the rest not run, within the timeout") {
    const mra::test::Lab lab("sip-closed");
    const auto report = sip(lab, {"expe2.example.com", "--timeout", "5"}, 2);
    const auto found = statuses(report, "expe2.example.com:5061");
    CHECK(found.at("sip.tls") == "fail");
    CHECK(found.at("sip.options") == "not_run");
    CHECK(found.at("sip.service") == "not_run");
}

TEST_CASE(
    "scenario verdicts: run: the registration as the UDS softphone, and what each broken Expressway-C leg answers") {
    struct Case {
        const char* scenario;
        const char* status;
        std::vector<std::string> words;  // in every sip.service finding's message
    };
    for (const Case& c : std::vector<Case>{
             {"healthy",
              "pass",
              {"registered as TestOneJabber", "SERVICE exchange with Expressway-C", "unregistered at once"}},
             {"cert-md5", "fail", {"answered 408", "timed out", "signed with MD5, which Expressway-C refuses"}},
             {"wrong-password", "fail", {"answered 403", "credentials or Expressway-C's delegated check"}},
             {"expc-down", "fail", {"answered 408", "SERVICE exchange from Expressway-E to Expressway-C"}},
             {"unknown-device", "fail", {"answered 404", "does not know the device TestOneJabber"}},
         }) {
        CAPTURE(c.scenario);
        const mra::test::Lab lab(c.scenario);
        const auto start = std::chrono::steady_clock::now();
        const auto report = lab.run();
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(25));  // --timeout 20, and the report
        mra::test::check_against_expected(report, lab["EXPECTED"]);
        const auto found = findings_of(report, "sip.service");
        CHECK(found.size() == 2);  // expe1 and expe2
        for (const auto& finding : found) {
            CHECK(finding["status"] == c.status);
            const std::string message = finding["message"];
            CAPTURE(message);
            for (const auto& word : c.words) CHECK(message.find(word) != std::string::npos);
        }
    }
}

TEST_CASE("run --no-register: signed in, not registered, and the report says so") {
    const mra::test::Lab lab("healthy");
    const auto report = lab.run({"--no-register"});
    for (const auto& finding : findings_of(report, "sip.service")) {
        CHECK(finding["status"] == "not_run");
        CHECK(finding["message"].get<std::string>().find("--no-register") != std::string::npos);
    }
    for (const auto& finding : findings_of(report, "sip.register-challenge")) CHECK(finding["status"] == "pass");
}
