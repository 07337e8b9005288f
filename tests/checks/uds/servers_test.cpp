#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("uds.servers: the servers resource lists the cluster's servers") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).uds.server_names = {"cucm.example.com", "cucm2.example.com"};
    const auto results = mra::test::run_check("uds.servers", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "cluster servers cucm.example.com, cucm2.example.com");
}

TEST_CASE("uds.servers: an answer listing no server fails, as does a request not answered") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).uds.server_names.clear();
    const auto empty = mra::test::run_check("uds.servers", facts);
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].status == mra::Status::fail);
    CHECK(empty[0].message == "cucm-uds/servers lists no server");

    facts = sign_in::healthy();
    auto& servers = sign_in::walked(facts).uds.servers;
    servers.outcome = mra::facts::HttpOutcome::timeout;
    servers.status = 0;
    servers.error = "no complete response within 5000 ms";
    const auto timeout = mra::test::run_check("uds.servers", facts);
    REQUIRE(timeout.size() == 1);
    CHECK(timeout[0].status == mra::Status::fail);
    CHECK(timeout[0].message ==
          "cucm-uds/servers on https://cucm.example.com:8443: no complete response within 5000 ms");
}

TEST_CASE("uds.servers: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("uds.servers");

    auto facts = sign_in::healthy();
    auto& servers = sign_in::walked(facts).uds.servers;
    servers = sign_in::not_sent(servers, "clusterUser named no home cluster");
    sign_in::walked(facts).uds.server_names.clear();
    const auto results = mra::test::run_check("uds.servers", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "clusterUser named no home cluster");
}
