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
    CHECK(results[0].subject == "expe1.example.com:8443");
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[1].status == mra::Status::fail);
    CHECK(results[1].message.find("connection refused") != std::string::npos);
}

TEST_CASE("edge.https: not_run without any Expressway-E, not applicable offline") {
    CHECK(mra::test::run_check("edge.https", run_facts()).front().status == mra::Status::not_run);
    CHECK(mra::test::run_check("edge.https", mra::facts::Facts{}).empty());
}
