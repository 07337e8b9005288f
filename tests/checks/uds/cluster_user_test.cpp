#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("uds.cluster-user: the user is found with a home cluster, naming the server asked") {
    const auto results = mra::test::run_check("uds.cluster-user", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message ==
          "test1 has home cluster cucm.example.com (asked of https://cucm.example.com:8443, a _cisco-uds server)");
    CHECK(results[0].evidence["home_cluster"] == "cucm.example.com");
}

TEST_CASE("uds.cluster-user: a user not found fails, naming the user and the server asked") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).uds.user_found = false;
    sign_in::walked(facts).uds.home_cluster.clear();
    const auto results = mra::test::run_check("uds.cluster-user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with(
        "https://cucm.example.com:8443 (a _cisco-uds server) does not find test1 (clusterUser found=false)"));
    CHECK(results[0].message.find("ILS") != std::string::npos);
}

TEST_CASE("uds.cluster-user: a user found without a home cluster fails") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).uds.home_cluster.clear();
    const auto results = mra::test::run_check("uds.cluster-user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message == "UDS finds test1 but names no home cluster");
}

TEST_CASE("uds.cluster-user: a refused request fails with its cause") {
    auto facts = sign_in::healthy();
    auto& cluster_user = sign_in::walked(facts).uds.cluster_user;
    cluster_user = sign_in::with_status(cluster_user, 403);
    const auto results = mra::test::run_check("uds.cluster-user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with(
        "cucm-uds/clusterUser on https://cucm.example.com:8443: 403 Forbidden: Expressway-C's HTTP allow list lacks "
        "this server"));
}

TEST_CASE("uds.cluster-user: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("uds.cluster-user");

    auto facts = sign_in::healthy();
    auto& cluster_user = sign_in::walked(facts).uds.cluster_user;
    cluster_user = sign_in::not_sent(cluster_user, "cucm-uds/version failed");
    const auto results = mra::test::run_check("uds.cluster-user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "cucm-uds/version failed");
}
