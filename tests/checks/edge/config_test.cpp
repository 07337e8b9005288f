#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("edge.config: a getEdgeConfigResponse passes, with how often the credentials were presented") {
    const auto results = mra::test::run_check("edge.config", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "getEdgeConfigResponse 1.0 for test1 with 3 services");
    CHECK(results[0].evidence["version"] == "1.0");
    CHECK(results[0].evidence["credentials"]["presentations"] == 2);
    CHECK(results[0].evidence["credentials"]["session_cookie"] == true);
    CHECK(results[0].evidence["get_edge_sso"]["status"] == 200);
}

TEST_CASE("edge.config: a 401 challenging for Basic fails as wrong credentials, naming the realm") {
    const auto results = mra::test::run_check("edge.config", sign_in::config_refused());
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with(
        "get_edge_config: 401 Unauthorized (realm Cisco-Edge): the user name or password is wrong"));

    auto facts = sign_in::healthy();
    auto& session = sign_in::walked(facts);
    session.edge_config = sign_in::with_status(session.edge_config, 429);
    session.config.reset();
    const auto limited = mra::test::run_check("edge.config", facts);
    CHECK(limited[0].status == mra::Status::fail);
    CHECK(limited[0].message.starts_with("get_edge_config: 429 Too Many Requests: authorization rate control"));
}

TEST_CASE("edge.config: a 401 that does not offer Basic is an OAuth-only edge, info, not a wrong password") {
    auto facts = sign_in::config_refused();
    sign_in::walked(facts).edge_config.auth_schemes = {"Bearer"};
    const auto results = mra::test::run_check("edge.config", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::info);
    CHECK(
        results[0].message.starts_with("this edge does not accept Basic credentials (OAuth/SSO only): "
                                       "get_edge_config answered 401 challenging with Bearer, not Basic."));
    CHECK(results[0].evidence["www_authenticate_schemes"] == std::vector<std::string>{"Bearer"});

    // The checks after it say why they did not run.
    const auto uds = mra::test::run_check("uds.version", facts);
    REQUIRE(uds.size() == 1);
    CHECK(uds[0].status == mra::Status::not_run);
    CHECK(uds[0].message.find("does not accept Basic credentials") != std::string::npos);
}

TEST_CASE("edge.config: not run when the certificate did not verify (no credentials sent), or no session") {
    auto facts = sign_in::healthy();
    auto& session = sign_in::walked(facts);
    session.edge_config.outcome = mra::facts::HttpOutcome::untrusted;
    session.edge_config.status = 0;
    session.edge_config.error = "certificate signed by an unknown authority";
    session.config.reset();
    const auto results = mra::test::run_check("edge.config", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message ==
          "credentials withheld: the certificate did not verify (certificate signed by an unknown authority); to "
          "sign in anyway, pin its key with --pin-sha256 or waive the check with --insecure");

    sign_in::check_not_run_without_session("edge.config", false);
}
