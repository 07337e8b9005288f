// `run` against hostile or dead peers on loopback (real sockets, started by the test): each ends in
// a clear finding or message within the run's deadline — never a hang.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "probe/dns/test_dns_server.hpp"
#include "probe/net/loopback_server.hpp"
#include "support/process.hpp"

namespace {

using namespace std::chrono;
using nlohmann::json;

struct Timed {
    mra::test::Outcome outcome;
    json report;
    double seconds;
};

// `run example.com` through `resolver` with a 4 s budget, timed from outside.
Timed run_with(const std::string& resolver) {
    const auto start = steady_clock::now();
    auto outcome =
        mra::test::run_tool({"run", "example.com", "--resolver", resolver, "--timeout", "4", "--format", "json",
                             "--ca-bundle", std::string(MRA_SOURCE_DIR) + "/fixtures/certs/ca/root.pem"});
    const double seconds = duration<double>(steady_clock::now() - start).count();
    INFO(outcome.err);
    return {outcome, json::parse(outcome.out), seconds};
}

json finding(const json& report, const std::string& id, const std::string& subject_part = "") {
    for (const auto& f : report["findings"])
        if (f["id"] == id && f["subject"].get<std::string>().find(subject_part) != std::string::npos) return f;
    FAIL("no finding " << id << " " << subject_part);
    return {};
}

// A DNS view whose _collab-edge points at one Expressway-E on `port` of 127.0.0.1.
mra::test::TestDnsServer edge_dns(std::uint16_t port) {
    return mra::test::TestDnsServer(mra::test::dns_zone({
        "_collab-edge._tls.example.com. 300 IN SRV 10 10 " + std::to_string(port) + " expe1.example.com.",
        "expe1.example.com. 300 IN A 127.0.0.1",
    }));
}

}  // namespace

TEST_CASE("run: a resolver that does not answer is an error, exit 3, within the deadline") {
    const auto run = run_with("127.0.0.1:" + std::to_string(mra::test::closed_port()));
    CHECK(run.outcome.exit_code == 3);
    CHECK(run.seconds < 4 + 1.5);
    CHECK(finding(run.report, "dns.resolver")["status"] == "error");
    CHECK(finding(run.report, "edge.https")["status"] == "not_run");
    CHECK(run.report["score"].is_null());
}

TEST_CASE("run: garbage instead of DNS is reported as malformed, exit 3") {
    mra::test::TestDnsServer garbage(
        [](const mra::test::DnsRequest&) { return mra::test::dns_raw("HTTP/1.1 400 Bad Request\r\n\r\n"); });
    const auto run = run_with("127.0.0.1:" + std::to_string(garbage.port()));
    CHECK(run.outcome.exit_code == 3);
    CHECK(run.seconds < 4 + 1.5);
    const auto resolver = finding(run.report, "dns.resolver");
    CHECK(resolver["status"] == "error");
    CHECK(resolver["message"].get<std::string>().find("malformed") != std::string::npos);
}

TEST_CASE("run: a resolver whose replies carry another ID or are truncated with TCP closed is named, exit 3") {
    SUBCASE("another ID") {
        mra::test::TestDnsServer mismatched([](const mra::test::DnsRequest& request) {
            return mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {},
                                        {.id = static_cast<std::uint16_t>(request.id + 1)});
        });
        const auto run = run_with(mismatched.text());
        CHECK(run.outcome.exit_code == 3);
        CHECK(run.seconds < 4 + 1.5);
        CHECK(finding(run.report, "dns.collab-edge")["message"].get<std::string>().find("does not match query ID") !=
              std::string::npos);
    }
    SUBCASE("truncated over UDP, TCP refused") {
        mra::test::TestDnsServer truncating(
            [](const mra::test::DnsRequest& request) {
                return mra::test::dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true});
            },
            "127.0.0.1", /*with_tcp=*/false);
        const auto run = run_with(truncating.text());
        CHECK(run.outcome.exit_code == 3);
        CHECK(run.seconds < 4 + 1.5);
        const std::string message = finding(run.report, "dns.collab-edge")["message"];
        CHECK(message.find("over TCP (the UDP answer was truncated)") != std::string::npos);
        CHECK(message.find("Connection refused") != std::string::npos);
    }
}

TEST_CASE("run: an Expressway-E that accepts TCP and never answers the handshake times out in the deadline") {
    mra::test::LoopbackServer silent(mra::test::silent());
    const auto dns = edge_dns(silent.port());
    const auto run = run_with("127.0.0.1:" + std::to_string(dns.port()));
    CHECK(run.seconds < 4 + 1.5);
    const auto https = finding(run.report, "edge.https", "expe1.example.com");
    CHECK(https["status"] == "fail");
    CHECK(https["message"].get<std::string>().find("timed out") != std::string::npos);
    CHECK(finding(run.report, "cert.chain-trusted")["status"] == "not_run");
    CHECK(run.outcome.exit_code == 2);  // edge.https is critical
}

TEST_CASE("run: an Expressway-E that resets mid-handshake is a clear failure") {
    mra::test::LoopbackServer resetting(mra::test::reset_after_first_read());
    const auto dns = edge_dns(resetting.port());
    const auto run = run_with("127.0.0.1:" + std::to_string(dns.port()));
    CHECK(run.seconds < 4 + 1.5);
    const auto https = finding(run.report, "edge.https", "expe1.example.com");
    CHECK(https["status"] == "fail");
    CHECK(https["message"].get<std::string>().find("closed the connection") != std::string::npos);
}
