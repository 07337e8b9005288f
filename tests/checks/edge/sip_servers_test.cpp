#include <doctest/doctest.h>

#include "support/check_runner.hpp"

namespace {

using mra::facts::DnsOutcome;

mra::facts::DnsQuery lookup(const std::string& name, const std::string& type, DnsOutcome outcome,
                            std::vector<std::string> addresses = {}) {
    return {.name = name,
            .type = type,
            .outcome = outcome,
            .error = outcome == DnsOutcome::malformed ? "reply ID 1 does not match query ID 2" : "",
            .addresses = std::move(addresses)};
}

// A run signed in through expe1, whose get_edge_config lists expe1 and expe2 as SIP edge servers;
// expe1 resolves, expe2's lookups ended as given.
mra::facts::Facts signed_in(DnsOutcome expe2_a, DnsOutcome expe2_aaaa) {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.dns = mra::facts::DnsFacts{.queries = {lookup("expe1.example.com", "A", DnsOutcome::answer, {"192.0.2.1"}),
                                                 lookup("expe1.example.com", "AAAA", DnsOutcome::nodata),
                                                 lookup("expe2.example.com", "A", expe2_a),
                                                 lookup("expe2.example.com", "AAAA", expe2_aaaa)}};
    mra::facts::TlsEndpoint edge;
    edge.host = "expe1.example.com";
    edge.port = 8443;
    edge.outcome = mra::facts::TransportOutcome::established;
    facts.edges = {edge};
    mra::facts::EdgeSession session{.host = "expe1.example.com", .port = 8443};
    session.config =
        mra::facts::EdgeConfig{.sip_edge_servers = {{"expe1.example.com", 5061}, {"expe2.example.com", 5061}}};
    facts.sign_in = mra::facts::SignIn{.user = "test1", .sessions = {session}};
    return facts;
}

}  // namespace

TEST_CASE("edge.sip-servers: every advertised server resolves, or one does not") {
    const auto resolving = mra::test::run_check("edge.sip-servers", signed_in(DnsOutcome::answer, DnsOutcome::nodata));
    REQUIRE(resolving.size() == 1);
    CHECK(resolving[0].status == mra::Status::pass);

    const auto missing =
        mra::test::run_check("edge.sip-servers", signed_in(DnsOutcome::nxdomain, DnsOutcome::nxdomain));
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].status == mra::Status::fail);
    CHECK(missing[0].message == "sipEdgeServer expe2.example.com does not resolve in public DNS");
}

TEST_CASE("edge.sip-servers: a lookup that failed is an error naming it, not a server that does not resolve") {
    const auto results = mra::test::run_check("edge.sip-servers", signed_in(DnsOutcome::malformed, DnsOutcome::nodata));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::error);
    CHECK(results[0].message.find("could not tell whether sipEdgeServer expe2.example.com (A: ") == 0);
    CHECK(results[0].message.find("reply ID 1 does not match query ID 2") != std::string::npos);
    CHECK(results[0].message.find("(see dns.resolver)") != std::string::npos);
}
