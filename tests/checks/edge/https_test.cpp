#include <doctest/doctest.h>

#include "support/check_runner.hpp"

namespace {

mra::facts::Facts run_facts() {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.dns = mra::facts::DnsFacts{};
    return facts;
}

mra::facts::TlsEndpoint endpoint(const std::string& host, mra::facts::TransportOutcome outcome) {
    mra::facts::TlsEndpoint edge;
    edge.service = "collab-edge";
    edge.host = host;
    edge.port = 8443;
    edge.outcome = outcome;
    edge.protocol_version = "TLS v1.2";
    edge.cipher_suite = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    if (outcome != mra::facts::TransportOutcome::established) edge.error = "connect: Connection refused";
    return edge;
}

}  // namespace

TEST_CASE("edge.https: one finding per Expressway-E, pass when the handshake completed") {
    auto facts = run_facts();
    facts.edges = {endpoint("expe1.example.com", mra::facts::TransportOutcome::established),
                   endpoint("expe2.example.com", mra::facts::TransportOutcome::refused)};
    const auto results = mra::test::run_check("edge.https", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == "expe1.example.com:8443");
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[1].status == mra::Status::fail);
    CHECK(results[1].message.find("connection refused") != std::string::npos);
}

TEST_CASE("edge.https: not_run without any Expressway-E, not applicable offline") {
    CHECK(mra::test::run_check("edge.https", run_facts()).front().status == mra::Status::not_run);
    CHECK(mra::test::run_check("edge.https", mra::facts::Facts{}).empty());
}

TEST_CASE("edge.https: a version below TLS 1.2 fails, naming it, TLS 1.3 through OpenSSL passes with its evidence") {
    auto facts = run_facts();
    facts.edges = {endpoint("expe1.example.com", mra::facts::TransportOutcome::established),
                   endpoint("expe2.example.com", mra::facts::TransportOutcome::established)};
    facts.edges[0].protocol_version = "TLS v1.0";
    facts.edges[0].cipher_suite = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";
    facts.edges[1].protocol_version = "TLS v1.3";
    facts.edges[1].cipher_suite = "TLS_AES_256_GCM_SHA384";
    facts.edges[1].handshake_by = "OpenSSL (libcurl), after Botan 2: protocol_version alert";
    auto results = mra::test::run_check("edge.https", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message ==
          "TLS v1.0 negotiated: Jabber 12 and later and iOS require TLS 1.2 or later, and RFC 8996 deprecates TLS "
          "1.0 and 1.1 (TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA)");
    CHECK(results[0].evidence["protocol"] == "TLS v1.0");
    CHECK(results[1].status == mra::Status::pass);
    CHECK(results[1].evidence["protocol"] == "TLS v1.3");
    CHECK(results[1].evidence["handshake_by"] == "OpenSSL (libcurl), after Botan 2: protocol_version alert");

    facts.edges[0].protocol_version = "TLS v1.1";
    CHECK(mra::test::run_check("edge.https", facts)[0].status == mra::Status::fail);
    facts.edges[0].protocol_version = "TLS v1.2";
    CHECK(mra::test::run_check("edge.https", facts)[0].status == mra::Status::pass);
}

TEST_CASE("edge.https, sip.tls and the chains: an edge never connected to (private address) is not run, saying why") {
    auto facts = run_facts();
    auto edge = endpoint("expe1.example.com", mra::facts::TransportOutcome::not_public);
    edge.error =
        "not connected: the external view gives expe1.example.com only addresses the internet cannot "
        "reach (10.0.0.5 (private (RFC 1918)))";
    facts.edges = {edge};
    mra::facts::SipEndpoint sip;
    sip.tls = edge;
    sip.tls.service = "sip";
    sip.tls.port = 5061;
    facts.sip = {sip};
    const auto https = mra::test::run_check("edge.https", facts);
    REQUIRE(https.size() == 1);
    CHECK(https[0].status == mra::Status::not_run);
    CHECK(https[0].message == edge.error + " (see dns.public-address)");
    const auto tls = mra::test::run_check("sip.tls", facts);
    REQUIRE(tls.size() == 1);
    CHECK(tls[0].status == mra::Status::not_run);
    CHECK(tls[0].message.ends_with("(see dns.public-address)"));
    const auto hostname = mra::test::run_check("cert.hostname", facts);
    REQUIRE(!hostname.empty());
    CHECK(hostname[0].status == mra::Status::not_run);
    CHECK(hostname[0].message.find("10.0.0.5") != std::string::npos);
}
