// The DNS and TLS verdicts of catalogue version 2 against the lab's real servers: each scenario's
// report matches its expected.json, with the overall status and the words that explain it.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "e2e/lab.hpp"
#include "support/expected.hpp"

namespace {

using nlohmann::json;

json finding(const json& report, const std::string& id, const std::string& subject_part) {
    for (const auto& f : report["findings"])
        if (f["id"] == id && f["subject"].get<std::string>().find(subject_part) != std::string::npos) return f;
    FAIL("no finding " << id << " about " << subject_part);
    return {};
}

bool says(const json& finding, const std::string& words) {
    return finding["message"].get<std::string>().find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("scenario verdicts: cuplogin-public: a public _cuplogin is critical, and the message says the exception") {
    const mra::test::Lab lab("cuplogin-public");
    const auto report = lab.run();
    mra::test::check_against_expected(report, lab["EXPECTED"]);
    CHECK(report["status"] == "critical");
    const auto f = finding(report, "dns.cuplogin-private", "_cuplogin._tcp.example.com");
    CHECK(f["severity"] == "critical");
    CHECK(says(f, "IM and Presence node instead of the Expressway-E"));
    CHECK(says(f, "ServiceDiscoveryExcludedServices"));
}

TEST_CASE("scenario verdicts: srv-cname: a CNAME SRV target warns (exit 1), the probe follows it") {
    const mra::test::Lab lab("srv-cname");
    const auto report = lab.run();
    mra::test::check_against_expected(report, lab["EXPECTED"]);
    CHECK(report["status"] == "warning");
    const auto f = finding(report, "dns.srv-target", "expe2.example.com");
    CHECK(f["status"] == "warn");
    CHECK(says(f, "is an alias (expe2.example.com -> expe2-dmz.example.com)"));
    CHECK(says(f, "RFC 2782 forbids it"));
    CHECK(says(f, "the certificate there must name expe2.example.com"));
}

TEST_CASE("scenario verdicts: xmpp-client-stale: a broken _xmpp-client target fails as minor: never critical") {
    const mra::test::Lab lab("xmpp-client-stale");
    const auto report = lab.run();
    mra::test::check_against_expected(report, lab["EXPECTED"]);
    CHECK(report["status"] == "warning");
    const auto f = finding(report, "dns.srv-target", "messenger-gone.example.com");
    CHECK(f["status"] == "fail");
    CHECK(f["severity"] == "minor");
    CHECK(says(f, "has no A or AAAA record"));
    CHECK(finding(report, "dns.srv-target", "expe1.example.com")["severity"] == "critical");
}

TEST_CASE(
    "scenario verdicts: tls13-only: the chain of an edge Botan 2 cannot speak to is captured and judged, TLS 1.3 in "
    "evidence") {
    const mra::test::Lab lab("tls13-only");
    const auto report = lab.run();
    mra::test::check_against_expected(report, lab["EXPECTED"]);
    for (const std::string edge : {"expe1.example.com:8443", "expe2.example.com:8443"}) {
        CAPTURE(edge);
        const auto https = finding(report, "edge.https", edge);
        CHECK(https["status"] == "pass");
        CHECK(https["evidence"]["protocol"] == "TLS v1.3");
        CHECK(https["evidence"]["handshake_by"].get<std::string>().starts_with("OpenSSL (libcurl), after Botan 2: "));
        CHECK(finding(report, "cert.hostname", edge)["status"] == "pass");
        CHECK(finding(report, "cert.chain-trusted", edge)["status"] == "pass");
    }
}

TEST_CASE("scenario verdicts: tls10-edge: an edge that speaks only TLS 1.0 fails edge.https, naming the version") {
    const mra::test::Lab lab("tls10-edge");
    const auto report = lab.run();
    mra::test::check_against_expected(report, lab["EXPECTED"]);
    CHECK(report["status"] == "critical");
    for (const std::string edge : {"expe1.example.com:8443", "expe2.example.com:8443"}) {
        CAPTURE(edge);
        const auto https = finding(report, "edge.https", edge);
        CHECK(https["status"] == "fail");
        CHECK(https["evidence"]["protocol"] == "TLS v1.0");
        CHECK(says(https, "TLS v1.0 negotiated: Jabber 12 and later and iOS require TLS 1.2 or later"));
        CHECK(finding(report, "cert.hostname", edge)["status"] == "pass");  // the chain is still judged
    }
}
