#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("edge.user-uds: userUdsServer with an address passes, naming it") {
    const auto results = mra::test::run_check("edge.user-uds", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "userUdsServer cucm.example.com:8443");
    CHECK(results[0].evidence["address"] == "cucm.example.com");
}

TEST_CASE("edge.user-uds: an empty userUdsServer address, or none, fails") {
    // As in Cisco TAC document 211304's getEdgeConfigResponse: <address></address>.
    auto facts = sign_in::healthy();
    sign_in::walked(facts).config->user_uds_servers = {{.address = "", .port = 8443}};
    const auto empty = mra::test::run_check("edge.user-uds", facts);
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].status == mra::Status::fail);
    CHECK(empty[0].message ==
          "userUdsServer has an empty address: the user has no home cluster or no service "
          "profile with a UDS (CTI) service");

    sign_in::walked(facts).config->user_uds_servers.clear();
    const auto none = mra::test::run_check("edge.user-uds", facts);
    CHECK(none[0].status == mra::Status::fail);
    CHECK(none[0].message == "get_edge_config has no userUdsServer");
}

TEST_CASE("edge.user-uds: not run without a getEdgeConfigResponse") {
    sign_in::check_not_run_without_session("edge.user-uds");
}
