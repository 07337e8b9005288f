#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "support/check_runner.hpp"
#include "x509/chain.hpp"
#include "x509/load.hpp"

namespace {

// An established endpoint presenting the fixture scenario's leaf and chain.
mra::facts::TlsEndpoint presenting(const std::string& host, const std::string& scenario) {
    std::vector<Botan::X509_Certificate> presented;
    for (const char* file : {"leaf.pem", "chain.pem"}) {
        const std::string path = mra::test::fixture("certs/" + scenario + "/" + file);
        auto certs = mra::x509::read_certificates(mra::x509::read_file(path), path);
        presented.insert(presented.end(), certs.begin(), certs.end());
    }
    mra::facts::TlsEndpoint edge;
    edge.host = host;
    edge.port = 8443;
    edge.outcome = mra::facts::TransportOutcome::established;
    edge.chain = mra::x509::analyse_chain(
        presented, mra::x509::TrustStore::from_file(mra::test::fixture("certs/ca/root.pem")), 1799971200);
    return edge;
}

mra::facts::Facts with_edges(std::vector<mra::facts::TlsEndpoint> edges) {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.evaluated_at = 1799971200;
    facts.dns = mra::facts::DnsFacts{};
    facts.edges = std::move(edges);
    return facts;
}

}  // namespace

TEST_CASE("cert.cluster-consistency: peers whose certificates cover the same names pass") {
    const auto results = mra::test::run_check(
        "cert.cluster-consistency",
        with_edges({presenting("expe1.example.com", "healthy"), presenting("expe2.example.com", "healthy")}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == "_collab-edge._tls.example.com");
    CHECK(results[0].status == mra::Status::pass);
}

TEST_CASE("cert.cluster-consistency: an edge domain one peer covers and another does not fails, naming both") {
    // missing-domain names expe1/expe2 but not the edge domain.
    const auto results = mra::test::run_check(
        "cert.cluster-consistency",
        with_edges({presenting("expe1.example.com", "healthy"), presenting("expe2.example.com", "missing-domain")}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message ==
          "expe2.example.com:8443 does not cover the edge domain example.com, which expe1.example.com:8443 covers");
}

TEST_CASE("cert.cluster-consistency: per-peer certificates (own FQDN + cluster FQDN + edge domain) pass") {
    const auto results = mra::test::run_check("cert.cluster-consistency",
                                              with_edges({presenting("expe1.example.com", "per-peer-expe1"),
                                                          presenting("expe2.example.com", "per-peer-expe2")}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::pass);
    // …and so do a per-peer certificate beside the shared one that lists every peer.
    CHECK(mra::test::run_check("cert.cluster-consistency",
                               with_edges({presenting("expe1.example.com", "healthy"),
                                           presenting("expe2.example.com", "per-peer-expe2")}))[0]
              .status == mra::Status::pass);
}

TEST_CASE("cert.cluster-consistency: a peer whose certificate does not cover its own FQDN fails") {
    // expe1's per-peer certificate presented by expe2 too (copied to the wrong peer).
    const auto results = mra::test::run_check("cert.cluster-consistency",
                                              with_edges({presenting("expe1.example.com", "per-peer-expe1"),
                                                          presenting("expe2.example.com", "per-peer-expe1")}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message == "expe2.example.com:8443 does not cover its own name expe2.example.com");
}

TEST_CASE("cert.cluster-consistency: no peer covering the edge domain is cert.edge-domain's finding, not this one") {
    const auto results = mra::test::run_check("cert.cluster-consistency",
                                              with_edges({presenting("expe1.example.com", "missing-domain"),
                                                          presenting("expe2.example.com", "missing-domain")}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::pass);
}

TEST_CASE("cert.cluster-consistency: fewer than two peers with a chain is not applicable") {
    CHECK(mra::test::run_check("cert.cluster-consistency", with_edges({presenting("expe1.example.com", "healthy")}))
              .empty());
    CHECK(mra::test::run_check("cert.cluster-consistency", mra::facts::Facts{}).empty());
}

TEST_CASE("cert checks on a run: every endpoint is a subject, labelled, with its own host required") {
    auto facts = with_edges({presenting("expe1.example.com", "healthy"), presenting("expe3.example.com", "healthy")});
    const auto results = mra::test::run_check("cert.hostname", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == "expe1.example.com:8443 leaf");
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[1].subject.name() == "expe3.example.com:8443 leaf");
    CHECK(results[1].status == mra::Status::fail);

    mra::facts::TlsEndpoint refused;
    refused.host = "expe2.example.com";
    refused.port = 8443;
    refused.outcome = mra::facts::TransportOutcome::refused;
    refused.error = "connection refused";
    const auto not_run = mra::test::run_check("cert.eku", with_edges({refused}));
    REQUIRE(not_run.size() == 1);
    CHECK(not_run[0].status == mra::Status::not_run);
    CHECK(not_run[0].message.find("TLS to expe2.example.com:8443 failed: connection refused") != std::string::npos);
}
