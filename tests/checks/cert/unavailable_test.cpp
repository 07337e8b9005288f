// The not_run side of every cert.* check. The certificate fixtures (cert_fixtures_test.cpp) give each
// check its passes and failures through the `cert` command; here a live run whose Expressway-E gave
// no certificate at all.

#include <doctest/doctest.h>

#include <set>

#include "core/registry.hpp"
#include "support/check_runner.hpp"

TEST_CASE("cert.*: without a certificate from the edge each certificate check is not_run, saying why") {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.dns = mra::facts::DnsFacts{};
    mra::facts::TlsEndpoint edge;
    edge.service = "collab-edge";
    edge.host = "expe1.example.com";
    edge.port = 8443;
    edge.outcome = mra::facts::TransportOutcome::refused;
    edge.error = "connect 192.0.2.10:8443: Connection refused";
    facts.edges = {edge};

    // What only the offline `cert` command has to judge: a key, a request, the certificate replaced.
    const std::set<std::string> offline_only{"cert.key-match", "cert.csr", "cert.renewal-names"};
    int judged = 0;
    for (const mra::Check* check : mra::catalogue().all()) {
        const std::string id(check->info.id);
        if (!mra::id_matches("cert.*", id)) continue;
        CAPTURE(id);
        const auto results = mra::test::run_check(id, facts);
        if (offline_only.count(id)) {
            CHECK(results.empty());
            continue;
        }
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == mra::Status::not_run);
        CHECK(results[0].message.find("TLS to expe1.example.com:8443 failed: connect 192.0.2.10:8443: Connection "
                                      "refused") != std::string::npos);
        ++judged;
    }
    CHECK(judged == 18);
}
