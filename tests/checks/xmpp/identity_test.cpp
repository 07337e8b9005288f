// xmpp.identity: the certificate on an xmppEdgeServer must cover that server's FQDN (RFC 6125
// DNS-ID); covering the IM and Presence domain as well is information.

#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "support/check_runner.hpp"
#include "x509/chain.hpp"
#include "x509/load.hpp"

namespace {

using mra::Status;

// An xmppEdgeServer that completed STARTTLS presenting the fixture scenario's leaf and chain.
mra::facts::XmppEndpoint xmpp_presenting(const std::string& host, const std::string& scenario) {
    std::vector<Botan::X509_Certificate> presented;
    for (const char* file : {"leaf.pem", "chain.pem"}) {
        const std::string path = mra::test::fixture("certs/" + scenario + "/" + file);
        auto certs = mra::x509::read_certificates(mra::x509::read_file(path), path);
        presented.insert(presented.end(), certs.begin(), certs.end());
    }
    mra::facts::XmppEndpoint endpoint;
    endpoint.domain = "example.com";
    endpoint.outcome = mra::facts::XmppOutcome::tls_established;
    endpoint.tls.service = "xmpp";
    endpoint.tls.host = host;
    endpoint.tls.port = 5222;
    endpoint.tls.outcome = mra::facts::TransportOutcome::established;
    endpoint.tls.chain = mra::x509::analyse_chain(
        presented, mra::x509::TrustStore::from_file(mra::test::fixture("certs/ca/root.pem")), 1799971200);
    return endpoint;
}

mra::Result identity_of(const std::string& host, const std::string& scenario) {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.evaluated_at = 1799971200;
    facts.dns = mra::facts::DnsFacts{};  // a live run
    facts.xmpp.push_back(xmpp_presenting(host, scenario));
    const auto results = mra::test::run_check("xmpp.identity", facts);
    REQUIRE(results.size() == 1);
    return results[0];
}

}  // namespace

TEST_CASE("xmpp.identity: covering the server's FQDN and the domain passes") {
    const auto result = identity_of("expe1.example.com", "healthy");
    CHECK(result.subject.name() == "expe1.example.com:5222");
    CHECK(result.status == Status::pass);
    CHECK(result.message.find("by xmppAddr") == std::string::npos);  // healthy has no xmppAddr: the SRVName
    CHECK(result.evidence["domain_identity"] == "SRVName _collab-edge._tls.example.com");
    CHECK(identity_of("expe1.example.com", "xmppaddr").evidence["domain_identity"] == "xmppAddr example.com");
}

TEST_CASE("xmpp.identity: a collab-edge.<domain> certificate covers the server, not the domain: info") {
    const auto result = identity_of("expe1.example.com", "collab-edge-only");
    CHECK(result.status == Status::info);
    CHECK(result.message.find("not the IM and Presence domain example.com") != std::string::npos);
}

TEST_CASE("xmpp.identity: a certificate that does not cover the xmppEdgeServer's FQDN fails") {
    // expe1's per-peer certificate on expe2: it covers example.com, but not expe2.example.com.
    const auto result = identity_of("expe2.example.com", "per-peer-expe1");
    CHECK(result.status == Status::fail);
    CHECK(result.message.find("does not cover expe2.example.com") != std::string::npos);
    CHECK(result.message.find("it covers example.com by") != std::string::npos);
}
