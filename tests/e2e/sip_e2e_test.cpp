// The SIP leg against the lab's Kamailio: `mra-preflight sip` alone, and the test SERVICE sent to a
// chosen target with a client certificate. Kamailio answering our OPTIONS 200, REGISTER 407 and
// SERVICE 200 (437 in cert-md5) is the proof that the requests are well formed.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "e2e/lab.hpp"
#include "fixtures.hpp"

namespace {

using nlohmann::json;

// check id → status, for the findings about `subject`.
std::map<std::string, std::string> statuses(const json& report, const std::string& subject) {
    std::map<std::string, std::string> found;
    for (const auto& finding : report["findings"])
        if (finding["subject"] == subject) found[finding["id"]] = finding["status"];
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

}  // namespace

TEST_CASE("sip HOST --service: the whole SIP leg of one Expressway-E") {
    {
        const mra::test::Lab lab("healthy");
        const auto report = sip(lab, {"expe1.example.com", "--service"}, 0);
        CHECK(report["target"] == "example.com");
        const auto found = statuses(report, "expe1.example.com:5061");
        CHECK(found.at("sip.tls") == "pass");
        CHECK(found.at("sip.options") == "pass");
        CHECK(found.at("sip.register-challenge") == "pass");
        CHECK(found.at("sip.service") == "pass");
    }
    {
        const mra::test::Lab lab("cert-md5");
        const auto report = sip(lab, {"127.0.10.2:5061", "--domain", "example.com", "--service"}, 2);
        const auto found = statuses(report, "127.0.10.2:5061");
        CHECK(found.at("sip.register-challenge") == "pass");
        CHECK(found.at("sip.service") == "fail");
        for (const auto& finding : report["findings"])
            if (finding["id"] == "sip.service")
                CHECK(finding["message"].get<std::string>().find("437 Unsupported Certificate") == 0);
    }
}

TEST_CASE("sip: nothing listening is a sip.tls failure and the rest not run, within the timeout") {
    const mra::test::Lab lab("sip-closed");
    const auto report = sip(lab, {"expe2.example.com", "--service", "--timeout", "5"}, 2);
    const auto found = statuses(report, "expe2.example.com:5061");
    CHECK(found.at("sip.tls") == "fail");
    CHECK(found.at("sip.options") == "not_run");
    CHECK(found.at("sip.service") == "not_run");
}

TEST_CASE("run --service-target: the SERVICE goes to that target alone, over mutual TLS") {
    const mra::test::Lab lab("healthy");
    const std::string certs = mra::test::fixture("certs/healthy/");
    const auto report = lab.run({"--service-target", "expe2.example.com:5061", "--client-cert", certs + "leaf.pem",
                                 "--client-key", certs + "key.pem"});
    std::vector<std::string> subjects;
    for (const auto& finding : report["findings"])
        if (finding["id"] == "sip.service") {
            subjects.push_back(finding["subject"]);
            CHECK(finding["status"] == "pass");
        }
    CHECK(subjects == std::vector<std::string>{"expe2.example.com:5061"});
}

TEST_CASE("run refuses a client key that is not the certificate's, in one line") {
    const std::string certs = mra::test::fixture("certs/");
    const auto outcome = mra::test::run_tool({"run", "example.com", "--resolver", "127.0.0.1", "--client-cert",
                                              certs + "healthy/leaf.pem", "--client-key", certs + "wrong-key/key.pem"});
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.err.find("is not the key of") != std::string::npos);
}
