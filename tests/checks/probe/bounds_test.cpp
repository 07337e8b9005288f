#include <doctest/doctest.h>

#include "support/check_runner.hpp"

namespace {

using mra::facts::Cut;

// A run whose _collab-edge answer and expe1's edge configuration and UDS devices were cut as given.
mra::facts::Facts run_with(std::vector<Cut> srv, std::vector<Cut> config, std::vector<Cut> uds) {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.dns = mra::facts::DnsFacts{
        .queries = {{.name = "_collab-edge._tls.example.com", .type = "SRV", .cuts = std::move(srv)}}};
    mra::facts::EdgeSession session{.host = "expe1.example.com", .port = 8443};
    session.config = mra::facts::EdgeConfig{.cuts = std::move(config)};
    session.uds.cuts = std::move(uds);
    facts.sign_in = mra::facts::SignIn{.user = "test1", .sessions = {session}};
    return facts;
}

}  // namespace

TEST_CASE("probe.bounds: nothing cut passes, each cut warns for its subject, naming the list and its size") {
    const auto none = mra::test::run_check("probe.bounds", run_with({}, {}, {}));
    REQUIRE(none.size() == 1);
    CHECK(none[0].subject.name() == "example.com");
    CHECK(none[0].status == mra::Status::pass);

    const auto cut = mra::test::run_check(
        "probe.bounds",
        run_with({{"SRV records", 2000}}, {{"<sipEdgeServer> servers", 40}, {"<serviceConfig> services", 33}}, {}));
    REQUIRE(cut.size() == 2);
    CHECK(cut[0].subject.name() == "expe1.example.com:8443 get_edge_config");
    CHECK(cut[0].status == mra::Status::warn);
    CHECK(cut[0].message ==
          "<sipEdgeServer> servers: 40, more than the 32 mra-preflight keeps; only the first 32 were used (8 left "
          "out); <serviceConfig> services: 33, more than the 32 mra-preflight keeps; only the first 32 were used (1 "
          "left out)");
    CHECK(cut[0].evidence["cuts"].size() == 2);
    CHECK(cut[1].subject.name() == "external _collab-edge._tls.example.com SRV");
    CHECK(cut[1].message.starts_with("SRV records: 2000, more than the 32"));
}

TEST_CASE("probe.bounds: without anything a peer sent (no discovery, no chain) it is not applicable") {
    mra::facts::Facts facts;
    facts.target = "leaf.pem";
    CHECK(mra::test::run_check("probe.bounds", facts).empty());
}
